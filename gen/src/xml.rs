//! A small, strict XML reader for IANA's registry file: elements,
//! attributes, text (entities and character references resolved, CDATA
//! kept), comments and processing instructions skipped, a DOCTYPE refused. Its tree reads like `roxmltree`'s (the subset
//! the generator uses), which the tests hold it to on the shipped file.
//!
//! Written here rather than taken from a crate because every dependent of
//! `iana-ports` compiles the generator, unoptimised, for the build script,
//! and runs it there on a 3.9 MB file: this reader compiles in a fraction
//! of the time and, in a debug build, reads the file several times faster.

use std::fmt;
use std::ops::Range;

/// Where a document is malformed: its line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// 1-based line.
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {}", self.message, self.line)
    }
}

#[derive(Debug)]
enum Kind<'input> {
    Element { name: &'input str, attributes: Vec<(&'input str, String)> },
    Text(String),
}

#[derive(Debug)]
struct NodeData<'input> {
    kind: Kind<'input>,
    /// Byte range in the text: from `<` of the start tag (or the text's
    /// first byte) to past the end tag (or the text's last byte).
    range: Range<usize>,
    first_child: Option<usize>,
    next_sibling: Option<usize>,
}

/// A parsed document.
#[derive(Debug)]
pub struct Document<'input> {
    nodes: Vec<NodeData<'input>>,
}

/// One element or text node of a [`Document`].
#[derive(Debug, Clone, Copy)]
pub struct Node<'a, 'input> {
    doc: &'a Document<'input>,
    id: usize,
}

/// An element's name, without its namespace prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagName<'a>(&'a str);

impl<'a> TagName<'a> {
    /// The local name (`title` of `<title>` or of `<x:title>`).
    pub fn name(self) -> &'a str {
        self.0
    }
}

impl<'input> Document<'input> {
    /// Parses `text` (the whole file); the first fault is an [`Error`].
    pub fn parse(text: &'input str) -> Result<Document<'input>, Error> {
        Parser { text, at: 0, nodes: Vec::new() }.document()
    }

    /// The root element.
    pub fn root_element<'a>(&'a self) -> Node<'a, 'input> {
        Node { doc: self, id: 0 }
    }
}

impl<'a, 'input> Node<'a, 'input> {
    fn data(&self) -> &'a NodeData<'input> {
        &self.doc.nodes[self.id]
    }

    /// Whether this is an element (not text).
    pub fn is_element(&self) -> bool {
        matches!(self.data().kind, Kind::Element { .. })
    }

    /// Whether this is text.
    pub fn is_text(&self) -> bool {
        matches!(self.data().kind, Kind::Text(_))
    }

    /// The element's name; empty for text.
    pub fn tag_name(&self) -> TagName<'a> {
        match &self.data().kind {
            Kind::Element { name, .. } => TagName(name),
            Kind::Text(_) => TagName(""),
        }
    }

    /// The value of attribute `name` (entities resolved).
    pub fn attribute(&self, name: &str) -> Option<&'a str> {
        match &self.data().kind {
            Kind::Element { attributes, .. } => attributes.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str()),
            Kind::Text(_) => None,
        }
    }

    /// A text node's text; an element's first child's, when that is text.
    pub fn text(&self) -> Option<&'a str> {
        match &self.data().kind {
            Kind::Text(text) => Some(text),
            Kind::Element { .. } => self.first_child().and_then(|c| match &c.data().kind {
                Kind::Text(text) => Some(text.as_str()),
                Kind::Element { .. } => None,
            }),
        }
    }

    /// Byte range of the node in the text (an element's from its `<`).
    pub fn range(&self) -> Range<usize> {
        self.data().range.clone()
    }

    /// The first child.
    pub fn first_child(&self) -> Option<Node<'a, 'input>> {
        self.data().first_child.map(|id| Node { doc: self.doc, id })
    }

    /// The next sibling.
    pub fn next_sibling(&self) -> Option<Node<'a, 'input>> {
        self.data().next_sibling.map(|id| Node { doc: self.doc, id })
    }

    /// The children, in document order.
    pub fn children(&self) -> impl Iterator<Item = Node<'a, 'input>> + use<'a, 'input> {
        std::iter::successors(self.first_child(), Node::next_sibling)
    }
}

