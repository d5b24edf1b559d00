//! Lookups by port, by name and by text.

use core::iter::FusedIterator;

use crate::tables::{self, RECORDS, layout};
use crate::{Protocol, Record, Status};

/// Every row of the registry, in registry order.
///
/// ```
/// let all = iana_ports::records();
/// assert_eq!(all.len(), iana_ports::REGISTRY.records);
/// assert_eq!(all[2].service_name(), Some("tcpmux"));
/// ```
pub const fn records() -> &'static [Record] {
    &RECORDS
}

/// Iterator over records: the runs of rows of a name (for [`by_name`]), or
/// (for [`by_port`]) the ranges begun before the port that cover it, then
/// the rows starting at the port, of its protocol.
///
/// Returned by [`by_port`] and [`by_name`]; yields in registry order.
///
/// ```
/// let mut it = iana_ports::by_name("http");
/// assert_eq!(it.len(), 3); // tcp, udp, sctp
/// ```
#[derive(Debug, Clone)]
pub struct Records {
    rows: Rows,
    /// How many records are yet to be yielded (the exact length).
    left: usize,
}

/// What a [`Records`] walks.
#[derive(Debug, Clone)]
enum Rows {
    /// [`by_port`]: candidate range numbers, of which those covering `port`
    /// on `proto` come first, then the rows starting at `port`, of which
    /// those applying to `proto`.
    Port { ranges: core::ops::Range<usize>, run: core::slice::Iter<'static, Record>, port: u16, proto: Protocol },
    /// [`by_name`]: runs of consecutive rows, all yielded: the run read
    /// from the front, the further runs not begun (`NAME_MORE_*` entries),
    /// and the run read from the back.
    Name {
        front: core::slice::Iter<'static, Record>,
        more: core::ops::Range<usize>,
        back: core::slice::Iter<'static, Record>,
    },
}

/// The records of run `rows` (a range of record indices).
fn run_of(rows: core::ops::Range<usize>) -> core::slice::Iter<'static, Record> {
    RECORDS[rows].iter()
}

impl Iterator for Records {
    type Item = &'static Record;

    #[inline]
    fn next(&mut self) -> Option<&'static Record> {
        let record = match &mut self.rows {
            Rows::Port { ranges, run, port, proto } => {
                let (port, proto) = (*port, *proto);
                match ranges.find_map(|n| tables::range_covering(n, port, proto)) {
                    Some(record) => record,
                    None => run.find(|r| r.applies_to(proto))?,
                }
            }
            Rows::Name { front, more, back } => loop {
                if let Some(record) = front.next() {
                    break record;
                }
                match more.next() {
                    Some(k) => *front = run_of(tables::name_more_run(k)),
                    None => break back.next()?,
                }
            },
        };
        self.left -= 1;
        Some(record)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }

    /// The exact length, without walking the rows.
    fn count(self) -> usize {
        self.left
    }
}

impl ExactSizeIterator for Records {}
impl FusedIterator for Records {}
impl DoubleEndedIterator for Records {
    fn next_back(&mut self) -> Option<&'static Record> {
        let record = match &mut self.rows {
            Rows::Port { ranges, run, port, proto } => {
                let (port, proto) = (*port, *proto);
                match run.rfind(|r| r.applies_to(proto)) {
                    Some(record) => record,
                    None => ranges.rev().find_map(|n| tables::range_covering(n, port, proto))?,
                }
            }
            Rows::Name { front, more, back } => loop {
                if let Some(record) = back.next_back() {
                    break record;
                }
                match more.next_back() {
                    Some(k) => *back = run_of(tables::name_more_run(k)),
                    None => break front.next_back()?,
                }
            },
        };
        self.left -= 1;
        Some(record)
    }
}

/// Every row covering `port` for `proto`, in registry order: named rows,
/// ranges (6010/tcp yields `x11`), rows without a protocol (which apply to
/// all) and Reserved/Unassigned rows alike.
///
/// ```
/// use iana_ports::{by_port, Protocol};
/// let names: Vec<_> = by_port(80, Protocol::Tcp).filter_map(|r| r.service_name()).collect();
/// assert_eq!(names, ["http", "www", "www-http"]);
/// assert_eq!(by_port(6010, Protocol::Tcp).next().unwrap().service_name(), Some("x11"));
/// ```
#[inline]
pub fn by_port(port: u16, proto: Protocol) -> Records {
    // The ranges begun before the port, then the rows starting at it (ranges
    // among them): rows are sorted by first port, so that is registry order.
    let ranges = {
        let (first, past) = tables::ranges_before(port);
        first..past
    };
    let (first, past) = tables::run(port);
    let run = &RECORDS[first..past];
    let left = ranges.clone().filter(|&n| tables::range_covering(n, port, proto).is_some()).count()
        + run.iter().filter(|r| r.applies_to(proto)).count();
    Records { rows: Rows::Port { ranges, run: run.iter(), port, proto }, left }
}

