//! `port!`, `ports!` and `assert_unassigned!`: registry checks that run in the
//! compiler. Both are `macro_rules!` over `const fn`s; a failure is a
//! const-evaluation panic whose message is built here, in a fixed buffer.

/// The port of a service, checked at compile time: `port!("name/proto")`,
/// or `port!("name")` when every protocol the name is registered on gives
/// the same port. Expands to a `u16` constant, usable in `const` items and
/// `match` arms alike. Names and protocols are matched in any case; a range
/// gives its first port (`x11` → 6000), and a name with several ports on a
/// protocol gives its first, as [`port`](fn@crate::port) does.
///
/// ```
/// use iana_ports::port;
/// const HTTPS: u16 = port!("https/tcp");
/// assert_eq!(HTTPS, 443);
/// assert_eq!(port!("domain"), 53); // tcp, udp: both 53
/// assert_eq!(port!("rift-lies"), 914); // udp only
/// assert_eq!(port!("914c/g/tcp"), 211); // names may hold `/`
/// ```
///
/// An unknown name, an unknown protocol, a name without a port there, or a
/// name whose protocols disagree fails the build, quoting the input and
/// offering up to three registered names:
///
/// ```compile_fail
/// let p = iana_ports::port!("htps/tcp");
/// // error[E0080]: evaluation panicked: port!("htps/tcp"): no service `htps`
/// // on tcp in the IANA registry; did you mean `https/tcp` (443), …?
/// ```
///
/// ```compile_fail
/// let p = iana_ports::port!("dns/udp"); // … did you mean `domain/udp` (53)?
/// ```
///
/// ```compile_fail
/// let p = iana_ports::port!("raid-am"); // `raid-am/tcp` (2013), `raid-am/udp` (2007)
/// ```
#[macro_export]
macro_rules! port {
    ($spec:expr $(,)?) => {{
        const PORT: u16 = $crate::__private::port($spec);
        PORT
    }};
}

/// Fails the build unless `port` is unassigned on `proto` (`tcp`, `udp`,
/// `sctp` or `dccp`) in the compiled-in registry: for a port your program
/// claims for itself. The message names the service that owns it.
///
/// Works as an item or a statement.
///
/// ```
/// iana_ports::assert_unassigned!(50000, tcp); // dynamic range
/// iana_ports::assert_unassigned!(4, udp);
/// ```
///
/// ```compile_fail
/// iana_ports::assert_unassigned!(4444, tcp);
/// // error[E0080]: evaluation panicked: assert_unassigned!(4444, tcp):
/// // 4444/tcp is assigned to `krb524` in the IANA registry
/// ```
#[macro_export]
macro_rules! assert_unassigned {
    ($port:expr, $proto:ident $(,)?) => {
        const _: () = $crate::__private::assert_unassigned($port, ::core::stringify!($proto));
    };
}

