//! `iana-ports diff FILE`: how a file differs from the compiled-in
//! snapshot. FILE is IANA's CSV (recognised by its header), IANA's XML
//! (recognised by its `<?xml` or `<registry` start; its records read as the
//! generator reads them, as the CSV's rows) or an `/etc/services` file
//! (services(5)); the exit status follows diff(1).
//!
//! **CSV or XML.** Rows are keyed by (service name in lower case, port or range as
//! written, protocol in lower case) and counted as a multiset (`rdp` has two
//! port-less rows). The snapshot is the newer side: *added* rows are in the
//! snapshot and not in FILE, *removed* rows in FILE and not in the snapshot,
//! *changed* rows share a key and differ in another column. Rows sharing a
//! key are paired identical ones first, then in file order.
//!
//! **/etc/services.** Every (name or alias, port, protocol) of the file gets
//! a [`Verdict`], with the names the registry has on that port and protocol.

use std::collections::HashMap;
use std::fmt::Write as _;

use iana_ports::{PortRange, Protocol, Record};
use iana_ports_gen::csv_source::{self, HEADER};
use iana_ports_gen::{model, xml_source};
use serde_json::{Value, json};

use crate::json::{RowFields, fields};
use crate::shown;

/// A fault in FILE: `path:line: what is wrong` (line 0: the whole file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffError(pub String);

impl std::fmt::Display for DiffError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DiffError {}

/// The JSON keys of the twelve CSV columns, in [`HEADER`] order.
pub const COLUMN_KEYS: [&str; 12] = [
    "service_name",
    "ports",
    "protocol",
    "description",
    "assignee",
    "contact",
    "registration_date",
    "modification_date",
    "reference",
    "service_code",
    "unauthorized_use",
    "notes",
];

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether `bytes` start with IANA's CSV header (after an optional BOM).
pub fn is_iana_csv(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let header = HEADER.join(",");
    bytes.starts_with(header.as_bytes())
}

/// Whether `bytes` look like an XML document (after an optional BOM and
/// blank space): `<?xml`, a comment or IANA's root element; or UTF-16 text
/// starting with `<`, which the XML reader then refuses by name (as
/// /etc/services it was "not UTF-8 text").
pub fn is_xml(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE<\0") || bytes.starts_with(b"\xFE\xFF\0<") {
        return true;
    }
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    ["<?xml", "<!--", "<registry"].iter().any(|s| bytes[start..].starts_with(s.as_bytes()))
}

/// The answer to `diff`: a CSV comparison or an /etc/services report.
#[derive(Debug)]
pub enum Report {
    /// FILE was IANA's CSV or XML.
    Csv(CsvDiff),
    /// FILE was an /etc/services file.
    Services(ServicesReport),
}

/// Compares `bytes`, the contents of `path`, with the compiled-in snapshot.
pub fn diff(path: &str, bytes: &[u8]) -> Result<Report, DiffError> {
    let located = |e: iana_ports_gen::Error| DiffError(e.to_string());
    let written = if is_iana_csv(bytes) {
        // The generator's reader and checks (`read_csv` is these two steps;
        // the written text is kept for the key's "port as written").
        // The reader refuses a header without rows itself, at its line.
        csv_source::read_rows(path, bytes.strip_prefix(BOM).unwrap_or(bytes)).map_err(located)?
    } else if is_xml(bytes) {
        // The XML's records as the generator reads them: the CSV's columns.
        let records = xml_source::read_xml(path, bytes).map_err(located)?.records;
        if records.is_empty() {
            return Err(DiffError(format!("{path}: the XML has no <record> (cut short?)")));
        }
        records
    } else {
        return services(path, bytes).map(Report::Services);
    };
    let typed = model::rows_from_csv(path, &written).map_err(located)?;
    let rows = written
        .iter()
        .zip(typed)
        .map(|(w, row)| FileRow { line: w.line, fields: w.fields().map(|(_, text)| text.to_owned()), row })
        .collect();
    Ok(Report::Csv(compare_csv(rows)))
}

impl Report {
    /// Whether FILE says the same as the snapshot (exit status 0).
    pub fn same(&self) -> bool {
        match self {
            Report::Csv(d) => d.added.is_empty() && d.removed.is_empty() && d.changed.is_empty(),
            Report::Services(s) => s.entries.iter().all(|e| e.verdict == Verdict::Registered),
        }
    }

