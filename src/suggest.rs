//! The suggestion engine: registered names close to a mistyped one.
//!
//! One engine serves `port!` and `ports!` (in const evaluation, where its
//! message becomes a compile error), [`PortSpec`](crate::PortSpec)'s
//! errors and the run-time [`suggest`]. Its tables are integers only (a
//! row index and a 32-bit mask per ported name, about 6 bytes each), so a
//! program that calls it links no string pointers beyond the registry's own.

use core::fmt;
use core::iter::FusedIterator;

use crate::Protocol;
use crate::tables::{self, RECORDS};
use char_mask::{PROTO_SHIFT, char_mask};
use generated::{HINTS, SUGGEST_LEN_START, SUGGEST_MASK, SUGGEST_ROW};

/// The character mask, shared verbatim with the generator
/// (`iana-ports-gen/src/char_mask.rs`).
mod char_mask {
    include!(concat!(env!("OUT_DIR"), "/char_mask.rs"));
}

/// The engine's tables, generated from the registry by `build.rs`.
#[allow(clippy::unreadable_literal)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/suggest.rs"));
}

/// How many names [`suggest`] offers at most.
pub const MAX_SUGGESTIONS: usize = 3;

/// The shortest input whose extensions (`matrix` → `matrix-fed`) are
/// offered before its neighbours by edit distance.
const PREFIX_MIN: usize = 3;

/// The longest input compared by edit distance, plus one (the distance rows
/// live on the stack). Registered names have at most 15 bytes.
const ROW: usize = 24;

