//! `serde::Serialize` for the types that are not plain derives, and
//! `Deserialize` for `Protocol`, `PortRange` and `PortSpec`. No allocation:
//! text is written to stack buffers, errors made with `de::Error::custom`
//! from `Display` values.

use core::fmt::{self, Write as _};

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, EnumAccess, MapAccess, VariantAccess, Visitor};
use serde::ser::{Serialize, SerializeStruct, Serializer};

#[cfg(feature = "contacts")]
use crate::Ids;
use crate::macros::private::Msg;
use crate::spec::Excerpt;
use crate::{PortRange, PortSpec, Protocol, Record, SpecTarget};

#[cfg(feature = "contacts")]
impl Serialize for Ids {
    /// A list of ids without brackets: `["IESG"]`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(*self)
    }
}

impl Serialize for Record {
    /// Every column the build keeps, named as the accessors.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Record", 16)?;
        s.serialize_field("service_name", &self.service_name())?;
        s.serialize_field("ports", &self.ports())?;
        s.serialize_field("protocol", &self.protocol())?;
        s.serialize_field("status", &self.status())?;
        s.serialize_field("alias_of", &self.alias_of())?;
        #[cfg(feature = "descriptions")]
        s.serialize_field("description", &self.description())?;
        #[cfg(feature = "contacts")]
        {
            s.serialize_field("assignee", &self.assignee())?;
            s.serialize_field("contact", &self.contact())?;
        }
        #[cfg(feature = "dates")]
        {
            s.serialize_field("registration_date", &self.registration_date())?;
            s.serialize_field("modification_date", &self.modification_date())?;
        }
        #[cfg(feature = "references")]
        {
            s.serialize_field("reference", &self.reference())?;
            s.serialize_field("service_code", &self.service_code())?;
        }
        #[cfg(feature = "notes")]
        {
            s.serialize_field("unauthorized_use", &self.unauthorized_use())?;
            s.serialize_field("notes", &self.notes())?;
        }
        s.end()
    }
}

#[cfg(feature = "contacts")]
impl Serialize for crate::Person {
    /// `{id, name, org, uris, updated}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Uris(crate::Person);
        impl Serialize for Uris {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.uris())
            }
        }
        let mut s = serializer.serialize_struct("Person", 5)?;
        s.serialize_field("id", self.id())?;
        s.serialize_field("name", &self.name())?;
        s.serialize_field("org", &self.org())?;
        s.serialize_field("uris", &Uris(*self))?;
        s.serialize_field("updated", &self.updated())?;
        s.end()
    }
}

impl Serialize for crate::RegistryInfo {
    /// `{title, updated, records}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("RegistryInfo", 3)?;
        s.serialize_field("title", self.title)?;
        s.serialize_field("updated", self.updated)?;
        s.serialize_field("records", &self.records)?;
        s.end()
    }
}

/// Text formatted into a stack buffer (no allocation); `None` from
/// [`Text::of`] if it does not fit.
pub(crate) struct Text<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> Text<N> {
    pub(crate) fn of(value: impl fmt::Display) -> Option<Text<N>> {
        let mut text = Text { buf: [0; N], len: 0 };
        write!(text, "{value}").ok()?;
        Some(text)
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only whole `&str`s are ever copied in.
        core::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

impl<const N: usize> fmt::Write for Text<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        if end > N {
            return Err(fmt::Error);
        }
        self.buf[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// A refusal: `"input": reason`, the input escaped and cut at 64 bytes, as
/// the crate's other errors quote theirs. For `de::Error::custom`.
pub(crate) struct Refusal<'a> {
    pub(crate) input: &'a str,
    pub(crate) reason: &'a str,
}

impl fmt::Display for Refusal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = Msg::new();
        m.str("\"");
        Excerpt::<64>::new(self.input).write(&mut m);
        m.str("\": ");
        m.str(self.reason);
        f.write_str(m.as_str())
    }
}

/// An integer as decimal text, for the same messages as the text form.
pub(crate) fn decimal(n: impl fmt::Display) -> Text<24> {
    // 24 bytes hold any i64 or u64.
    Text::of(n).unwrap_or(Text { buf: [0; 24], len: 0 })
}

impl<'de> Deserialize<'de> for Protocol {
    /// `"tcp"`, `"udp"`, `"sctp"` or `"dccp"` in any case (and, in binary
    /// formats, the variant index that `Serialize` writes there).
    ///
    /// ```
    /// use iana_ports::Protocol;
    /// let p: Protocol = serde_json::from_str("\"UDP\"").unwrap();
    /// assert_eq!(p, Protocol::Udp);
    /// let err = serde_json::from_str::<Protocol>("\"tcpp\"").unwrap_err();
    /// assert!(err.to_string().starts_with("\"tcpp\": unknown transport protocol"));
    /// ```
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Protocol, D::Error> {
        deserializer.deserialize_enum("Protocol", &["tcp", "udp", "sctp", "dccp"], ProtocolVisitor)
    }
}

struct ProtocolVisitor;

impl<'de> Visitor<'de> for ProtocolVisitor {
    type Value = Protocol;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a transport protocol: tcp, udp, sctp or dccp, in any case")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Protocol, E> {
        Protocol::parse(text).ok_or_else(|| {
            E::custom(Refusal {
                input: text,
                reason: "unknown transport protocol (expected tcp, udp, sctp or dccp, in any case)",
            })
        })
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<Protocol, E> {
        match index {
            0..=3 => Ok(Protocol::ALL[index as usize]),
            _ => Err(E::invalid_value(de::Unexpected::Unsigned(index), &self)),
        }
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Protocol, A::Error> {
        let (protocol, variant) = data.variant_seed(self)?;
        variant.unit_variant()?;
        Ok(protocol)
    }
}

impl<'de> DeserializeSeed<'de> for ProtocolVisitor {
    type Value = Protocol;

