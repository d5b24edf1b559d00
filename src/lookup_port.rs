//! `lookup_port`: a port from text that is a number or a service name, as
//! Go's `net.LookupPort` reads it, without `/etc/services`.

use core::fmt;

use crate::Protocol;
use crate::macros::private::{Msg, offer, ported_row, registrations};
use crate::spec::Excerpt;
use crate::suggest::{Suggestions, first_row, suggest};

/// Bytes of the input a [`LookupError`] keeps.
const INPUT_BYTES: usize = 64;

/// The port `service` means on `proto`: decimal text is that port, anything
/// else a registered service name in any case, as Go's
/// [`net.LookupPort`](https://pkg.go.dev/net#LookupPort) reads it but from
/// the compiled-in IANA registry instead of `/etc/services`.
///
/// - Decimal `0`-`65535`, with leading zeros and one leading `+` or `-`
///   allowed as Go allows them (`0080` and `+80` are 80, `-0` is 0); a
///   number outside that range (`-1`, `65536`, `123456789`, any length of
///   digits) is [`InvalidPort`](LookupErrorKind::InvalidPort).
/// - Any other text is a name: [`port`](fn@crate::port)`(service, proto)`,
///   or [`UnknownPort`](LookupErrorKind::UnknownPort) with suggestions.
///   Nothing is trimmed: `" 80"` is a (unknown) name, as in Go.
///
/// Two deliberate departures from Go, both for text with no digit: the
/// empty string and a lone sign (`""`, `"+"`, `"-"`) are
/// [`InvalidPort`](LookupErrorKind::InvalidPort), where Go answers port 0
/// (its issue 13610 kept that legacy behaviour); a server reading its
/// `listen` value should not silently get a random port. And text of eleven
/// or more digits followed by a non-digit is a name here (`UnknownPort`),
/// where Go stops reading at the overflow and answers `InvalidPort`.
///
/// A `const fn`: no allocation, time linear in the input.
///
/// ```
/// use iana_ports::{lookup_port, LookupErrorKind, Protocol::*};
///
/// assert_eq!(lookup_port("8448", Tcp), Ok(8448));
/// assert_eq!(lookup_port("ChArGeN", Tcp), Ok(19));
/// assert_eq!(lookup_port("x11", Tcp), Ok(6000));
/// assert_eq!(lookup_port("matrix-fed", Tcp), Ok(8448));
///
/// let err = lookup_port("65536", Tcp).unwrap_err();
/// assert_eq!(err.kind(), LookupErrorKind::InvalidPort);
/// assert_eq!(err.to_string(), "\"65536\": invalid port (expected 0-65535 or a service name)");
///
/// let err = lookup_port("htps", Tcp).unwrap_err();
/// assert_eq!(err.kind().as_str(), "unknown port");
/// assert_eq!(err.suggestions().next().unwrap().name(), "https");
/// assert!(err.to_string().contains("did you mean `https/tcp` (443)"));
///
/// // In a const item: a typo fails the build.
/// const LISTEN: u16 = match lookup_port("imaps", Tcp) { Ok(p) => p, Err(_) => panic!("no such port") };
/// assert_eq!(LISTEN, 993);
/// ```
///
/// ```compile_fail
/// use iana_ports::{lookup_port, Protocol::Tcp};
/// const LISTEN: u16 = match lookup_port("imapss", Tcp) { Ok(p) => p, Err(_) => panic!("no such port") };
/// ```
pub const fn lookup_port(service: &str, proto: Protocol) -> Result<u16, LookupError> {
    match decimal(service) {
        Decimal::Port(port) => Ok(port),
        Decimal::Invalid => Err(LookupError::new(LookupErrorKind::InvalidPort, service, proto)),
        Decimal::NotANumber => match crate::port(service, proto) {
            Some(port) => Ok(port),
            None => Err(LookupError::unknown(service, proto)),
        },
    }
}

enum Decimal {
    Port(u16),
    /// A number outside 0-65535, or no digit at all.
    Invalid,
    /// Not `[+-]?[0-9]+`: a name.
    NotANumber,
}

/// `text` as Go's `parsePort` reads it: an optional sign, then decimal
/// digits, the value saturating far above 65535.
const fn decimal(text: &str) -> Decimal {
    let b = text.as_bytes();
    let (negative, mut i) = match b.first() {
        Some(b'+') => (false, 1),
        Some(b'-') => (true, 1),
        _ => (false, 0),
    };
    if i == b.len() {
        return Decimal::Invalid; // "", "+", "-"
    }
    let mut value: u32 = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            return Decimal::NotANumber;
        }
        if value <= u16::MAX as u32 {
            value = value * 10 + (b[i] - b'0') as u32;
        }
        i += 1;
    }
    if value > u16::MAX as u32 || (negative && value != 0) {
        return Decimal::Invalid;
    }
    Decimal::Port(value as u16)
}