/// Up to three registered names with a port that are close to `name`: the
/// usual name behind a well-known misnomer first (`dns` → `domain`, `whois`
/// → `nicname`), then names that start with `name` (of 3 bytes or more:
/// `matrix` → `matrix-fed`), then by edit distance, closest first.
///
/// The distance is optimal string alignment (insertions, deletions,
/// substitutions and swaps of two neighbours), ASCII case-insensitive, and
/// at most `1 + len / 4` (at most 3) for an input of `len` bytes; ties go in
/// registry order. With `proto`, only names with a port on that protocol
/// are offered, with that port. The name itself is never offered, so a
/// registered name gets its neighbours. An input of 24 bytes or more gets
/// only the misnomer table.
///
/// A `const fn`: no allocation, bounded time (the scan reads only names of
/// about the input's length, and skips most by a character-set test).
///
/// ```
/// use iana_ports::{suggest, Protocol};
///
/// let names: Vec<&str> = suggest("htps", Some(Protocol::Tcp)).map(|s| s.name()).collect();
/// assert_eq!(names[0], "https");
///
/// let first = suggest("dns", None).next().unwrap();
/// assert_eq!((first.name(), first.port(), first.protocol()), ("domain", 53, None));
/// assert_eq!(first.to_string(), "domain (53)");
///
/// let udp = suggest("dns", Some(Protocol::Udp)).next().unwrap();
/// assert_eq!(udp.to_string(), "domain/udp (53)");
///
/// assert_eq!(suggest("qqqqqqqqqqqq", None).len(), 0);
/// ```
pub const fn suggest(name: &str, proto: Option<Protocol>) -> Suggestions {
    let mut out = Suggestions::EMPTY;
    out.protos = [proto; MAX_SUGGESTIONS];
    let mut dists = [0usize; MAX_SUGGESTIONS];
    let mut h = 0;
    while h < HINTS.len() {
        if tables::eq_ignore_case(HINTS[h].0.as_bytes(), name.as_bytes()) {
            if let Some(row) = first_row(HINTS[h].1) {
                if has_port(HINTS[h].1, proto) {
                    out.rows[0] = row;
                    out.len = 1;
                }
            }
        }
        h += 1;
    }
    let hinted = out.len as usize;
    let a = name.as_bytes();
    if a.len() >= ROW {
        return out;
    }
    let max = if a.len() / 4 + 1 > 3 { 3 } else { a.len() / 4 + 1 };
    let query_mask = char_mask(a);
    let proto_bit = match proto {
        Some(p) => 1 << (PROTO_SHIFT + p as u32),
        None => u32::MAX << PROTO_SHIFT,
    };
    // Names within `max` bytes of the input's length, by edit distance;
    // longer ones only when they start with the input (of 3 bytes or more).
    let last_len = SUGGEST_LEN_START.len() - 1;
    let lo = if a.len() > max { a.len() - max } else { 0 };
    let hi = if a.len() + max + 1 < last_len { a.len() + max + 1 } else { last_len };
    let mut k = SUGGEST_LEN_START[if lo < last_len { lo } else { last_len }] as usize;
    let window_end = SUGGEST_LEN_START[hi] as usize;
    let end = if a.len() >= PREFIX_MIN { SUGGEST_LEN_START[last_len] as usize } else { window_end };
    while k < end {
        let row = SUGGEST_ROW[k];
        let mask = SUGGEST_MASK[k];
        let in_window = k < window_end;
        k += 1;
        let chars = (mask ^ query_mask) << (32 - PROTO_SHIFT);
        let missing = (query_mask & !mask) << (32 - PROTO_SHIFT);
        if mask & proto_bit == 0 || (chars.count_ones() as usize > 2 * max && (missing != 0 || a.len() < PREFIX_MIN)) {
            continue;
        }
        let cand = row_name(row).as_bytes();
        if tables::eq_ignore_case(cand, a) || (hinted == 1 && out.rows[0] == row) {
            continue;
        }
        // A name that starts with the input ranks before every edit.
        let prefix =
            a.len() >= PREFIX_MIN && cand.len() > a.len() && tables::eq_ignore_case(cand.split_at(a.len()).0, a);
        let d = if prefix {
            0
        } else if in_window {
            distance(a, cand, max)
        } else {
            max + 1
        };
        if d > max {
            continue;
        }
        // After every pick closer, or as close and earlier in the registry.
        let mut at = hinted;
        let count = out.len as usize;
        while at < count && (dists[at] < d || (dists[at] == d && out.rows[at] < row)) {
            at += 1;
        }
        if at < MAX_SUGGESTIONS {
            let mut j = if count < MAX_SUGGESTIONS { count } else { MAX_SUGGESTIONS - 1 };
            while j > at {
                out.rows[j] = out.rows[j - 1];
                dists[j] = dists[j - 1];
                j -= 1;
            }
            out.rows[at] = row;
            dists[at] = d;
            if count < MAX_SUGGESTIONS {
                out.len += 1;
            }
        }
    }
    out
}

/// The registered spelling of the name of row `row` (a `SUGGEST_ROW` entry,
/// which always has one).
const fn row_name(row: u16) -> &'static str {
    match RECORDS[row as usize].service_name() {
        Some(name) => name,
        None => "",
    }
}

/// The first row (registry index) registered under `name`, any case, with
/// or without a port: the engine's id of a name.
pub(crate) const fn first_row(name: &str) -> Option<u16> {
    match tables::name_slot(name) {
        Some(slot) => Some(tables::name_first_row(slot) as u16),
        None => None,
    }
}

/// Whether `name` has a port on `proto` (on any protocol if `None`).
const fn has_port(name: &str, proto: Option<Protocol>) -> bool {
    match proto {
        Some(p) => crate::port(name, p).is_some(),
        None => {
            let mut p = 0;
            while p < Protocol::ALL.len() {
                if crate::port(name, Protocol::ALL[p]).is_some() {
                    return true;
                }
                p += 1;
            }
            false
        }
    }
}

