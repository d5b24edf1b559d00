//! `PortSpec`: rule text (`ssh`, `https/tcp`, `6000-6063/udp`) to every
//! (protocol, port range) it means.

use core::fmt;
use core::iter::FusedIterator;
use core::str::FromStr;

use crate::msg::{Msg, entry, offer, ported_row, registrations};
use crate::suggest::{Suggestions, first_row, suggest};
use crate::tables::{self, NameRows, RECORDS};
use crate::{Escaped, PortRange, Protocol};

/// A port specification as firewall rules and the `iana-ports` command
/// write it: a port, a range or a registered service name, optionally with
/// a protocol.
///
/// # Grammar
///
/// `PORT`, `PORT/PROTO`, `START-END`, `START-END/PROTO`, `NAME` or
/// `NAME/PROTO`, with ASCII whitespace around the whole ignored:
///
/// - `PORT` is decimal `0`-`65535` (leading zeros allowed: `0443`);
///   `START-END` is two of them with `START <= END`. A target made only of
///   digits and `-` is a number unless it is a registered name.
/// - `PROTO` is `tcp`, `udp`, `sctp` or `dccp`, in any case. At most one:
///   `ssh/tcp/udp` is an error, not the name `ssh/tcp`.
/// - `NAME` is a registered service name in any case. Names holding a `/`
///   (`cl/1`, `914c/g`) are names: the target is the longest registered
///   name that the text starts with before a `/` (or the whole text).
///
/// When several things are wrong, [`SpecError`] reports the first of:
/// empty input, nothing before the `/`, a bad number, a missing or unknown
/// protocol, trailing text, an unknown name or a name without a port (the
/// name comes last so that its suggestions can follow the protocol).
///
/// [`Display`](fmt::Display) prints the normalised form, which parses back
/// to the same spec: the registry's spelling of the name, the protocol in
/// lower case, ports without leading zeros, and a one-port range as a port.
///
/// ```
/// use iana_ports::{PortRange, PortSpec, Protocol, SpecTarget};
///
/// let spec: PortSpec = "HTTPS/UDP".parse().unwrap();
/// assert_eq!(spec.target(), SpecTarget::Name("https"));
/// assert_eq!(spec.protocol(), Some(Protocol::Udp));
/// assert_eq!(spec.to_string(), "https/udp");
///
/// assert_eq!(PortSpec::parse("0443").unwrap().to_string(), "443");
/// assert_eq!(PortSpec::parse("besapi").unwrap().to_string(), "BESApi");
/// assert_eq!(PortSpec::parse(" 914c/g/TCP ").unwrap().to_string(), "914c/g/tcp");
///
/// // Every (protocol, range) it means, in order:
/// let x11: Vec<_> = PortSpec::parse("x11/udp").unwrap().resolve().collect();
/// assert_eq!(x11, [(Protocol::Udp, PortRange { start: 6000, end: 6063 })]);
/// ```
///
/// Parsing is a `const fn`:
///
/// ```
/// use iana_ports::{PortSpec, SpecTarget};
/// const SSH: PortSpec = match PortSpec::parse("ssh/tcp") { Ok(s) => s, Err(_) => panic!() };
/// assert_eq!(SSH.target(), SpecTarget::Name("ssh"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PortSpec {
    target: SpecTarget,
    protocol: Option<Protocol>,
}

/// What a [`PortSpec`] names, before its `/`.
///
/// ```
/// use iana_ports::{PortRange, PortSpec, SpecTarget};
/// assert_eq!(PortSpec::parse("53").unwrap().target(), SpecTarget::Port(53));
/// assert_eq!(
///     PortSpec::parse("6000-6063").unwrap().target(),
///     SpecTarget::Range(PortRange { start: 6000, end: 6063 })
/// );
/// assert_eq!(PortSpec::parse("Domain").unwrap().target(), SpecTarget::Name("domain"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpecTarget {
    /// One port (also `N-N`).
    Port(u16),
    /// A range of at least two ports.
    Range(PortRange),
    /// A registered service name with a port, as the registry spells it.
    Name(&'static str),
}

