//! `host:port` text, as Go's `net.SplitHostPort` and `net.JoinHostPort`
//! read and write it, and (with `std`) `HostPort`, an address whose port
//! may be a service name.

use core::fmt;

use crate::macros::private::Msg;
use crate::spec::Excerpt;

/// Bytes of the input a [`SplitError`] keeps.
const INPUT_BYTES: usize = 64;

/// Splits `host:port`, `[host]:port` or `[host%zone]:port` into host (or
/// `host%zone`) and port, exactly as Go's
/// [`net.SplitHostPort`](https://pkg.go.dev/net#SplitHostPort) does:
/// the port is after the last `:`; a host holding a `:` (an IPv6 literal)
/// must be in brackets; the port is not checked (`127.0.0.1:` gives an
/// empty port, `:80` an empty host), see [`lookup_port`](crate::lookup_port)
/// for that. Errors carry Go's words ([`SplitErrorKind::as_str`]).
///
/// A `const fn`; borrows from the input, allocates nothing.
///
/// ```
/// use iana_ports::{split_host_port, SplitErrorKind};
///
/// assert_eq!(split_host_port("example.com:imaps"), Ok(("example.com", "imaps")));
/// assert_eq!(split_host_port("[fe80::1%lo0]:80"), Ok(("fe80::1%lo0", "80")));
/// assert_eq!(split_host_port(":0"), Ok(("", "0")));
/// assert_eq!(split_host_port("127.0.0.1:"), Ok(("127.0.0.1", "")));
///
/// let err = split_host_port("::1").unwrap_err();
/// assert_eq!(err.kind(), SplitErrorKind::TooManyColons);
/// assert_eq!(err.to_string(), "\"::1\": too many colons in address");
/// ```
pub const fn split_host_port(hostport: &str) -> Result<(&str, &str), SplitError> {
    let b = hostport.as_bytes();
    // The port starts after the last colon.
    let Some(colon) = last_index(b, b':') else {
        return Err(SplitError::new(SplitErrorKind::MissingPort, hostport));
    };
    let host;
    // No '[' before `open_from`, no ']' before `close_from`.
    let (open_from, close_from);
    if b[0] == b'[' {
        // Expect the first ']' just before the last ':'.
        let Some(end) = first_index(b, b']', 0) else {
            return Err(SplitError::new(SplitErrorKind::MissingCloseBracket, hostport));
        };
        if end + 1 == b.len() {
            return Err(SplitError::new(SplitErrorKind::MissingPort, hostport));
        }
        if end + 1 != colon {
            // ']' is not followed by the last ':'.
            let kind = if b[end + 1] == b':' { SplitErrorKind::TooManyColons } else { SplitErrorKind::MissingPort };
            return Err(SplitError::new(kind, hostport));
        }
        host = slice(hostport, 1, end);
        (open_from, close_from) = (1, end + 1);
    } else {
        host = slice(hostport, 0, colon);
        if first_index(host.as_bytes(), b':', 0).is_some() {
            return Err(SplitError::new(SplitErrorKind::TooManyColons, hostport));
        }
        (open_from, close_from) = (0, 0);
    }
    if first_index(b, b'[', open_from).is_some() {
        return Err(SplitError::new(SplitErrorKind::UnexpectedOpenBracket, hostport));
    }
    if first_index(b, b']', close_from).is_some() {
        return Err(SplitError::new(SplitErrorKind::UnexpectedCloseBracket, hostport));
    }
    Ok((host, slice(hostport, colon + 1, b.len())))
}

const fn slice(s: &str, from: usize, to: usize) -> &str {
    s.split_at(to).0.split_at(from).1
}

const fn first_index(b: &[u8], byte: u8, from: usize) -> Option<usize> {
    let mut i = from;
    while i < b.len() {
        if b[i] == byte {
            return Some(i);
        }
        i += 1;
    }
    None
}

const fn last_index(b: &[u8], byte: u8) -> Option<usize> {
    let mut i = b.len();
    while i > 0 {
        i -= 1;
        if b[i] == byte {
            return Some(i);
        }
    }
    None
}