/// Port specs checked at compile time, for allow-lists: every
/// `(protocol, port range)` the specs resolve to, in the order given and,
/// within a spec, in [`PortSpec::resolve`](crate::PortSpec::resolve)'s
/// order. Expands to a `&'static [(Protocol, PortRange); N]` constant, so
/// it fits `const` and `static` items, in `no_std` too.
///
/// ```
/// use iana_ports::{PortRange, Protocol};
///
/// const ALLOW: &[(Protocol, PortRange)] = iana_ports::ports!("ssh/tcp", "https/tcp", "6000-6063/tcp");
/// assert_eq!(
///     ALLOW,
///     [
///         (Protocol::Tcp, PortRange { start: 22, end: 22 }),
///         (Protocol::Tcp, PortRange { start: 443, end: 443 }),
///         (Protocol::Tcp, PortRange { start: 6000, end: 6063 }),
///     ]
/// );
/// // A name means every row with a port; no protocol means each of them.
/// assert_eq!(iana_ports::ports!("msp/tcp").len(), 2); // 18 and 2438
/// assert_eq!(iana_ports::ports!("SSH").len(), 3); // tcp, udp, sctp
/// assert_eq!(iana_ports::ports!("53").len(), 4);
/// ```
///
/// A typo, an unknown protocol, a name without a port or any other bad
/// spec fails the build, quoting the spec, with `port!`'s suggestions:
///
/// ```compile_fail
/// const ALLOW: &[(iana_ports::Protocol, iana_ports::PortRange)] = iana_ports::ports!("ssh/tcp", "htps/tcp");
/// // error[E0080]: evaluation panicked: ports!("htps/tcp"): no service `htps`
/// // on tcp in the IANA registry; did you mean `https/tcp` (443), …?
/// ```
///
/// ```compile_fail
/// let p = iana_ports::ports!("matrix"); // `matrix` is registered without a port
/// ```
///
/// ```compile_fail
/// let p = iana_ports::ports!("443/tcpp"); // unknown protocol `tcpp`
/// ```
#[macro_export]
macro_rules! ports {
    ($($spec:expr),* $(,)?) => {{
        const SPECS: &[&str] = &[$($spec),*];
        const LEN: usize = $crate::__private::ports_len(SPECS);
        const PORTS: [($crate::Protocol, $crate::PortRange); LEN] = $crate::__private::ports::<LEN>(SPECS);
        &PORTS
    }};
}

/// The const machinery behind the macros; not public API.
#[doc(hidden)]
pub mod private {
    use crate::msg::{Msg, offer, ported_row, registrations};
    use crate::suggest::{Suggestion, suggest};
    use crate::{PortRange, PortSpec, Protocol, Status};

    const NONE: u32 = u32::MAX;

    const fn slice(s: &str, from: usize, to: usize) -> &str {
        s.split_at(to).0.split_at(from).1
    }

    /// Whether `name` is registered at all, with or without a port.
    const fn registered(name: &str) -> bool {
        crate::tables::name_slot(name).is_some()
    }

    /// How `spec` splits: name, and the protocol text after the last `/`
    /// if that is a protocol, or if the whole is no registered name.
    const fn split(spec: &str) -> (&str, Option<&str>) {
        let b = spec.as_bytes();
        let mut i = b.len();
        while i > 0 {
            i -= 1;
            if b[i] == b'/' {
                let name = slice(spec, 0, i);
                let proto = slice(spec, i + 1, b.len());
                if Protocol::parse(proto).is_some() || !registered(spec) {
                    return (name, Some(proto));
                }
                break;
            }
        }
        (spec, None)
    }

    /// `port!`: see the macro.
    pub const fn port(spec: &str) -> u16 {
        let (name, proto) = split(spec);
        match proto {
            Some(text) => match Protocol::parse(text) {
                Some(p) => match crate::port(name, p) {
                    Some(port) => port,
                    None => not_found(spec, name, Some(p)),
                },
                None => unknown_protocol(spec, name, text),
            },
            None => {
                let mut found = NONE;
                let mut p = 0;
                while p < 4 {
                    if let Some(port) = crate::port(name, Protocol::ALL[p]) {
                        if found == NONE {
                            found = port as u32;
                        } else if found != port as u32 {
                            ambiguous(spec, name);
                        }
                    }
                    p += 1;
                }
                if found == NONE { not_found(spec, name, None) } else { found as u16 }
            }
        }
    }

    const fn head(spec: &str) -> Msg {
        let mut m = Msg::new();
        m.str("port!(\"");
        m.str(spec);
        m.str("\"): ");
        m
    }

