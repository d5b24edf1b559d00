//! The registry as validated data: every CSV row, typed, with its contacts
//! resolved against the XML's people and its aliases and status worked out.

use std::collections::{BTreeMap, HashMap};

use crate::csv_source::{Column, CsvRow};
use crate::error::Error;
use crate::xml_source::{Person, XmlData};

/// Transport protocols, in the order the runtime's `Protocol` enum uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Proto {
    /// TCP
    Tcp,
    /// UDP
    Udp,
    /// SCTP
    Sctp,
    /// DCCP
    Dccp,
}

impl Proto {
    /// All four, in enum order.
    pub const ALL: [Proto; 4] = [Proto::Tcp, Proto::Udp, Proto::Sctp, Proto::Dccp];

    /// Position in [`Proto::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The registry's lower-case spelling.
    pub fn as_str(self) -> &'static str {
        ["tcp", "udp", "sctp", "dccp"][self as usize]
    }
}

/// What a row says about the ports it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// A named row: the port is assigned to that service.
    Assigned,
    /// A nameless row set aside: `Reserved`, `any private … service`, and
    /// every other nameless text not listed under [`Status::Unassigned`].
    Reserved,
    /// A nameless row that frees the port: `Unassigned` (any case or in
    /// parentheses), `De-registered`, `Removed`, `Deprecated`,
    /// `Decommissioned`/`De-Commissioned` (and the misspelt `Decomissioned`).
    Unassigned,
}

/// One validated registry row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Line in the CSV where the row starts.
    pub line: u64,
    /// Service name as written, if any.
    pub name: Option<String>,
    /// Inclusive port range, if the row has a port.
    pub ports: Option<(u16, u16)>,
    /// Whether the port column is written as a range, even of one port
    /// (`4748-4748`), so that it can be shown as written.
    pub written_as_range: bool,
    /// Protocol, if the row names one (a row without applies to all).
    pub proto: Option<Proto>,
    /// Description.
    pub description: String,
    /// Assignee ids, brackets removed, in order.
    pub assignee: Vec<String>,
    /// Contact ids, brackets removed, in order.
    pub contact: Vec<String>,
    /// Registration date as written.
    pub registration_date: String,
    /// Modification date as written.
    pub modification_date: String,
    /// Reference as written (`[RFC6335]`).
    pub reference: String,
    /// DCCP service code as written.
    pub service_code: String,
    /// Unauthorized use reported.
    pub unauthorized_use: String,
    /// Assignment notes.
    pub notes: String,
    /// Name this row is a historic alias of (the target's spelling).
    pub alias_of: Option<String>,
    /// Assigned / Reserved / Unassigned.
    pub status: Status,
}

impl Row {
    /// Whether this row covers `port` on `proto` (a protocol-less row covers all).
    pub fn covers(&self, port: u16, proto: Proto) -> bool {
        self.proto.is_none_or(|p| p == proto) && self.ports.is_some_and(|(a, b)| a <= port && port <= b)
    }
}

/// The whole validated registry.
#[derive(Debug, Clone)]
pub struct Registry {
    /// `<title>`.
    pub title: String,
    /// `<updated>`.
    pub updated: String,
    /// Rows in registry (file) order.
    pub rows: Vec<Row>,
    /// People sorted by id (byte order), for binary search at run time.
    pub people: Vec<Person>,
    /// Contact ids the rows name that are not in `people`, sorted, each
    /// once: a CSV of another date than the XML names people dropped since.
    /// They stay ids (printed, but with no name or organisation).
    pub bare_ids: Vec<String>,
    /// What was accepted but deserves a look, one line each, located
    /// (`path:line: …` or `path: …`). `build.rs` prints them as
    /// `cargo:warning`s.
    pub warnings: Vec<String>,
}

/// `YYYY-MM` or `YYYY-MM-DD` with a real month and day.
pub fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
                && (1..=31).contains(&d.parse::<u32>().unwrap_or(0))
        }
        _ => false,
    }
}

