//! The registry read independently of the generator, for tests: the shipped
//! XML's records rendered here as IANA's CSV writes them (roxmltree, not the
//! generator's reader), and IANA's CSVs read with the `csv` crate.
//! `tests/xml_agreement.rs` proves the rendering exact on the same-date CSV
//! and XML pairs kept in `tests/registry-history/`.

#![allow(dead_code)]

use iana_ports::Protocol;
use roxmltree::Node;

pub const XML: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/registry/service-names-port-numbers.xml");

/// A kept snapshot of `tests/registry-history/`: `(csv, xml)` paths.
pub fn kept_pair(date: &str) -> (String, String) {
    let dir = format!("{}/tests/registry-history/{date}", env!("CARGO_MANIFEST_DIR"));
    (format!("{dir}/service-names-port-numbers.csv"), format!("{dir}/service-names-port-numbers.xml"))
}

/// The same-date CSV and XML pairs kept in `tests/registry-history/`.
pub const KEPT_PAIRS: [&str; 2] = ["2026-02-13", "2026-04-24"];

/// One row in IANA's twelve CSV columns, fields as written.
#[derive(Debug, Clone)]
pub struct Row {
    pub fields: Vec<String>,
}

impl Row {
    pub fn name(&self) -> Option<&str> {
        Some(self.fields[0].as_str()).filter(|s| !s.is_empty())
    }
    pub fn ports(&self) -> Option<(u16, u16)> {
        let text = &self.fields[1];
        if text.is_empty() {
            return None;
        }
        let (a, b) = text.split_once('-').unwrap_or((text, text));
        Some((a.parse().unwrap(), b.parse().unwrap()))
    }
    pub fn protocol(&self) -> Option<Protocol> {
        Some(self.fields[2].as_str()).filter(|s| !s.is_empty()).map(|s| s.parse().unwrap())
    }
    pub fn field(&self, i: usize) -> Option<&str> {
        Some(self.fields[i].as_str()).filter(|s| !s.is_empty())
    }
    pub fn covers(&self, port: u16, proto: Protocol) -> bool {
        self.protocol().is_none_or(|p| p == proto) && self.ports().is_some_and(|(a, b)| a <= port && port <= b)
    }
}

/// The shipped snapshot's rows: its XML's records, in registry order.
pub fn rows() -> Vec<Row> {
    xml_rows(XML)
}

/// The rows of IANA's CSV at `path`, read with the `csv` crate.
pub fn csv_rows(path: &str) -> Vec<Row> {
    let mut reader = csv::Reader::from_path(path).expect("registry CSV");
    reader.records().map(|r| Row { fields: r.expect("CSV record").iter().map(str::to_owned).collect() }).collect()
}

/// The records of IANA's XML at `path`, each rendered as IANA's CSV writes
/// it: name, number, protocol and `<sc>` as written; description, note and
/// unauthorized as [`text`]; persons in `<assignee>` the Assignee (the
/// contacts when there is none), the record's own person `<xref>`s the
/// Contact, its other `<xref>`s the Reference; `date` and `updated` the dates.
pub fn xml_rows(path: &str) -> Vec<Row> {
    let text = std::fs::read_to_string(path).expect("registry XML");
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let records = doc.root_element().children().filter(|c| c.has_tag_name("record"));
    records.map(|record| Row { fields: record_fields(record).into() }).collect()
}

fn record_fields(record: Node) -> [String; 12] {
    let element = |name: &str| record.children().find(|c| c.has_tag_name(name));
    let plain = |name: &str| element(name).and_then(|n| n.text()).unwrap_or("").trim().to_owned();
    let prose = |name: &str| element(name).map(text).unwrap_or_default();
    let persons = |parent: Node| -> String {
        parent
            .children()
            .filter(|x| x.has_tag_name("xref") && x.attribute("type") == Some("person"))
            .map(|x| format!("[{}]", x.attribute("data").unwrap()))
            .collect()
    };
    let contact = persons(record);
    let assignee = element("assignee").map(persons).unwrap_or_else(|| contact.clone());
    let reference = record
        .children()
        .filter(|x| x.has_tag_name("xref") && x.attribute("type") != Some("person"))
        .map(xref)
        .collect();
    let attribute = |name: &str| record.attribute(name).unwrap_or("").to_owned();
    [
        plain("name"),
        plain("number"),
        plain("protocol"),
        prose("description"),
        assignee,
        contact,
        attribute("date"),
        attribute("updated"),
        reference,
        plain("sc"),
        prose("unauthorized"),
        prose("note"),
    ]
}

/// An `<xref>` as the CSV writes it: `[Id]` for a person, its text if it
/// has one, `[RFC6335]` for an RFC (`rfc6335`), else `[data]`.
fn xref(node: Node) -> String {
    let data = node.attribute("data").unwrap_or("");
    let body = text(node);
    if node.attribute("type") == Some("person") {
        format!("[{data}]")
    } else if !body.is_empty() {
        format!("[{body}]")
    } else if node.attribute("type") == Some("rfc") {
        format!("[{}]", data.to_uppercase())
    } else {
        format!("[{data}]")
    }
}

/// Mixed content as the CSV writes it: inline `<xref>`s as [`xref`],
/// `<br/>` dropped, a `<paragraph>` opened by eight spaces; a line that
/// ends in a space and a next line that starts with one are one line
/// (joined by one space); the ends trimmed.
fn text(node: Node) -> String {
    let mut raw = String::new();
    for child in node.children() {
        if child.is_text() {
            raw += child.text().unwrap();
        } else if child.has_tag_name("xref") {
            raw += &xref(child);
        } else if child.has_tag_name("paragraph") {
            raw += "        ";
            raw += &text_untrimmed(child);
        } else {
            assert!(child.has_tag_name("br"), "unexpected <{}>", child.tag_name().name());
        }
    }
    let mut out = String::new();
    for (i, line) in raw.split('\n').enumerate() {
        if i > 0 && out.ends_with(' ') && line.starts_with(' ') {
            out.truncate(out.trim_end_matches(' ').len());
            out.push(' ');
            out += line.trim_start_matches(' ');
        } else {
            if i > 0 {
                out.push('\n');
            }
            out += line;
        }
    }
    out.trim().to_owned()
}

/// A paragraph's content, before the note it is in is trimmed and joined.
fn text_untrimmed(node: Node) -> String {
    node.children().filter_map(|c| c.text()).collect()
}
