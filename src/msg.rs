//! Messages assembled in const evaluation: the compile errors of `port!`,
//! `ports!` and `assert_unassigned!`, and [`SpecError`](crate::SpecError)'s
//! text. A module of its own, used by the macros' machinery and by the
//! spec parser alike (neither depends on the other for it).

use crate::Protocol;
use crate::suggest::{Suggestion, Suggestions, first_row};

/// A message assembled during const evaluation; truncated at capacity.
pub(crate) struct Msg {
    buf: [u8; 1024],
    len: usize,
}

impl Msg {
    /// An empty message.
    pub(crate) const fn new() -> Msg {
        Msg { buf: [0; 1024], len: 0 }
    }

    /// Appends `s`.
    pub(crate) const fn str(&mut self, s: &str) {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() && self.len < self.buf.len() {
            self.buf[self.len] = b[i];
            self.len += 1;
            i += 1;
        }
    }

    /// Appends `n` in decimal.
    pub(crate) const fn num(&mut self, mut n: u32) {
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
    pub(crate) const fn as_str(&self) -> &str {
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
    pub(crate) const fn fail(&self) -> ! {
        panic!("{}", self.as_str())
    }
}

impl Default for Msg {
    fn default() -> Msg {
        Msg::new()
    }
}

/// The first row of `name` if it has a port on some protocol.
pub(crate) const fn ported_row(name: &str) -> Option<u16> {
    let mut p = 0;
    while p < 4 {
        if crate::port(name, Protocol::ALL[p]).is_some() {
            return first_row(name);
        }
        p += 1;
    }
    None
}

/// Appends `` `name/proto` (port) ``, or `` `name` (port) `` when the
/// suggestion names no protocol.
pub(crate) const fn entry(m: &mut Msg, s: Suggestion) {
    m.str("`");
    m.str(s.name());
    if let Some(p) = s.protocol() {
        m.str("/");
        m.str(p.as_str());
    }
    m.str("` (");
    m.num(s.port() as u32);
    m.str(")");
}

/// Appends every protocol the name of `row` has a port on:
/// `` `a/tcp` (1) or `a/udp` (2) ``.
pub(crate) const fn registrations(m: &mut Msg, row: u16, last: &str) {
    let name = Suggestion::of(row, None).name();
    let mut left = 0;
    let mut q = 0;
    while q < 4 {
        if crate::port(name, Protocol::ALL[q]).is_some() {
            left += 1;
        }
        q += 1;
    }
    let mut shown = 0;
    q = 0;
    while q < 4 {
        if crate::port(name, Protocol::ALL[q]).is_some() {
            if shown > 0 {
                m.str(if shown + 1 == left { last } else { ", " });
            }
            entry(m, Suggestion::of(row, Some(Protocol::ALL[q])));
            shown += 1;
        }
        q += 1;
    }
}

/// Appends `` `a` (1), `b` (2) or `c` (3) ``, `last` before the last.
const fn list(m: &mut Msg, picks: &Suggestions, last: &str) {
    let count = picks.len();
    let mut i = 0;
    while i < count {
        if i > 0 {
            m.str(if i + 1 == count { last } else { ", " });
        }
        if let Some(s) = picks.get(i) {
            entry(m, s);
        }
        i += 1;
    }
}

/// Appends `; did you mean A, B or C?`, or `(no similar registered name)`.
pub(crate) const fn offer(m: &mut Msg, picks: &Suggestions) {
    let count = picks.len();
    if count == 0 {
        m.str(" (no similar registered name)");
        return;
    }
    m.str("; did you mean ");
    list(m, picks, " or ");
    m.str("?");
}