/// The status a row gives the ports it covers (see [`Status`] for the rule).
pub fn status_of(name: Option<&str>, description: &str) -> Status {
    if name.is_some() {
        return Status::Assigned;
    }
    let text = description.trim().to_ascii_lowercase();
    let freed = [
        "unassigned",
        "(unassigned)",
        "de-registered",
        "removed",
        "deprecated",
        "decomissioned",
        "decommissioned",
        "de-commissioned",
    ];
    if freed.iter().any(|word| text.starts_with(word)) { Status::Unassigned } else { Status::Reserved }
}

const ALIAS_PREFIX: &str = "This entry is an alias to \"";

/// Types and validates the CSV's rows alone (no XML): every column, the
/// names, the aliases and the conflicts. Contacts stay ids. `csv_path` is
/// used in error messages.
pub fn rows_from_csv(csv_path: &str, rows: &[CsvRow]) -> Result<Vec<Row>, Error> {
    let mut out = Vec::with_capacity(rows.len());
    for raw in rows {
        out.push(row_from_csv(raw).map_err(|message| Error::at(csv_path, raw.line, message))?);
    }
    // Record indices are u16 in the tables; say so instead of overflowing.
    if out.len() > usize::from(u16::MAX) {
        let last = out.last().map_or(1, |r| r.line);
        return Err(Error::at(
            csv_path,
            last,
            format!("the registry has {} rows; the tables hold at most {}", out.len(), u16::MAX),
        ));
    }
    check_names(csv_path, &mut out)?;
    check_conflicts(csv_path, &out)?;
    Ok(out)
}

/// One row typed; the error is the message without its location.
fn row_from_csv(raw: &CsvRow) -> Result<Row, String> {
    for (column, value) in raw.fields() {
        // Only free-text columns may span lines or carry control bytes.
        if !column.is_free_text() && value.chars().any(char::is_control) {
            return Err(format!(
                "field `{}` holds a line break or control character: `{}`",
                column.title(),
                value.escape_debug()
            ));
        }
    }
    let name = match raw.service_name.as_str() {
        "" => None,
        n if n.trim() != n => return Err(format!("service name `{n}` has leading or trailing spaces")),
        n => Some(n.to_owned()),
    };
    let ports = parse_ports(&raw.port_number)?;
    let proto = match raw.transport_protocol.as_str() {
        "" => None,
        "tcp" => Some(Proto::Tcp),
        "udp" => Some(Proto::Udp),
        "sctp" => Some(Proto::Sctp),
        "dccp" => Some(Proto::Dccp),
        other => {
            return Err(format!("unknown transport protocol `{other}` (expected tcp, udp, sctp, dccp or nothing)"));
        }
    };
    if name.is_none() && ports.is_none() {
        return Err("row has neither a service name nor a port".to_owned());
    }
    let assignee = parse_ids(Column::Assignee.title(), &raw.assignee)?;
    let contact = parse_ids(Column::Contact.title(), &raw.contact)?;
    for column in [Column::RegistrationDate, Column::ModificationDate] {
        let value = raw.get(column);
        if !value.is_empty() && !is_date(value) {
            return Err(format!("bad {} `{value}`: expected YYYY-MM or YYYY-MM-DD", column.title()));
        }
    }
    if !raw.service_code.is_empty() && raw.service_code.parse::<u32>().is_err() {
        return Err(format!("bad Service Code `{}`: expected a number of at most 32 bits", raw.service_code));
    }
    let notes = &raw.assignment_notes;
    let alias_of = notes.find(ALIAS_PREFIX).map(|start| {
        let rest = &notes[start + ALIAS_PREFIX.len()..];
        rest.split('"').next().unwrap_or("").to_owned()
    });
    let status = status_of(name.as_deref(), &raw.description);
    Ok(Row {
        line: raw.line,
        name,
        ports,
        written_as_range: raw.port_number.contains('-'),
        proto,
        description: raw.description.clone(),
        assignee,
        contact,
        registration_date: raw.registration_date.clone(),
        modification_date: raw.modification_date.clone(),
        reference: raw.reference.clone(),
        service_code: raw.service_code.clone(),
        unauthorized_use: raw.unauthorized_use.clone(),
        notes: notes.clone(),
        alias_of,
        status,
    })
}