    /// The text report: a summary line, then the differences.
    pub fn text(&self) -> String {
        match self {
            Report::Csv(d) => d.text(),
            Report::Services(s) => s.text(),
        }
    }

    /// The JSON report.
    pub fn json(&self) -> Value {
        match self {
            Report::Csv(d) => d.json(),
            Report::Services(s) => s.json(),
        }
    }
}

// ---- CSV ----

/// One row of FILE: its line, its twelve columns as written, and the row
/// as the generator reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRow {
    /// Line where the row starts.
    pub line: u64,
    /// The columns, in [`HEADER`] order.
    pub fields: [String; 12],
    /// The row typed and checked (`iana_ports_gen::read_csv`'s row).
    pub row: model::Row,
}

/// A row present on both sides with other columns different.
#[derive(Debug, Clone)]
pub struct Change {
    /// FILE's row.
    pub before: FileRow,
    /// The snapshot's row.
    pub after: &'static Record,
    /// Indices into [`HEADER`] of the columns that differ.
    pub columns: Vec<usize>,
}

/// The CSV comparison.
#[derive(Debug, Clone, Default)]
pub struct CsvDiff {
    /// In the snapshot, not in FILE (registry order).
    pub added: Vec<&'static Record>,
    /// In FILE, not in the snapshot (file order).
    pub removed: Vec<FileRow>,
    /// Same key, other columns different (file order).
    pub changed: Vec<Change>,
}

/// The snapshot's row as IANA's CSV writes it.
pub fn csv_fields(r: &Record) -> [String; 12] {
    let text = |v: Option<&str>| v.unwrap_or("").to_owned();
    [
        text(r.service_name()),
        r.port_text().map(|p| p.to_string()).unwrap_or_default(),
        text(r.protocol().map(Protocol::as_str)),
        text(r.description()),
        r.assignee().to_string(),
        r.contact().to_string(),
        text(r.registration_date()),
        text(r.modification_date()),
        text(r.reference()),
        r.service_code().map(|c| c.to_string()).unwrap_or_default(),
        text(r.unauthorized_use()),
        text(r.notes()),
    ]
}

type Key = (String, String, String);

fn key(fields: &[String; 12]) -> Key {
    (fields[0].to_ascii_lowercase(), fields[1].clone(), fields[2].to_ascii_lowercase())
}

/// Columns compare as IANA's text, but line ends and the spaces around a
/// field do not count (the CSV is published with CRLF inside fields too).
fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.trim().replace("\r\n", "\n");
    a == b || norm(a) == norm(b)
}

fn differing(a: &[String; 12], b: &[String; 12]) -> Vec<usize> {
    (0..12).filter(|&i| !same_text(&a[i], &b[i])).collect()
}