    /// `name` has no port on `proto` (or anywhere, if `None`).
    const fn not_found(spec: &str, name: &str, proto: Option<Protocol>) -> ! {
        let mut m = head(spec);
        if let (Some(p), Some(row)) = (proto, ported_row(name)) {
            // Registered, on other protocols: offer those.
            m.str("`");
            m.str(Suggestion::of(row, None).name());
            m.str("` has no port on ");
            m.str(p.as_str());
            m.str(" in the IANA registry");
            m.str("; it is registered as ");
            registrations(&mut m, row, " and ");
            m.fail()
        }
        if registered(name) {
            m.str("`");
            m.str(name);
            m.str("` is registered without a port");
        } else {
            m.str("no service `");
            m.str(name);
            m.str("`");
        }
        if let Some(p) = proto {
            m.str(" on ");
            m.str(p.as_str());
        }
        m.str(" in the IANA registry");
        offer(&mut m, &suggest(name, proto));
        m.fail()
    }

    const fn unknown_protocol(spec: &str, name: &str, text: &str) -> ! {
        let mut m = head(spec);
        m.str("unknown protocol `");
        m.str(text);
        m.str("` (expected tcp, udp, sctp or dccp)");
        match ported_row(name) {
            Some(row) => {
                m.str("; did you mean ");
                registrations(&mut m, row, " or ");
                m.str("?");
            }
            None => offer(&mut m, &suggest(name, None)),
        }
        m.fail()
    }

    const fn ambiguous(spec: &str, name: &str) -> ! {
        let mut m = head(spec);
        let Some(row) = ported_row(name) else { m.fail() };
        m.str("`");
        m.str(Suggestion::of(row, None).name());
        m.str("` has different ports per protocol: ");
        registrations(&mut m, row, " and ");
        m.str("; name the protocol");
        m.fail()
    }

    /// `ports!`: how many entries `specs` resolve to (fails on a bad spec).
    pub const fn ports_len(specs: &[&str]) -> usize {
        let mut len = 0;
        let mut i = 0;
        while i < specs.len() {
            let mut entries = spec_or_fail(specs[i]).resolve();
            while entries.next_entry().is_some() {
                len += 1;
            }
            i += 1;
        }
        len
    }

    /// `ports!`: the `N` entries `specs` resolve to, in order.
    pub const fn ports<const N: usize>(specs: &[&str]) -> [(Protocol, PortRange); N] {
        let mut out = [(Protocol::Tcp, PortRange { start: 0, end: 0 }); N];
        let mut len = 0;
        let mut i = 0;
        while i < specs.len() {
            let mut entries = spec_or_fail(specs[i]).resolve();
            while let Some(entry) = entries.next_entry() {
                out[len] = entry;
                len += 1;
            }
            i += 1;
        }
        out
    }

    /// `spec` parsed, or a build failure: `ports!("spec"): reason`.
    const fn spec_or_fail(spec: &str) -> PortSpec {
        match PortSpec::parse(spec) {
            Ok(parsed) => parsed,
            Err(err) => {
                let mut m = Msg::new();
                m.str("ports!(\"");
                m.str(spec);
                m.str("\"): ");
                err.write_reason(&mut m);
                m.fail()
            }
        }
    }

    /// `assert_unassigned!`: see the macro.
    pub const fn assert_unassigned(port: u16, proto: &str) {
        let mut m = Msg::new();
        m.str("assert_unassigned!(");
        m.num(port as u32);
        m.str(", ");
        m.str(proto);
        m.str("): ");
        let Some(p) = Protocol::parse(proto) else {
            m.str("unknown protocol `");
            m.str(proto);
            m.str("` (expected tcp, udp, sctp or dccp)");
            m.fail()
        };
        match crate::status(port, p) {
            Status::Unassigned => {}
            status => {
                m.num(port as u32);
                m.str("/");
                m.str(p.as_str());
                match crate::service_name(port, p) {
                    Some(owner) => {
                        m.str(" is assigned to `");
                        m.str(owner);
                        m.str("`");
                    }
                    None => {
                        m.str(" is ");
                        m.str(if matches!(status, Status::Reserved) { "reserved" } else { "assigned" });
                    }
                }
                m.str(" in the IANA registry");
                m.fail()
            }
        }
    }
}