/// How many bare ids the warning names before `…`.
const BARE_IDS_SHOWN: usize = 5;

/// Joins the validated rows with the XML's title, date and people. A
/// contact id with no person is kept as a bare id, with one warning for
/// all of them. `csv_path` is used in messages.
pub fn build(csv_path: &str, rows: Vec<Row>, xml: XmlData) -> Result<Registry, Error> {
    let mut people = xml.people;
    people.sort_by(|a, b| a.id.cmp(&b.id));
    for pair in people.windows(2) {
        if pair[0].id == pair[1].id {
            return Err(Error::file(csv_path, format!("the XML lists person `{}` twice", pair[0].id)));
        }
    }
    let known = |id: &str| people.binary_search_by(|p| p.id.as_str().cmp(id)).is_ok();
    // Bare id -> first line naming it.
    let mut bare: BTreeMap<&str, u64> = BTreeMap::new();
    for row in &rows {
        for id in row.assignee.iter().chain(&row.contact) {
            if !known(id) {
                bare.entry(id).or_insert(row.line);
            }
        }
    }
    let mut warnings = Vec::new();
    if !bare.is_empty() {
        let mut first: Vec<(&str, u64)> = bare.iter().map(|(&id, &line)| (id, line)).collect();
        first.sort_by_key(|&(_, line)| line);
        let shown: Vec<String> =
            first.iter().take(BARE_IDS_SHOWN).map(|(id, line)| format!("[{id}] (line {line})")).collect();
        let more = if bare.len() > BARE_IDS_SHOWN { ", …" } else { "" };
        warnings.push(format!(
            "{csv_path}: {} contact id(s) have no <person> in the XML's people table and stay bare ids \
             (no name or organisation): {}{more}; give the XML of the CSV's date to resolve them",
            bare.len(),
            shown.join(", ")
        ));
    }
    let bare_ids = bare.keys().map(|&id| id.to_owned()).collect();
    Ok(Registry { title: xml.title, updated: xml.updated, rows, people, bare_ids, warnings })
}

fn parse_ports(text: &str) -> Result<Option<(u16, u16)>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    let number = |s: &str| -> Result<u16, String> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("bad port `{text}`: expected a number 0-65535 or a range like 6000-6063"));
        }
        s.parse::<u16>().map_err(|_| format!("bad port `{text}`: {s} is outside 0-65535"))
    };
    let (start, end) = match text.split_once('-') {
        Some((a, b)) => (number(a)?, number(b)?),
        None => {
            let p = number(text)?;
            (p, p)
        }
    };
    if start > end {
        return Err(format!("bad port range `{text}`: it starts after it ends"));
    }
    Ok(Some((start, end)))
}

fn parse_ids(column: &str, text: &str) -> Result<Vec<String>, String> {
    let mut ids = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let inner = rest
            .strip_prefix('[')
            .and_then(|r| r.split_once(']'))
            .filter(|(id, _)| !id.is_empty() && !id.contains('['));
        match inner {
            Some((id, after)) => {
                ids.push(id.to_owned());
                rest = after;
            }
            None => return Err(format!("{column} `{text}` is not a list of [id]s")),
        }
    }
    Ok(ids)
}