fn compare_csv(file: Vec<FileRow>) -> CsvDiff {
    let snapshot: Vec<(&'static Record, [String; 12])> =
        iana_ports::records().iter().map(|r| (r, csv_fields(r))).collect();
    let mut by_key: HashMap<Key, Vec<usize>> = HashMap::new();
    for (i, (_, fields)) in snapshot.iter().enumerate() {
        by_key.entry(key(fields)).or_default().push(i);
    }
    let mut file_by_key: HashMap<Key, Vec<usize>> = HashMap::new();
    for (i, row) in file.iter().enumerate() {
        file_by_key.entry(key(&row.fields)).or_default().push(i);
    }
    let mut matched = vec![false; snapshot.len()];
    let mut pairs: Vec<(usize, Option<usize>)> = Vec::new(); // (file row, snapshot row)
    for (k, file_rows) in &file_by_key {
        let mut ours: Vec<usize> = by_key.get(k).cloned().unwrap_or_default();
        let mut left: Vec<usize> = Vec::new();
        // Identical rows first, so one edited row of several does not shift the rest.
        for &f in file_rows {
            match ours.iter().position(|&s| differing(&file[f].fields, &snapshot[s].1).is_empty()) {
                Some(at) => {
                    matched[ours.remove(at)] = true;
                }
                None => left.push(f),
            }
        }
        for f in left {
            let s = if ours.is_empty() { None } else { Some(ours.remove(0)) };
            if let Some(s) = s {
                matched[s] = true;
            }
            pairs.push((f, s));
        }
    }
    pairs.sort_unstable();
    let mut out = CsvDiff::default();
    for (f, s) in pairs {
        match s {
            Some(s) => {
                let columns = differing(&file[f].fields, &snapshot[s].1);
                out.changed.push(Change { before: file[f].clone(), after: snapshot[s].0, columns });
            }
            None => out.removed.push(file[f].clone()),
        }
    }
    out.added = snapshot.iter().zip(&matched).filter(|(_, m)| !**m).map(|((r, _), _)| *r).collect();
    out
}

/// `name port/proto  description`, FILE's text escaped ([`crate::shown`]).
fn label(fields: &[String; 12]) -> String {
    let name = if fields[0].is_empty() { "(no name)" } else { fields[0].as_str() };
    let port = if fields[1].is_empty() { "-" } else { fields[1].as_str() };
    let mut s = format!("{} {}", shown(name), shown(port));
    if !fields[2].is_empty() {
        let _ = write!(s, "/{}", shown(&fields[2]));
    }
    let description = crate::table::one_line(&fields[3]);
    if !description.is_empty() {
        let _ = write!(s, "  {}", shown(&description));
    }
    s
}

/// A column's value between quotes, escaped.
fn quoted(text: &str) -> String {
    format!("\"{}\"", iana_ports::Escaped::new(&crate::table::one_line(text)).quoted())
}

impl CsvDiff {
    /// `N added, N removed, N changed`, then the rows by group.
    pub fn text(&self) -> String {
        let mut s =
            format!("{} added, {} removed, {} changed\n", self.added.len(), self.removed.len(), self.changed.len());
        if !self.added.is_empty() {
            s.push_str("\nadded (in the built-in snapshot, not in FILE):\n");
            for r in &self.added {
                let _ = writeln!(s, "+ {}", label(&csv_fields(r)));
            }
        }
        if !self.removed.is_empty() {
            s.push_str("\nremoved (in FILE, not in the built-in snapshot):\n");
            for r in &self.removed {
                let _ = writeln!(s, "- {}  (line {})", label(&r.fields), r.line);
            }
        }
        if !self.changed.is_empty() {
            s.push_str("\nchanged (FILE -> built-in snapshot):\n");
            for c in &self.changed {
                let after = csv_fields(c.after);
                let _ = writeln!(s, "~ {}  (line {})", label(&after), c.before.line);
                for &i in &c.columns {
                    let _ = writeln!(s, "    {}: {} -> {}", HEADER[i], quoted(&c.before.fields[i]), quoted(&after[i]));
                }
            }
        }
        s
    }

    /// `{"added": [record…], "removed": [record…], "changed": [{"before",
    /// "after", "columns"}…]}`, records in the lookup's JSON record form.
    pub fn json(&self) -> Value {
        json!({
            "added": self.added.iter().map(|r| crate::json::record(r)).collect::<Vec<_>>(),
            "removed": self.removed.iter().map(|r| fields(&file_row_fields(r))).collect::<Vec<_>>(),
            "changed": self.changed.iter().map(|c| json!({
                "before": fields(&file_row_fields(&c.before)),
                "after": crate::json::record(c.after),
                "columns": c.columns.iter().map(|&i| COLUMN_KEYS[i]).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }
}

fn file_row_fields(file_row: &FileRow) -> RowFields<'_> {
    let row = &file_row.row;
    fn opt(s: &str) -> Option<&str> {
        if s.is_empty() { None } else { Some(s) }
    }
    RowFields {
        service_name: row.name.as_deref(),
        ports: row.ports.map(|(start, end)| PortRange { start, end }),
        ports_text: opt(&file_row.fields[1]).map(str::to_owned),
        protocol: row.proto.map(|p| Protocol::ALL[p.index()]),
        status: match row.status {
            model::Status::Assigned => "Assigned",
            model::Status::Reserved => "Reserved",
            model::Status::Unassigned => "Unassigned",
        },
        description: opt(&row.description),
        assignee: row.assignee.iter().map(String::as_str).collect(),
        contact: row.contact.iter().map(String::as_str).collect(),
        registration_date: opt(&row.registration_date),
        modification_date: opt(&row.modification_date),
        reference: opt(&row.reference),
        service_code: row.service_code.trim().parse().ok(),
        unauthorized_use: opt(&row.unauthorized_use),
        notes: opt(&row.notes),
        alias_of: row.alias_of.as_deref(),
    }
}

// ---- /etc/services ----

/// What the registry says about one name of an /etc/services line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// The registry has the name, in any case, on a row covering the port
    /// for the protocol or for no protocol.
    Registered,
    /// The name is registered, but not on that port and protocol.
    Elsewhere,
    /// The registry has no such name.
    Unregistered,
    /// The protocol is none of tcp, udp, sctp, dccp (`ddp`).
    OtherProtocol,
}

impl Verdict {
    /// `registered`, `elsewhere`, `unregistered` or `other-protocol`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Registered => "registered",
            Verdict::Elsewhere => "elsewhere",
            Verdict::Unregistered => "unregistered",
            Verdict::OtherProtocol => "other-protocol",
        }
    }
}

/// One (name or alias, port, protocol) of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Line in the file.
    pub line: u64,
    /// The name or alias.
    pub name: String,
    /// The line's first name when `name` is one of its aliases.
    pub alias_of: Option<String>,
    /// The port.
    pub port: u16,
    /// The protocol, as written.
    pub protocol: String,
    /// The verdict.
    pub verdict: Verdict,
    /// The service names the registry has on that port and protocol, in
    /// registry order, each once.
    pub registry: Vec<&'static str>,
}

/// Every entry of an /etc/services file, with its verdict.
#[derive(Debug, Clone)]
pub struct ServicesReport {
    /// The file's path as given.
    pub path: String,
    /// Entries in file order (a line's name, then its aliases).
    pub entries: Vec<Entry>,
}

/// The names the registry has on `port`/`protocol`, each once.
fn names_on(port: u16, protocol: Protocol) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for name in iana_ports::by_port(port, protocol).filter_map(|r| r.service_name()) {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            names.push(name);
        }
    }
    names
}

