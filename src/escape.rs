//! The one rule for writing text the program did not write itself (a
//! query, a file's contents, a snapshot's free text) where a terminal may
//! read it: no control character reaches it raw.

use core::fmt;

/// Text shown with every control character escaped, so that it cannot
/// move the cursor, retitle the window or start an escape sequence on a
/// terminal:
/// - C0 controls and DEL as `\n`, `\t`, `\r` or `\xNN` (ESC is `\x1b`);
/// - C1 controls (U+0080–U+009F, such as CSI U+009B and OSC U+009D) as
///   `\u{NN}`;
/// - bytes that are not UTF-8 (from [`Escaped::bytes`]) as `\xNN`;
/// - [`quoted`](Escaped::quoted) text also escapes `\`, `"` and `` ` ``,
///   so that it reads back unambiguously between quotes.
///
/// Every other character, printable ASCII and the rest of Unicode, is kept.
/// The same rule writes [`SpecError`](crate::SpecError)'s messages.
///
/// ```
/// use iana_ports::Escaped;
/// assert_eq!(Escaped::new("a\x1b]0;title\x07b").to_string(), "a\\x1b]0;title\\x07b");
/// assert_eq!(Escaped::new("csi\u{9b}31m").to_string(), "csi\\u{9b}31m");
/// assert_eq!(Escaped::bytes(b"ok\xff").to_string(), "ok\\xff");
/// assert_eq!(Escaped::new("café \"x\"").to_string(), "café \"x\"");
/// assert_eq!(Escaped::new("\"x\"").quoted().to_string(), "\\\"x\\\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Escaped<'a> {
    bytes: &'a [u8],
    quoted: bool,
    /// Whether [`cut`](Escaped::cut) left bytes out (shown as `…`).
    cut: bool,
}

impl<'a> Escaped<'a> {
    /// `text`, escaped when shown.
    ///
    /// ```
    /// assert_eq!(iana_ports::Escaped::new("tab\there").to_string(), "tab\\there");
    /// ```
    pub const fn new(text: &'a str) -> Escaped<'a> {
        Escaped { bytes: text.as_bytes(), quoted: false, cut: false }
    }

    /// Bytes that may not be UTF-8: each byte outside a UTF-8 character is
    /// shown as `\xNN`.
    ///
    /// ```
    /// assert_eq!(iana_ports::Escaped::bytes(b"\xc3(\xe2\x82").to_string(), "\\xc3(\\xe2\\x82");
    /// ```
    pub const fn bytes(bytes: &'a [u8]) -> Escaped<'a> {
        Escaped { bytes, quoted: false, cut: false }
    }

    /// The same text, also escaping `\`, `"` and `` ` `` (for text shown
    /// between quotes).
    ///
    /// ```
    /// assert_eq!(iana_ports::Escaped::new(r"a\b`c").quoted().to_string(), r"a\\b\`c");
    /// ```
    pub const fn quoted(self) -> Escaped<'a> {
        Escaped { quoted: true, ..self }
    }

    /// At most the first `max_bytes` bytes, cut back to a character
    /// boundary, then `…` when something was left out: a long input is
    /// echoed as [`SpecError`](crate::SpecError) keeps it
    /// ([`SpecError::INPUT_BYTES`](crate::SpecError::INPUT_BYTES)).
    ///
    /// ```
    /// use iana_ports::Escaped;
    /// assert_eq!(Escaped::new("abcdé").cut(5).to_string(), "abcd…");
    /// assert_eq!(Escaped::new("abc").cut(5).to_string(), "abc");
    /// ```
    pub const fn cut(self, max_bytes: usize) -> Escaped<'a> {
        let b = self.bytes;
        if b.len() <= max_bytes {
            return self;
        }
        let mut len = max_bytes;
        // Back to the start of a character (at most 3 steps in UTF-8).
        let mut back = 0;
        while len > 0 && back < 3 && (b[len] & 0xC0) == 0x80 {
            len -= 1;
            back += 1;
        }
        if (b[len] & 0xC0) == 0x80 {
            len = max_bytes; // not UTF-8 there: cut at the byte
        }
        Escaped { bytes: b.split_at(len).0, cut: true, ..self }
    }

    /// The next run of bytes shown as they are, from `from`, and the escape
    /// that ends it (see [`Piece`]).
    pub(crate) const fn piece(&self, from: usize) -> Piece {
        let b = self.bytes;
        let mut i = from;
        while i < b.len() {
            let len = char_len(b, i);
            if len == 0 {
                return Piece::escape(i, 1, hex(b'x', b[i]));
            }
            let c = b[i];
            if len == 1 {
                let shown: Option<[u8; 8]> = match c {
                    b'\n' => Some(short(b'n')),
                    b'\t' => Some(short(b't')),
                    b'\r' => Some(short(b'r')),
                    b'\\' | b'"' | b'`' if self.quoted => Some(short(c)),
                    0..0x20 | 0x7F => Some(hex(b'x', c)),
                    _ => None,
                };
                if let Some(escape) = shown {
                    return Piece::escape(i, 1, escape);
                }
            } else if len == 2 && c == 0xC2 && b[i + 1] < 0xA0 {
                // U+0080..=U+009F: the C1 controls.
                return Piece::escape(i, 2, hex(b'u', b[i + 1]));
            }
            i += len;
        }
        Piece { plain_end: b.len(), escape: [0; 8], next: b.len() }
    }