const NOT_FOUND: usize = usize::MAX;

impl PortSpec {
    /// Parses `text` by the grammar above; never panics, allocates nothing,
    /// and takes time linear in the input.
    ///
    /// ```
    /// use iana_ports::{PortSpec, SpecErrorKind};
    /// assert!(PortSpec::parse("ssh").is_ok());
    /// let err = PortSpec::parse("htps/tcp").unwrap_err();
    /// assert_eq!(err.kind(), SpecErrorKind::UnknownName);
    /// assert_eq!(err.suggestions().next().unwrap().name(), "https");
    /// ```
    pub const fn parse(text: &str) -> Result<PortSpec, SpecError> {
        let s = text.trim_ascii();
        let b = s.as_bytes();
        if b.is_empty() {
            return Err(SpecError::new(SpecErrorKind::Empty, s, ""));
        }
        // The target ends at the longest registered name before a `/`, or at
        // the first `/`, or at the end. Only texts holding a `/` are probed.
        let mut split = b.len();
        if !registered(s) {
            let mut first_slash = NOT_FOUND;
            let mut named = NOT_FOUND;
            let mut i = 0;
            while i < b.len() {
                if b[i] == b'/' {
                    if first_slash == NOT_FOUND {
                        first_slash = i;
                    }
                    if registered(slice(s, 0, i)) {
                        named = i;
                    }
                }
                i += 1;
            }
            split = if named != NOT_FOUND { named } else { first_slash };
            if split == NOT_FOUND {
                split = b.len();
            }
        }
        let head = slice(s, 0, split);
        if head.is_empty() {
            return Err(SpecError::new(SpecErrorKind::MissingTarget, s, ""));
        }
        // A registered name is a name, even if made of digits and dashes.
        let number = match if registered(head) { Number::Name } else { parse_number(head) } {
            Number::Name => None,
            Number::Bad(part) => return Err(SpecError::new(SpecErrorKind::BadPort, s, part)),
            Number::Reversed => return Err(SpecError::new(SpecErrorKind::ReversedRange, s, head)),
            Number::Ok(range) => Some(range),
        };
        // The protocol: up to the next `/`.
        let mut protocol = None;
        if split < b.len() {
            let rest = slice(s, split + 1, b.len());
            let r = rest.as_bytes();
            let mut end = 0;
            while end < r.len() && r[end] != b'/' {
                end += 1;
            }
            let text = slice(rest, 0, end);
            if text.is_empty() {
                return Err(SpecError::new(SpecErrorKind::MissingProtocol, s, ""));
            }
            protocol = Protocol::parse(text);
            if protocol.is_none() {
                let mut err = SpecError::new(SpecErrorKind::UnknownProtocol, s, text);
                if number.is_none() {
                    err.suggestions = match ported_row(head) {
                        Some(row) => Suggestions::registrations(row),
                        None => suggest(head, None),
                    };
                }
                return Err(err);
            }
            if end < r.len() {
                let mut err = SpecError::new(SpecErrorKind::TrailingText, s, slice(rest, end, r.len()));
                err.protocol = protocol;
                return Err(err);
            }
        }
        let target = match number {
            Some(range) if range.start == range.end => SpecTarget::Port(range.start),
            Some(range) => SpecTarget::Range(range),
            None => match name_target(s, head, protocol) {
                Ok(name) => SpecTarget::Name(name),
                Err(err) => return Err(err),
            },
        };
        Ok(PortSpec { target, protocol })
    }

    /// The port, range or name.
    ///
    /// ```
    /// use iana_ports::{PortSpec, SpecTarget};
    /// assert_eq!(PortSpec::parse("cl/1").unwrap().target(), SpecTarget::Name("cl/1"));
    /// ```
    pub const fn target(&self) -> SpecTarget {
        self.target
    }

    /// The protocol after the `/`; `None` means every protocol.
    ///
    /// ```
    /// use iana_ports::{PortSpec, Protocol};
    /// assert_eq!(PortSpec::parse("443/TCP").unwrap().protocol(), Some(Protocol::Tcp));
    /// assert_eq!(PortSpec::parse("443").unwrap().protocol(), None);
    /// ```
    pub const fn protocol(&self) -> Option<Protocol> {
        self.protocol
    }