/// Names are case-insensitive (RFC 6335): two spellings of one name would
/// make lookups ambiguous. Aliases must point at a name that exists; the
/// target is stored in its registered spelling.
fn check_names(path: &str, rows: &mut [Row]) -> Result<(), Error> {
    let mut spelling: HashMap<String, (String, u64)> = HashMap::new();
    for row in rows.iter() {
        if let Some(name) = &row.name {
            let entry = spelling.entry(name.to_ascii_lowercase()).or_insert((name.clone(), row.line));
            if entry.0 != *name {
                return Err(Error::at(
                    path,
                    row.line,
                    format!("service name `{name}` differs only in case from `{}` on line {}", entry.0, entry.1),
                ));
            }
        }
    }
    for row in rows.iter_mut() {
        if let Some(target) = &row.alias_of {
            match spelling.get(&target.to_ascii_lowercase()) {
                Some((canonical, _)) => row.alias_of = Some(canonical.clone()),
                None => {
                    return Err(Error::at(path, row.line, format!("alias of `{target}`, which no row names")));
                }
            }
        }
    }
    Ok(())
}

/// Two rows conflict when they would answer the same query two ways:
/// the same name on the same protocol on overlapping ports, or the same
/// name without a port twice with identical text.
fn check_conflicts(path: &str, rows: &[Row]) -> Result<(), Error> {
    let mut by_name: HashMap<String, Vec<&Row>> = HashMap::new();
    for row in rows {
        if let Some(name) = &row.name {
            by_name.entry(name.to_ascii_lowercase()).or_default().push(row);
        }
    }
    for group in by_name.values() {
        for (i, a) in group.iter().enumerate() {
            for b in &group[..i] {
                let same_proto = a.proto.is_none() || b.proto.is_none() || a.proto == b.proto;
                let clash = match (a.ports, b.ports) {
                    (Some((a0, a1)), Some((b0, b1))) => same_proto && a0 <= b1 && b0 <= a1,
                    (None, None) => a.proto == b.proto && a.description == b.description,
                    _ => false,
                };
                if clash {
                    return Err(Error::at(
                        path,
                        a.line,
                        format!(
                            "conflicts with line {}: `{}` is registered twice for the same protocol and port",
                            b.line,
                            a.name.as_deref().unwrap_or_default()
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_date("2006-12"));
        assert!(is_date("2023-08-04"));
        assert!(!is_date("2023-13"));
        assert!(!is_date("2023-8-04"));
        assert!(!is_date("20230804"));
        assert!(!is_date(""));
    }

    #[test]
    fn ports() {
        assert_eq!(parse_ports("6000-6063"), Ok(Some((6000, 6063))));
        assert_eq!(parse_ports("4748-4748"), Ok(Some((4748, 4748))));
        assert_eq!(parse_ports(""), Ok(None));
        assert!(parse_ports("70000").unwrap_err().contains("outside 0-65535"));
        assert!(parse_ports("12-3").unwrap_err().contains("starts after it ends"));
        assert!(parse_ports("x").is_err());
        assert!(parse_ports("1-").is_err());
    }

    #[test]
    fn ids() {
        assert_eq!(parse_ids("Contact", "[A][B_c]").unwrap(), ["A", "B_c"]);
        assert!(parse_ids("Contact", "[A").is_err());
        assert!(parse_ids("Contact", "A").is_err());
        assert!(parse_ids("Contact", "[]").is_err());
    }

    #[test]
    fn status_rule() {
        assert_eq!(status_of(Some("http"), "x"), Status::Assigned);
        assert_eq!(status_of(None, "Reserved"), Status::Reserved);
        assert_eq!(status_of(None, "any private mail system"), Status::Reserved);
        assert_eq!(status_of(None, "Unassigned"), Status::Unassigned);
        assert_eq!(status_of(None, "unassigned"), Status::Unassigned);
        assert_eq!(status_of(None, "(unassigned) Possibly assigned"), Status::Unassigned);
        assert_eq!(status_of(None, "De-registered"), Status::Unassigned);
        assert_eq!(status_of(None, "Removed"), Status::Unassigned);
        assert_eq!(status_of(None, "Decomissioned Port 04/14/00, ms"), Status::Unassigned);
    }
}
