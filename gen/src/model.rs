//! The registry as validated data: every CSV row, typed, with its contacts
//! resolved against the XML's people and its aliases and status worked out.

use std::collections::{BTreeMap, HashMap};

use crate::csv_source::{Column, CsvRow};
use crate::error::Error;
use crate::syntax::{is_date, parse_ids, parse_ports};
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
    /// The longest text of any one column as `search` reads it (ids with
    /// their brackets, ports as `start-end`), in bytes.
    pub fn longest_column(&self) -> usize {
        let ids = |ids: &[String]| ids.iter().map(|id| id.len() + 2).sum::<usize>();
        let ports = self.ports.map_or(0, |(a, b)| format!("{a}-{b}").len());
        [
            self.name.as_ref().map_or(0, String::len),
            ports,
            self.proto.map_or(0, |p| p.as_str().len()),
            self.description.len(),
            ids(&self.assignee),
            ids(&self.contact),
            self.registration_date.len(),
            self.modification_date.len(),
            self.reference.len(),
            self.service_code.len(),
            self.unauthorized_use.len(),
            self.notes.len(),
        ]
        .into_iter()
        .max()
        .unwrap_or(0)
    }

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

/// Types and validates rows of the twelve CSV columns, read from the CSV or
/// from the XML's records, without the people table: every column, the
/// names, the aliases and the conflicts. Contacts stay ids. `csv_path` is
/// the file the rows were read from, for error messages.
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
        n if !n.is_ascii() => {
            return Err(format!(
                "service name `{n}` is not ASCII: RFC 6335 names are ASCII letters, digits and hyphens; \
                 spell it in ASCII"
            ));
        }
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

/// How many items a warning names before `…`.
const WARNING_SHOWS: usize = 5;

/// RFC 6335 §5.1: a service name is 1 to 15 characters.
pub const RFC6335_NAME_MAX: usize = 15;

/// `a (line 2), b (line 7), …`: the first [`WARNING_SHOWS`] items with their lines.
fn first_few(items: &[(String, u64)]) -> String {
    let shown: Vec<String> =
        items.iter().take(WARNING_SHOWS).map(|(item, line)| format!("{item} (line {line})")).collect();
    let more = if items.len() > WARNING_SHOWS { ", …" } else { "" };
    shown.join(", ") + more
}

/// Joins the validated rows with the XML's title, date and people. A
/// contact id with no person is kept as a bare id, with one warning for
/// all of them. `csv_path` is used in messages.
pub fn build(csv_path: &str, rows: Vec<Row>, xml: XmlData) -> Result<Registry, Error> {
    // Sorted for binary search; `xml_source` refused duplicate ids.
    let mut people = xml.people;
    people.sort_by(|a, b| a.id.cmp(&b.id));
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
        let mut first: Vec<(String, u64)> = bare.iter().map(|(&id, &line)| (format!("[{id}]"), line)).collect();
        first.sort_by_key(|&(_, line)| line);
        warnings.push(format!(
            "{csv_path}: {} contact id(s) have no <person> in the XML's people table and stay bare ids \
             (no name or organisation): {}; give the XML of the CSV's date to resolve them",
            bare.len(),
            first_few(&first)
        ));
    }
    let long: Vec<(String, u64)> = rows
        .iter()
        .filter_map(|row| {
            row.name.as_ref().filter(|n| n.len() > RFC6335_NAME_MAX).map(|n| (format!("`{n}`"), row.line))
        })
        .collect();
    if !long.is_empty() {
        warnings.push(format!(
            "{csv_path}: {} service name(s) are longer than RFC 6335's {RFC6335_NAME_MAX} characters \
             (kept as written, since the registry's rules may change): {}",
            long.len(),
            first_few(&long)
        ));
    }
    // RFC 6335 §5.1 allows letters, digits and hyphens only; IANA's own
    // rows hold `/` and `.` too, so only whitespace (which /etc/services
    // cannot hold either) is warned about.
    let spaced: Vec<(String, u64)> = rows
        .iter()
        .filter_map(|row| {
            row.name.as_ref().filter(|n| n.contains(char::is_whitespace)).map(|n| (format!("`{n}`"), row.line))
        })
        .collect();
    if !spaced.is_empty() {
        warnings.push(format!(
            "{csv_path}: {} service name(s) hold whitespace, which RFC 6335 forbids (kept as written, \
             since the registry's rules may change; --etc-services writes them as `#!` comments): {}",
            spaced.len(),
            first_few(&spaced)
        ));
    }
    let bare_ids = bare.keys().map(|&id| id.to_owned()).collect();
    Ok(Registry { title: xml.title, updated: xml.updated, rows, people, bare_ids, warnings })
}

/// The rows' and the XML records' keys as multisets (name, port or range,
/// protocol): `None` when they agree, else one line naming the counts and
/// the first differences. For a CSV and XML the user gave as one snapshot;
/// a mismatch is their choice to make, so it warns and does not fail.
pub fn compare_records(csv_path: &str, rows: &[Row], xml_path: &str, records: &[CsvRow]) -> Option<String> {
    // Ports in one spelling on both sides (`80`, `6000-6063`).
    let port_text = |ports: Option<(u16, u16)>| match ports {
        None => String::new(),
        Some((a, b)) if a == b => a.to_string(),
        Some((a, b)) => format!("{a}-{b}"),
    };
    // `name 80/tcp`, `80/tcp`, `name /tcp`, `name`.
    let describe = |(name, port, proto): &(String, String, String)| {
        let place = if proto.is_empty() { port.clone() } else { format!("{port}/{proto}") };
        [name.as_str(), place.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" ")
    };
    type Key = (String, String, String);
    let mut only_csv: BTreeMap<Key, Vec<u64>> = BTreeMap::new();
    for row in rows {
        let proto = row.proto.map_or("", Proto::as_str).to_owned();
        let key = (row.name.clone().unwrap_or_default(), port_text(row.ports), proto);
        only_csv.entry(key).or_default().push(row.line);
    }
    let mut only_xml: Vec<(&CsvRow, String)> = Vec::new();
    for record in records {
        let number = parse_ports(&record.port_number).map_or_else(|_| record.port_number.clone(), port_text);
        let key = (record.service_name.clone(), number, record.transport_protocol.clone());
        match only_csv.get_mut(&key) {
            Some(lines) if !lines.is_empty() => {
                lines.remove(0);
            }
            _ => only_xml.push((record, describe(&key))),
        }
    }
    let mut only_csv: Vec<(u64, String)> = only_csv
        .into_iter()
        .flat_map(|(key, lines)| {
            let text = describe(&key);
            lines.into_iter().map(move |l| (l, text.clone()))
        })
        .collect();
    if only_csv.is_empty() && only_xml.is_empty() {
        return None;
    }
    only_csv.sort();
    let mut differences: Vec<(String, u64)> =
        only_csv.iter().map(|(line, key)| (format!("`{key}` only in the CSV"), *line)).collect();
    differences.extend(only_xml.iter().map(|(r, key)| (format!("`{key}` only in the XML"), r.line)));
    Some(format!(
        "{csv_path} and {xml_path} disagree ({} CSV rows, {} XML records; {} only in the CSV, {} only in the XML): {}; \
         the build uses the CSV's rows and the XML's people, title and date",
        rows.len(),
        records.len(),
        only_csv.len(),
        only_xml.len(),
        first_few(&differences)
    ))
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