    /// Every `(protocol, port range)` the spec means, protocol by protocol
    /// in the order tcp, udp, sctp, dccp (only the one given, if any).
    ///
    /// - A port or range gives itself, once per protocol.
    /// - A name gives, per protocol, every row registered under it that has
    ///   a port and that protocol or none (a row without a protocol counts
    ///   for each), in registry order. Nothing is merged or deduplicated:
    ///   one entry per row.
    ///
    /// A `const fn` returning an iterator; [`Resolve::next_entry`] steps it
    /// in `const`.
    ///
    /// ```
    /// use iana_ports::{PortRange, PortSpec, Protocol::*};
    /// let all = |s: &str| PortSpec::parse(s).unwrap().resolve().collect::<Vec<_>>();
    /// let r = |start, end| PortRange { start, end };
    /// assert_eq!(all("SSH"), [(Tcp, r(22, 22)), (Udp, r(22, 22)), (Sctp, r(22, 22))]);
    /// assert_eq!(all("msp/tcp"), [(Tcp, r(18, 18)), (Tcp, r(2438, 2438))]);
    /// assert_eq!(all("x11/udp"), [(Udp, r(6000, 6063))]);
    /// assert_eq!(all("active-net/dccp"), [(Dccp, r(3322, 3325))]);
    /// assert_eq!(all("443").len(), 4);
    /// assert_eq!(all("6000-6063/tcp"), [(Tcp, r(6000, 6063))]);
    /// ```
    pub const fn resolve(&self) -> Resolve {
        let (first, end) = match self.protocol {
            Some(p) => (p as u8, p as u8 + 1),
            None => (0, Protocol::ALL.len() as u8),
        };
        let (rows, range) = match self.target {
            SpecTarget::Port(port) => (NameRows::EMPTY, PortRange { start: port, end: port }),
            SpecTarget::Range(range) => (NameRows::EMPTY, range),
            SpecTarget::Name(name) => (NameRows::of_name(name), PortRange { start: 0, end: 0 }),
        };
        let named = matches!(self.target, SpecTarget::Name(_));
        Resolve { rows, unread: rows, range, named, proto: first, end, given: false }
    }
}

/// The iterator of [`PortSpec::resolve`].
///
/// ```
/// let mut it = iana_ports::PortSpec::parse("domain").unwrap().resolve();
/// assert_eq!(it.next().map(|(p, r)| (p.as_str(), r.start)), Some(("tcp", 53)));
/// ```
#[derive(Debug, Clone)]
pub struct Resolve {
    /// The name's rows (none for a number) ...
    rows: NameRows,
    /// ... and those the current protocol has yet to read.
    unread: NameRows,
    /// The number's ports.
    range: PortRange,
    named: bool,
    /// Current protocol (index into `Protocol::ALL`) and the end.
    proto: u8,
    end: u8,
    /// Whether a number gave its entry for the current protocol.
    given: bool,
}

impl Resolve {
    /// The next entry, usable in `const` (what [`Iterator::next`] returns).
    ///
    /// ```
    /// use iana_ports::{PortSpec, Protocol};
    /// const FIRST: Option<(Protocol, iana_ports::PortRange)> = match PortSpec::parse("msp") {
    ///     Ok(spec) => spec.resolve().next_entry(),
    ///     Err(_) => None,
    /// };
    /// assert_eq!(FIRST.unwrap().1.start, 18);
    /// ```
    pub const fn next_entry(&mut self) -> Option<(Protocol, PortRange)> {
        while self.proto < self.end {
            let proto = Protocol::ALL[self.proto as usize];
            if !self.named {
                if !self.given {
                    self.given = true;
                    return Some((proto, self.range));
                }
            } else {
                while let Some(row) = self.unread.next_row() {
                    let record = &RECORDS[row];
                    if let Some(range) = record.ports() {
                        if record.applies_to(proto) {
                            return Some((proto, range));
                        }
                    }
                }
            }
            self.proto += 1;
            self.given = false;
            self.unread = self.rows;
        }
        None
    }
}

