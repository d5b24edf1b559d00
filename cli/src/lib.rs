//! The library behind the `iana-ports` command: lookups, `diff` and the
//! output formats (aligned table, `--short`, JSON, `/etc/services`).
//!
//! Queries are read by the library's [`PortSpec`] (one grammar for the
//! crate, `ports!` and this command); [`parse_query`] only keeps, as
//! lookups, the names `PortSpec` refuses because they have no port (DNS-SD
//! names such as `rdp`) or are not registered (answered with suggestions).
//!
//! ```
//! use iana_ports_cli::{parse_query, Target};
//! use iana_ports::Protocol;
//!
//! let q = parse_query("HTTPS/udp").unwrap();
//! assert_eq!((q.target, q.protocol), (Target::Name("https".into()), Some(Protocol::Udp)));
//! assert!(parse_query("70000/tcp").is_err());
//! assert!(parse_query("443/udp/tcp").is_err());
//! ```

#![forbid(unsafe_code)]

use core::fmt;

use iana_ports::{Escaped, PortRange, PortSpec, Protocol, Record, SpecError, SpecErrorKind, SpecTarget, Status};

pub mod answer;
pub mod diff;
pub mod etc_services;
pub mod json;
pub mod man;
pub mod rule;
pub mod streams;
pub mod table;

/// Text the command did not write itself (a file's contents, a snapshot's
/// free text, a path, a query) as it is shown: by the crate's one escaping
/// rule, [`Escaped`], so no control character reaches a terminal.
///
/// ```
/// assert_eq!(iana_ports_cli::shown("a\x1b[2Jb\u{9b}"), "a\\x1b[2Jb\\u{9b}");
/// ```
pub fn shown(text: &str) -> String {
    Escaped::new(text).to_string()
}

/// A message the command assembled around such text, escaped line by line:
/// its line ends are the command's own.
///
/// ```
/// assert_eq!(iana_ports_cli::shown_lines("x: \x07\ny"), "x: \\x07\ny");
/// ```
pub fn shown_lines(message: &str) -> String {
    message.split('\n').map(shown).collect::<Vec<_>>().join("\n")
}

/// A query echoed in a message: quoted, escaped, and cut to its first
/// [`SpecError::INPUT_BYTES`] bytes (`…` marks the cut), as a
/// [`SpecError`]'s message shows it.
///
/// ```
/// assert_eq!(iana_ports_cli::quoted_query("a\"b"), r#""a\"b""#);
/// assert_eq!(iana_ports_cli::quoted_query(&"x".repeat(100)), format!("\"{}…\"", "x".repeat(64)));
/// ```
pub fn quoted_query(text: &str) -> String {
    format!("\"{}\"", Escaped::new(text).quoted().cut(SpecError::INPUT_BYTES))
}

/// clap's error message with every `'quoted'` argument longer than
/// [`SpecError::INPUT_BYTES`] cut to that (`…` marks the cut), as every
/// other message echoes a query.
///
/// ```
/// let long = "x".repeat(100);
/// let cut = iana_ports_cli::cut_quoted(&format!("error: invalid value '{long}' for '--width'"));
/// assert_eq!(cut, format!("error: invalid value '{}…' for '--width'", "x".repeat(64)));
/// ```
pub fn cut_quoted(message: &str) -> String {
    let parts: Vec<String> = message
        .split('\'')
        .enumerate()
        .map(|(i, part)| match i % 2 == 1 && part.len() > SpecError::INPUT_BYTES {
            true => {
                let mut end = SpecError::INPUT_BYTES;
                while !part.is_char_boundary(end) {
                    end -= 1;
                }
                format!("{}…", &part[..end])
            }
            false => part.to_owned(),
        })
        .collect();
    parts.join("'")
}

/// What the command accepts, for error messages and `--help`.
pub const ACCEPTED: &str = "expected PORT (443), PORT/PROTO (443/tcp), START-END[/PROTO] (6000-6063/tcp), \
NAME (https) or NAME/PROTO (HTTPS/udp); PORT is 0-65535, PROTO is tcp, udp, sctp or dccp (any case), \
one PROTO at most";

/// A parsed query: what to look up, and on which protocol (`None`: all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// A port, a range of ports or a service name.
    pub target: Target,
    /// The protocol after the `/`, if any.
    pub protocol: Option<Protocol>,
    /// Why [`PortSpec`] refused the name: not registered
    /// ([`SpecErrorKind::UnknownName`], with suggestions) or without a port
    /// ([`SpecErrorKind::NoPort`]); `None` when it took the query.
    pub refused: Option<SpecError>,
}

