//! Reads what the CSV lacks from IANA's XML: the registry's title and
//! updated date, and the people (contacts) table.

use std::collections::HashMap;

use crate::error::Error;

/// One entry of the XML's `<people>` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The id used in the CSV inside brackets (`Jon_Postel`).
    pub id: String,
    /// `<name>`, if any.
    pub name: Option<String>,
    /// `<org>`, if any.
    pub org: Option<String>,
    /// Every `<uri>`, in file order (three people have two).
    pub uris: Vec<String>,
    /// `<updated>`, if any (`YYYY-MM` or `YYYY-MM-DD`).
    pub updated: Option<String>,
}

/// The key of one `<record>`, to compare the XML's records with the CSV's
/// rows when both are of one snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlRecord {
    /// Line of `<record>`.
    pub line: u64,
    /// `<name>`, or empty.
    pub name: String,
    /// `<number>` as written, or empty.
    pub number: String,
    /// `<protocol>`, or empty.
    pub protocol: String,
}

/// What the generator takes from the XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlData {
    /// `<title>` of the registry.
    pub title: String,
    /// `<updated>` of the registry.
    pub updated: String,
    /// The people table, in file order.
    pub people: Vec<Person>,
    /// Every `<record>`'s key, in file order.
    pub records: Vec<XmlRecord>,
}

/// Parses the XML text of `path`.
pub fn read_xml(path: &str, bytes: &[u8]) -> Result<XmlData, Error> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64;
        Error::at(path, line, "not valid UTF-8")
    })?;
    let doc = roxmltree::Document::parse(text).map_err(|e| {
        let line = match e {
            // roxmltree refuses every DTD (entity bombs such as the billion
            // laughs) at 1:1: point at the DTD itself.
            roxmltree::Error::DtdDetected => text.find("<!DOCTYPE").map(|at| 1 + text[..at].matches('\n').count()),
            _ => None,
        };
        let line = line.map_or(u64::from(e.pos().row), |l| l as u64);
        Error::at(path, line, format!("malformed XML: {e}"))
    })?;
    // Line of a node: one binary search over the newlines, found once.
    // (`Document::text_pos_at` counts from the start of the text on every
    // call: over 20,000 records and people, quadratic, minutes in debug.)
    let newlines: Vec<usize> = text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(at, _)| at).collect();
    let line_of = |node: roxmltree::Node| 1 + newlines.partition_point(|&at| at < node.range().start) as u64;
    let root = doc.root_element();
    if root.tag_name().name() != "registry" {
        return Err(Error::at(path, line_of(root), "the root element is not <registry>"));
    }
    let child_text = |parent: roxmltree::Node, name: &str| {
        parent
            .children()
            .find(|c| c.is_element() && c.tag_name().name() == name)
            .map(|c| c.text().unwrap_or("").trim().to_owned())
    };
    let title = child_text(root, "title").ok_or_else(|| Error::at(path, line_of(root), "<registry> has no <title>"))?;
    let updated =
        child_text(root, "updated").ok_or_else(|| Error::at(path, line_of(root), "<registry> has no <updated>"))?;
    if !crate::syntax::is_date(&updated) {
        return Err(Error::at(path, line_of(root), format!("registry <updated> `{updated}` is not YYYY-MM-DD")));
    }
    let people_node = root
        .children()
        .find(|c| c.is_element() && c.tag_name().name() == "people")
        .ok_or_else(|| Error::at(path, line_of(root), "<registry> has no <people> table"))?;
    let mut people = Vec::new();
    // Id -> line of its first <person>.
    let mut seen: HashMap<String, u64> = HashMap::new();
    for node in people_node.children().filter(|c| c.is_element()) {
        if node.tag_name().name() != "person" {
            continue;
        }
        let id = node
            .attribute("id")
            .filter(|id| !id.is_empty())
            .ok_or_else(|| Error::at(path, line_of(node), "<person> without an id"))?;
        if let Some(first) = seen.insert(id.to_owned(), line_of(node)) {
            return Err(Error::at(
                path,
                line_of(node),
                format!("person `{id}` is listed twice (first on line {first}): remove one <person id=\"{id}\">"),
            ));
        }
        let mut person = Person { id: id.to_owned(), name: None, org: None, uris: Vec::new(), updated: None };
        for field in node.children().filter(|c| c.is_element()) {
            let value = field.text().unwrap_or("").trim().to_owned();
            match field.tag_name().name() {
                "name" => person.name = Some(value),
                "org" => person.org = Some(value),
                "uri" => person.uris.push(value),
                "updated" => person.updated = Some(value),
                other => {
                    return Err(Error::at(path, line_of(field), format!("unknown element <{other}> in person `{id}`")));
                }
            }
        }
        people.push(person);
    }
    let records = root
        .children()
        .filter(|c| c.is_element() && c.tag_name().name() == "record")
        .map(|node| XmlRecord {
            line: line_of(node),
            name: child_text(node, "name").unwrap_or_default(),
            number: child_text(node, "number").unwrap_or_default(),
            protocol: child_text(node, "protocol").unwrap_or_default(),
        })
        .collect();
    Ok(XmlData { title, updated, people, records })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version='1.0' encoding='UTF-8'?>
<registry xmlns="http://www.iana.org/assignments" id="service-names-port-numbers">
  <title>T</title>
  <updated>2026-02-13</updated>
  <people>
    <person id="A_B"><name>A B</name><uri>mailto:a&amp;b.c</uri><uri>mailto:x&amp;y.z</uri><updated>2003-11</updated></person>
    <person id="Org"><org>Org Inc.</org></person>
  </people>
</registry>"#;

    #[test]
    fn records_carry_their_lines() {
        let doc = DOC.replace(
            "</people>",
            "</people>\n  <record><name>a</name><number>1</number></record>\n\n  <record>\n<name>b</name></record>",
        );
        let data = read_xml("x.xml", doc.as_bytes()).unwrap();
        let lines: Vec<u64> = data.records.iter().map(|r| r.line).collect();
        assert_eq!(lines, [9, 11]);
        assert_eq!((data.records[0].name.as_str(), data.records[0].number.as_str()), ("a", "1"));
    }

    #[test]
    fn reads_title_updated_and_people() {
        let data = read_xml("x.xml", DOC.as_bytes()).unwrap();
        assert_eq!(data.title, "T");
        assert_eq!(data.updated, "2026-02-13");
        assert_eq!(data.people.len(), 2);
        assert_eq!(data.people[0].uris, ["mailto:a&b.c", "mailto:x&y.z"]);
        assert_eq!(data.people[0].updated.as_deref(), Some("2003-11"));
        assert_eq!(data.people[1].org.as_deref(), Some("Org Inc."));
    }

    #[test]
    fn malformed_xml_has_a_line() {
        let err = read_xml("x.xml", b"<registry>\n<title>T</titel>\n</registry>").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
    }

    #[test]
    fn person_without_id_is_refused() {
        let text = DOC.replace(r#"<person id="Org">"#, "<person>");
        let err = read_xml("x.xml", text.as_bytes()).unwrap_err();
        assert_eq!(err.line, Some(7));
        assert!(err.message.contains("without an id"));
    }
}
