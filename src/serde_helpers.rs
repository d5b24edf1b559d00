//! serde helpers for fields that hold a port as a number or a service name
//! (`listen = "https"` or `listen = 8448`), and for writing them back.
//!
//! Deserializing, for `#[serde(deserialize_with = "…")]` on a `u16`:
//! [`tcp_port`], [`udp_port`], [`sctp_port`], [`dccp_port`] read a number
//! `0`-`65535` or text as [`lookup_port`] reads it
//! (decimal text, or a registered name in any case, on that protocol).
//! Every refusal is a serde error quoting the input, with the registry's
//! suggestions for a mistyped name.
//!
//! Serializing, for `#[serde(serialize_with = "…")]`: [`tcp_name`],
//! [`udp_name`], [`sctp_name`], [`dccp_name`] write a port as its
//! registered name when it has one that reads back to the same port
//! (`443` → `"https"`), else as the number; [`range_text`] writes a
//! [`PortRange`] as `443` or `"6000-6063"` instead of `{start, end}`. With
//! them a config file reads and writes back unchanged.
//!
//! No allocation, in `no_std` too (errors are made with
//! `serde::de::Error::custom` from `Display` values).
//!
//! ```
//! use iana_ports::{PortRange, PortSpec, Protocol};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Debug, Deserialize, Serialize)]
//! struct Server {
//!     #[serde(deserialize_with = "iana_ports::serde::tcp_port", serialize_with = "iana_ports::serde::tcp_name")]
//!     listen: u16,
//!     proto: Protocol,
//!     #[serde(serialize_with = "iana_ports::serde::range_text")]
//!     range: PortRange,
//!     allow: Vec<PortSpec>,
//! }
//!
//! let text = r#"{"listen":"https","proto":"udp","range":"6000-6063","allow":["ssh","x11/udp"]}"#;
//! let server: Server = serde_json::from_str(text)?;
//! assert_eq!(server.listen, 443);
//! assert_eq!(server.range, PortRange { start: 6000, end: 6063 });
//! assert_eq!(serde_json::to_string(&server)?, text);
//!
//! let typo = serde_json::from_str::<Server>(r#"{"listen":"htps","proto":"udp","range":1,"allow":[]}"#);
//! assert!(typo.unwrap_err().to_string().contains("did you mean `https/tcp` (443)"));
//! # Ok::<(), serde_json::Error>(())
//! ```

use core::fmt;

use ::serde::de::{self, Deserializer, Visitor};
use ::serde::ser::Serializer;

use crate::serde_impls::decimal;
use crate::{PortRange, Protocol, lookup_port};

/// A `u16` port on tcp from a number or a service name.
///
/// ```
/// #[derive(Debug, serde::Deserialize)]
/// struct Config {
///     #[serde(deserialize_with = "iana_ports::serde::tcp_port")]
///     listen: u16,
/// }
/// let c: Config = serde_json::from_str(r#"{"listen": "IMAPS"}"#).unwrap();
/// assert_eq!(c.listen, 993);
/// let c: Config = serde_json::from_str(r#"{"listen": 8448}"#).unwrap();
/// assert_eq!(c.listen, 8448);
/// let err = serde_json::from_str::<Config>(r#"{"listen": 70000}"#).unwrap_err();
/// assert!(err.to_string().starts_with("\"70000\": invalid port"), "{err}");
/// ```
pub fn tcp_port<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u16, D::Error> {
    port_on(deserializer, Protocol::Tcp)
}

/// A `u16` port on udp from a number or a service name.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Config {
///     #[serde(deserialize_with = "iana_ports::serde::udp_port")]
///     syslog: u16,
/// }
/// let c: Config = serde_json::from_str(r#"{"syslog": "syslog"}"#).unwrap();
/// assert_eq!(c.syslog, 514);
/// ```
pub fn udp_port<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u16, D::Error> {
    port_on(deserializer, Protocol::Udp)
}

/// A `u16` port on sctp from a number or a service name.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Config {
///     #[serde(deserialize_with = "iana_ports::serde::sctp_port")]
///     diameter: u16,
/// }
/// let c: Config = serde_json::from_str(r#"{"diameter": "diameter"}"#).unwrap();
/// assert_eq!(c.diameter, 3868);
/// ```
pub fn sctp_port<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u16, D::Error> {
    port_on(deserializer, Protocol::Sctp)
}

/// A `u16` port on dccp from a number or a service name.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Config {
///     #[serde(deserialize_with = "iana_ports::serde::dccp_port")]
///     port: u16,
/// }
/// let c: Config = serde_json::from_str(r#"{"port": "discard"}"#).unwrap();
/// assert_eq!(c.port, 9);
/// ```
pub fn dccp_port<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u16, D::Error> {
    port_on(deserializer, Protocol::Dccp)
}

/// Human-readable formats: any number or text. Binary formats: the `u16`
/// they wrote.
fn port_on<'de, D: Deserializer<'de>>(deserializer: D, proto: Protocol) -> Result<u16, D::Error> {
    if deserializer.is_human_readable() {
        deserializer.deserialize_any(PortVisitor(proto))
    } else {
        deserializer.deserialize_u16(PortVisitor(proto))
    }
}