/// Why [`lookup_port`] found no port: Go's two words for it.
///
/// ```
/// use iana_ports::{lookup_port, LookupErrorKind, Protocol};
/// assert_eq!(lookup_port("-1", Protocol::Udp).unwrap_err().kind(), LookupErrorKind::InvalidPort);
/// assert_eq!(lookup_port("--badport--", Protocol::Tcp).unwrap_err().kind(), LookupErrorKind::UnknownPort);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LookupErrorKind {
    /// Not a number, and no registered name with a port on the protocol.
    UnknownPort,
    /// A number outside 0-65535, or text without a digit (`""`, `"-"`).
    InvalidPort,
}

impl LookupErrorKind {
    /// Go's words: `"unknown port"` or `"invalid port"`.
    ///
    /// ```
    /// assert_eq!(iana_ports::LookupErrorKind::InvalidPort.as_str(), "invalid port");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            LookupErrorKind::UnknownPort => "unknown port",
            LookupErrorKind::InvalidPort => "invalid port",
        }
    }
}

impl fmt::Display for LookupErrorKind {
    /// [`as_str`](Self::as_str).
    ///
    /// ```
    /// assert_eq!(iana_ports::LookupErrorKind::UnknownPort.to_string(), "unknown port");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Why, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cause {
    /// A number out of range, or no digit: an invalid port.
    Invalid,
    /// No such name in the registry.
    Unregistered,
    /// Registered, with ports on other protocols only.
    OtherProtocols(u16),
    /// Registered without any port (a DNS-SD name).
    Portless,
}

/// Why [`lookup_port`] refused a text: the kind, the text, the protocol
/// asked for and, for a name, up to three registered names meant.
///
/// It owns a copy of the input's first 64 bytes (no allocation);
/// [`Display`](fmt::Display) quotes it, escaped, and marks a cut with `…`.
/// With the `std` feature it implements `std::error::Error`.
///
/// ```
/// use iana_ports::{lookup_port, Protocol};
/// let err = lookup_port("rift-lies", Protocol::Tcp).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "\"rift-lies\": unknown port on tcp: `rift-lies` is registered as `rift-lies/udp` (914)"
/// );
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct LookupError {
    kind: LookupErrorKind,
    protocol: Protocol,
    input: Excerpt<INPUT_BYTES>,
    cause: Cause,
    suggestions: Suggestions,
}

impl LookupError {
    const fn new(kind: LookupErrorKind, input: &str, protocol: Protocol) -> LookupError {
        LookupError {
            kind,
            protocol,
            input: Excerpt::new(input),
            cause: Cause::Invalid,
            suggestions: Suggestions::EMPTY,
        }
    }

    const fn unknown(name: &str, protocol: Protocol) -> LookupError {
        let mut err = LookupError::new(LookupErrorKind::UnknownPort, name, protocol);
        match (first_row(name), ported_row(name)) {
            (Some(_), Some(row)) => {
                err.cause = Cause::OtherProtocols(row);
                err.suggestions = Suggestions::registrations(row);
            }
            (Some(_), None) => {
                err.cause = Cause::Portless;
                err.suggestions = suggest(name, Some(protocol));
            }
            (None, _) => {
                err.cause = Cause::Unregistered;
                err.suggestions = suggest(name, Some(protocol));
            }
        }
        err
    }

    /// Unknown or invalid.
    ///
    /// ```
    /// use iana_ports::{lookup_port, LookupErrorKind, Protocol};
    /// assert_eq!(lookup_port("", Protocol::Tcp).unwrap_err().kind(), LookupErrorKind::InvalidPort);
    /// ```
    pub const fn kind(&self) -> LookupErrorKind {
        self.kind
    }

    /// The text refused (its first 64 bytes).
    ///
    /// ```
    /// use iana_ports::{lookup_port, Protocol};
    /// assert_eq!(lookup_port("htps", Protocol::Tcp).unwrap_err().input(), "htps");
    /// ```
    pub const fn input(&self) -> &str {
        self.input.as_str()
    }

    /// The protocol asked for.
    ///
    /// ```
    /// use iana_ports::{lookup_port, Protocol};
    /// assert_eq!(lookup_port("htps", Protocol::Udp).unwrap_err().protocol(), Protocol::Udp);
    /// ```
    pub const fn protocol(&self) -> Protocol {
        self.protocol
    }

    /// For an unknown name, up to three names meant: its registrations on
    /// other protocols if it has some, else the
    /// [`suggest`](crate::suggest()) engine's picks on the protocol asked.
    /// Empty for an invalid port.
    ///
    /// ```
    /// use iana_ports::{lookup_port, Protocol};
    /// let err = lookup_port("dns", Protocol::Udp).unwrap_err();
    /// assert_eq!(err.suggestions().next().unwrap().to_string(), "domain/udp (53)");
    /// assert_eq!(lookup_port("70000", Protocol::Udp).unwrap_err().suggestions().len(), 0);
    /// ```
    pub const fn suggestions(&self) -> Suggestions {
        self.suggestions
    }

