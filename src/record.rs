//! Registry rows and the small types that describe them.

use core::fmt;

use crate::Protocol;
use crate::tables::{self, layout};

/// An inclusive range of ports: `x11` is `6000..=6063`.
///
/// ```
/// use iana_ports::PortRange;
/// let x11 = PortRange { start: 6000, end: 6063 };
/// assert!(x11.contains(6063) && !x11.contains(6064));
/// assert_eq!(x11.len(), 64);
/// assert_eq!(x11.to_string(), "6000-6063");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PortRange {
    /// First port.
    pub start: u16,
    /// Last port (inclusive).
    pub end: u16,
}

impl PortRange {
    /// Whether `port` lies in the range.
    ///
    /// ```
    /// assert!(iana_ports::PortRange { start: 80, end: 80 }.contains(80));
    /// ```
    pub const fn contains(self, port: u16) -> bool {
        self.start <= port && port <= self.end
    }

    /// Number of ports in the range (at least 1 when `start <= end`).
    ///
    /// ```
    /// assert_eq!(iana_ports::PortRange { start: 6665, end: 6669 }.len(), 5);
    /// ```
    #[allow(clippy::len_without_is_empty)]
    pub const fn len(self) -> u32 {
        if self.end < self.start { 0 } else { (self.end - self.start) as u32 + 1 }
    }

    /// Whether the range is a single port.
    ///
    /// ```
    /// assert!(iana_ports::PortRange { start: 443, end: 443 }.is_single());
    /// ```
    pub const fn is_single(self) -> bool {
        self.start == self.end
    }
}

impl fmt::Display for PortRange {
    /// `443` or `6000-6063`, as the registry writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_single() { write!(f, "{}", self.start) } else { write!(f, "{}-{}", self.start, self.end) }
    }
}

/// The port column of a row exactly as the registry writes it: `443`,
/// `6000-6063`, and the six one-port ranges written as ranges
/// (`4748-4748`), which [`PortRange`]'s `Display` would shorten.
///
/// ```
/// use iana_ports::{by_name, PortRange};
/// let written = by_name("x11").next().unwrap().port_text().unwrap();
/// assert_eq!(written.to_string(), "6000-6063");
/// let degenerate = iana_ports::search("4748-4748").next().unwrap().port_text().unwrap();
/// assert_eq!(degenerate.to_string(), "4748-4748");
/// assert_eq!(degenerate.range(), PortRange { start: 4748, end: 4748 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PortText {
    range: PortRange,
    as_range: bool,
}

impl PortText {
    /// Longest port column: `65535-65535`.
    pub(crate) const MAX_LEN: usize = 11;

    /// The ports the column names.
    ///
    /// ```
    /// let https = iana_ports::by_name("https").next().unwrap();
    /// assert_eq!(https.port_text().unwrap().range(), iana_ports::PortRange { start: 443, end: 443 });
    /// ```
    pub const fn range(self) -> PortRange {
        self.range
    }

    /// Writes the column into `buf`, returning its length.
    pub(crate) const fn write(self, buf: &mut [u8; Self::MAX_LEN]) -> usize {
        let mut len = write_decimal(self.range.start, buf, 0);
        if self.as_range || !self.range.is_single() {
            buf[len] = b'-';
            len = write_decimal(self.range.end, buf, len + 1);
        }
        len
    }
}

/// Writes `n` in decimal at `buf[at..]`, returning where it ends.
const fn write_decimal(n: u16, buf: &mut [u8; PortText::MAX_LEN], at: usize) -> usize {
    let digits = if n >= 10_000 {
        5
    } else if n >= 1_000 {
        4
    } else if n >= 100 {
        3
    } else if n >= 10 {
        2
    } else {
        1
    };
    let mut rest = n;
    let mut i = digits;
    while i > 0 {
        i -= 1;
        buf[at + i] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    at + digits
}

impl fmt::Display for PortText {
    /// `443`, `6000-6063` or `4748-4748`, as the registry writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; Self::MAX_LEN];
        let len = self.write(&mut buf);
        // Digits and a dash: always ASCII.
        f.pad(core::str::from_utf8(&buf[..len]).map_err(|_| fmt::Error)?)
    }
}

