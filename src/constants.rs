//! Typed port constants: one associated constant per service name and
//! protocol, generated from the registry by `build.rs`.

#![allow(clippy::unreadable_literal, clippy::doc_markdown, clippy::too_long_first_doc_paragraph)]

macro_rules! protocol_type {
    ($ty:ident, $proto:literal, $example:literal) => {
        #[doc = concat!("Every service registered on ", $proto, ", as associated constants.")]
        ///
        /// The name maps to the identifier by upper-casing it, writing `+`
        /// as `PLUS`, turning every other run of punctuation into one `_`
        /// and prefixing a leading digit with `_` (`matrix-fed` →
        /// `MATRIX_FED`, `whois++` → `WHOIS_PLUS_PLUS`, `9pfs` → `_9PFS`).
        /// A single port is a `u16`; a range is a [`PortRange`](crate::PortRange)
        /// (`x11`). A constant holds what [`port`](fn@crate::port) answers for
        /// its name: the first registration in registry order; its doc
        /// lists any further ports. When two names map to one identifier
        /// (`dec-dlm`, `dec_dlm`), the RFC 6335 well-formed one has the
        /// constant and the other is only reachable by string.
        ///
        /// A typo is a compile error with rustc's "similar name" help.
        /// This type has no values: it is a namespace.
        ///
        /// ```
        #[doc = $example]
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $ty {}
    };
}

protocol_type!(
    Tcp,
    "TCP",
    "assert_eq!(iana_ports::Tcp::HTTPS, 443);\nassert_eq!(iana_ports::Tcp::MATRIX_FED, 8448);\nassert_eq!(iana_ports::Tcp::X11, iana_ports::PortRange { start: 6000, end: 6063 });"
);
protocol_type!(Udp, "UDP", "assert_eq!(iana_ports::Udp::DOMAIN, 53);\nassert_eq!(iana_ports::Udp::_9PFS, 564);");
protocol_type!(Sctp, "SCTP", "assert_eq!(iana_ports::Sctp::DIAMETER, 3868);");
protocol_type!(
    Dccp,
    "DCCP",
    "assert_eq!(iana_ports::Dccp::ACTIVE_NET, iana_ports::PortRange { start: 3322, end: 3325 });"
);

include!(concat!(env!("OUT_DIR"), "/constants.rs"));