    /// Writes `"input": reason`.
    const fn write(&self, m: &mut Msg) {
        m.str("\"");
        self.input.write(m);
        m.str("\": ");
        m.str(self.kind.as_str());
        if !matches!(self.cause, Cause::Invalid) {
            m.str(" on ");
            m.str(self.protocol.as_str());
        }
        match self.cause {
            Cause::Invalid => m.str(" (expected 0-65535 or a service name)"),
            Cause::OtherProtocols(row) => {
                m.str(": `");
                if let Some(s) = self.suggestions.get(0) {
                    m.str(s.name());
                }
                m.str("` is registered as ");
                registrations(m, row, " and ");
            }
            Cause::Portless => {
                m.str(": registered without a port in the IANA registry");
                offer(m, &self.suggestions);
            }
            Cause::Unregistered => {
                m.str(": no such service in the IANA registry");
                offer(m, &self.suggestions);
            }
        }
    }
}

impl fmt::Display for LookupError {
    /// `"input": unknown port on PROTO: why; did you mean …?` or
    /// `"input": invalid port (expected 0-65535 or a service name)`.
    ///
    /// ```
    /// use iana_ports::{lookup_port, Protocol};
    /// assert_eq!(
    ///     lookup_port("qqqqqqqqqqqq", Protocol::Tcp).unwrap_err().to_string(),
    ///     "\"qqqqqqqqqqqq\": unknown port on tcp: no such service in the IANA registry (no similar registered name)"
    /// );
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = Msg::new();
        self.write(&mut m);
        f.write_str(m.as_str())
    }
}

impl fmt::Debug for LookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LookupError")
            .field("kind", &self.kind)
            .field("input", &self.input())
            .field("protocol", &self.protocol)
            .field("suggestions", &self.suggestions)
            .finish()
    }
}

#[cfg(feature = "std")]
impl std::error::Error for LookupError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Protocol::{Tcp, Udp};
    use std::string::ToString;

    #[test]
    fn numbers_as_go_parses_them() {
        assert_eq!(lookup_port("+80", Tcp), Ok(80));
        assert_eq!(lookup_port("0080", Tcp), Ok(80));
        assert_eq!(lookup_port("-0", Tcp), Ok(0));
        assert_eq!(lookup_port("65535", Tcp), Ok(65535));
        assert_eq!(lookup_port("000000000000000000000065535", Tcp), Ok(65535));
        let kind = |s: &str| lookup_port(s, Tcp).unwrap_err().kind();
        for invalid in ["", "+", "-", "65536", "-1", "-65535", "99999999999999999999999999", "+65536"] {
            assert_eq!(kind(invalid), LookupErrorKind::InvalidPort, "{invalid:?}");
        }
        for unknown in [" 80", "80 ", "8 0", "+-80", "--1", "0x50", "８０", "80/tcp", "12345678901x"] {
            assert_eq!(kind(unknown), LookupErrorKind::UnknownPort, "{unknown:?}");
        }
    }

    #[test]
    fn names_in_any_case_on_the_protocol() {
        assert_eq!(lookup_port("ChArGeN", Tcp), Ok(19));
        assert_eq!(lookup_port("x11", Tcp), Ok(6000));
        assert_eq!(lookup_port("matrix-fed", Tcp), Ok(8448));
        assert_eq!(lookup_port("rift-lies", Udp), Ok(914));
        assert_eq!(lookup_port("914c/g", Tcp), Ok(211));
    }

    #[test]
    fn messages() {
        let msg = |s: &str| lookup_port(s, Tcp).unwrap_err().to_string();
        assert_eq!(msg(""), "\"\": invalid port (expected 0-65535 or a service name)");
        assert!(msg("htps").starts_with(
            "\"htps\": unknown port on tcp: no such service in the IANA registry; did you mean `https/tcp` (443)"
        ));
        assert!(
            msg("matrix")
                .starts_with("\"matrix\": unknown port on tcp: registered without a port in the IANA registry"),
            "{}",
            msg("matrix")
        );
        assert!(msg("a\"b\n").starts_with("\"a\\\"b\\n\": unknown port on tcp: no such service"), "{}", msg("a\"b\n"));
        let long = msg(&"x".repeat(100));
        assert!(long.starts_with(&std::format!("\"{}…\": unknown port", "x".repeat(64))), "{long}");
    }

    #[test]
    fn const_evaluable() {
        const HTTPS: Result<u16, LookupError> = lookup_port("https", Tcp);
        const BAD: Option<LookupErrorKind> = match lookup_port("htps", Tcp) {
            Ok(_) => None,
            Err(e) => Some(e.kind()),
        };
        assert_eq!(HTTPS, Ok(443));
        assert_eq!(BAD, Some(LookupErrorKind::UnknownPort));
    }
}