/// What the registry says about a port.
///
/// The rule, per row: a row with a service name is `Assigned`. A nameless
/// row whose description begins with `Unassigned` (any case, or in
/// parentheses), `De-registered`, `Removed`, `Deprecated` or
/// `Decommissioned`/`De-Commissioned` (or the registry's misspelling
/// `Decomissioned`) is `Unassigned` (the port went back to
/// the pool). Every other nameless row — `Reserved`, `any private mail
/// system` and the like — is `Reserved`. For a port, the strongest row
/// covering it wins (Assigned, then Reserved, then Unassigned), and a port
/// no row covers is `Unassigned`.
///
/// ```
/// use iana_ports::{status, Protocol, Status};
/// assert_eq!(status(443, Protocol::Tcp), Status::Assigned);
/// assert_eq!(status(0, Protocol::Tcp), Status::Reserved);
/// assert_eq!(status(4, Protocol::Udp), Status::Unassigned);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Status {
    /// Assigned to a named service.
    Assigned,
    /// Set aside without a service name.
    Reserved,
    /// Free to be assigned.
    Unassigned,
}

impl Status {
    /// The status of a status code (`layout::status_code`).
    pub(crate) const fn from_code(code: u8) -> Status {
        match code {
            layout::STATUS_ASSIGNED => Status::Assigned,
            layout::STATUS_RESERVED => Status::Reserved,
            _ => Status::Unassigned,
        }
    }

    /// `"Assigned"`, `"Reserved"` or `"Unassigned"`.
    ///
    /// ```
    /// assert_eq!(iana_ports::Status::Reserved.as_str(), "Reserved");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Assigned => "Assigned",
            Status::Reserved => "Reserved",
            Status::Unassigned => "Unassigned",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The three port ranges of RFC 6335 §6.
///
/// ```
/// use iana_ports::PortClass;
/// const C: PortClass = PortClass::of(8448);
/// assert_eq!(C, PortClass::User);
/// assert_eq!(PortClass::of(80), PortClass::System);
/// assert_eq!(PortClass::of(50000), PortClass::Dynamic);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum PortClass {
    /// System (well-known) ports, 0-1023.
    System,
    /// User (registered) ports, 1024-49151.
    User,
    /// Dynamic and/or private ports, 49152-65535: never assigned.
    Dynamic,
}

impl PortClass {
    /// The class of `port`.
    ///
    /// ```
    /// assert_eq!(iana_ports::PortClass::of(1023), iana_ports::PortClass::System);
    /// ```
    pub const fn of(port: u16) -> PortClass {
        match port {
            0..=1023 => PortClass::System,
            1024..=49151 => PortClass::User,
            _ => PortClass::Dynamic,
        }
    }

    /// The ports of this class.
    ///
    /// ```
    /// use iana_ports::{PortClass, PortRange};
    /// assert_eq!(PortClass::User.range(), PortRange { start: 1024, end: 49151 });
    /// ```
    pub const fn range(self) -> PortRange {
        match self {
            PortClass::System => PortRange { start: 0, end: 1023 },
            PortClass::User => PortRange { start: 1024, end: 49151 },
            PortClass::Dynamic => PortRange { start: 49152, end: 65535 },
        }
    }
}

/// One row of the registry, with all of its columns.
///
/// A `Record` is a few integers pointing into the compiled-in tables: it is
/// `Copy`, and every accessor returns `&'static` data without allocating.
///
/// ```
/// use iana_ports::{by_name, Protocol, PortRange};
/// let x11 = by_name("X11").next().unwrap();
/// assert_eq!(x11.service_name(), Some("x11"));
/// assert_eq!(x11.ports(), Some(PortRange { start: 6000, end: 6063 }));
/// assert_eq!(x11.protocol(), Some(Protocol::Tcp));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Record {
    pub(crate) name: u16,
    pub(crate) start: u16,
    pub(crate) flags: u8,
    /// Low byte of the range number (`layout::range_number`).
    pub(crate) range: u8,
    #[cfg(details)]
    pub(crate) detail: u16,
}

