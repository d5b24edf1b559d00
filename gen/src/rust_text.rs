//! Writes the generated Rust source as plain text: doc attributes, items
//! and flat arrays.
//!
//! Text rather than tokens (`quote`, `proc-macro2`): every dependent of
//! `iana-ports` compiles the generator for its build script, unoptimised,
//! and a token library costs it two more crates to compile and slower
//! emission (token trees built and printed in a debug build).

use std::fmt::{self, Display, Write};

/// `static` (in the binary when read) or `const` (read only in const
/// evaluation, never in the binary).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Static,
    Const,
}

impl Kind {
    fn keyword(self) -> &'static str {
        match self {
            Kind::Static => "static",
            Kind::Const => "const",
        }
    }
}

/// Rust source being written.
#[derive(Debug, Default)]
pub(crate) struct RustText(String);

/// `text` as a Rust string literal (`str`'s `Debug` writes exactly that:
/// quotes, backslash escapes and `\u{..}` for what is not printable).
pub(crate) fn str_literal(text: &str) -> String {
    format!("{text:?}")
}

impl RustText {
    /// `#[doc = "…"]`: any text, escaped.
    pub(crate) fn doc(&mut self, doc: &str) -> &mut Self {
        self.line(format_args!("#[doc = {}]", str_literal(doc)))
    }

    /// One line of source, as written.
    pub(crate) fn line(&mut self, line: fmt::Arguments) -> &mut Self {
        // Writing to a String cannot fail.
        let _ = self.0.write_fmt(line);
        self.0.push('\n');
        self
    }

    /// `pub(crate) const NAME: ty = value;` with its doc.
    pub(crate) fn constant(&mut self, doc: &str, name: &str, ty: &str, value: impl Display) -> &mut Self {
        self.doc(doc).line(format_args!("pub(crate) const {name}: {ty} = {value};"))
    }

    /// `pub(crate) static|const NAME: [ty; N] = [v, v, …];`, twenty values
    /// a line.
    pub(crate) fn array<T: Display>(&mut self, doc: &str, kind: Kind, name: &str, ty: &str, values: &[T]) -> &mut Self {
        self.doc(doc).line(format_args!("pub(crate) {} {name}: [{ty}; {}] = [", kind.keyword(), values.len()));
        for chunk in values.chunks(20) {
            for value in chunk {
                let _ = write!(self.0, "{value},");
            }
            self.0.push('\n');
        }
        self.line(format_args!("];"))
    }

    /// A byte array written as a byte string (`*b"…"`): one literal for
    /// rustc to check, not one per byte.
    pub(crate) fn bytes(&mut self, doc: &str, kind: Kind, name: &str, values: &[u8]) -> &mut Self {
        let literal = byte_str_literal(values);
        self.doc(doc).line(format_args!("pub(crate) {} {name}: [u8; {}] = *{literal};", kind.keyword(), values.len()))
    }

    /// The source written.
    pub(crate) fn finish(self) -> String {
        self.0
    }
}

/// `bytes` as a byte string literal: printable ASCII as it is, the rest
/// as `\xNN`.
fn byte_str_literal(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 3);
    out.push_str("b\"");
    for &b in bytes {
        match b {
            b'"' | b'\\' => {
                out.push('\\');
                out.push(b as char);
            }
            b' '..=b'~' => out.push(b as char),
            _ => {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_read_back_as_written() {
        let text = "tab\there \"quoted\" back\\slash\nline é \u{7f} \u{301}";
        let parsed: syn::LitStr = syn::parse_str(&str_literal(text)).unwrap();
        assert_eq!(parsed.value(), text);
        let bytes: Vec<u8> = (0..=255).collect();
        let parsed: syn::LitByteStr = syn::parse_str(&byte_str_literal(&bytes)).unwrap();
        assert_eq!(parsed.value(), bytes);
    }

    #[test]
    fn items_parse() {
        let mut text = RustText::default();
        text.constant("A \"doc\".", "N", "usize", 3)
            .array("Numbers.", Kind::Static, "A", "u16", &(0..45u16).collect::<Vec<_>>())
            .array("None.", Kind::Const, "E", "u16", &[] as &[u16])
            .bytes("Bytes.", Kind::Const, "B", b"a\"\\\0\xff");
        let file = syn::parse_file(&text.finish()).unwrap();
        assert_eq!(file.items.len(), 4);
    }
}
