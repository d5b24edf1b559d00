//! `port!` and `assert_unassigned!`: registry checks that run in the
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

/// The const machinery behind the macros; not public API.
#[doc(hidden)]
pub mod private {
    use crate::constants::{HINTS, LEN_START, PORTLESS, SUGGEST, SUGGEST_BY_LEN};
    use crate::{Protocol, Status};

    const NONE: u32 = u32::MAX;

    /// A message assembled during const evaluation; truncated at capacity.
    pub struct Msg {
        buf: [u8; 480],
        len: usize,
    }

    impl Msg {
        /// An empty message.
        pub const fn new() -> Msg {
            Msg { buf: [0; 480], len: 0 }
        }

        /// Appends `s`.
        pub const fn str(&mut self, s: &str) {
            let b = s.as_bytes();
            let mut i = 0;
            while i < b.len() && self.len < self.buf.len() {
                self.buf[self.len] = b[i];
                self.len += 1;
                i += 1;
            }
        }

        /// Appends `n` in decimal.
        pub const fn num(&mut self, mut n: u32) {
            let mut digits = [0u8; 10];
            let mut at = digits.len();
            loop {
                at -= 1;
                digits[at] = b'0' + (n % 10) as u8;
                n /= 10;
                if n == 0 {
                    break;
                }
            }
            while at < digits.len() && self.len < self.buf.len() {
                self.buf[self.len] = digits[at];
                self.len += 1;
                at += 1;
            }
        }

        /// The text so far (cut back to a character boundary if truncated).
        pub const fn as_str(&self) -> &str {
            let bytes = self.buf.split_at(self.len).0;
            match core::str::from_utf8(bytes) {
                Ok(s) => s,
                Err(e) => match core::str::from_utf8(bytes.split_at(e.valid_up_to()).0) {
                    Ok(s) => s,
                    Err(_) => "",
                },
            }
        }

        /// Panics with the message: a compile error in const evaluation.
        pub const fn fail(&self) -> ! {
            panic!("{}", self.as_str())
        }
    }

    impl Default for Msg {
        fn default() -> Msg {
            Msg::new()
        }
    }

    /// ASCII case-insensitive equality.
    const fn eq(a: &str, b: &str) -> bool {
        crate::tables::eq_ignore_case(a.as_bytes(), b.as_bytes())
    }

    const fn slice(s: &str, from: usize, to: usize) -> &str {
        s.split_at(to).0.split_at(from).1
    }

    /// Whether `name` is registered at all, with or without a port.
    const fn registered(name: &str) -> bool {
        let mut p = 0;
        while p < 4 {
            if crate::port(name, Protocol::ALL[p]).is_some() {
                return true;
            }
            p += 1;
        }
        let mut i = 0;
        while i < PORTLESS.len() {
            if eq(PORTLESS[i], name) {
                return true;
            }
            i += 1;
        }
        false
    }