/// The verdict on `name` at `port`/`protocol` (see [`Verdict`]).
pub fn verdict(name: &str, port: u16, protocol: &str) -> (Verdict, Vec<&'static str>) {
    let Some(p) = Protocol::parse(protocol) else {
        return (Verdict::OtherProtocol, Vec::new());
    };
    let registry = names_on(port, p);
    let verdict = if registry.iter().any(|n| n.eq_ignore_ascii_case(name)) {
        Verdict::Registered
    } else if iana_ports::by_name(name).len() > 0 {
        Verdict::Elsewhere
    } else {
        Verdict::Unregistered
    };
    (verdict, registry)
}

/// The most entries (names and aliases) [`services`] keeps: 20 times the
/// registry's own `--etc-services` (about 12,500), so that memory stays
/// bounded however short FILE's lines are.
pub const MAX_SERVICES_ENTRIES: usize = 1 << 18;

/// Reads an /etc/services file: `name port/protocol [aliases…] [# comment]`
/// per line. A line that is not blank or a comment and not of that form is
/// an error naming the line, and so is the line that takes the entries past
/// [`MAX_SERVICES_ENTRIES`].
pub fn services(path: &str, bytes: &[u8]) -> Result<ServicesReport, DiffError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut entries = Vec::new();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = i as u64 + 1;
        let at = |what: String| DiffError(format!("{path}:{line}: {what}"));
        let text = std::str::from_utf8(raw).map_err(|_| {
            at("not UTF-8 text: expected IANA's CSV (its header line first) or an /etc/services file".into())
        })?;
        let text = text.split('#').next().unwrap_or("");
        let mut words = text.split_whitespace();
        let Some(name) = words.next() else { continue };
        let expected = "expected `name port/protocol [aliases...]` (services(5)) or IANA's CSV (its header line first)";
        let Some(port_proto) = words.next() else {
            return Err(at(format!("{name:?} has no port/protocol: {expected}")));
        };
        let Some((port, protocol)) = port_proto.split_once('/') else {
            return Err(at(format!("{port_proto:?} is not port/protocol: {expected}")));
        };
        let port: u16 = match port.parse() {
            Ok(p) if port.bytes().all(|b| b.is_ascii_digit()) => p,
            _ => return Err(at(format!("{port:?} is not a port 0-65535: {expected}"))),
        };
        if protocol.is_empty() {
            return Err(at(format!("{port_proto:?} has no protocol after the `/`: {expected}")));
        }
        for (k, alias) in std::iter::once(name).chain(words).enumerate() {
            if entries.len() == MAX_SERVICES_ENTRIES {
                return Err(at(format!(
                    "more than {MAX_SERVICES_ENTRIES} entries (names and aliases), the most diff reads: \
                     not a services file?"
                )));
            }
            let (verdict, registry) = verdict(alias, port, protocol);
            entries.push(Entry {
                line,
                name: alias.to_owned(),
                alias_of: (k > 0).then(|| name.to_owned()),
                port,
                protocol: protocol.to_owned(),
                verdict,
                registry,
            });
        }
    }
    if entries.is_empty() {
        return Err(DiffError(format!(
            "{path}: no entries: expected IANA's CSV (its header line first) or an /etc/services file"
        )));
    }
    Ok(ServicesReport { path: path.to_owned(), entries })
}