/// Every row registered under `name`, in any case (`besapi` finds
/// `BESApi`), with or without ports, in registry order.
///
/// ```
/// let rows: Vec<_> = iana_ports::by_name("RDP").collect();
/// assert_eq!(rows.len(), 2); // two port-less DNS-SD rows
/// assert!(iana_ports::by_name("no-such-service").next().is_none());
/// ```
#[inline]
pub fn by_name(name: &str) -> Records {
    let (front, more) = match tables::name_slot(name) {
        Some(slot) => (run_of(tables::name_first_run(slot)), tables::name_more_runs(slot)),
        None => ([].iter(), 0..0),
    };
    let left = front.len() + more.clone().map(|k| tables::name_more_run(k).len()).sum::<usize>();
    Records { rows: Rows::Name { front, more, back: [].iter() }, left }
}

/// The port of service `name` (any case) on `proto`: the first port of the
/// first row in registry order with that name, a port, and that protocol
/// (or none). A range gives its first port (`x11` → 6000).
///
/// A `const fn`, and the same code path at run time:
///
/// ```
/// use iana_ports::{port, Protocol};
/// const HTTPS: u16 = match port("https", Protocol::Tcp) { Some(p) => p, None => panic!() };
/// assert_eq!(HTTPS, 443);
/// assert_eq!(port("Domain", Protocol::Udp), Some(53));
/// assert_eq!(port("dns", Protocol::Udp), None);
/// ```
#[inline]
pub const fn port(name: &str, proto: Protocol) -> Option<u16> {
    let Some(slot) = tables::name_slot(name) else { return None };
    // The first run, read directly (the hot path: most names have one run;
    // the shared `NameRows` cursor measured 5-8% slower here) ...
    if let Some(port) = start_in_run(tables::name_first_run(slot), proto) {
        return Some(port);
    }
    // ... then any further runs.
    let mut more = tables::name_more_runs(slot);
    while more.start < more.end {
        if let Some(port) = start_in_run(tables::name_more_run(more.start), proto) {
            return Some(port);
        }
        more.start += 1;
    }
    None
}

/// The first port on `proto` among the rows of `run`, in order.
#[inline(always)]
const fn start_in_run(mut run: core::ops::Range<usize>, proto: Protocol) -> Option<u16> {
    while run.start < run.end {
        if let Some(port) = RECORDS[run.start].start_on(proto) {
            return Some(port);
        }
        run.start += 1;
    }
    None
}

/// The service name of the first *named* row covering `port` on `proto`, in
/// registry order (80/tcp → `http`, not `www`).
///
/// A `const fn`, and the same code path at run time:
///
/// ```
/// use iana_ports::{service_name, Protocol};
/// const NAME: Option<&str> = service_name(631, Protocol::Tcp);
/// assert_eq!(NAME, Some("ipp"));
/// assert_eq!(service_name(914, Protocol::Tcp), None);
/// assert_eq!(service_name(914, Protocol::Udp), Some("rift-lies"));
/// assert_eq!(service_name(6063, Protocol::Udp), Some("x11"));
/// ```
#[inline]
pub const fn service_name(port: u16, proto: Protocol) -> Option<&'static str> {
    match tables::first_name(port, proto as usize) {
        Some(id) => Some(tables::name(id)),
        None => None,
    }
}

/// [`service_name`] as a C string (`const char *` for C callers), with
/// the same answer: the generator writes the names a second time, each
/// followed by a NUL (linked only by programs that call this), so this
/// borrows the compiled-in name and copies nothing.
///
/// ```
/// use iana_ports::{service_name_cstr, Protocol};
/// const NAME: Option<&core::ffi::CStr> = service_name_cstr(8448, Protocol::Tcp);
/// assert_eq!(NAME, Some(c"matrix-fed"));
/// assert_eq!(service_name_cstr(914, Protocol::Tcp), None);
/// ```
#[inline]
pub const fn service_name_cstr(port: u16, proto: Protocol) -> Option<&'static core::ffi::CStr> {
    match tables::first_name(port, proto as usize) {
        Some(id) => Some(tables::name_cstr(id)),
        None => None,
    }
}