impl Iterator for Resolve {
    type Item = (Protocol, PortRange);

    fn next(&mut self) -> Option<(Protocol, PortRange)> {
        self.next_entry()
    }
}

impl FusedIterator for Resolve {}

impl fmt::Display for PortSpec {
    /// The normalised form: `https/tcp`, `443`, `6000-6063/udp`, `BESApi`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.target {
            SpecTarget::Port(port) => write!(f, "{port}")?,
            SpecTarget::Range(range) => write!(f, "{}-{}", range.start, range.end)?,
            SpecTarget::Name(name) => f.write_str(name)?,
        }
        match self.protocol {
            Some(p) => write!(f, "/{p}"),
            None => Ok(()),
        }
    }
}

impl FromStr for PortSpec {
    type Err = SpecError;

    /// [`PortSpec::parse`].
    ///
    /// ```
    /// let spec: iana_ports::PortSpec = "ssh/tcp".parse().unwrap();
    /// assert_eq!(spec.to_string(), "ssh/tcp");
    /// assert!("ssh/tcp/udp".parse::<iana_ports::PortSpec>().is_err());
    /// ```
    fn from_str(text: &str) -> Result<PortSpec, SpecError> {
        PortSpec::parse(text)
    }
}

const fn slice(s: &str, from: usize, to: usize) -> &str {
    s.split_at(to).0.split_at(from).1
}

const fn registered(name: &str) -> bool {
    tables::name_slot(name).is_some()
}

enum Number<'a> {
    Name,
    /// The offending number, or the whole target when malformed.
    Bad(&'a str),
    Reversed,
    Ok(PortRange),
}

/// `head` as `PORT` or `START-END`, if it is made of digits and dashes.
const fn parse_number(head: &str) -> Number<'_> {
    let b = head.as_bytes();
    let mut dash = NOT_FOUND;
    let mut dashes = 0;
    let mut digits = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'0'..=b'9' => digits = true,
            b'-' => {
                dashes += 1;
                if dash == NOT_FOUND {
                    dash = i;
                }
            }
            _ => return Number::Name, // a name, such as `802-11-iapp`
        }
        i += 1;
    }
    if !digits {
        return Number::Name;
    }
    if dashes > 1 {
        return Number::Bad(head); // `1-2-3`
    }
    if dash == NOT_FOUND {
        return match port_number(head) {
            Some(port) => Number::Ok(PortRange { start: port, end: port }),
            None => Number::Bad(head),
        };
    }
    let (start, end) = (slice(head, 0, dash), slice(head, dash + 1, b.len()));
    if start.is_empty() || end.is_empty() {
        return Number::Bad(head); // `-5`, `5-`
    }
    let Some(first) = port_number(start) else { return Number::Bad(start) };
    let Some(last) = port_number(end) else { return Number::Bad(end) };
    if first > last { Number::Reversed } else { Number::Ok(PortRange { start: first, end: last }) }
}

/// Decimal digits as a port, if at most 65535.
const fn port_number(digits: &str) -> Option<u16> {
    let b = digits.as_bytes();
    let mut value: u32 = 0;
    let mut i = 0;
    while i < b.len() {
        value = value * 10 + (b[i] - b'0') as u32;
        if value > u16::MAX as u32 {
            return None;
        }
        i += 1;
    }
    Some(value as u16)
}

/// The registered spelling of `head`, if it has a port (on `protocol`).
const fn name_target(input: &str, head: &str, protocol: Option<Protocol>) -> Result<&'static str, SpecError> {
    let Some(row) = first_row(head) else {
        let mut err = SpecError::new(SpecErrorKind::UnknownName, input, head);
        err.protocol = protocol;
        err.suggestions = suggest(head, protocol);
        return Err(err);
    };
    let name = match RECORDS[row as usize].service_name() {
        Some(name) => name,
        None => "", // unreachable: a name's rows carry it
    };
    let has_port = match protocol {
        Some(p) => crate::port(head, p).is_some(),
        None => ported_row(head).is_some(),
    };
    if has_port {
        return Ok(name);
    }
    let mut err = SpecError::new(SpecErrorKind::NoPort, input, name);
    err.protocol = protocol;
    err.suggestions = match ported_row(head) {
        // On other protocols: offer those.
        Some(row) => Suggestions::registrations(row),
        None => suggest(head, protocol),
    };
    Err(err)
}