    /// Index of `name` in `SUGGEST`.
    const fn ported_index(name: &str) -> Option<usize> {
        let mut i = 0;
        while i < SUGGEST.len() {
            if eq(SUGGEST[i].0, name) {
                return Some(i);
            }
            i += 1;
        }
        None
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

    /// Appends `` `name/proto` (port) `` for `SUGGEST[i]`, or `` `name` (port) ``
    /// when `proto` is `None` and every protocol agrees.
    const fn entry(m: &mut Msg, i: usize, proto: Option<Protocol>) {
        let (name, _, ports) = SUGGEST[i];
        let (shown, port) = match proto {
            Some(p) => (Some(p), ports[p as usize]),
            None => {
                let mut first = 4;
                let mut agree = true;
                let mut p = 0;
                while p < 4 {
                    if ports[p] != NONE {
                        if first == 4 {
                            first = p;
                        } else if ports[p] != ports[first] {
                            agree = false;
                        }
                    }
                    p += 1;
                }
                (if agree { None } else { Some(Protocol::ALL[first]) }, ports[first])
            }
        };
        m.str("`");
        m.str(name);
        if let Some(p) = shown {
            m.str("/");
            m.str(p.as_str());
        }
        m.str("` (");
        m.num(port);
        m.str(")");
    }

    /// Appends every protocol `SUGGEST[i]` has a port on: `` `a/tcp` (1) or `a/udp` (2) ``.
    const fn registrations(m: &mut Msg, i: usize, last: &str) {
        let mut left = 0;
        let mut q = 0;
        while q < 4 {
            if SUGGEST[i].2[q] != NONE {
                left += 1;
            }
            q += 1;
        }
        let mut shown = 0;
        q = 0;
        while q < 4 {
            if SUGGEST[i].2[q] != NONE {
                if shown > 0 {
                    m.str(if shown + 1 == left { last } else { ", " });
                }
                entry(m, i, Some(Protocol::ALL[q]));
                shown += 1;
            }
            q += 1;
        }
    }

    /// Appends `; did you mean A, B or C?`, or `(no similar registered name)`.
    const fn offer(m: &mut Msg, picks: &[usize; 3], count: usize, proto: Option<Protocol>) {
        if count == 0 {
            m.str(" (no similar registered name)");
            return;
        }
        m.str("; did you mean ");
        let mut i = 0;
        while i < count {
            if i > 0 {
                m.str(if i + 1 == count { " or " } else { ", " });
            }
            entry(m, picks[i], proto);
            i += 1;
        }
        m.str("?");
    }

    /// Characters of `s` as a bit mask (a-z, 0-9, other); the generator's
    /// `char_mask`.
    const fn mask(s: &[u8]) -> u64 {
        let mut m = 0u64;
        let mut i = 0;
        while i < s.len() {
            let c = s[i].to_ascii_lowercase();
            m |= 1
                << match c {
                    b'a'..=b'z' => c - b'a',
                    b'0'..=b'9' => 26 + c - b'0',
                    _ => 36,
                };
            i += 1;
        }
        m
    }

    const ROW: usize = 24;

    /// Optimal-string-alignment distance, ASCII case-insensitive; both
    /// shorter than `ROW`. Stops early with `max + 1` once every cell of a
    /// row exceeds `max`.
    const fn distance(a: &[u8], b: &[u8], max: usize) -> usize {
        if b.len() >= ROW {
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

    const fn has_port(i: usize, proto: Option<Protocol>) -> bool {
        match proto {
            Some(p) => SUGGEST[i].2[p as usize] != NONE,
            None => true,
        }
    }

    /// Up to three registered names closest to `name` having a port on
    /// `proto` (any protocol if `None`): first a known misnomer's target
    /// (`dns` → `domain`), then by edit distance (at most 1 + len/4, at most
    /// 3), ties in registry order. Bounded: names failing a length or
    /// character-set bound are skipped after a few steps, so the whole scan
    /// stays far below rustc's const-evaluation step limit.
    const fn closest(name: &str, proto: Option<Protocol>) -> ([usize; 3], usize) {
        let mut picks = [0usize; 3];
        let mut dists = [0usize; 3];
        let mut count = 0;
        let mut h = 0;
        while h < HINTS.len() {
            if eq(HINTS[h].0, name) {
                if let Some(i) = ported_index(HINTS[h].1) {
                    if has_port(i, proto) {
                        picks[0] = i;
                        count = 1;
                    }
                }
            }
            h += 1;
        }
        let hinted = count;
        let a = name.as_bytes();
        if a.len() >= ROW {
            return (picks, count);
        }
        let max = if a.len() / 4 + 1 > 3 { 3 } else { a.len() / 4 + 1 };
        let am = mask(a);
        // Only names within `max` bytes of the input's length.
        let lo = if a.len() > max { a.len() - max } else { 0 };
        let hi = if a.len() + max + 1 < LEN_START.len() { a.len() + max + 1 } else { LEN_START.len() - 1 };
        let mut at_len = LEN_START[lo];
        while at_len < LEN_START[hi] {
            let i = SUGGEST_BY_LEN[at_len] as usize;
            at_len += 1;
            let (cand, cm, _) = SUGGEST[i];
            // One edit changes at most two characters of the set.
            if ((am ^ cm).count_ones() as usize) > 2 * max || !has_port(i, proto) || eq(cand, name) {
                continue;
            }
            let d = distance(a, cand.as_bytes(), max);
            if d > max || (hinted == 1 && picks[0] == i) {
                continue;
            }
            // After every pick closer, or as close and earlier in the registry.
            let mut at = hinted;
            while at < count && (dists[at] < d || (dists[at] == d && picks[at] < i)) {
                at += 1;
            }
            if at < 3 {
                let mut k = if count < 3 { count } else { 2 };
                while k > at {
                    picks[k] = picks[k - 1];
                    dists[k] = dists[k - 1];
                    k -= 1;
                }
                picks[at] = i;
                dists[at] = d;
                if count < 3 {
                    count += 1;
                }
            }
        }
        (picks, count)
    }

    /// `name` has no port on `proto` (or anywhere, if `None`).
    const fn not_found(spec: &str, name: &str, proto: Option<Protocol>) -> ! {
        let mut m = head(spec);
        if let (Some(p), Some(i)) = (proto, ported_index(name)) {
            // Registered, on other protocols: offer those.
            m.str("`");
            m.str(SUGGEST[i].0);
            m.str("` has no port on ");
            m.str(p.as_str());
            m.str(" in the IANA registry");
            m.str("; it is registered as ");
            registrations(&mut m, i, " and ");
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
        let (picks, count) = closest(name, proto);
        offer(&mut m, &picks, count, proto);
        m.fail()
    }

    const fn unknown_protocol(spec: &str, name: &str, text: &str) -> ! {
        let mut m = head(spec);
        m.str("unknown protocol `");
        m.str(text);
        m.str("` (expected tcp, udp, sctp or dccp)");
        match ported_index(name) {
            Some(i) => {
                m.str("; did you mean ");
                registrations(&mut m, i, " or ");
                m.str("?");
            }
            None => {
                let (picks, count) = closest(name, None);
                offer(&mut m, &picks, count, None);
            }
        }
        m.fail()
    }

    const fn ambiguous(spec: &str, name: &str) -> ! {
        let mut m = head(spec);
        let Some(i) = ported_index(name) else { m.fail() };
        m.str("`");
        m.str(SUGGEST[i].0);
        m.str("` has different ports per protocol: ");
        registrations(&mut m, i, " and ");
        m.str("; name the protocol");
        m.fail()
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