/// The part of a query before the `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// One port: `443` (also `443-443`).
    Port(u16),
    /// An inclusive range of ports: `6000-6063` (rows overlapping it).
    Range(PortRange),
    /// A service name: the registry's spelling when it has a port, else as
    /// typed (matched in any case).
    Name(String),
}

/// Parses a command-line query with [`PortSpec::parse`]. A name that
/// `PortSpec` refuses because it has no port, or is not registered, is
/// still a lookup (its rows, or "not found" with suggestions); every other
/// refusal is the error, whose `Display` names the bad input.
///
/// ```
/// use iana_ports_cli::{parse_query, Target};
/// use iana_ports::{PortRange, Protocol, SpecErrorKind};
/// assert_eq!(parse_query("443").unwrap().target, Target::Port(443));
/// let q = parse_query("6000-6063/TCP").unwrap();
/// assert_eq!(q.target, Target::Range(PortRange { start: 6000, end: 6063 }));
/// assert_eq!(q.protocol, Some(Protocol::Tcp));
/// assert_eq!(parse_query("cl/1").unwrap().target, Target::Name("cl/1".into()));
/// // Registered without a port (a DNS-SD name): looked up.
/// assert_eq!(parse_query("rdp").unwrap().refused.unwrap().kind(), SpecErrorKind::NoPort);
/// // Not registered: looked up, with the engine's suggestions.
/// let dns = parse_query("dns").unwrap().refused.unwrap();
/// assert_eq!(dns.suggestions().next().unwrap().name(), "domain");
/// assert_eq!(parse_query("443/tcpp").unwrap_err().kind(), SpecErrorKind::UnknownProtocol);
/// assert_eq!(parse_query("443/udp/tcp").unwrap_err().kind(), SpecErrorKind::TrailingText);
/// ```
pub fn parse_query(text: &str) -> Result<Query, SpecError> {
    match PortSpec::parse(text) {
        Ok(spec) => {
            let target = match spec.target() {
                SpecTarget::Port(port) => Target::Port(port),
                SpecTarget::Range(range) => Target::Range(range),
                SpecTarget::Name(name) => Target::Name(name.to_owned()),
            };
            Ok(Query { target, protocol: spec.protocol(), refused: None })
        }
        Err(e) if matches!(e.kind(), SpecErrorKind::UnknownName | SpecErrorKind::NoPort) => {
            // Both kinds come after a valid protocol and nothing after it,
            // so the name is the text before the last `/` when there is a
            // protocol (`e.part()` holds only its first 32 bytes).
            let text = text.trim_ascii();
            let name = match e.protocol() {
                Some(_) => text.rsplit_once('/').map_or(text, |(name, _)| name),
                None => text,
            };
            Ok(Query { target: Target::Name(name.to_owned()), protocol: e.protocol(), refused: Some(e) })
        }
        Err(e) => Err(e),
    }
}

impl Query {
    /// The protocols this query covers, in [`Protocol::ALL`] order.
    pub fn protocols(&self) -> Vec<Protocol> {
        self.protocol.map_or_else(|| Protocol::ALL.to_vec(), |p| vec![p])
    }

