//! The CSV and the XML of the snapshot agree record for record, and the
//! crate's people table is the XML's.
//!
//! The XML writes some columns differently: contacts as `<xref
//! type="person">` (inside `<assignee>` for the assignee; a record without
//! one has its contact as assignee in the CSV), references as `<xref>`
//! elements (`rfc6335` → `[RFC6335]`; uri/text references by their text),
//! dates as attributes, and text with indentation the CSV trims. Text is
//! compared with white space collapsed and, for references, ASCII case
//! folded; every other difference fails.
#![cfg(feature = "full")]

mod common;

use roxmltree::{Document, Node};

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Mixed content with inline `<xref>`s rendered as the CSV does: `[data]`.
fn render(node: Option<Node>) -> String {
    let Some(node) = node else { return String::new() };
    let mut out = String::new();
    for child in node.children() {
        if child.is_text() {
            out.push_str(child.text().unwrap_or(""));
        } else if child.has_tag_name("xref") {
            out.push_str(&xref(child));
        } else if child.is_element() {
            // `<paragraph>`s of a note: the CSV runs them together.
            out.push_str(&render(Some(child)));
            out.push(' ');
        }
    }
    out
}

/// An `<xref>` as the CSV writes it: its text if it has one, `[RFC6335]`
/// for an RFC, `[data]` otherwise.
fn xref(node: Node) -> String {
    let data = node.attribute("data").unwrap_or("");
    match (node.text(), node.attribute("type")) {
        (Some(text), _) if !text.trim().is_empty() => format!("[{}]", text.trim()),
        (_, Some("rfc")) => format!("[{}]", data.to_ascii_uppercase()),
        _ => format!("[{data}]"),
    }
}

fn child<'a>(node: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    node.children().find(|c| c.is_element() && c.tag_name().name() == name)
}

fn person_ids<'a>(nodes: impl Iterator<Item = Node<'a, 'a>>) -> String {
    nodes
        .filter(|x| x.has_tag_name("xref") && x.attribute("type") == Some("person"))
        .map(|x| format!("[{}]", x.attribute("data").unwrap_or("")))
        .collect()
}

#[test]
fn csv_and_xml_agree_record_for_record() {
    let rows = common::rows();
    let text = std::fs::read_to_string(common::XML).unwrap();
    let doc = Document::parse(&text).unwrap();
    let records: Vec<Node> = doc.root_element().children().filter(|c| c.has_tag_name("record")).collect();
    assert_eq!(records.len(), rows.len());
    let mut differences = Vec::new();
    for (i, (row, rec)) in rows.iter().zip(&records).enumerate() {
        let f = &row.fields;
        let text_of = |name: &str| child(*rec, name).map(|n| render(Some(n))).unwrap_or_default();
        let contact = person_ids(rec.children());
        let assignee = child(*rec, "assignee").map(|a| person_ids(a.children())).unwrap_or_else(|| contact.clone());
        let reference: String = rec
            .children()
            .filter(|x| x.has_tag_name("xref") && x.attribute("type") != Some("person"))
            .map(xref)
            .collect();
        let pairs = [
            ("name", text_of("name"), f[0].clone()),
            ("number", text_of("number"), f[1].clone()),
            ("protocol", text_of("protocol"), f[2].clone()),
            ("description", collapse(&text_of("description")), collapse(&f[3])),
            ("assignee", assignee, f[4].clone()),
            ("contact", contact, f[5].clone()),
            ("date", rec.attribute("date").unwrap_or("").to_owned(), f[6].clone()),
            ("updated", rec.attribute("updated").unwrap_or("").to_owned(), f[7].clone()),
            ("code", text_of("sc"), f[9].clone()),
            ("unauthorized", collapse(&text_of("unauthorized")), collapse(&f[10])),
            ("note", collapse(&text_of("note")), collapse(&f[11])),
        ];
        for (what, xml, csv) in pairs {
            if xml != csv {
                differences.push(format!("record {i} {what}: xml {xml:?} csv {csv:?}"));
            }
        }
        let (xml_ref, csv_ref) = (collapse(&reference).to_ascii_lowercase(), collapse(&f[8]).to_ascii_lowercase());
        if xml_ref != csv_ref {
            differences.push(format!("record {i} reference: xml {xml_ref:?} csv {csv_ref:?}"));
        }
    }
    assert!(differences.is_empty(), "{} differences:\n{}", differences.len(), differences.join("\n"));
}

#[test]
fn people_table_is_the_xmls() {
    let text = std::fs::read_to_string(common::XML).unwrap();
    let doc = Document::parse(&text).unwrap();
    let people = child(doc.root_element(), "people").unwrap();
    let mut count = 0;
    for p in people.children().filter(|c| c.has_tag_name("person")) {
        count += 1;
        let id = p.attribute("id").unwrap();
        let ours = iana_ports::person(id).unwrap_or_else(|| panic!("person {id} missing"));
        let field = |name: &str| child(p, name).and_then(|n| n.text()).map(str::trim);
        assert_eq!(ours.name(), field("name"), "{id}");
        assert_eq!(ours.org(), field("org"), "{id}");
        assert_eq!(ours.updated(), field("updated"), "{id}");
        let uris: Vec<&str> = p.children().filter(|c| c.has_tag_name("uri")).filter_map(|n| n.text()).collect();
        assert_eq!(ours.uris().collect::<Vec<_>>(), uris, "{id}");
    }
    assert_eq!(count, 5_588);
    assert_eq!(iana_ports::people().len(), count);
}