/// How deep elements may nest. IANA's file nests five deep (`registry`,
/// `record`, `note`, `paragraph`, `xref`); the reader recurses once per
/// level, so a bound keeps a hostile file from overflowing the stack.
pub const MAX_DEPTH: usize = 256;

/// How many attributes one element may have. IANA's have at most three; the
/// bound keeps the duplicate check (linear per attribute) linear overall.
pub const MAX_ATTRIBUTES: usize = 64;

/// Whether the byte at `at` ends a line: `\n`, or a `\r` not followed by
/// `\n` (XML reads a lone CR as a line end, and so do editors).
pub fn is_line_end(bytes: &[u8], at: usize) -> bool {
    match bytes[at] {
        b'\n' => true,
        b'\r' => bytes.get(at + 1) != Some(&b'\n'),
        _ => false,
    }
}

/// The 1-based line of byte `at` of `bytes`.
pub fn line_of_byte(bytes: &[u8], at: usize) -> u64 {
    let at = at.min(bytes.len());
    1 + (0..at).filter(|&i| is_line_end(bytes, i)).count() as u64
}

/// Whether `c` may appear in an XML 1.0 document (its `Char` production).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

struct Parser<'input> {
    text: &'input str,
    at: usize,
    nodes: Vec<NodeData<'input>>,
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b':' || b >= 0x80
}

fn is_name_byte(b: u8) -> bool {
    is_name_start(b) || b.is_ascii_digit() || b == b'-' || b == b'.'
}

impl<'input> Parser<'input> {
    fn line_at(&self, at: usize) -> u64 {
        line_of_byte(self.bytes(), at)
    }

    fn error<T>(&self, at: usize, message: impl Into<String>) -> Result<T, Error> {
        Err(Error { line: self.line_at(at), message: message.into() })
    }