impl ServicesReport {
    fn count(&self, v: Verdict) -> usize {
        self.entries.iter().filter(|e| e.verdict == v).count()
    }

    /// A summary line, then every entry that is not `registered`, grouped by
    /// verdict, with the names the registry has there.
    pub fn text(&self) -> String {
        let all = [Verdict::Registered, Verdict::Elsewhere, Verdict::Unregistered, Verdict::OtherProtocol];
        let counts: Vec<String> = all.iter().map(|&v| format!("{} {}", self.count(v), v.as_str())).collect();
        let mut s = format!("{}: {} entries: {}\n", shown(&self.path), self.entries.len(), counts.join(", "));
        let heading = |v: Verdict| match v {
            Verdict::Elsewhere => "registered, but not on this port/protocol",
            Verdict::Unregistered => "not in the registry",
            Verdict::OtherProtocol => "a protocol the registry does not cover",
            Verdict::Registered => "registered",
        };
        for v in &all[1..] {
            let entries: Vec<&Entry> = self.entries.iter().filter(|e| e.verdict == *v).collect();
            if entries.is_empty() {
                continue;
            }
            let _ = writeln!(s, "\n{} ({}):", v.as_str(), heading(*v));
            let width = entries
                .iter()
                .map(|e| shown(&e.name).len() + e.port.to_string().len() + shown(&e.protocol).len() + 2)
                .max();
            for e in entries {
                let spec = format!("{} {}/{}", shown(&e.name), e.port, shown(&e.protocol));
                let mut line = format!("  {spec:<w$}", w = width.unwrap_or(0));
                if let Some(of) = &e.alias_of {
                    let _ = write!(line, "  (alias of {})", shown(of));
                }
                match (e.verdict, e.registry.is_empty()) {
                    (Verdict::OtherProtocol, _) => {}
                    (_, true) => line.push_str("  registry: nothing on this port"),
                    (_, false) => {
                        let _ = write!(line, "  registry: {}", e.registry.join(", "));
                    }
                }
                if e.verdict == Verdict::Elsewhere {
                    let at = registered_at(&e.name);
                    if !at.is_empty() {
                        let _ = write!(line, "; {} is {}", shown(&e.name), at);
                    }
                }
                let _ = writeln!(s, "{}", line.trim_end());
            }
        }
        s
    }

    /// `{"entries": [{"name", "port", "protocol", "verdict", "registry"}…]}`.
    pub fn json(&self) -> Value {
        json!({
            "entries": self.entries.iter().map(|e| json!({
                "name": e.name,
                "port": e.port,
                "protocol": e.protocol,
                "verdict": e.verdict.as_str(),
                "registry": e.registry,
            })).collect::<Vec<_>>(),
        })
    }
}

/// Where the registry has `name`: `80/tcp, 80/udp` (ported rows, each once).
fn registered_at(name: &str) -> String {
    let mut at: Vec<String> = Vec::new();
    for r in iana_ports::by_name(name) {
        let Some(ports) = r.ports() else { continue };
        let spec = match r.protocol() {
            Some(p) => format!("{ports}/{p}"),
            None => format!("{ports}"),
        };
        if !at.contains(&spec) {
            at.push(spec);
        }
    }
    match at.is_empty() {
        true => "registered without a port".to_owned(),
        false => format!("at {}", at.join(", ")),
    }
}