/// Why [`split_host_port`] refused an address; [`as_str`](Self::as_str)
/// gives Go's words.
///
/// ```
/// use iana_ports::{split_host_port, SplitErrorKind::*};
/// let kind = |s| split_host_port(s).unwrap_err().kind();
/// assert_eq!(kind("example.com"), MissingPort);
/// assert_eq!(kind("fe80::1%lo0:80"), TooManyColons);
/// assert_eq!(kind("[::1:80"), MissingCloseBracket);
/// assert_eq!(kind("foo[bar]:baz"), UnexpectedOpenBracket);
/// assert_eq!(kind("foo]bar:baz"), UnexpectedCloseBracket);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SplitErrorKind {
    /// No `:`, or none right after the `]` (`[::1]`, `[foo]bar:baz`).
    MissingPort,
    /// A `:` in a host without brackets (`::1`), or after `]:` (`[a]:[b]:c`).
    TooManyColons,
    /// A `[` at the start and no `]`.
    MissingCloseBracket,
    /// A `[` anywhere but at the start.
    UnexpectedOpenBracket,
    /// A `]` without its `[`, or a second one.
    UnexpectedCloseBracket,
}

impl SplitErrorKind {
    /// Go's message: `missing port in address`, `too many colons in
    /// address`, `missing ']' in address`, `unexpected '[' in address` or
    /// `unexpected ']' in address`.
    ///
    /// ```
    /// assert_eq!(iana_ports::SplitErrorKind::MissingPort.as_str(), "missing port in address");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            SplitErrorKind::MissingPort => "missing port in address",
            SplitErrorKind::TooManyColons => "too many colons in address",
            SplitErrorKind::MissingCloseBracket => "missing ']' in address",
            SplitErrorKind::UnexpectedOpenBracket => "unexpected '[' in address",
            SplitErrorKind::UnexpectedCloseBracket => "unexpected ']' in address",
        }
    }
}

impl fmt::Display for SplitErrorKind {
    /// [`as_str`](Self::as_str).
    ///
    /// ```
    /// assert_eq!(iana_ports::SplitErrorKind::TooManyColons.to_string(), "too many colons in address");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Why [`split_host_port`] refused an address: the kind and a copy of the
/// address's first 64 bytes (no allocation). With the `std` feature it
/// implements `std::error::Error`.
///
/// ```
/// let err = iana_ports::split_host_port("[::1]").unwrap_err();
/// assert_eq!(err.input(), "[::1]");
/// assert_eq!(err.to_string(), "\"[::1]\": missing port in address");
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SplitError {
    kind: SplitErrorKind,
    input: Excerpt<INPUT_BYTES>,
}

impl SplitError {
    const fn new(kind: SplitErrorKind, input: &str) -> SplitError {
        SplitError { kind, input: Excerpt::new(input) }
    }

    /// The reason.
    ///
    /// ```
    /// use iana_ports::{split_host_port, SplitErrorKind};
    /// assert_eq!(split_host_port("[foo]:[bar]baz").unwrap_err().kind(), SplitErrorKind::UnexpectedOpenBracket);
    /// ```
    pub const fn kind(&self) -> SplitErrorKind {
        self.kind
    }

    /// The address refused (its first 64 bytes).
    ///
    /// ```
    /// assert_eq!(iana_ports::split_host_port("localhost").unwrap_err().input(), "localhost");
    /// ```
    pub const fn input(&self) -> &str {
        self.input.as_str()
    }
}

impl fmt::Display for SplitError {
    /// `"address": reason`, the address escaped and cut at 64 bytes (`…`).
    ///
    /// ```
    /// let err = iana_ports::split_host_port("foo]bar:baz").unwrap_err();
    /// assert_eq!(err.to_string(), "\"foo]bar:baz\": unexpected ']' in address");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = Msg::new();
        m.str("\"");
        self.input.write(&mut m);
        m.str("\": ");
        m.str(self.kind.as_str());
        f.write_str(m.as_str())
    }
}

impl fmt::Debug for SplitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SplitError").field("kind", &self.kind).field("input", &self.input()).finish()
    }
}

#[cfg(feature = "std")]
impl std::error::Error for SplitError {}