/// At most `N` bytes of a text, cut at a character boundary.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Excerpt<const N: usize> {
    bytes: [u8; N],
    len: u8,
    cut: bool,
}

impl<const N: usize> Excerpt<N> {
    pub(crate) const fn new(text: &str) -> Excerpt<N> {
        let b = text.as_bytes();
        let mut len = if b.len() > N { N } else { b.len() };
        // Back to the start of a character.
        while len < b.len() && len > 0 && (b[len] & 0xC0) == 0x80 {
            len -= 1;
        }
        let mut bytes = [0; N];
        let mut i = 0;
        while i < len {
            bytes[i] = b[i];
            i += 1;
        }
        Excerpt { bytes, len: len as u8, cut: len < b.len() }
    }

    pub(crate) const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.bytes.split_at(self.len as usize).0) {
            Ok(s) => s,
            Err(_) => "", // unreachable: cut at a character boundary
        }
    }

    /// Appends the text, control characters, `\` and `"` escaped, and `…`
    /// when cut.
    pub(crate) const fn write(&self, m: &mut Msg) {
        escaped(m, self.as_str());
        if self.cut {
            m.str("…");
        }
    }
}

/// Appends `s` quoted by the crate's one escaping rule ([`Escaped`]).
const fn escaped(m: &mut Msg, s: &str) {
    let text = Escaped::new(s).quoted();
    let mut at = 0;
    while !text.done(at) {
        let piece = text.piece(at);
        m.str(text.plain(at, piece.plain_end));
        m.str(piece.escape_text());
        at = piece.next;
    }
}

/// Bytes of the input a [`SpecError`] keeps.
const INPUT_BYTES: usize = 64;
/// Bytes of the offending part a [`SpecError`] keeps.
const PART_BYTES: usize = 32;

/// Why a text is not a [`PortSpec`]: the kind, the input, the offending
/// part and, for names, up to three registered names meant.
///
/// It owns copies of the input's first 64 bytes and the part's first 32
/// (no allocation); [`Display`](fmt::Display) marks a cut with `…`.
/// With the `std` feature it implements `std::error::Error`.
///
/// ```
/// use iana_ports::{PortSpec, SpecErrorKind};
/// let err = PortSpec::parse("443/tcpp").unwrap_err();
/// assert_eq!(err.kind(), SpecErrorKind::UnknownProtocol);
/// assert_eq!(err.part(), "tcpp");
/// assert_eq!(
///     err.to_string(),
///     "\"443/tcpp\": unknown protocol `tcpp` (expected tcp, udp, sctp or dccp)"
/// );
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SpecError {
    kind: SpecErrorKind,
    protocol: Option<Protocol>,
    input: Excerpt<INPUT_BYTES>,
    part: Excerpt<PART_BYTES>,
    suggestions: Suggestions,
}

