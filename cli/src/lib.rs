//! The library behind the `iana-ports` command: query parsing, lookups and
//! the three output formats (aligned table, JSON, `/etc/services`).
//!
//! The binary is a thin layer over this crate; [`parse_query`] is public so
//! that fuzz targets and other tools can use exactly the command's grammar.
//!
//! ```
//! use iana_ports_cli::{parse_query, Query, Target};
//! use iana_ports::Protocol;
//!
//! let q = parse_query("HTTPS/udp").unwrap();
//! assert_eq!(q, Query { target: Target::Name("HTTPS".into()), protocol: Some(Protocol::Udp) });
//! assert!(parse_query("70000/tcp").is_err());
//! ```

#![forbid(unsafe_code)]

use core::fmt;

use iana_ports::{PortRange, Protocol, Record, Status};

pub mod diff;
pub mod etc_services;
pub mod json;
pub mod streams;
pub mod table;

/// What the command accepts, for error messages and `--help`.
pub const ACCEPTED: &str = "expected PORT (443), PORT/PROTO (443/tcp), START-END[/PROTO] (6000-6063/tcp), \
NAME (https) or NAME/PROTO (HTTPS/udp); PORT is 0-65535, PROTO is tcp, udp, sctp or dccp (any case), \
NAME is ASCII";

/// A parsed query: what to look up, and on which protocol (`None`: all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// A port, a range of ports or a service name.
    pub target: Target,
    /// The protocol after the `/`, if any.
    pub protocol: Option<Protocol>,
}

/// The part of a query before the `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// One port: `443`.
    Port(u16),
    /// An inclusive range of ports: `6000-6063` (rows overlapping it).
    Range(PortRange),
    /// A service name, as typed (matched in any case).
    Name(String),
}

/// Why a query was rejected. `Display` names the bad input; see
/// [`ACCEPTED`] for what is accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum QueryError {
    /// The query is empty or only whitespace.
    Empty,
    /// The query holds a character outside ASCII.
    NonAscii {
        /// The whole query.
        input: String,
        /// The first offending character.
        ch: char,
    },
    /// The query holds a control character (newline, tab, NUL...).
    Control {
        /// The whole query.
        input: String,
    },
    /// Nothing before the `/` (`/`, `/tcp`).
    MissingTarget {
        /// The whole query.
        input: String,
    },
    /// Nothing after the `/` (`443/`).
    MissingProtocol {
        /// The whole query.
        input: String,
    },
    /// The text after the `/` is not a protocol (`443/tcpp`).
    UnknownProtocol {
        /// The whole query.
        input: String,
        /// The text after the last `/`.
        protocol: String,
    },
    /// A port above 65535 (`70000/tcp`).
    PortOutOfRange {
        /// The whole query.
        input: String,
        /// The port as typed.
        port: String,
    },
    /// Digits and dashes that are not `PORT` or `START-END` with
    /// `START <= END` (`10-5`, `1-2-3`, `-5`).
    BadRange {
        /// The whole query.
        input: String,
        /// The port part as typed.
        range: String,
    },
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::Empty => f.write_str("\"\": empty query, nothing to look up"),
            QueryError::NonAscii { input, ch } => {
                write!(f, "{input:?}: {ch:?} (U+{:04X}) is not ASCII; service names and ports are ASCII", *ch as u32)
            }
            QueryError::Control { input } => {
                write!(f, "{input:?}: control characters are not allowed")
            }
            QueryError::MissingTarget { input } => {
                write!(f, "{input:?}: no port or service name before the `/`")
            }
            QueryError::MissingProtocol { input } => {
                write!(f, "{input:?}: no protocol after the `/`")
            }
            QueryError::UnknownProtocol { input, protocol } => {
                write!(f, "{input:?}: unknown protocol {protocol:?} (expected tcp, udp, sctp or dccp)")
            }
            QueryError::PortOutOfRange { input, port } => {
                write!(f, "{input:?}: port {port} is out of range (ports are 0-65535)")
            }
            QueryError::BadRange { input, range } => {
                write!(f, "{input:?}: {range:?} is not a port or a range START-END with START <= END, both 0-65535")
            }
        }
    }
}