struct PortVisitor(Protocol);

impl<'de> Visitor<'de> for PortVisitor {
    type Value = u16;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a port 0-65535 or a service name registered on {}", self.0)
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<u16, E> {
        // Numbers go through the text path: one set of messages.
        self.visit_str(decimal(n).as_str())
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<u16, E> {
        self.visit_str(decimal(n).as_str())
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<u16, E> {
        lookup_port(text, self.0).map_err(E::custom)
    }
}

/// Writes `port` as its name on tcp if the name reads back to it, else as
/// the number: the inverse of [`tcp_port`].
///
/// ```
/// #[derive(serde::Serialize)]
/// struct Config {
///     #[serde(serialize_with = "iana_ports::serde::tcp_name")]
///     listen: u16,
/// }
/// assert_eq!(serde_json::to_string(&Config { listen: 443 }).unwrap(), r#"{"listen":"https"}"#);
/// assert_eq!(serde_json::to_string(&Config { listen: 4 }).unwrap(), r#"{"listen":4}"#); // unassigned
/// ```
pub fn tcp_name<S: Serializer>(port: &u16, serializer: S) -> Result<S::Ok, S::Error> {
    name_on(*port, Protocol::Tcp, serializer)
}

/// Writes `port` as its name on udp if the name reads back to it, else as
/// the number: the inverse of [`udp_port`].
///
/// ```
/// #[derive(serde::Serialize)]
/// struct Config {
///     #[serde(serialize_with = "iana_ports::serde::udp_name")]
///     dns: u16,
/// }
/// assert_eq!(serde_json::to_string(&Config { dns: 53 }).unwrap(), r#"{"dns":"domain"}"#);
/// ```
pub fn udp_name<S: Serializer>(port: &u16, serializer: S) -> Result<S::Ok, S::Error> {
    name_on(*port, Protocol::Udp, serializer)
}

/// Writes `port` as its name on sctp if the name reads back to it, else as
/// the number: the inverse of [`sctp_port`].
///
/// ```
/// #[derive(serde::Serialize)]
/// struct Config {
///     #[serde(serialize_with = "iana_ports::serde::sctp_name")]
///     port: u16,
/// }
/// assert_eq!(serde_json::to_string(&Config { port: 3868 }).unwrap(), r#"{"port":"diameter"}"#);
/// ```
pub fn sctp_name<S: Serializer>(port: &u16, serializer: S) -> Result<S::Ok, S::Error> {
    name_on(*port, Protocol::Sctp, serializer)
}

/// Writes `port` as its name on dccp if the name reads back to it, else as
/// the number: the inverse of [`dccp_port`].
///
/// ```
/// #[derive(serde::Serialize)]
/// struct Config {
///     #[serde(serialize_with = "iana_ports::serde::dccp_name")]
///     port: u16,
/// }
/// assert_eq!(serde_json::to_string(&Config { port: 9 }).unwrap(), r#"{"port":"discard"}"#);
/// ```
pub fn dccp_name<S: Serializer>(port: &u16, serializer: S) -> Result<S::Ok, S::Error> {
    name_on(*port, Protocol::Dccp, serializer)
}

/// The name of `port` on `proto` if the name's port is `port`; binary
/// formats always get the number.
fn name_on<S: Serializer>(port: u16, proto: Protocol, serializer: S) -> Result<S::Ok, S::Error> {
    match crate::service_name(port, proto) {
        Some(name) if serializer.is_human_readable() && crate::port(name, proto) == Some(port) => {
            serializer.serialize_str(name)
        }
        _ => serializer.serialize_u16(port),
    }
}

/// Writes a [`PortRange`] as the forms it reads from: `443` for one port,
/// `"6000-6063"` for more (its `Serialize` writes `{start, end}`; so do
/// binary formats here, as they read only that).
///
/// ```
/// use iana_ports::PortRange;
/// #[derive(serde::Serialize)]
/// struct Config {
///     #[serde(serialize_with = "iana_ports::serde::range_text")]
///     range: PortRange,
/// }
/// let c = Config { range: PortRange { start: 6000, end: 6063 } };
/// assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"range":"6000-6063"}"#);
/// let c = Config { range: PortRange { start: 443, end: 443 } };
/// assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"range":443}"#);
/// ```
pub fn range_text<S: Serializer>(range: &PortRange, serializer: S) -> Result<S::Ok, S::Error> {
    if !serializer.is_human_readable() {
        // What `PortRange`'s `Deserialize` reads in binary formats.
        return ::serde::Serialize::serialize(range, serializer);
    }
    if range.is_single() {
        serializer.serialize_u16(range.start)
    } else {
        match crate::serde_impls::Text::<16>::of(range) {
            Some(text) => serializer.serialize_str(text.as_str()),
            None => Err(::serde::ser::Error::custom("range too long to write")), // unreachable
        }
    }
}