/// `host` and `port` as one address, as Go's
/// [`net.JoinHostPort`](https://pkg.go.dev/net#JoinHostPort) writes it:
/// `host:port`, or `[host]:port` when the host holds a `:` (an IPv6
/// literal). The port is anything [`Display`](fmt::Display): a number or a
/// service name.
///
/// It returns a value to format, so it needs no allocation; `.to_string()`
/// (with `std` or `alloc`) makes the `String`.
///
/// ```
/// use iana_ports::{join_host_port, split_host_port};
///
/// assert_eq!(join_host_port("::1", 993).to_string(), "[::1]:993");
/// assert_eq!(join_host_port("example.com", "imaps").to_string(), "example.com:imaps");
/// assert_eq!(join_host_port("", 80).to_string(), ":80");
///
/// // The inverse of split_host_port.
/// let joined = join_host_port("fe80::1%lo0", "80").to_string();
/// assert_eq!(split_host_port(&joined), Ok(("fe80::1%lo0", "80")));
/// ```
pub fn join_host_port<P: fmt::Display>(host: &str, port: P) -> JoinHostPort<'_, P> {
    JoinHostPort { host, port }
}

/// The address [`join_host_port`] makes, written by its
/// [`Display`](fmt::Display).
///
/// ```
/// let joined: iana_ports::JoinHostPort<'_, u16> = iana_ports::join_host_port("127.0.0.1", 8448);
/// assert_eq!(format!("{joined}"), "127.0.0.1:8448");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JoinHostPort<'a, P> {
    host: &'a str,
    port: P,
}

impl<P: fmt::Display> fmt::Display for JoinHostPort<'_, P> {
    /// `host:port` or `[host]:port`.
    ///
    /// ```
    /// assert_eq!(iana_ports::join_host_port("2001:db8::1", "https").to_string(), "[2001:db8::1]:https");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

#[cfg(feature = "std")]
pub use with_std::{HostPort, HostPortError};

