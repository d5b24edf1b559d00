//! Transport protocols.

use core::fmt;
use core::str::FromStr;

use crate::tables::layout;

/// A transport protocol of the registry.
///
/// ```
/// use iana_ports::Protocol;
/// assert_eq!("TCP".parse::<Protocol>(), Ok(Protocol::Tcp));
/// assert_eq!(Protocol::Sctp.to_string(), "sctp");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "lowercase"))]
pub enum Protocol {
    /// Transmission Control Protocol.
    Tcp,
    /// User Datagram Protocol.
    Udp,
    /// Stream Control Transmission Protocol.
    Sctp,
    /// Datagram Congestion Control Protocol.
    Dccp,
}

impl Protocol {
    /// All four protocols, in registry order of importance.
    ///
    /// ```
    /// assert_eq!(iana_ports::Protocol::ALL.len(), 4);
    /// ```
    pub const ALL: [Protocol; 4] = [Protocol::Tcp, Protocol::Udp, Protocol::Sctp, Protocol::Dccp];

    /// The registry's spelling: `"tcp"`, `"udp"`, `"sctp"` or `"dccp"`.
    ///
    /// ```
    /// assert_eq!(iana_ports::Protocol::Dccp.as_str(), "dccp");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
            Protocol::Sctp => "sctp",
            Protocol::Dccp => "dccp",
        }
    }

    /// Parses a protocol name in any case, in `const` contexts too.
    ///
    /// ```
    /// use iana_ports::Protocol;
    /// const P: Option<Protocol> = Protocol::parse("Udp");
    /// assert_eq!(P, Some(Protocol::Udp));
    /// assert_eq!(Protocol::parse("tcpp"), None);
    /// ```
    pub const fn parse(text: &str) -> Option<Protocol> {
        let mut i = 0;
        while i < Protocol::ALL.len() {
            let p = Protocol::ALL[i];
            if crate::tables::eq_ignore_case(p.as_str().as_bytes(), text.as_bytes()) {
                return Some(p);
            }
            i += 1;
        }
        None
    }

    /// The protocol's number in IP headers (IANA's *Assigned Internet
    /// Protocol Numbers*): the IPv4 `Protocol` field, the IPv6 `Next
    /// Header`. TCP 6, UDP 17, DCCP 33, SCTP 132.
    ///
    /// ```
    /// use iana_ports::Protocol;
    /// assert_eq!(Protocol::Tcp.ip_number(), 6);
    /// const SCTP: u8 = Protocol::Sctp.ip_number();
    /// assert_eq!(SCTP, 132);
    /// ```
    pub const fn ip_number(self) -> u8 {
        match self {
            Protocol::Tcp => 6,
            Protocol::Udp => 17,
            Protocol::Sctp => 132,
            Protocol::Dccp => 33,
        }
    }

    /// The protocol with IP protocol number `number`, if it is one of the
    /// four (the inverse of [`ip_number`](Self::ip_number)).
    ///
    /// ```
    /// use iana_ports::Protocol;
    /// assert_eq!(Protocol::from_ip_number(17), Some(Protocol::Udp));
    /// const DCCP: Option<Protocol> = Protocol::from_ip_number(33);
    /// assert_eq!(DCCP, Some(Protocol::Dccp));
    /// assert_eq!(Protocol::from_ip_number(1), None); // ICMP
    /// ```
    pub const fn from_ip_number(number: u8) -> Option<Protocol> {
        match number {
            6 => Some(Protocol::Tcp),
            17 => Some(Protocol::Udp),
            132 => Some(Protocol::Sctp),
            33 => Some(Protocol::Dccp),
            _ => None,
        }
    }

    /// The protocol of a record's protocol code (`layout::proto_code`), if any.
    pub(crate) const fn from_code(code: u8) -> Option<Protocol> {
        match layout::proto_index(code) {
            Some(index) => Some(Protocol::ALL[index]),
            None => None,
        }
    }

    /// The protocol code of this protocol in a record's flags.
    pub(crate) const fn code(self) -> u8 {
        layout::proto_code(self as usize)
    }
}

impl fmt::Display for Protocol {
    /// ```
    /// assert_eq!(format!("{}", iana_ports::Protocol::Udp), "udp");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Protocol {
    type Err = ParseProtocolError;

    /// ```
    /// use iana_ports::Protocol;
    /// assert_eq!("sctp".parse(), Ok(Protocol::Sctp));
    /// assert!("quic".parse::<Protocol>().is_err());
    /// ```
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Protocol::parse(text).ok_or(ParseProtocolError { _private: () })
    }
}

/// The error of parsing a [`Protocol`] from text that is not one.
///
/// ```
/// let err = "tcpp".parse::<iana_ports::Protocol>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown transport protocol (expected tcp, udp, sctp or dccp, in any case)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseProtocolError {
    _private: (),
}

impl fmt::Display for ParseProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown transport protocol (expected tcp, udp, sctp or dccp, in any case)")
    }
}

#[cfg(feature = "std")]
impl std::error::Error for ParseProtocolError {}

#[cfg(test)]
mod tests {
    use super::Protocol;

    #[test]
    fn ip_numbers_round_trip_for_every_byte() {
        let mut found = 0;
        for number in 0..=u8::MAX {
            if let Some(p) = Protocol::from_ip_number(number) {
                assert_eq!(p.ip_number(), number);
                found += 1;
            }
        }
        assert_eq!(found, 4);
        for p in Protocol::ALL {
            assert_eq!(Protocol::from_ip_number(p.ip_number()), Some(p));
        }
        // IANA's protocol-numbers registry.
        assert_eq!(Protocol::ALL.map(Protocol::ip_number), [6, 17, 132, 33]);
    }
}