    fn bytes(&self) -> &'input [u8] {
        self.text.as_bytes()
    }

    fn starts_with(&self, s: &str) -> bool {
        self.bytes()[self.at..].starts_with(s.as_bytes())
    }

    fn skip_space(&mut self) {
        while self.at < self.text.len() && self.bytes()[self.at].is_ascii_whitespace() {
            self.at += 1;
        }
    }

    /// Moves past the next `end`, or fails naming `what` was left open.
    fn skip_past(&mut self, end: &str, what: &str) -> Result<Range<usize>, Error> {
        let start = self.at;
        match self.text[start..].find(end) {
            Some(i) => {
                self.at = start + i + end.len();
                Ok(start..start + i)
            }
            None => self.error(start, format!("{what} is never closed")),
        }
    }

    /// Skips white space, comments and processing instructions; `prolog`:
    /// before the root, where a DOCTYPE is refused.
    fn misc(&mut self, prolog: bool) -> Result<(), Error> {
        loop {
            self.skip_space();
            if self.skip_comment_or_pi()? {
                continue;
            } else if prolog && self.starts_with("<!DOCTYPE") {
                // As roxmltree (by default): IANA's file has none, and a
                // DTD could define entities this reader does not know.
                return self.error(
                    self.at,
                    "XML with DTD detected (refused: a DTD can define entities that expand without bound)",
                );
            } else {
                return Ok(());
            }
        }
    }

    /// Skips one comment or processing instruction, if one starts here.
    fn skip_comment_or_pi(&mut self) -> Result<bool, Error> {
        if self.starts_with("<!--") {
            let start = self.at;
            self.at += 4;
            let body = self.skip_past("-->", "a comment")?;
            let body = &self.text[body];
            if body.contains("--") || body.ends_with('-') {
                return self.error(start, "`--` inside a comment (XML allows it only in the closing `-->`)");
            }
            Ok(true)
        } else if self.starts_with("<?") {
            self.at += 2;
            self.skip_past("?>", "a processing instruction")?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn document(mut self) -> Result<Document<'input>, Error> {
        if self.starts_with("\u{feff}") {
            self.at += 3;
        }
        // Control characters other than tab and line ends are not XML, in
        // the text or as references (`decode` checks those).
        // A plain loop over bytes: an iterator or a per-`char` scan costs a
        // sixth to a third of the read in the unoptimised build script.
        // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
        let bytes = self.bytes();
        let mut at = 0;
        while at < bytes.len() {
            let b = bytes[at];
            let control = b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r';
            if control || (b == 0xef && matches!(bytes[at + 1..], [0xbf, 0xbe | 0xbf, ..])) {
                let c = self.text[at..].chars().next().unwrap_or_default();
                return self.error(at, format!("character U+{:04X} is not allowed in XML", u32::from(c)));
            }
            at += 1;
        }
        self.misc(true)?;
        if !self.starts_with("<") || self.starts_with("</") {
            return self.error(self.at, "expected the root element");
        }
        self.element(1)?;
        self.misc(false)?;
        if self.at < self.text.len() {
            return self.error(self.at, "unexpected content after the root element");
        }
        Ok(Document { nodes: self.nodes })
    }

    fn name(&mut self) -> Result<&'input str, Error> {
        let start = self.at;
        if start >= self.text.len() || !is_name_start(self.bytes()[start]) {
            return self.error(start, "expected a name");
        }
        while self.at < self.text.len() && is_name_byte(self.bytes()[self.at]) {
            self.at += 1;
        }
        Ok(&self.text[start..self.at])
    }

    /// The text of `range`, entities resolved.
    fn decode(&self, range: Range<usize>) -> Result<String, Error> {
        let raw = &self.text[range.clone()];
        if !raw.contains('&') {
            return Ok(raw.to_owned());
        }
        let mut out = String::with_capacity(raw.len());
        let mut rest = raw;
        while let Some(amp) = rest.find('&') {
            out.push_str(&rest[..amp]);
            let at = range.start + (raw.len() - rest.len()) + amp;
            // An entity is a name or `#` and digits, then `;`: look no further.
            let name_len = rest[amp + 1..].bytes().take_while(|&b| b.is_ascii_alphanumeric() || b == b'#').count();
            let semi = 1 + name_len;
            if rest.as_bytes().get(amp + semi) != Some(&b';') {
                return self.error(at, "`&` that starts no entity (write `&amp;` for `&`)");
            }
            let entity = &rest[amp + 1..amp + semi];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let number = match entity.strip_prefix("#x") {
                        Some(hex) if hex.bytes().all(|b| b.is_ascii_hexdigit()) => u32::from_str_radix(hex, 16).ok(),
                        Some(_) => None,
                        None => entity
                            .strip_prefix('#')
                            .filter(|dec| dec.bytes().all(|b| b.is_ascii_digit()))
                            .and_then(|dec| dec.parse().ok()),
                    };
                    number.and_then(char::from_u32).filter(|&c| is_xml_char(c))
                }
            };
            match c {
                Some(c) => out.push(c),
                None if entity.len() > 32 => return self.error(at, format!("unknown entity `&{:.32}...;`", entity)),
                None => return self.error(at, format!("unknown entity `&{entity};`")),
            }
            rest = &rest[amp + semi + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn push(&mut self, kind: Kind<'input>, range: Range<usize>, parent_last: &mut Option<usize>, parent: usize) {
        let id = self.nodes.len();
        self.nodes.push(NodeData { kind, range, first_child: None, next_sibling: None });
        match *parent_last {
            Some(prev) => self.nodes[prev].next_sibling = Some(id),
            None if id != parent => self.nodes[parent].first_child = Some(id),
            None => {}
        }
        *parent_last = Some(id);
    }

    /// One element, at its `<`, with everything inside it; `depth` counts
    /// it and its ancestors.
    fn element(&mut self, depth: usize) -> Result<(), Error> {
        let start = self.at;
        if depth > MAX_DEPTH {
            return self.error(start, format!("elements nested more than {MAX_DEPTH} deep"));
        }
        self.at += 1;
        let qname = self.name()?;
        let name = qname.rsplit(':').next().unwrap_or(qname);
        let mut attributes = Vec::new();
        let empty = loop {
            let before = self.at;
            self.skip_space();
            if self.starts_with("/>") {
                self.at += 2;
                break true;
            }
            if self.starts_with(">") {
                self.at += 1;
                break false;
            }
            if self.at == before {
                return self.error(self.at, format!("expected an attribute or the end of <{qname}>"));
            }
            let attribute = self.name()?;
            self.skip_space();
            if !self.starts_with("=") {
                return self.error(self.at, format!("expected `=` after attribute {attribute}"));
            }
            self.at += 1;
            self.skip_space();
            let quote = match self.bytes().get(self.at) {
                Some(&q @ (b'"' | b'\'')) => q as char,
                _ => return self.error(self.at, format!("expected a quoted value of attribute {attribute}")),
            };
            self.at += 1;
            let value = self.skip_past(&quote.to_string(), "an attribute value")?;
            if self.text[value.clone()].contains('<') {
                return self.error(value.start, "`<` in an attribute value");
            }
            if attributes.len() == MAX_ATTRIBUTES {
                return self.error(value.start, format!("more than {MAX_ATTRIBUTES} attributes in <{qname}>"));
            }
            if attributes.iter().any(|(n, _)| *n == attribute) {
                return self.error(value.start, format!("attribute {attribute} given twice"));
            }
            attributes.push((attribute, self.decode(value)?));
        };
        let id = self.nodes.len();
        let mut last = None;
        self.push(Kind::Element { name, attributes }, start..self.at, &mut last, id);
        let mut last_child = None;
        if !empty {
            // Text gathered since the last child element (CDATA included).
            let mut text = String::new();
            let mut text_start = self.at;
            loop {
                let Some(lt) = self.text[self.at..].find('<') else {
                    return self.error(start, format!("<{qname}> is never closed"));
                };
                text.push_str(&self.decode(self.at..self.at + lt)?);
                self.at += lt;
                if self.starts_with("<![CDATA[") {
                    self.at += 9;
                    let cdata = self.skip_past("]]>", "a CDATA section")?;
                    text.push_str(&self.text[cdata]);
                    continue;
                }
                // Anything else ends the text (a comment too, as in roxmltree).
                if !text.is_empty() {
                    let range = text_start..self.at;
                    self.push(Kind::Text(std::mem::take(&mut text)), range, &mut last_child, id);
                }
                // Only the comment: text after it is text (white space too).
                if self.skip_comment_or_pi()? {
                    text_start = self.at;
                    continue;
                }
                if self.starts_with("</") {
                    let close = self.at;
                    self.at += 2;
                    let end = self.name()?;
                    self.skip_space();
                    if end != qname || !self.starts_with(">") {
                        let opened = self.line_at(start);
                        return self
                            .error(close, format!("expected </{qname}> (opened at line {opened}), found </{end}"));
                    }
                    self.at += 1;
                    break;
                }
                let child = self.nodes.len();
                self.element(depth + 1)?;
                match last_child {
                    Some(prev) => self.nodes[prev].next_sibling = Some(child),
                    None => self.nodes[id].first_child = Some(child),
                }
                last_child = Some(child);
                text_start = self.at;
            }
        }
        self.nodes[id].range.end = self.at;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree, a line a node: depth, element name, some attributes and
    /// where it starts, or text.
    fn outline(text: &str) -> Vec<String> {
        let doc = Document::parse(text).unwrap();
        let mut out = Vec::new();
        fn walk(node: Node, depth: usize, out: &mut Vec<String>) {
            if node.is_element() {
                // Every attribute but namespace declarations, and the default one.
                let Kind::Element { attributes, .. } = &node.data().kind else { unreachable!() };
                let mut attributes: Vec<String> = attributes
                    .iter()
                    .filter(|(n, _)| !n.starts_with("xmlns"))
                    .map(|(n, v)| format!("{n}={v}"))
                    .chain(node.attribute("xmlns").map(|v| format!("xmlns={v}")))
                    .collect();
                attributes.sort();
                out.push(format!("{depth} <{}> {attributes:?} @{:?}", node.tag_name().name(), node.range()));
                for child in node.children() {
                    walk(child, depth + 1, out);
                }
            } else {
                out.push(format!("{depth} {:?}", node.text().unwrap()));
            }
        }
        walk(doc.root_element(), 0, &mut out);
        out
    }

    fn oracle(text: &str) -> Vec<String> {
        let doc = roxmltree::Document::parse(text).unwrap();
        let mut out = Vec::new();
        fn walk(node: roxmltree::Node, depth: usize, out: &mut Vec<String>) {
            if node.is_element() {
                let mut attributes: Vec<String> =
                    node.attributes().map(|a| format!("{}={}", a.name(), a.value())).collect();
                if let Some(ns) = node.tag_name().namespace().filter(|_| node.parent().is_some_and(|p| !p.is_element()))
                {
                    attributes.push(format!("xmlns={ns}"));
                }
                attributes.sort();
                out.push(format!("{depth} <{}> {attributes:?} @{:?}", node.tag_name().name(), node.range()));
                for child in node.children().filter(|c| c.is_element() || c.is_text()) {
                    walk(child, depth + 1, out);
                }
            } else {
                out.push(format!("{depth} {:?}", node.text().unwrap()));
            }
        }
        walk(doc.root_element(), 0, &mut out);
        out
    }

    #[test]
    fn reads_every_real_xml_as_roxmltree_does() {
        // The shipped snapshot and both of tests/registry-history/.
        for dir in ["registry", "tests/registry-history/2026-02-13", "tests/registry-history/2026-04-24"] {
            let path = format!("{}/../{dir}/service-names-port-numbers.xml", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap();
            let (ours, theirs) = (outline(&text), oracle(&text));
            assert!(ours.len() > 100_000, "{dir}: {}", ours.len());
            for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
                assert_eq!(a, b, "{dir}: node {i}");
            }
            assert_eq!(ours.len(), theirs.len(), "{dir}");
        }
    }

    #[test]
    fn reads_entities_cdata_comments_and_empty_elements() {
        let text = "<?xml version='1.0'?>\n<!-- c -->\n<r xmlns=\"u\" xmlns:p=\"v\" a='1 &amp; 2'>x &lt;&#65;\
                    &#x42;<![CDATA[<y>]]><!-- in -->z<e/><p:f q=\"&quot;\">t</p:f>\n</r>\n<?pi?>";
        assert_eq!(outline(text), oracle(text));
        let doc = Document::parse(text).unwrap();
        let root = doc.root_element();
        assert_eq!(root.attribute("a"), Some("1 & 2"));
        assert_eq!(root.text(), Some("x <AB<y>"));
        let f = root.children().find(|c| c.tag_name().name() == "f").unwrap();
        assert_eq!((f.attribute("q"), f.text()), (Some("\""), Some("t")));
    }

    #[test]
    fn text_after_a_comment_keeps_its_white_space_as_roxmltree_does() {
        // The comment used to swallow the white space after it (`a b` read `ab`).
        let text = "<r>a<!-- c -->  b<?p?>\n c<e/><!-- d -->\n</r>";
        assert_eq!(outline(text), oracle(text));
        assert_eq!(outline(text)[2], "1 \"  b\"");
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        // 100,000 levels overflowed the stack (the reader recurses per level).
        let deep = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
        let err = Document::parse(&deep).unwrap_err();
        assert_eq!((err.line, err.message.as_str()), (1, "elements nested more than 256 deep"));
        // The limit itself reads, on a test thread's small stack, in debug.
        let at_limit = format!("{}{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
        assert_eq!(outline(&at_limit).len(), MAX_DEPTH);
    }

    #[test]
    fn attribute_count_is_bounded() {
        // The duplicate check is linear per attribute: 40,000 attributes on
        // one element took seconds (quadratic). Now refused at the 65th.
        let many: String = (0..100_000).map(|i| format!(" a{i}='x'")).collect();
        let err = Document::parse(&format!("<r{many}/>")).unwrap_err();
        assert_eq!(err.message, "more than 64 attributes in <r>");
        let most: String = (0..MAX_ATTRIBUTES).map(|i| format!(" a{i}='x'")).collect();
        assert!(Document::parse(&format!("<r{most}/>")).is_ok());
    }

    #[test]
    fn character_references_must_name_xml_characters_in_plain_digits() {
        for refused in
            ["&#0;", "&#x0;", "&#x+41;", "&#+65;", "&#-1;", "&#xFFFE;", "&#xD800;", "&#x110000;", "&#x;", "&#;"]
        {
            let err = Document::parse(&format!("<r>{refused}</r>")).unwrap_err();
            assert!(err.message.contains("entity"), "{refused}: {err}");
        }
        let doc = Document::parse("<r>&#9;&#x10FFFF;&#0065;</r>").unwrap();
        assert_eq!(doc.root_element().text(), Some("\t\u{10FFFF}A"));
    }

    #[test]
    fn an_unterminated_entity_is_refused_at_its_own_line_in_one_line() {
        // It used to run to the next `;` however far, quoting everything
        // between (line breaks too) in the message.
        let text = format!("<r>\nAT&T{}\n;</r>", "x".repeat(100_000));
        let err = Document::parse(&text).unwrap_err();
        assert_eq!((err.line, err.message.as_str()), (2, "`&` that starts no entity (write `&amp;` for `&`)"));
        let err = Document::parse(&format!("<r>&{};</r>", "a".repeat(1000))).unwrap_err();
        assert!(err.message.len() < 80, "{err}");
    }

    #[test]
    fn lone_cr_ends_a_line() {
        for (text, line) in [("<r>\r\r</s>", 3), ("<r>\r\n\r\n</s>", 3), ("<r>\n\r</s>", 3), ("<r>\r\n\r</s>", 3)] {
            assert_eq!(Document::parse(text).unwrap_err().line, line, "{text:?}");
        }
    }

    #[test]
    fn control_characters_and_dashes_in_comments_are_refused() {
        for (text, what) in [
            ("<r>\n\0</r>", "character U+0000 is not allowed in XML"),
            ("<r a='\u{1b}'/>", "character U+001B is not allowed in XML"),
            ("<r>\n<!-- a -- b --></r>", "`--` inside a comment"),
            ("<r>\n<!-- a ---></r>", "`--` inside a comment"),
        ] {
            let err = Document::parse(text).unwrap_err();
            assert!(err.message.starts_with(what), "{text:?}: {err}");
            assert_eq!(err.line, 1 + text.matches('\n').count() as u64, "{text:?}");
        }
    }

    #[test]
    fn refuses_malformed_documents_at_their_line() {
        for (text, line, what) in [
            ("<r>\n<t>x</titel>\n</r>", 2, "expected </t> (opened at line 2), found </titel"),
            ("<r>\n<t>x", 2, "<t> is never closed"),
            ("<r a='1\n>", 1, "never closed"),
            ("<r>&nope;</r>", 1, "unknown entity `&nope;`"),
            ("<r>a & b</r>", 1, "`&` that starts no entity"),
            ("<r/>\n<s/>", 2, "after the root element"),
            ("\n\ntext", 3, "expected the root element"),
            ("<r a='1' a='2'/>", 1, "given twice"),
            ("<r\na/>", 2, "expected `=`"),
            ("", 1, "expected the root element"),
            ("<?xml version='1.0'?>\n<!DOCTYPE r>\n<r/>", 2, "XML with DTD detected"),
        ] {
            let err = Document::parse(text).unwrap_err();
            assert_eq!(err.line, line, "{text:?}: {err}");
            assert!(err.message.contains(what), "{text:?}: {err}");
        }
    }
}