#[cfg(feature = "std")]
mod with_std {
    use core::fmt;
    use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, ToSocketAddrs};
    use std::vec::IntoIter;

    use super::{SplitError, join_host_port, split_host_port};
    use crate::{LookupError, Protocol, lookup_port};

    /// An address `host:port` whose port may be a service name
    /// (`example.com:imaps`), split as Go's `net.SplitHostPort` splits it
    /// and the port resolved by [`lookup_port`](crate::lookup_port) from
    /// the compiled-in registry.
    ///
    /// It borrows the host from the text; parsing allocates nothing. It
    /// implements [`ToSocketAddrs`], so it goes wherever std takes an
    /// address: resolving the host (DNS, through std) is the only step that
    /// allocates. An empty host (`:8448`) means every local address, as in
    /// Go: `0.0.0.0` then `::`.
    ///
    /// ```
    /// use iana_ports::{HostPort, Protocol};
    ///
    /// let imaps = HostPort::parse("example.com:imaps", Protocol::Tcp)?;
    /// assert_eq!((imaps.host(), imaps.port()), ("example.com", 993));
    ///
    /// let local = HostPort::parse("[::1]:IMAPS", Protocol::Tcp)?;
    /// assert_eq!(local.to_string(), "[::1]:993");
    ///
    /// let err = HostPort::parse("example.com:imapss", Protocol::Tcp).unwrap_err();
    /// assert!(err.to_string().contains("did you mean `imaps/tcp` (993)"));
    ///
    /// // Connect through it (here to a listener of our own on loopback).
    /// let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    /// let address = format!("127.0.0.1:{}", listener.local_addr()?.port());
    /// let stream = std::net::TcpStream::connect(HostPort::parse(&address, Protocol::Tcp)?)?;
    /// assert_eq!(stream.peer_addr()?, listener.local_addr()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub struct HostPort<'a> {
        host: &'a str,
        port: u16,
    }

    impl<'a> HostPort<'a> {
        /// Splits `text` with [`split_host_port`] and resolves its port
        /// with [`lookup_port`] on `proto`: a number `0`-`65535` or a
        /// registered name in any case.
        ///
        /// ```
        /// use iana_ports::{HostPort, Protocol};
        /// let syslog = HostPort::parse("logs.example:syslog", Protocol::Udp).unwrap();
        /// assert_eq!(syslog.port(), 514);
        /// assert!(HostPort::parse("logs.example", Protocol::Udp).is_err()); // missing port
        /// assert!(HostPort::parse("logs.example:", Protocol::Udp).is_err()); // empty port
        /// ```
        pub const fn parse(text: &'a str, proto: Protocol) -> Result<HostPort<'a>, HostPortError> {
            let (host, port) = match split_host_port(text) {
                Ok(parts) => parts,
                Err(e) => return Err(HostPortError::Split(e)),
            };
            match lookup_port(port, proto) {
                Ok(port) => Ok(HostPort { host, port }),
                Err(e) => Err(HostPortError::Port(e)),
            }
        }

        /// The host, without brackets: a name, an IP literal or empty.
        ///
        /// ```
        /// use iana_ports::{HostPort, Protocol};
        /// assert_eq!(HostPort::parse("[fe80::1%lo0]:ssh", Protocol::Tcp).unwrap().host(), "fe80::1%lo0");
        /// ```
        pub const fn host(&self) -> &'a str {
            self.host
        }

        /// The port, resolved.
        ///
        /// ```
        /// use iana_ports::{HostPort, Protocol};
        /// assert_eq!(HostPort::parse("example.com:matrix-fed", Protocol::Tcp).unwrap().port(), 8448);
        /// ```
        pub const fn port(&self) -> u16 {
            self.port
        }
    }

    impl fmt::Display for HostPort<'_> {
        /// [`join_host_port`] of the host and the number: `[::1]:993`.
        ///
        /// ```
        /// use iana_ports::{HostPort, Protocol};
        /// assert_eq!(HostPort::parse("example.com:https", Protocol::Tcp).unwrap().to_string(), "example.com:443");
        /// ```
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            join_host_port(self.host, self.port).fmt(f)
        }
    }

    impl ToSocketAddrs for HostPort<'_> {
        type Iter = IntoIter<SocketAddr>;

        /// `(host, port)` as std resolves it; an empty host gives
        /// `0.0.0.0:port` and `[::]:port`.
        ///
        /// ```
        /// use std::net::ToSocketAddrs;
        /// use iana_ports::{HostPort, Protocol};
        /// let addrs: Vec<_> = HostPort::parse("127.0.0.1:ssh", Protocol::Tcp)?.to_socket_addrs()?.collect();
        /// assert_eq!(addrs, ["127.0.0.1:22".parse()?]);
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        fn to_socket_addrs(&self) -> std::io::Result<IntoIter<SocketAddr>> {
            if self.host.is_empty() {
                let any = [
                    SocketAddr::new(Ipv4Addr::UNSPECIFIED.into(), self.port),
                    SocketAddr::new(Ipv6Addr::UNSPECIFIED.into(), self.port),
                ];
                return Ok(std::vec::Vec::from(any).into_iter());
            }
            (self.host, self.port).to_socket_addrs()
        }
    }

    /// Why [`HostPort::parse`] refused a text: the address does not split,
    /// or its port is unknown or invalid. Converts into `std::io::Error`
    /// (kind `InvalidInput`), so `?` works in functions returning
    /// `io::Result`.
    ///
    /// ```
    /// use iana_ports::{HostPort, HostPortError, Protocol};
    /// match HostPort::parse("[::1]:htps", Protocol::Tcp) {
    ///     Err(HostPortError::Port(e)) => assert_eq!(e.suggestions().next().unwrap().name(), "https"),
    ///     other => panic!("{other:?}"),
    /// }
    /// let io: std::io::Error = HostPort::parse("::1", Protocol::Tcp).unwrap_err().into();
    /// assert_eq!(io.kind(), std::io::ErrorKind::InvalidInput);
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum HostPortError {
        /// [`split_host_port`] refused the address.
        Split(SplitError),
        /// [`lookup_port`] refused its port.
        Port(LookupError),
    }

    impl fmt::Display for HostPortError {
        /// The inner error's message.
        ///
        /// ```
        /// use iana_ports::{HostPort, Protocol};
        /// let err = HostPort::parse("example.com:70000", Protocol::Tcp).unwrap_err();
        /// assert_eq!(err.to_string(), "\"70000\": invalid port (expected 0-65535 or a service name)");
        /// ```
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                HostPortError::Split(e) => e.fmt(f),
                HostPortError::Port(e) => e.fmt(f),
            }
        }
    }

    impl std::error::Error for HostPortError {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            match self {
                HostPortError::Split(e) => Some(e),
                HostPortError::Port(e) => Some(e),
            }
        }
    }

    impl From<HostPortError> for std::io::Error {
        fn from(err: HostPortError) -> std::io::Error {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, err)
        }
    }
}