impl std::error::Error for QueryError {}

/// Parses a command-line query. Never panics, whatever the input.
///
/// Grammar: surrounding whitespace is ignored; `TARGET` or
/// `TARGET/PROTO`, where the `/` is the last one in the text and `PROTO` is
/// `tcp`, `udp`, `sctp` or `dccp` in any case. `TARGET` made of digits and
/// dashes is a port (`443`, `0443`) or a range (`6000-6063`); anything else
/// is a service name. A text that is itself a registered name (`cl/1`,
/// `914c/g`) is that name, though it holds a `/`.
///
/// ```
/// use iana_ports_cli::{parse_query, Query, QueryError, Target};
/// use iana_ports::{PortRange, Protocol};
/// assert_eq!(parse_query("443").unwrap(), Query { target: Target::Port(443), protocol: None });
/// assert_eq!(
///     parse_query("6000-6063/TCP").unwrap(),
///     Query { target: Target::Range(PortRange { start: 6000, end: 6063 }), protocol: Some(Protocol::Tcp) },
/// );
/// assert_eq!(parse_query("cl/1").unwrap().target, Target::Name("cl/1".into()));
/// assert!(matches!(parse_query("443/tcpp"), Err(QueryError::UnknownProtocol { .. })));
/// assert!(matches!(parse_query("/"), Err(QueryError::MissingTarget { .. })));
/// assert_eq!(parse_query(""), Err(QueryError::Empty));
/// ```
pub fn parse_query(text: &str) -> Result<Query, QueryError> {
    let input = text.trim_matches(|c: char| c.is_ascii_whitespace());
    if input.is_empty() {
        return Err(QueryError::Empty);
    }
    if let Some(ch) = input.chars().find(|c| !c.is_ascii()) {
        return Err(QueryError::NonAscii { input: input.to_owned(), ch });
    }
    if input.bytes().any(|b| b.is_ascii_control()) {
        return Err(QueryError::Control { input: input.to_owned() });
    }
    // A registered name with a `/` in it (`cl/1`) is that name.
    if input.contains('/') && iana_ports::by_name(input).len() > 0 {
        return Ok(Query { target: Target::Name(input.to_owned()), protocol: None });
    }
    let (head, protocol) = match input.rsplit_once('/') {
        None => (input, None),
        Some((head, tail)) => {
            if head.is_empty() {
                return Err(QueryError::MissingTarget { input: input.to_owned() });
            }
            if tail.is_empty() {
                return Err(QueryError::MissingProtocol { input: input.to_owned() });
            }
            match Protocol::parse(tail) {
                Some(p) => (head, Some(p)),
                None => {
                    return Err(QueryError::UnknownProtocol { input: input.to_owned(), protocol: tail.to_owned() });
                }
            }
        }
    };
    let target = parse_target(input, head)?;
    Ok(Query { target, protocol })
}

fn parse_target(input: &str, head: &str) -> Result<Target, QueryError> {
    let port_like = head.bytes().all(|b| b.is_ascii_digit() || b == b'-') && head.bytes().any(|b| b.is_ascii_digit());
    if !port_like {
        return Ok(Target::Name(head.to_owned()));
    }
    let bad_range = || QueryError::BadRange { input: input.to_owned(), range: head.to_owned() };
    let port = |digits: &str| -> Result<u16, QueryError> {
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad_range());
        }
        let significant = digits.trim_start_matches('0');
        if significant.len() > 5 {
            return Err(QueryError::PortOutOfRange { input: input.to_owned(), port: digits.to_owned() });
        }
        // At most five digits: fits in u32.
        let value: u32 = if significant.is_empty() { 0 } else { significant.parse().map_err(|_| bad_range())? };
        u16::try_from(value)
            .map_err(|_| QueryError::PortOutOfRange { input: input.to_owned(), port: digits.to_owned() })
    };
    match head.split_once('-') {
        None => Ok(Target::Port(port(head)?)),
        Some((a, b)) => {
            let (start, end) = (port(a)?, port(b)?);
            if start > end {
                return Err(bad_range());
            }
            Ok(Target::Range(PortRange { start, end }))
        }
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