/// Optimal-string-alignment distance, ASCII case-insensitive; both
/// shorter than `ROW` (else `max + 1`). Stops early with `max + 1` once
/// every cell of a row exceeds `max`.
pub(crate) const fn distance(a: &[u8], b: &[u8], max: usize) -> usize {
    if a.len() >= ROW || b.len() >= ROW {
        return max + 1;
    }
    let mut before = [0u8; ROW];
    let mut prev = [0u8; ROW];
    let mut j = 0;
    while j <= b.len() {
        prev[j] = j as u8;
        j += 1;
    }
    let mut i = 1;
    while i <= a.len() {
        let mut cur = [0u8; ROW];
        cur[0] = i as u8;
        let mut low = cur[0];
        let ca = a[i - 1].to_ascii_lowercase();
        let mut j = 1;
        while j <= b.len() {
            let cb = b[j - 1].to_ascii_lowercase();
            let cost = if ca == cb { 0 } else { 1 };
            let mut best = prev[j - 1] + cost;
            if prev[j] + 1 < best {
                best = prev[j] + 1;
            }
            if cur[j - 1] + 1 < best {
                best = cur[j - 1] + 1;
            }
            if i > 1
                && j > 1
                && ca == b[j - 2].to_ascii_lowercase()
                && a[i - 2].to_ascii_lowercase() == cb
                && before[j - 2] + 1 < best
            {
                best = before[j - 2] + 1;
            }
            cur[j] = best;
            if best < low {
                low = best;
            }
            j += 1;
        }
        if low as usize > max {
            return max + 1;
        }
        before = prev;
        prev = cur;
        i += 1;
    }
    prev[b.len()] as usize
}

/// The names [`suggest`] offers, best first: an iterator of up to
/// [`MAX_SUGGESTIONS`] [`Suggestion`]s, also readable in `const` by index.
///
/// ```
/// let s = iana_ports::suggest("x11-1", None);
/// assert!(s.len() >= 1);
/// assert_eq!(s.get(0).unwrap().name(), "x11");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestions {
    rows: [u16; MAX_SUGGESTIONS],
    protos: [Option<Protocol>; MAX_SUGGESTIONS],
    len: u8,
    front: u8,
}

impl Suggestions {
    /// No suggestions.
    pub(crate) const EMPTY: Suggestions =
        Suggestions { rows: [0; MAX_SUGGESTIONS], protos: [None; MAX_SUGGESTIONS], len: 0, front: 0 };

    /// The protocols the name of `row` has a port on, each as a suggestion
    /// (at most three: for a name without a port on the protocol asked).
    pub(crate) const fn registrations(row: u16) -> Suggestions {
        let mut out = Suggestions::EMPTY;
        let name = row_name(row);
        let mut p = 0;
        while p < Protocol::ALL.len() && (out.len as usize) < MAX_SUGGESTIONS {
            if crate::port(name, Protocol::ALL[p]).is_some() {
                out.rows[out.len as usize] = row;
                out.protos[out.len as usize] = Some(Protocol::ALL[p]);
                out.len += 1;
            }
            p += 1;
        }
        out
    }

    /// How many suggestions are left.
    ///
    /// ```
    /// assert_eq!(iana_ports::suggest("", None).len(), 0);
    /// ```
    #[allow(clippy::len_without_is_empty)] // ExactSizeIterator's `len` would clash.
    pub const fn len(&self) -> usize {
        (self.len - self.front) as usize
    }

    /// The `i`-th suggestion left, best first.
    ///
    /// ```
    /// const FIRST: Option<iana_ports::Suggestion> = iana_ports::suggest("htps", None).get(0);
    /// assert_eq!(FIRST.unwrap().name(), "https");
    /// ```
    pub const fn get(&self, i: usize) -> Option<Suggestion> {
        if i >= self.len() {
            return None;
        }
        let at = self.front as usize + i;
        Some(Suggestion::of(self.rows[at], self.protos[at]))
    }
}

impl Iterator for Suggestions {
    type Item = Suggestion;

    fn next(&mut self) -> Option<Suggestion> {
        let next = self.get(0)?;
        self.front += 1;
        Some(next)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.len(), Some(self.len()))
    }
}

impl ExactSizeIterator for Suggestions {}
impl FusedIterator for Suggestions {}