/// The reason of a [`SpecError`].
///
/// ```
/// use iana_ports::{PortSpec, SpecErrorKind::*};
/// let kind = |s| PortSpec::parse(s).unwrap_err().kind();
/// assert_eq!(kind(""), Empty);
/// assert_eq!(kind("/tcp"), MissingTarget);
/// assert_eq!(kind("70000"), BadPort);
/// assert_eq!(kind("10-1"), ReversedRange);
/// assert_eq!(kind("443/"), MissingProtocol);
/// assert_eq!(kind("443/tcpp"), UnknownProtocol);
/// assert_eq!(kind("ssh/tcp/udp"), TrailingText);
/// assert_eq!(kind("htps"), UnknownName);
/// assert_eq!(kind("matrix"), NoPort);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SpecErrorKind {
    /// Nothing but whitespace.
    Empty,
    /// Nothing before the `/` (`/tcp`).
    MissingTarget,
    /// Digits and dashes that are not a port 0-65535 or `START-END`
    /// (`70000`, `1-2-3`, `-5`); the part is the bad number.
    BadPort,
    /// A range whose start is above its end (`10-1`).
    ReversedRange,
    /// Nothing after the `/` (`443/`).
    MissingProtocol,
    /// Not `tcp`, `udp`, `sctp` or `dccp` after the `/` (`443/tcpp`); for a
    /// name, the suggestions are its registrations or similar names.
    UnknownProtocol,
    /// Text after the protocol (`ssh/tcp/udp`: the part is `/udp`).
    TrailingText,
    /// A name the registry does not have (`htps`), with suggestions.
    UnknownName,
    /// A registered name without a port (`matrix`, a DNS-SD name), or
    /// without one on the protocol given (`rift-lies/tcp`: the suggestions
    /// are its registrations on other protocols).
    NoPort,
}

impl SpecError {
    /// How many bytes of the input a `SpecError` keeps and shows (cut at a
    /// character boundary, marked `…`); programs echoing a query cut it the
    /// same way with [`Escaped::cut`].
    ///
    /// ```
    /// let err = iana_ports::PortSpec::parse(&"x".repeat(100)).unwrap_err();
    /// assert_eq!(err.input().len(), iana_ports::SpecError::INPUT_BYTES);
    /// ```
    pub const INPUT_BYTES: usize = INPUT_BYTES;

    const fn new(kind: SpecErrorKind, input: &str, part: &str) -> SpecError {
        SpecError {
            kind,
            protocol: None,
            input: Excerpt::new(input),
            part: Excerpt::new(part),
            suggestions: Suggestions::EMPTY,
        }
    }

    /// The reason.
    ///
    /// ```
    /// let err = iana_ports::PortSpec::parse("10-1/udp").unwrap_err();
    /// assert_eq!(err.kind(), iana_ports::SpecErrorKind::ReversedRange);
    /// ```
    pub const fn kind(&self) -> SpecErrorKind {
        self.kind
    }

    /// The input, without surrounding whitespace (its first 64 bytes).
    ///
    /// ```
    /// assert_eq!(iana_ports::PortSpec::parse(" 70000 ").unwrap_err().input(), "70000");
    /// ```
    pub const fn input(&self) -> &str {
        self.input.as_str()
    }

    /// The offending part of the input (its first 32 bytes): the bad number,
    /// protocol, trailing text or name; empty when there is none.
    ///
    /// ```
    /// assert_eq!(iana_ports::PortSpec::parse("ssh/tcp/udp").unwrap_err().part(), "/udp");
    /// assert_eq!(iana_ports::PortSpec::parse("1-70000").unwrap_err().part(), "70000");
    /// ```
    pub const fn part(&self) -> &str {
        self.part.as_str()
    }

    /// The protocol given with an unknown or port-less name, if any.
    ///
    /// ```
    /// use iana_ports::{PortSpec, Protocol};
    /// assert_eq!(PortSpec::parse("htps/tcp").unwrap_err().protocol(), Some(Protocol::Tcp));
    /// ```
    pub const fn protocol(&self) -> Option<Protocol> {
        self.protocol
    }

    /// Up to three registered names meant: for an unknown name, the
    /// [`suggest`](crate::suggest()) engine's picks (on the protocol given);
    /// for a name without a port on the protocol given, or with an unknown
    /// protocol, its registrations on the others.
    ///
    /// ```
    /// use iana_ports::PortSpec;
    /// let err = PortSpec::parse("dns/udp").unwrap_err();
    /// assert_eq!(err.suggestions().next().unwrap().to_string(), "domain/udp (53)");
    /// let err = PortSpec::parse("rift-lies/tcp").unwrap_err();
    /// assert_eq!(err.suggestions().next().unwrap().to_string(), "rift-lies/udp (914)");
    /// ```
    pub const fn suggestions(&self) -> Suggestions {
        self.suggestions
    }