    /// The variant's name (or index), for `visit_enum`.
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Protocol, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Deserialize<'de> for PortRange {
    /// A port (`443`, `"443"`), a range as text (`"6000-6063"`), or the
    /// `{start, end}` map that `Serialize` writes; refused with a message
    /// quoting the input: above 65535, reversed (`"9-3"`), or not a number.
    ///
    /// Binary formats (not human-readable) read only the `{start, end}`
    /// form, which is what they write.
    ///
    /// ```
    /// use iana_ports::PortRange;
    /// let x11: PortRange = serde_json::from_str("\"6000-6063\"").unwrap();
    /// assert_eq!(x11, PortRange { start: 6000, end: 6063 });
    /// assert_eq!(serde_json::from_str::<PortRange>("443").unwrap(), PortRange { start: 443, end: 443 });
    /// let back: PortRange = serde_json::from_str(&serde_json::to_string(&x11).unwrap()).unwrap();
    /// assert_eq!(back, x11);
    /// let err = serde_json::from_str::<PortRange>("\"9-3\"").unwrap_err();
    /// assert!(err.to_string().starts_with("\"9-3\": range `9-3` is reversed"), "{err}");
    /// ```
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<PortRange, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(RangeVisitor)
        } else {
            deserializer.deserialize_struct("PortRange", &["start", "end"], RangeVisitor)
        }
    }
}

struct RangeVisitor;

impl RangeVisitor {
    fn text<E: de::Error>(text: &str) -> Result<PortRange, E> {
        let spec = PortSpec::parse(text).map_err(E::custom)?;
        let refuse = |reason| E::custom(Refusal { input: text.trim_ascii(), reason });
        if spec.protocol().is_some() {
            return Err(refuse("expected a port 0-65535 or a range START-END, without a protocol"));
        }
        match spec.target() {
            SpecTarget::Port(port) => Ok(PortRange { start: port, end: port }),
            SpecTarget::Range(range) => Ok(range),
            SpecTarget::Name(_) => Err(refuse("expected a port 0-65535 or a range START-END, not a service name")),
        }
    }
}

impl RangeVisitor {
    /// `{start, end}`, refused as the text `"START-END"` would be if reversed.
    fn fields<E: de::Error>(start: u16, end: u16) -> Result<PortRange, E> {
        if start > end {
            let text = Text::<16>::of(format_args!("{start}-{end}"));
            return RangeVisitor::text(text.as_ref().map_or("", Text::as_str));
        }
        Ok(PortRange { start, end })
    }
}

impl<'de> Visitor<'de> for RangeVisitor {
    type Value = PortRange;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a port 0-65535, a range \"START-END\" or {start, end}")
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<PortRange, E> {
        RangeVisitor::text(decimal(n).as_str())
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<PortRange, E> {
        RangeVisitor::text(decimal(n).as_str())
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<PortRange, E> {
        RangeVisitor::text(text)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PortRange, A::Error> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            start: u16,
            end: u16,
        }
        let Fields { start, end } = Fields::deserialize(de::value::MapAccessDeserializer::new(map))?;
        RangeVisitor::fields(start, end)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<PortRange, A::Error> {
        // Binary formats write a struct as a sequence of its fields.
        let start: u16 = seq.next_element()?.ok_or_else(|| de::Error::invalid_length(0, &self))?;
        let end: u16 = seq.next_element()?.ok_or_else(|| de::Error::invalid_length(1, &self))?;
        RangeVisitor::fields(start, end)
    }
}

/// Room for any spec's normalised text: the longest name, a range, a protocol.
const SPEC_TEXT: usize = 128;

impl Serialize for PortSpec {
    /// Its text, normalised ([`Display`](fmt::Display)): `"x11/udp"`,
    /// `"443"`, `"6000-6063/tcp"`.
    ///
    /// ```
    /// let spec = iana_ports::PortSpec::parse("X11/UDP").unwrap();
    /// assert_eq!(serde_json::to_string(&spec).unwrap(), "\"x11/udp\"");
    /// ```
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match Text::<SPEC_TEXT>::of(self) {
            Some(text) => serializer.serialize_str(text.as_str()),
            None => Err(serde::ser::Error::custom("port spec too long to write")), // unreachable
        }
    }
}

impl<'de> Deserialize<'de> for PortSpec {
    /// Its text, by [`PortSpec::parse`]; a refusal is the [`SpecError`]
    /// message, quoting the input, with suggestions for a name.
    ///
    /// [`SpecError`]: crate::SpecError
    ///
    /// ```
    /// use iana_ports::PortSpec;
    /// let allow: Vec<PortSpec> = serde_json::from_str(r#"["ssh", "x11/udp", "6000-6063/tcp"]"#).unwrap();
    /// assert_eq!(allow[1].to_string(), "x11/udp");
    /// let err = serde_json::from_str::<PortSpec>("\"htps/tcp\"").unwrap_err();
    /// assert!(err.to_string().contains("did you mean `https/tcp` (443)"), "{err}");
    /// ```
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<PortSpec, D::Error> {
        deserializer.deserialize_str(SpecVisitor)
    }
}

struct SpecVisitor;

impl<'de> Visitor<'de> for SpecVisitor {
    type Value = PortSpec;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a port spec: PORT, START-END or NAME, each optionally /PROTO")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<PortSpec, E> {
        PortSpec::parse(text).map_err(E::custom)
    }
}