/// One registered name offered by [`suggest`], with its port.
///
/// ```
/// use iana_ports::{suggest, Protocol};
/// let s = suggest("raid-am", None).next();
/// // `raid-am` itself is never offered; its neighbours are.
/// assert_ne!(s.map(|s| s.name()), Some("raid-am"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    name: &'static str,
    protocol: Option<Protocol>,
    port: u16,
}

impl Suggestion {
    /// The suggestion for the name of `row`: its port on `proto`, or, with
    /// no protocol asked, on its first protocol (named only when the
    /// protocols disagree).
    pub(crate) const fn of(row: u16, proto: Option<Protocol>) -> Suggestion {
        let name = row_name(row);
        let mut ports = [None; 4];
        let mut p = 0;
        while p < 4 {
            ports[p] = crate::port(name, Protocol::ALL[p]);
            p += 1;
        }
        match proto {
            Some(p) => Suggestion { name, protocol: Some(p), port: unwrap_or_zero(ports[p as usize]) },
            None => {
                let mut first = 0;
                while first < 3 && ports[first].is_none() {
                    first += 1;
                }
                let port = unwrap_or_zero(ports[first]);
                let mut agree = true;
                let mut p = 0;
                while p < 4 {
                    if let Some(other) = ports[p] {
                        agree &= other == port;
                    }
                    p += 1;
                }
                Suggestion { name, protocol: if agree { None } else { Some(Protocol::ALL[first]) }, port }
            }
        }
    }

    /// The registered name, as IANA spells it.
    ///
    /// ```
    /// assert_eq!(iana_ports::suggest("besapi2", None).next().unwrap().name(), "BESApi");
    /// ```
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The protocol [`port`](Self::port) is on: the one asked for, or, when
    /// none was, the name's first protocol if its protocols have different
    /// ports (`None` when they agree).
    ///
    /// ```
    /// use iana_ports::{suggest, Protocol};
    /// assert_eq!(suggest("dns", None).next().unwrap().protocol(), None); // 53 on tcp and udp
    /// assert_eq!(suggest("dns", Some(Protocol::Tcp)).next().unwrap().protocol(), Some(Protocol::Tcp));
    /// ```
    pub const fn protocol(&self) -> Option<Protocol> {
        self.protocol
    }

    /// The first port of the name (on [`protocol`](Self::protocol) if
    /// named), as [`port`](fn@crate::port) answers.
    ///
    /// ```
    /// assert_eq!(iana_ports::suggest("htps", None).next().unwrap().port(), 443);
    /// ```
    pub const fn port(&self) -> u16 {
        self.port
    }
}

const fn unwrap_or_zero(port: Option<u16>) -> u16 {
    match port {
        Some(port) => port,
        None => 0,
    }
}