    /// Writes `"input": reason`.
    const fn write(&self, m: &mut Msg) {
        m.str("\"");
        self.input.write(m);
        m.str("\": ");
        self.write_reason(m);
    }

    /// Writes the reason, without the input.
    pub(crate) const fn write_reason(&self, m: &mut Msg) {
        let part = &self.part;
        match self.kind {
            SpecErrorKind::Empty => {
                m.str("empty port spec (expected PORT, START-END or NAME, each optionally /PROTO)");
            }
            SpecErrorKind::MissingTarget => m.str("no port or service name before the `/`"),
            SpecErrorKind::BadPort => {
                m.str("`");
                part.write(m);
                m.str("` is not a port 0-65535 or a range START-END");
            }
            SpecErrorKind::ReversedRange => {
                m.str("range `");
                part.write(m);
                m.str("` is reversed (its start is above its end)");
            }
            SpecErrorKind::MissingProtocol => m.str("no protocol after the `/` (expected tcp, udp, sctp or dccp)"),
            SpecErrorKind::UnknownProtocol => {
                m.str("unknown protocol `");
                part.write(m);
                m.str("` (expected tcp, udp, sctp or dccp)");
                self.write_suggestions(m);
            }
            SpecErrorKind::TrailingText => {
                m.str("unexpected `");
                part.write(m);
                m.str("` after the protocol (one protocol per spec)");
            }
            SpecErrorKind::UnknownName => {
                m.str("no service `");
                part.write(m);
                m.str("`");
                self.write_protocol(m);
                m.str(" in the IANA registry");
                self.write_suggestions(m);
            }
            SpecErrorKind::NoPort => {
                m.str("`");
                part.write(m);
                match (self.protocol, self.suggestions.get(0)) {
                    (Some(p), Some(s)) if s.protocol().is_some() && eq(s.name(), part.as_str()) => {
                        m.str("` has no port on ");
                        m.str(p.as_str());
                        m.str(" in the IANA registry; it is registered as ");
                        match first_row(part.as_str()) {
                            Some(row) => registrations(m, row, " and "),
                            None => entry(m, s),
                        }
                    }
                    _ => {
                        m.str("` is registered without a port");
                        self.write_protocol(m);
                        m.str(" in the IANA registry");
                        offer(m, &self.suggestions);
                    }
                }
            }
        }
    }

    const fn write_protocol(&self, m: &mut Msg) {
        if let Some(p) = self.protocol {
            m.str(" on ");
            m.str(p.as_str());
        }
    }

    /// `; did you mean …?`; for an unknown name also `(no similar registered name)`.
    const fn write_suggestions(&self, m: &mut Msg) {
        if self.suggestions.len() > 0 || matches!(self.kind, SpecErrorKind::UnknownName) {
            offer(m, &self.suggestions);
        }
    }
}

const fn eq(a: &str, b: &str) -> bool {
    tables::eq_ignore_case(a.as_bytes(), b.as_bytes())
}

impl fmt::Display for SpecError {
    /// `"input": reason`, as in `port!`'s messages.
    ///
    /// ```
    /// let err = iana_ports::PortSpec::parse("htps/tcp").unwrap_err();
    /// assert!(err.to_string().starts_with("\"htps/tcp\": no service `htps` on tcp in the IANA registry; did you mean `https/tcp` (443)"));
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = Msg::new();
        self.write(&mut m);
        f.write_str(m.as_str())
    }
}

impl fmt::Debug for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SpecError")
            .field("kind", &self.kind)
            .field("input", &self.input())
            .field("part", &self.part())
            .field("protocol", &self.protocol)
            .field("suggestions", &self.suggestions)
            .finish()
    }
}

