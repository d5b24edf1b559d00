//! The lines of the `iana-ports --etc-services` export, computed on demand
//! from the compiled-in tables: no file, no allocation.
//!
//! The export (`cli/src/etc_services.rs`) walks the records in registry
//! order; each record with a port and a name glibc can read gives one
//! line per protocol (tcp, udp, sctp, dccp for a protocol-less row) and per
//! port of its range, in that order, unless IANA declares it an alias of a
//! name that already has a line on the same port and protocol: then it is
//! an alias on the first such line. Names with upper case also carry their
//! lower-case form as an alias. glibc's files backend answers with the
//! first line that matches, so a [`Line`] is named by its place in that
//! order: (record, protocol, port).

#![forbid(unsafe_code)]

use iana_ports::{Protocol, Record, records};

/// One line of the export: the record that made it, its protocol and port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// Index of the record in [`iana_ports::records`].
    pub record: usize,
    /// The line's protocol.
    pub proto: Protocol,
    /// The line's port.
    pub port: u16,
    /// The service name (the record's, as registered).
    pub name: &'static str,
}

/// Where a line stands in the export: records in order, then a
/// protocol-less record's protocols in [`Protocol::ALL`] order, then ports.
fn order(line: &Line) -> (usize, usize, u16) {
    (line.record, proto_position(line.proto), line.port)
}

fn proto_position(proto: Protocol) -> usize {
    Protocol::ALL.iter().position(|&p| p == proto).unwrap_or(0)
}

/// The protocols a record gives lines for, in export order.
fn protos_of(record: &Record) -> &'static [Protocol] {
    static ALL: [Protocol; 4] = Protocol::ALL;
    match record.protocol() {
        Some(p) => {
            let at = proto_position(p);
            &ALL[at..at + 1]
        }
        None => &ALL,
    }
}

/// Index of `record` in [`records`] (it is one of its elements).
fn index_of(record: &'static Record) -> usize {
    let base = records().as_ptr() as usize;
    (record as *const Record as usize - base) / core::mem::size_of::<Record>()
}

/// Whether glibc's parser can read `name` as one field: the export leaves
/// other rows out as `#!` comments (`etc_services::glibc_name_problem`).
pub fn glibc_can_read(name: &str) -> bool {
    let bad = |c: char| c.is_whitespace() || c.is_control() || c == '#';
    // Registry names are ASCII: bytes are chars there, and quicker to test.
    let readable = if name.is_ascii() { !name.bytes().any(|b| bad(char::from(b))) } else { !name.chars().any(bad) };
    !name.is_empty() && readable
}

/// Records whose name some record is declared an alias of (in any case),
/// as bits by record index: only their lines can have merged aliases.
/// Computed once, into static memory.
fn is_alias_target(record: usize) -> bool {
    const WORDS: usize = records().len().div_ceil(64);
    static TARGETS: std::sync::OnceLock<[u64; WORDS]> = std::sync::OnceLock::new();
    let bits = TARGETS.get_or_init(|| {
        let mut bits = [0u64; WORDS];
        for target in records().iter().filter_map(Record::alias_of) {
            for c in iana_ports::by_name(target) {
                let i = index_of(c);
                bits[i / 64] |= 1 << (i % 64);
            }
        }
        bits
    });
    bits[record / 64] & (1 << (record % 64)) != 0
}

/// The name of a record that gives lines: named, with a port, readable.
fn line_name(record: &Record) -> Option<&'static str> {
    record.ports()?;
    let name = record.service_name()?;
    (glibc_reads_every_name() || glibc_can_read(name)).then_some(name)
}

/// Whether glibc can read every registry name (true of today's registry),
/// found once: then no lookup needs to look at the characters.
fn glibc_reads_every_name() -> bool {
    static EVERY: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *EVERY.get_or_init(|| records().iter().filter_map(Record::service_name).all(glibc_can_read))
}

/// The record (index, name) whose line record `m`'s expansion on
/// `port`/`proto` is merged into, if any: the first earlier line there
/// named, in any case, as the name `m` is declared an alias of.
fn merged_into(m: usize, port: u16, proto: Protocol) -> Option<(usize, &'static str)> {
    let target = records()[m].alias_of()?;
    // `by_port` yields in registry order (a test checks it).
    for c in iana_ports::by_port(port, proto) {
        let c_index = index_of(c);
        if c_index >= m {
            break;
        }
        if let Some(name) = line_name(c).filter(|n| n.eq_ignore_ascii_case(target)) {
            if merged_into(c_index, port, proto).is_none() {
                return Some((c_index, name));
            }
        }
    }
    None
}

impl Line {
    /// The aliases, in the export's order, without repeats.
    pub fn aliases(&self) -> impl Iterator<Item = Alias> + Clone + use<> {
        let candidates = AliasCandidates::new(*self);
        let fresh = candidates.clone();
        candidates
            .enumerate()
            .filter(move |&(k, alias)| !fresh.clone().take(k).any(|earlier| earlier == alias))
            .map(|(_, alias)| alias)
    }
}

/// An alias: a registered name, as is or in lower case.
#[derive(Debug, Clone, Copy)]
pub struct Alias {
    name: &'static str,
    lower: bool,
}

impl Alias {
    /// Its bytes (without a NUL).
    pub fn bytes(self) -> impl ExactSizeIterator<Item = u8> + Clone {
        let lower = self.lower;
        self.name.bytes().map(move |b| if lower { b.to_ascii_lowercase() } else { b })
    }

    /// Its length in bytes.
    pub fn len(self) -> usize {
        self.name.len()
    }

    /// Whether it is empty (never, for a line's alias).
    pub fn is_empty(self) -> bool {
        self.name.is_empty()
    }
}