impl fmt::Display for Suggestion {
    /// `name (port)`, or `name/proto (port)` when the protocol is named.
    ///
    /// ```
    /// let s = iana_ports::suggest("htps", Some(iana_ports::Protocol::Tcp)).next().unwrap();
    /// assert_eq!(s.to_string(), "https/tcp (443)");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.protocol {
            Some(p) => write!(f, "{}/{} ({})", self.name, p, self.port),
            None => write!(f, "{} ({})", self.name, self.port),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(name: &str, proto: Option<Protocol>) -> [Option<&'static str>; 3] {
        let s = suggest(name, proto);
        [s.get(0).map(|s| s.name()), s.get(1).map(|s| s.name()), s.get(2).map(|s| s.name())]
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance(b"https", b"https", 3), 0);
        assert_eq!(distance(b"HTTPS", b"https", 3), 0);
        assert_eq!(distance(b"htps", b"https", 3), 1); // insertion
        assert_eq!(distance(b"httpss", b"https", 3), 1); // deletion
        assert_eq!(distance(b"hxtps", b"https", 3), 1); // substitution
        assert_eq!(distance(b"htpts", b"https", 3), 1); // transposition
        assert_eq!(distance(b"", b"abc", 3), 3);
        assert_eq!(distance(b"abc", b"", 3), 3);
        assert_eq!(distance(b"abcdef", b"uvwxyz", 2), 3); // stops at max + 1
        assert_eq!(distance(&[b'a'; ROW], b"a", 3), 4); // too long to compare
        assert_eq!(distance(b"a", &[b'a'; ROW], 3), 4);
    }

    #[test]
    fn hints_come_first() {
        assert_eq!(names("dns", None)[0], Some("domain"));
        assert_eq!(names("DNS", Some(Protocol::Udp))[0], Some("domain"));
        assert_eq!(names("whois", None)[0], Some("nicname"));
        assert_eq!(names("postgres", Some(Protocol::Tcp))[0], Some("postgresql"));
        // A hint without a port on the protocol asked is not offered.
        assert_ne!(names("dns", Some(Protocol::Dccp))[0], Some("domain"));
    }

    #[test]
    fn closest_first_then_registry_order() {
        assert_eq!(names("htps", Some(Protocol::Tcp))[0], Some("https"));
        assert_eq!(names("sssh", None)[0], Some("ssh"));
        let s = suggest("htps", None);
        let mut prev = 0;
        for i in 0..s.len() {
            let name = s.get(i).unwrap().name();
            let d = distance(b"htps", name.as_bytes(), 3);
            assert!(d >= prev && d <= 2, "{name}: {d}");
            prev = d;
        }
    }

    #[test]
    fn names_that_start_with_the_input_come_first() {
        // `futrix` is two edits from `matrix`; the names that extend it rank first.
        // (In registry order, that is by port: matrix-vnet and matrix_vnet
        // before matrix-fed at 8448.)
        let picks = names("matrix", None);
        assert_eq!(picks, [Some("matrix-vnet"), Some("matrix_vnet"), Some("matrix-fed")]);
        let spec = crate::PortSpec::parse("matrix").unwrap_err();
        assert!(spec.suggestions().all(|s| s.name().starts_with("matrix")), "{spec}");
        // Too short an input extends to too many names: edits only.
        assert!(names("ab", None).iter().flatten().all(|n| n.len() <= 4), "{:?}", names("ab", None));
    }

    #[test]
    fn never_offers_the_name_itself_nor_a_portless_name() {
        for name in ["ssh", "SSH", "https", "x11"] {
            assert!(suggest(name, None).all(|s| !s.name().eq_ignore_ascii_case(name)), "{name}");
        }
        for s in suggest("matrix", None) {
            assert!(crate::by_name(s.name()).any(|r| r.ports().is_some()), "{}", s.name());
        }
    }

    #[test]
    fn protocol_filters_and_names_the_port() {
        // rift-lies is udp only (914).
        assert!(suggest("rift-lie", Some(Protocol::Tcp)).all(|s| s.name() != "rift-lies"));
        let udp = suggest("rift-lie", Some(Protocol::Udp)).next().unwrap();
        assert_eq!((udp.name(), udp.port(), udp.protocol()), ("rift-lies", 914, Some(Protocol::Udp)));
        // raid-am: 2013/tcp, 2007/udp: the first protocol is named.
        let raid = suggest("raid-an", None).find(|s| s.name() == "raid-am").unwrap();
        assert_eq!((raid.port(), raid.protocol()), (2013, Some(Protocol::Tcp)));
    }

    #[test]
    fn bounded_inputs() {
        assert_eq!(suggest("", None).len(), 0);
        assert_eq!(suggest(&std::string::String::from("x").repeat(1 << 20), None).len(), 0);
        assert_eq!(suggest("\u{1F600}", None).len(), 0);
        let mut s = suggest("htps", None);
        let n = s.len();
        assert_eq!(s.by_ref().count(), n);
        assert_eq!((s.next(), s.len()), (None, 0));
    }

    #[test]
    fn const_evaluable() {
        const S: Suggestions = suggest("htps", Some(Protocol::Tcp));
        const FIRST: Option<Suggestion> = S.get(0);
        assert_eq!(FIRST.map(|s| s.port()), Some(443));
    }
}