/// What the registry says about `port` on `proto`, for every `u16` (see
/// [`Status`] for the rule).
///
/// ```
/// use iana_ports::{status, Protocol, Status};
/// assert_eq!(status(6063, Protocol::Tcp), Status::Assigned);
/// assert_eq!(status(6064, Protocol::Tcp), Status::Assigned); // ndl-ahp-svc
/// assert_eq!(status(65535, Protocol::Sctp), Status::Unassigned);
/// ```
#[inline]
pub const fn status(port: u16, proto: Protocol) -> Status {
    // The lowest status code of the rows (unassigned unless a row says more).
    let mut best = layout::STATUS_UNASSIGNED;
    // The rows starting at the port...
    let (mut i, end) = tables::run(port);
    while i < end {
        let record = &RECORDS[i];
        if record.applies_to(proto) {
            let code = record.status_code();
            if code < best {
                best = code;
            }
        }
        i += 1;
    }
    // ...and the ranges begun before it that reach it.
    let (mut n, past) = tables::ranges_before(port);
    while n < past {
        if let Some(record) = tables::range_covering(n, port, proto) {
            let code = record.status_code();
            if code < best {
                best = code;
            }
        }
        n += 1;
    }
    Status::from_code(best)
}

/// Rows whose own columns contain `query`, ASCII case-insensitively, as
/// IANA's search box on the registry page matches: service name, port
/// (`6000-6063`), protocol, description, assignee and contact ids with
/// their brackets, dates, reference, service code, unauthorized use and
/// notes. People's names and organisations are not searched. An empty
/// query matches every row. Nothing is allocated.
///
/// Columns left out by Cargo features are not searched. Every query costs
/// at most one scan of the registry: one longer than the longest column of
/// any row returns nothing at once, however long it is.
///
/// ```
/// let hits: Vec<_> = iana_ports::search("matrix").filter_map(|r| r.service_name()).collect();
/// assert_eq!(hits.len(), 12);
/// assert!(hits.contains(&"ahsp")); // its assignee is [QuantuMatriX_Technologies]
/// assert_eq!(iana_ports::search(&"x".repeat(1 << 20)).count(), 0);
/// ```
pub fn search(query: &str) -> Search<'_> {
    let needle = Needle::new(query.as_bytes());
    // No column is longer than `SEARCH_TEXT_MAX_LEN`: nothing can match.
    let back = if needle.bytes.len() > tables::SEARCH_TEXT_MAX_LEN { 0 } else { RECORDS.len() };
    Search { needle, next: 0, back, memo: DetailMemo::NONE }
}

/// Iterator returned by [`search`].
///
/// ```
/// let mut s = iana_ports::search("x window system");
/// assert_eq!(s.next().unwrap().service_name(), Some("x11"));
/// ```
#[derive(Debug, Clone)]
pub struct Search<'q> {
    needle: Needle<'q>,
    next: usize,
    back: usize,
    memo: DetailMemo,
}

impl Iterator for Search<'_> {
    type Item = &'static Record;

    fn next(&mut self) -> Option<&'static Record> {
        while self.next < self.back {
            let record = &RECORDS[self.next];
            self.next += 1;
            if matches(record, &self.needle, &mut self.memo) {
                return Some(record);
            }
        }
        None
    }
}

impl DoubleEndedIterator for Search<'_> {
    fn next_back(&mut self) -> Option<&'static Record> {
        while self.next < self.back {
            self.back -= 1;
            let record = &RECORDS[self.back];
            if matches(record, &self.needle, &mut self.memo) {
                return Some(record);
            }
        }
        None
    }
}

impl FusedIterator for Search<'_> {}

/// A query with what every row's test needs worked out once.
#[derive(Debug, Clone, Copy)]
struct Needle<'q> {
    bytes: &'q [u8],
    /// The first byte, lower-cased.
    first: u8,
    /// `0x20` when the first byte is an ASCII letter (`b | fold == first`
    /// then matches it in either case), else 0 (an exact match).
    fold: u8,
    /// Whether the query holds `[` or `]` (it may then span the brackets
    /// between ids).
    #[cfg_attr(not(feature = "contacts"), allow(dead_code))]
    has_bracket: bool,
    /// Whether the query is only digits and dashes: otherwise no port
    /// column (`6000-6063`) and no date (`2023-08-04`) can hold it, and
    /// they are not written out or scanned.
    digits_and_dashes: bool,
}

impl<'q> Needle<'q> {
    fn new(bytes: &'q [u8]) -> Self {
        let first = bytes.first().map_or(0, u8::to_ascii_lowercase);
        let fold = if first.is_ascii_lowercase() { 0x20 } else { 0 };
        // A query no column can hold is never scanned: its cost stays O(1).
        let has_bracket = bytes.len() <= tables::SEARCH_TEXT_MAX_LEN && bytes.iter().any(|&b| b == b'[' || b == b']');
        let digits_and_dashes =
            bytes.len() <= tables::SEARCH_TEXT_MAX_LEN && bytes.iter().all(|&b| b.is_ascii_digit() || b == b'-');
        Needle { bytes, first, fold, has_bracket, digits_and_dashes }
    }
}