    /// The rows this query selects, in registry order (every row, named or
    /// not, that covers the port or overlaps the range on the protocol, or
    /// that carries the name in any case).
    pub fn rows(&self) -> Vec<&'static Record> {
        let proto_ok = |r: &Record| self.protocol.is_none_or(|p| r.applies_to(p));
        match &self.target {
            Target::Port(port) => match self.protocol {
                Some(p) => iana_ports::by_port(*port, p).collect(),
                None => {
                    iana_ports::records().iter().filter(|r| r.ports().is_some_and(|pr| pr.contains(*port))).collect()
                }
            },
            Target::Range(range) => iana_ports::records()
                .iter()
                .filter(|r| r.ports().is_some_and(|pr| pr.start <= range.end && range.start <= pr.end) && proto_ok(r))
                .collect(),
            Target::Name(name) => iana_ports::by_name(name).filter(|r| proto_ok(r)).collect(),
        }
    }

    /// For a single-port query, the registry's verdict per protocol.
    pub fn port_status(&self) -> Vec<PortStatus> {
        match self.target {
            Target::Port(port) => self
                .protocols()
                .into_iter()
                .map(|protocol| PortStatus {
                    port,
                    protocol,
                    status: iana_ports::status(port, protocol),
                    rows: iana_ports::by_port(port, protocol).len(),
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// What the registry says about one port on one protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PortStatus {
    /// The port.
    pub port: u16,
    /// The protocol.
    pub protocol: Protocol,
    /// Assigned, Reserved or Unassigned.
    pub status: Status,
    /// How many rows cover it (0: no row, so Unassigned).
    pub rows: usize,
}

impl fmt::Display for PortStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{} is {}", self.port, self.protocol, self.status)?;
        if self.rows == 0 {
            f.write_str(" (no registry row covers it)")?;
        }
        match iana_ports::PortClass::of(self.port) {
            iana_ports::PortClass::Dynamic => f.write_str("; 49152-65535 are Dynamic/Private ports, never assigned"),
            _ => Ok(()),
        }
    }
}

/// The registered name people mean by `name` when `name` is one of the
/// well-known names the registry spells otherwise (`dns` → `domain`,
/// `x11-1` → `x11`, `rdp` → `ms-wbt-server`; the table is
/// `iana_ports_gen::hints::HINTS`, which `port!` uses too), from the
/// library's suggestion engine.
///
/// ```
/// let s = iana_ports_cli::misnomer("DNS", None).unwrap();
/// assert_eq!((s.name(), s.port()), ("domain", 53));
/// assert!(iana_ports_cli::misnomer("domain", None).is_none());
/// ```
pub fn misnomer(name: &str, protocol: Option<Protocol>) -> Option<iana_ports::Suggestion> {
    let name = name.trim();
    let hinted = iana_ports_gen::hints::HINTS.iter().any(|(from, _)| from.eq_ignore_ascii_case(name));
    if hinted { iana_ports::suggest(name, protocol).next() } else { None }
}

/// Whether a row names a service (the rows a lookup counts as "found").
pub fn is_named(record: &Record) -> bool {
    record.service_name().is_some()
}

/// The people referenced by `rows` (assignee ids, then contact ids, row by
/// row), each once, in order of first reference. Ids missing from the
/// registry's people table are given with no details.
pub fn referenced_people(rows: &[&'static Record]) -> Vec<Contact> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for record in rows {
        for id in record.assignee().chain(record.contact()) {
            if seen.insert(id) {
                out.push(Contact::of(id));
            }
        }
    }
    out
}

/// One contact id and what the registry's people table says about it.
#[derive(Debug, Clone, Copy)]
pub struct Contact {
    /// The id, without brackets.
    pub id: &'static str,
    /// The people-table entry, if the id has one.
    pub person: Option<&'static iana_ports::Person>,
}

impl Contact {
    /// Resolves `id` in the people table.
    pub fn of(id: &'static str) -> Contact {
        Contact { id, person: iana_ports::person(id) }
    }
}

/// Counts for `--info`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Info {
    /// Every row.
    pub rows: usize,
    /// Rows per protocol, in [`Protocol::ALL`] order.
    pub per_protocol: [usize; 4],
    /// Rows without a protocol.
    pub no_protocol: usize,
    /// Rows with a service name.
    pub named: usize,
    /// Rows without a port.
    pub without_port: usize,
    /// Rows whose port is a range.
    pub ranges: usize,
    /// Rows per status: Assigned, Reserved, Unassigned.
    pub per_status: [usize; 3],
    /// Distinct service names (case-insensitive).
    pub distinct_names: usize,
    /// Entries of the people table.
    pub people: usize,
    /// Distinct ids referenced by rows (assignee or contact).
    pub referenced_ids: usize,
}

/// Counts the compiled-in registry.
pub fn info() -> Info {
    let mut info = Info { rows: iana_ports::records().len(), people: iana_ports::people().len(), ..Info::default() };
    let mut names = std::collections::HashSet::new();
    let mut ids = std::collections::HashSet::new();
    for r in iana_ports::records() {
        match r.protocol() {
            Some(p) => info.per_protocol[p as usize] += 1,
            None => info.no_protocol += 1,
        }
        if let Some(name) = r.service_name() {
            info.named += 1;
            names.insert(name.to_ascii_lowercase());
        }
        match r.ports() {
            None => info.without_port += 1,
            Some(range) if !range.is_single() => info.ranges += 1,
            Some(_) => {}
        }
        info.per_status[r.status() as usize] += 1;
        ids.extend(r.assignee().chain(r.contact()));
    }
    info.distinct_names = names.len();
    info.referenced_ids = ids.len();
    info
}