impl PartialEq for Alias {
    fn eq(&self, other: &Alias) -> bool {
        self.bytes().eq(other.bytes())
    }
}

/// The aliases the export appends to a line, before repeats are dropped:
/// the lower-case form of the line's own name, then for each record merged
/// into the line its name and that name's lower-case form.
#[derive(Clone)]
struct AliasCandidates {
    line: Line,
    own_lower: bool,
    /// The rows on the line's port and protocol, `None` when no record is
    /// declared an alias of the line's name.
    rows: Option<iana_ports::Records>,
    pending_lower: Option<&'static str>,
}

fn has_upper(name: &str) -> bool {
    name.bytes().any(|b| b.is_ascii_uppercase())
}

impl AliasCandidates {
    fn new(line: Line) -> AliasCandidates {
        AliasCandidates {
            line,
            own_lower: has_upper(line.name),
            // Most lines have no record merged into them: skip the walk.
            rows: is_alias_target(line.record).then(|| iana_ports::by_port(line.port, line.proto)),
            pending_lower: None,
        }
    }
}

impl Iterator for AliasCandidates {
    type Item = Alias;

    fn next(&mut self) -> Option<Alias> {
        if core::mem::take(&mut self.own_lower) {
            return Some(Alias { name: self.line.name, lower: true });
        }
        if let Some(name) = self.pending_lower.take() {
            return Some(Alias { name, lower: true });
        }
        for s in self.rows.as_mut()?.by_ref() {
            let s_index = index_of(s);
            if s_index <= self.line.record {
                continue;
            }
            let Some(name) = line_name(s) else { continue };
            if merged_into(s_index, self.line.port, self.line.proto).is_some_and(|(c, _)| c == self.line.record) {
                self.pending_lower = has_upper(name).then_some(name);
                return Some(Alias { name, lower: false });
            }
        }
        None
    }
}

/// What `getservbyport(port, proto)` answers from the export: its first
/// line on `port` and `proto` (any protocol when `None`).
pub fn by_port(port: u16, proto: Option<Protocol>) -> Option<Line> {
    let mut best: Option<Line> = None;
    for q in Protocol::ALL {
        // No named row there (most ports): no line, from one table load.
        if proto.is_some_and(|p| p != q) || iana_ports::service_name(port, q).is_none() {
            continue;
        }
        // The first named row there has its own line: a merge needs an
        // earlier line on the same port and protocol.
        let Some((first, name)) = iana_ports::by_port(port, q).find_map(|r| Some((r, line_name(r)?))) else { continue };
        let record = index_of(first);
        // A protocol-less row's first line on a port is its first protocol.
        let proto = if proto.is_none() { protos_of(first)[0] } else { q };
        let line = Line { record, proto, port, name };
        if best.is_none_or(|b| order(&line) < order(&b)) {
            best = Some(line);
        }
    }
    best
}

/// What `getservbyname(name, proto)` answers from the export: its first
/// line on `proto` (any protocol when `None`) with `name` as its name or
/// one of its aliases (compared exactly, as glibc does).
pub fn by_name(name: &str, proto: Option<Protocol>) -> Option<Line> {
    let mut best: Option<Line> = None;
    // Every line holding `name` holds it for a record registered under it
    // in some case: as the line's name, an alias, or the lower-case form.
    for m in iana_ports::by_name(name) {
        let Some(m_name) = line_name(m) else { continue };
        if m_name != name && !(has_upper(m_name) && m_name.bytes().map(|b| b.to_ascii_lowercase()).eq(name.bytes())) {
            continue;
        }
        let m_index = index_of(m);
        let is_alias = m.alias_of().is_some();
        // A record that is no alias only makes lines of its own, all after
        // any line of an earlier record.
        if !is_alias && best.is_some_and(|b| b.record < m_index) {
            continue;
        }
        let Some(range) = m.ports() else { continue };
        'protos: for &q in protos_of(m) {
            if proto.is_some_and(|p| p != q) {
                continue;
            }
            for port in range.start..=range.end {
                let merged = if is_alias { merged_into(m_index, port, q) } else { None };
                let (record, its_name) = merged.unwrap_or((m_index, m_name));
                let line = Line { record, proto: q, port, name: its_name };
                if best.is_none_or(|b| order(&line) < order(&b)) {
                    best = Some(line);
                }
                if !is_alias {
                    // Its own lines come in order: the first is the least.
                    break 'protos;
                }
            }
        }
    }
    best
}

/// A place in the export's line order, for `getservent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    record: usize,
    proto: usize,
    port: u32,
}

impl Cursor {
    /// Before the first line.
    pub const START: Cursor = Cursor { record: 0, proto: 0, port: 0 };

    /// The first line at or after the cursor, and the cursor past it.
    pub fn next_line(self) -> Option<(Line, Cursor)> {
        let mut at = self;
        while let Some(record) = records().get(at.record) {
            if let (Some(name), Some(range)) = (line_name(record), record.ports()) {
                let protos = protos_of(record);
                while let Some(&proto) = protos.get(at.proto) {
                    let first = u32::from(range.start).max(at.port);
                    for port in first..=u32::from(range.end) {
                        let port = port as u16;
                        if merged_into(at.record, port, proto).is_none() {
                            let past = Cursor { port: u32::from(port) + 1, ..at };
                            return Some((Line { record: at.record, proto, port, name }, past));
                        }
                    }
                    at = Cursor { proto: at.proto + 1, port: 0, ..at };
                }
            }
            at = Cursor { record: at.record + 1, proto: 0, port: 0 };
        }
        None
    }
}

/// Every line of the export, in order.
pub fn all() -> impl Iterator<Item = Line> {
    let mut cursor = Cursor::START;
    core::iter::from_fn(move || {
        let (line, past) = cursor.next_line()?;
        cursor = past;
        Some(line)
    })
}