impl Record {
    /// The service name as registered (`BESApi` keeps its case); `None` on
    /// Reserved and Unassigned rows.
    ///
    /// ```
    /// use iana_ports::{by_port, Protocol};
    /// assert_eq!(by_port(3408, Protocol::Tcp).next().unwrap().service_name(), Some("BESApi"));
    /// assert_eq!(by_port(4, Protocol::Tcp).next().unwrap().service_name(), None);
    /// ```
    pub const fn service_name(&self) -> Option<&'static str> {
        if self.name == 0 { None } else { Some(tables::name(self.name)) }
    }

    /// [`service_name`](Record::service_name) as a C string, NUL-terminated
    /// in the compiled-in names (nothing is copied).
    ///
    /// ```
    /// let fed = iana_ports::by_name("matrix-fed").next().unwrap();
    /// assert_eq!(fed.service_name_cstr(), Some(c"matrix-fed"));
    /// assert_eq!(iana_ports::by_port(4, iana_ports::Protocol::Tcp).next().unwrap().service_name_cstr(), None);
    /// ```
    pub const fn service_name_cstr(&self) -> Option<&'static core::ffi::CStr> {
        if self.name == 0 { None } else { Some(tables::name_cstr(self.name)) }
    }

    /// The port or port range; `None` for a service name without a port
    /// (DNS-SD names such as `rdp`).
    ///
    /// ```
    /// assert_eq!(iana_ports::by_name("rdp").next().unwrap().ports(), None);
    /// ```
    pub const fn ports(&self) -> Option<PortRange> {
        if self.flags & tables::HAS_PORT == 0 {
            return None;
        }
        let end = match tables::range_number(self.flags, self.range) {
            0 => self.start,
            n => tables::RANGE_END[n],
        };
        Some(PortRange { start: self.start, end })
    }

    /// The port column as the registry writes it (`4748-4748` stays a
    /// range); `None` for a service name without a port.
    ///
    /// ```
    /// use iana_ports::{by_port, Protocol};
    /// let x11 = by_port(6010, Protocol::Tcp).next().unwrap();
    /// assert_eq!(x11.port_text().unwrap().to_string(), "6000-6063");
    /// assert_eq!(iana_ports::by_name("rdp").next().unwrap().port_text(), None);
    /// ```
    pub const fn port_text(&self) -> Option<PortText> {
        match self.ports() {
            Some(range) => Some(PortText { range, as_range: tables::range_number(self.flags, self.range) != 0 }),
            None => None,
        }
    }

    /// The transport protocol; `None` when the row applies to every
    /// protocol (unassigned ranges, named ranges such as `active-net`, and
    /// port-less names).
    ///
    /// ```
    /// use iana_ports::{by_name, Protocol};
    /// assert_eq!(by_name("active-net").next().unwrap().protocol(), None);
    /// ```
    pub const fn protocol(&self) -> Option<Protocol> {
        Protocol::from_code(self.flags & tables::PROTO_MASK)
    }

    /// Whether this row says something about `proto`: its own protocol, or
    /// any protocol when it names none.
    ///
    /// ```
    /// use iana_ports::{by_name, Protocol};
    /// assert!(by_name("active-net").next().unwrap().applies_to(Protocol::Dccp));
    /// ```
    pub const fn applies_to(&self, proto: Protocol) -> bool {
        let code = self.flags & tables::PROTO_MASK;
        code == 0 || code == proto.code()
    }

    /// Its first port, if it has a port and applies to `proto` (what
    /// [`crate::port`] looks for, row by row).
    #[inline]
    pub(crate) const fn start_on(&self, proto: Protocol) -> Option<u16> {
        if self.flags & tables::HAS_PORT != 0 && self.applies_to(proto) { Some(self.start) } else { None }
    }

    /// What this row makes of its ports (see [`Status`] for the rule).
    ///
    /// ```
    /// use iana_ports::{by_port, Protocol, Status};
    /// assert_eq!(by_port(0, Protocol::Udp).next().unwrap().status(), Status::Reserved);
    /// ```
    pub const fn status(&self) -> Status {
        Status::from_code(self.status_code())
    }

    /// The status code of this row's flags (`layout::status_code`): the one
    /// place a status is decoded from them.
    pub(crate) const fn status_code(&self) -> u8 {
        layout::status_code(self.flags)
    }

    /// The registered name this historic alias stands for
    /// (`matrix_vnet` → `matrix-vnet`), from the row's assignment notes.
    ///
    /// ```
    /// let alias = iana_ports::by_name("matrix_vnet").next().unwrap();
    /// assert_eq!(alias.alias_of(), Some("matrix-vnet"));
    /// ```
    pub fn alias_of(&self) -> Option<&'static str> {
        let at = tables::ALIAS_NAME.binary_search(&self.name).ok()?;
        Some(tables::name(tables::ALIAS_TARGET[at]))
    }
}