#[cfg(feature = "std")]
impl std::error::Error for SpecError {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    #[test]
    fn excerpt_cuts_at_a_character_boundary() {
        let e = Excerpt::<4>::new("abé");
        assert_eq!((e.as_str(), e.cut), ("abé", false));
        let e = Excerpt::<3>::new("abé");
        assert_eq!((e.as_str(), e.cut), ("ab", true));
        let mut m = Msg::new();
        Excerpt::<8>::new("a\n\"`\\\u{1}").write(&mut m);
        assert_eq!(m.as_str(), "a\\n\\\"\\`\\\\\\x01");
    }

    #[test]
    fn numbers() {
        assert!(matches!(parse_number("0"), Number::Ok(PortRange { start: 0, end: 0 })));
        assert!(matches!(parse_number("00065535"), Number::Ok(PortRange { start: 65535, end: 65535 })));
        assert!(matches!(parse_number("65536"), Number::Bad("65536")));
        assert!(matches!(parse_number("99999999999999999999"), Number::Bad(_)));
        assert!(matches!(parse_number("5-5"), Number::Ok(PortRange { start: 5, end: 5 })));
        assert!(matches!(parse_number("1-2-3"), Number::Bad("1-2-3")));
        assert!(matches!(parse_number("-5"), Number::Bad("-5")));
        assert!(matches!(parse_number("5-"), Number::Bad("5-")));
        assert!(matches!(parse_number("-"), Number::Name));
        assert!(matches!(parse_number("9pfs"), Number::Name));
        assert!(matches!(parse_number("802-11-iapp"), Number::Name));
        assert!(matches!(parse_number("2-1"), Number::Reversed));
    }

    #[test]
    fn display_of_every_kind() {
        let msg = |s: &str| PortSpec::parse(s).unwrap_err().to_string();
        assert_eq!(msg(" "), "\"\": empty port spec (expected PORT, START-END or NAME, each optionally /PROTO)");
        assert_eq!(msg("/tcp"), "\"/tcp\": no port or service name before the `/`");
        assert_eq!(msg("70000/tcp"), "\"70000/tcp\": `70000` is not a port 0-65535 or a range START-END");
        assert_eq!(msg("10-1"), "\"10-1\": range `10-1` is reversed (its start is above its end)");
        assert_eq!(msg("443/"), "\"443/\": no protocol after the `/` (expected tcp, udp, sctp or dccp)");
        assert_eq!(msg("ssh/tcp/udp"), "\"ssh/tcp/udp\": unexpected `/udp` after the protocol (one protocol per spec)");
        assert_eq!(
            msg("ssh/tcpp"),
            "\"ssh/tcpp\": unknown protocol `tcpp` (expected tcp, udp, sctp or dccp); \
             did you mean `ssh/tcp` (22), `ssh/udp` (22) or `ssh/sctp` (22)?"
        );
        assert_eq!(
            msg("rift-lies/tcp"),
            "\"rift-lies/tcp\": `rift-lies` has no port on tcp in the IANA registry; it is registered as `rift-lies/udp` (914)"
        );
        assert!(msg("matrix").starts_with("\"matrix\": `matrix` is registered without a port in the IANA registry"));
        assert_eq!(
            msg("qqqqqqqqqqqq"),
            "\"qqqqqqqqqqqq\": no service `qqqqqqqqqqqq` in the IANA registry (no similar registered name)"
        );
        let long = msg(&"x".repeat(100));
        assert!(long.starts_with(&std::format!("\"{}…\": no service `{}…`", "x".repeat(64), "x".repeat(32))), "{long}");
    }

    #[test]
    fn terminal_controls_are_escaped_c1_too() {
        let msg = |s: &str| PortSpec::parse(s).unwrap_err().to_string();
        // ESC (an OSC title), a C1 CSI and a C1 OSC: none reaches the message raw.
        for input in ["\x1b]0;owned\x07", "x\u{9b}31m", "y\u{9d}0;t\u{9c}", "443/\x1b[2J"] {
            let shown = msg(input);
            assert!(!shown.chars().any(char::is_control), "{input:?} gave {shown:?}");
        }
        assert_eq!(
            msg("443/\u{9b}2J"),
            "\"443/\\u{9b}2J\": unknown protocol `\\u{9b}2J` (expected tcp, udp, sctp or dccp)"
        );
    }
}
