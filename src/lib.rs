//! The whole IANA *Service Name and Transport Protocol Port Number
//! Registry*, compiled in.
//!
//! Every one of the registry's rows — named services, port ranges, DNS-SD
//! names without a port, Reserved and Unassigned rows — with every column,
//! looked up without allocating, in `no_std`, and in `const` contexts.
//! `build.rs` turns the snapshot in `registry/` into integer tables; nothing
//! is parsed or initialised at run time.
//!
//! ```
//! use iana_ports::{by_port, port, service_name, status, Protocol, Status};
//!
//! // const lookups: a misspelt name is a compile error in a const item.
//! const MATRIX: u16 = match port("matrix-fed", Protocol::Tcp) { Some(p) => p, None => panic!("unregistered") };
//! assert_eq!(MATRIX, 8448);
//! assert_eq!(service_name(443, Protocol::Tcp), Some("https"));
//!
//! // Every row on a port, in registry order, ranges included.
//! let x11 = by_port(6010, Protocol::Tcp).next().unwrap();
//! assert_eq!(x11.service_name(), Some("x11"));
//! assert_eq!(status(4444, Protocol::Tcp), Status::Assigned); // krb524
//! ```
//!
//! # Features
//! - `full` (default): every column. Turn default features off to keep
//!   only names, ports, protocols, aliases and status; or pick
//!   `descriptions`, `contacts`, `dates`, `references`, `notes`.
//! - `std`: `std::error::Error` for the error types, and `HostPort`
//!   (an address whose port may be a service name, for `connect`/`bind`).
//! - `serde`: `Serialize` for the public types; `Deserialize` for
//!   [`Protocol`], [`PortRange`] and [`PortSpec`]; the `iana_ports::serde`
//!   helpers for config fields holding a port as a number or a name.
//!
//! # Servers
//! [`lookup_port`] reads a port from a number or a name as Go's
//! `net.LookupPort` does; [`split_host_port`] and [`join_host_port`] are
//! Go's `net.SplitHostPort` and `net.JoinHostPort`. See `docs/servers.md`.

#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(any(feature = "std", test))]
extern crate std;

mod constants;
mod escape;
mod host_port;
mod lookup;
mod lookup_port;
mod macros;
mod msg;
#[cfg(feature = "contacts")]
mod person;
mod protocol;
mod record;
#[cfg(feature = "serde")]
#[path = "serde_helpers.rs"]
pub mod serde;
#[cfg(feature = "serde")]
mod serde_impls;
mod spec;
mod suggest;
mod tables;

pub use constants::{Dccp, Sctp, Tcp, Udp};
pub use escape::Escaped;
#[cfg(feature = "std")]
pub use host_port::{HostPort, HostPortError};
pub use host_port::{JoinHostPort, SplitError, SplitErrorKind, join_host_port, split_host_port};
pub use lookup::{Records, Search, by_name, by_port, port, records, search, service_name, service_name_cstr, status};
pub use lookup_port::{LookupError, LookupErrorKind, lookup_port};
#[doc(hidden)]
pub use macros::private as __private;
#[cfg(feature = "contacts")]
pub use person::{Ids, Person, people, person};
pub use protocol::{ParseProtocolError, Protocol};
pub use record::{PortClass, PortRange, PortText, Record, Status};
pub use spec::{PortSpec, Resolve, SpecError, SpecErrorKind, SpecTarget};
pub use suggest::{MAX_SUGGESTIONS, Suggestion, Suggestions, suggest};

/// Facts about the compiled-in snapshot.
///
/// ```
/// let info = iana_ports::REGISTRY;
/// assert_eq!(info.updated, "2026-08-17");
/// assert_eq!(info.title, "Service Name and Transport Protocol Port Number Registry");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RegistryInfo {
    /// The registry's title, from the XML.
    pub title: &'static str,
    /// The date IANA last updated the registry (`YYYY-MM-DD`), from the XML.
    pub updated: &'static str,
    /// Number of rows ([`records()`]`.len()`).
    pub records: usize,
}

/// The compiled-in snapshot's title, date and size. Displayed, it names
/// the snapshot by its date.
///
/// ```
/// assert_eq!(iana_ports::REGISTRY.records, iana_ports::records().len());
/// assert_eq!(
///     iana_ports::REGISTRY.to_string(),
///     format!("IANA registry of 2026-08-17 ({} records)", iana_ports::records().len())
/// );
/// ```
pub const REGISTRY: RegistryInfo =
    RegistryInfo { title: tables::TITLE, updated: tables::UPDATED, records: tables::RECORD_COUNT };

impl core::fmt::Display for RegistryInfo {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "IANA registry of {} ({} records)", self.updated, self.records)
    }
}

/// The README's Rust examples, compiled and run as doctests.
#[cfg(all(doctest, feature = "full"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// The Rust examples of `docs/`, compiled and run as doctests (one item per
/// file, so a failure names its file).
#[cfg(all(doctest, feature = "full"))]
pub mod docs_doctests {
    #[doc = include_str!("../docs/firewall-rules.md")]
    pub struct FirewallRules;
    #[doc = include_str!("../docs/typed-constants.md")]
    pub struct TypedConstants;
    #[doc = include_str!("../docs/servers.md")]
    pub struct Servers;
}