#[cfg(details)]
impl Record {
    /// The description (`World Wide Web HTTP`); `Reserved`/`Unassigned` on
    /// nameless rows. `None` when the registry leaves it empty.
    ///
    /// ```
    /// assert_eq!(iana_ports::by_name("matrix-fed").next().unwrap().description(), Some("Matrix Federation Protocol"));
    /// ```
    #[cfg(feature = "descriptions")]
    pub fn description(&self) -> Option<&'static str> {
        tables::optional(tables::DETAIL_DESCRIPTION[self.detail as usize])
    }

    /// The assignee ids, without brackets.
    ///
    /// ```
    /// let ahsp = iana_ports::by_name("ahsp").next().unwrap();
    /// assert_eq!(ahsp.assignee().next(), Some("QuantuMatriX_Technologies"));
    /// ```
    #[cfg(feature = "contacts")]
    pub fn assignee(&self) -> crate::Ids {
        crate::Ids::decode(tables::DETAIL_ASSIGNEE[self.detail as usize])
    }

    /// The contact ids, without brackets.
    ///
    /// ```
    /// let fed = iana_ports::by_name("matrix-fed").next().unwrap();
    /// assert_eq!(fed.contact().collect::<Vec<_>>(), ["Travis_Ralston"]);
    /// ```
    #[cfg(feature = "contacts")]
    pub fn contact(&self) -> crate::Ids {
        crate::Ids::decode(tables::DETAIL_CONTACT[self.detail as usize])
    }

    /// Registration date as written: `2006-12` or `2023-08-04`.
    ///
    /// ```
    /// assert_eq!(iana_ports::by_name("matrix-fed").next().unwrap().registration_date(), Some("2023-08-04"));
    /// ```
    #[cfg(feature = "dates")]
    pub fn registration_date(&self) -> Option<&'static str> {
        tables::optional(tables::DETAIL_REGISTERED[self.detail as usize])
    }

    /// Modification date as written.
    ///
    /// ```
    /// assert_eq!(iana_ports::by_name("http").next().unwrap().modification_date(), Some("2021-10-01"));
    /// ```
    #[cfg(feature = "dates")]
    pub fn modification_date(&self) -> Option<&'static str> {
        tables::optional(tables::DETAIL_MODIFIED[self.detail as usize])
    }

    #[cfg(any(feature = "references", feature = "notes"))]
    pub(crate) fn extra_index(&self) -> usize {
        tables::DETAIL_EXTRA[self.detail as usize] as usize
    }

    /// The reference as written (`[RFC9110]`).
    ///
    /// ```
    /// assert_eq!(iana_ports::by_name("http").next().unwrap().reference(), Some("[RFC9110]"));
    /// ```
    #[cfg(feature = "references")]
    pub fn reference(&self) -> Option<&'static str> {
        tables::optional(tables::EXTRA_REFERENCE[self.extra_index()])
    }

    /// The DCCP service code.
    ///
    /// ```
    /// use iana_ports::{by_port, Protocol};
    /// let discard = by_port(9, Protocol::Dccp).next().unwrap();
    /// assert_eq!(discard.service_code(), Some(1145656131));
    /// ```
    #[cfg(feature = "references")]
    pub fn service_code(&self) -> Option<u32> {
        let text = tables::optional(tables::EXTRA_SERVICE_CODE[self.extra_index()])?;
        text.parse().ok()
    }

    /// The "Unauthorized Use Reported" column.
    ///
    /// ```
    /// let finger = iana_ports::by_name("finger").next().unwrap();
    /// assert_eq!(finger.unauthorized_use(), Some("Unauthorized use by some mail users (see [RFC4146] for details)"));
    /// ```
    #[cfg(feature = "notes")]
    pub fn unauthorized_use(&self) -> Option<&'static str> {
        tables::optional(tables::EXTRA_UNAUTHORIZED[self.extra_index()])
    }

    /// The assignment notes (may span lines; line ends as in the CSV).
    ///
    /// ```
    /// let alias = iana_ports::by_name("matrix_vnet").next().unwrap();
    /// assert!(alias.notes().unwrap().starts_with("This entry is an alias to \"matrix-vnet\"."));
    /// ```
    #[cfg(feature = "notes")]
    pub fn notes(&self) -> Option<&'static str> {
        tables::optional(tables::EXTRA_NOTES[self.extra_index()])
    }
}

impl fmt::Debug for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Record");
        d.field("service_name", &self.service_name()).field("ports", &self.ports()).field("protocol", &self.protocol());
        #[cfg(feature = "descriptions")]
        d.field("description", &self.description());
        d.field("status", &self.status()).finish_non_exhaustive()
    }
}