    /// The bytes from `from` to `to`, which [`piece`](Self::piece) found to
    /// be whole UTF-8 characters.
    pub(crate) const fn plain(&self, from: usize, to: usize) -> &'a str {
        match core::str::from_utf8(self.bytes.split_at(to).0.split_at(from).1) {
            Ok(s) => s,
            Err(_) => "", // unreachable: `piece` escapes every byte outside a character
        }
    }

    /// Whether `at` is past the end.
    pub(crate) const fn done(&self, at: usize) -> bool {
        at >= self.bytes.len()
    }
}

/// A run of text shown as it is (`from..plain_end`), then an escape (empty
/// at the end of the text), and where the next run starts.
pub(crate) struct Piece {
    pub(crate) plain_end: usize,
    /// The escape's text, padded with NULs.
    escape: [u8; 8],
    pub(crate) next: usize,
}

impl Piece {
    const fn escape(at: usize, len: usize, escape: [u8; 8]) -> Piece {
        Piece { plain_end: at, escape, next: at + len }
    }

    /// The escape's text (ASCII).
    pub(crate) const fn escape_text(&self) -> &str {
        let mut len = 0;
        while len < self.escape.len() && self.escape[len] != 0 {
            len += 1;
        }
        match core::str::from_utf8(self.escape.split_at(len).0) {
            Ok(s) => s,
            Err(_) => "",
        }
    }
}

/// `\c`.
const fn short(c: u8) -> [u8; 8] {
    [b'\\', c, 0, 0, 0, 0, 0, 0]
}

/// `\xNN` (`kind` b'x') or `\u{NN}` (`kind` b'u').
const fn hex(kind: u8, byte: u8) -> [u8; 8] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let (hi, lo) = (HEX[(byte >> 4) as usize], HEX[(byte & 15) as usize]);
    match kind {
        b'u' => [b'\\', b'u', b'{', hi, lo, b'}', 0, 0],
        _ => [b'\\', b'x', hi, lo, 0, 0, 0, 0],
    }
}

/// The length of the UTF-8 character at `b[i]`, or 0 when the bytes there
/// are not one (a stray continuation byte, an overlong form, a surrogate,
/// a cut sequence).
const fn char_len(b: &[u8], i: usize) -> usize {
    let lead = b[i];
    let (len, low, high) = match lead {
        0x00..=0x7F => return 1,
        0xC2..=0xDF => (2, 0x80, 0xBF),
        0xE0 => (3, 0xA0, 0xBF),
        0xED => (3, 0x80, 0x9F),
        0xE1..=0xEF => (3, 0x80, 0xBF),
        0xF0 => (4, 0x90, 0xBF),
        0xF4 => (4, 0x80, 0x8F),
        0xF1..=0xF3 => (4, 0x80, 0xBF),
        _ => return 0,
    };
    if i + len > b.len() || b[i + 1] < low || b[i + 1] > high {
        return 0;
    }
    let mut k = 2;
    while k < len {
        if b[i + k] & 0xC0 != 0x80 {
            return 0;
        }
        k += 1;
    }
    len
}

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut at = 0;
        while !self.done(at) {
            let piece = self.piece(at);
            f.write_str(self.plain(at, piece.plain_end))?;
            f.write_str(piece.escape_text())?;
            at = piece.next;
        }
        if self.cut {
            f.write_str("…")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    #[test]
    fn every_control_is_escaped_and_nothing_else() {
        for c in (0u32..0x250).filter_map(char::from_u32) {
            let text = c.to_string();
            let shown = Escaped::new(&text).to_string();
            let control = c.is_control();
            assert_eq!(shown != text, control, "{c:?} shown as {shown:?}");
            assert!(!shown.chars().any(char::is_control), "{c:?} shown as {shown:?}");
        }
        assert_eq!(Escaped::new("\u{80}\u{9f}\u{a0}").to_string(), "\\u{80}\\u{9f}\u{a0}");
    }

    #[test]
    fn invalid_utf8_bytes_are_escaped_one_by_one() {
        let cases: [(&[u8], &str); 6] = [
            (b"\x80", "\\x80"),
            (b"\xc0\xaf", "\\xc0\\xaf"),                   // overlong '/'
            (b"\xed\xa0\x80", "\\xed\\xa0\\x80"),          // a surrogate
            (b"\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80"), // above U+10FFFF
            (b"\xe2\x82", "\\xe2\\x82"),                   // cut
            (b"\xe2\x82\xac\xc2\x9b", "€\\u{9b}"),
        ];
        for (bytes, shown) in cases {
            assert_eq!(Escaped::bytes(bytes).to_string(), shown, "{bytes:x?}");
        }
    }
}