/// The last detail row tested and whether it matched: rows registered for
/// tcp and udp together share one, so the pair is tested once.
#[derive(Debug, Clone, Copy)]
#[cfg_attr(not(details), allow(dead_code))]
struct DetailMemo {
    detail: u32,
    hit: bool,
}

impl DetailMemo {
    const NONE: DetailMemo = DetailMemo { detail: u32::MAX, hit: false };
}

/// ASCII case-insensitive substring test.
fn contains(haystack: &str, needle: &Needle) -> bool {
    let hay = haystack.as_bytes();
    let len = needle.bytes.len();
    if len > hay.len() {
        return false;
    }
    let Some(rest) = needle.bytes.get(1..) else { return true };
    let (first, fold) = (needle.first, needle.fold);
    // Eight candidate starts at a time: a byte of `x` is zero where the
    // haystack has the first byte (SWAR); each one found is then verified.
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let (first8, fold8) = (ONES * u64::from(first), ONES * u64::from(fold));
    let starts = hay.len() - len + 1;
    let mut at = 0;
    while at + 8 <= starts {
        let mut word = [0u8; 8];
        word.copy_from_slice(&hay[at..at + 8]);
        let x = (u64::from_le_bytes(word) | fold8) ^ first8;
        // Flags every zero byte (and, past one, maybe a false positive,
        // which the check below refuses).
        let mut zeros = x.wrapping_sub(ONES) & !x & HIGHS;
        while zeros != 0 {
            let i = at + (zeros.trailing_zeros() / 8) as usize;
            if hay[i] | fold == first && hay[i + 1..i + len].eq_ignore_ascii_case(rest) {
                return true;
            }
            zeros &= zeros - 1;
        }
        at += 8;
    }
    while at < starts {
        if hay[at] | fold == first && hay[at + 1..at + len].eq_ignore_ascii_case(rest) {
            return true;
        }
        at += 1;
    }
    false
}

/// ASCII case-insensitive substring test on the CSV text of `ids`
/// (`[A][B]`), without writing it out.
#[cfg(feature = "contacts")]
fn ids_contain(mut ids: crate::Ids, needle: &Needle) -> bool {
    if needle.bytes.is_empty() {
        return true;
    }
    if !needle.has_bracket {
        // A match without brackets cannot span the brackets between ids.
        return ids.any(|id| contains(id, needle));
    }
    let mut hay = ids.csv_bytes();
    loop {
        let mut probe = hay.clone();
        if needle.bytes.iter().all(|&n| probe.next().is_some_and(|h| h.eq_ignore_ascii_case(&n))) {
            return true;
        }
        if hay.next().is_none() {
            return false;
        }
    }
}

fn port_matches(port: crate::PortText, query: &Needle) -> bool {
    // The column as the CSV writes it (`6000-6063`, `4748-4748`): a query
    // may span the dash.
    let mut buf = [0u8; crate::PortText::MAX_LEN];
    let len = port.write(&mut buf);
    core::str::from_utf8(&buf[..len]).is_ok_and(|t| contains(t, query))
}

fn matches(record: &Record, query: &Needle, memo: &mut DetailMemo) -> bool {
    let text = |t: Option<&'static str>| t.is_some_and(|t| contains(t, query));
    if text(record.service_name())
        || (query.digits_and_dashes && record.port_text().is_some_and(|p| port_matches(p, query)))
        || text(record.protocol().map(Protocol::as_str))
    {
        return true;
    }
    #[cfg(details)]
    {
        let detail = u32::from(record.detail);
        if memo.detail != detail {
            *memo = DetailMemo { detail, hit: detail_matches(record, query) };
        }
        memo.hit
    }
    #[cfg(not(details))]
    {
        let _ = memo;
        false
    }
}

/// The columns a record's detail row holds (every one but name, port and
/// protocol): records sharing the row share the answer.
#[cfg(details)]
fn detail_matches(record: &Record, query: &Needle) -> bool {
    let text = |t: Option<&'static str>| t.is_some_and(|t| contains(t, query));
    #[cfg(feature = "descriptions")]
    if text(record.description()) {
        return true;
    }
    #[cfg(feature = "contacts")]
    if ids_contain(record.assignee(), query) || ids_contain(record.contact(), query) {
        return true;
    }
    #[cfg(feature = "dates")]
    if query.digits_and_dashes && (text(record.registration_date()) || text(record.modification_date())) {
        return true;
    }
    #[cfg(feature = "references")]
    if text(record.reference()) || text(tables::optional(tables::EXTRA_SERVICE_CODE[record.extra_index()])) {
        return true;
    }
    #[cfg(feature = "notes")]
    if text(record.unauthorized_use()) || text(record.notes()) {
        return true;
    }
    let _ = text;
    false
}
