//! Reads IANA's XML: the registry's title and updated date, the people
//! (contacts) table, and every `<record>` as the twelve columns IANA's CSV
//! gives it, so that the XML alone is a full snapshot.
//!
//! How a record becomes a CSV row was read off IANA's same-date CSV and XML
//! pairs (2026-02-13 and 2026-04-24, every row and column equal; see
//! `gen/tests/xml_snapshot.rs`):
//!
//! | CSV column | XML |
//! |---|---|
//! | Service Name, Port Number, Transport Protocol | `<name>`, `<number>` (`80` or `6000-6063`), `<protocol>` |
//! | Description, Assignment Notes, Unauthorized Use Reported | `<description>`, `<note>`, `<unauthorized>`, as `text_of` writes them |
//! | Assignee | every `<assignee><xref type="person" data="Id"/></assignee>` as `[Id]`; without `<assignee>`, the Contact |
//! | Contact | every `<xref type="person" data="Id"/>` directly in the record, as `[Id]` |
//! | Reference | every other `<xref>` directly in the record, in file order, as `xref_text` writes it |
//! | Registration Date, Modification Date | the record's `date` and `updated` attributes |
//! | Service Code | `<sc>` |

use std::collections::HashMap;

use crate::csv_source::CsvRow;
use crate::error::Error;
use crate::xml;

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

/// What the generator takes from the XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlData {
    /// `<title>` of the registry.
    pub title: String,
    /// `<updated>` of the registry.
    pub updated: String,
    /// The people table, in file order.
    pub people: Vec<Person>,
    /// Every `<record>` as the CSV row IANA derives from it, in file order;
    /// `line` is the line of `<record>`.
    pub records: Vec<CsvRow>,
}

/// Parses the XML text of `path`.
pub fn read_xml(path: &str, bytes: &[u8]) -> Result<XmlData, Error> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(Error::at(path, 1, "UTF-16 (it starts with a UTF-16 byte order mark): save the XML as UTF-8"));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Error::at(path, xml::line_of_byte(bytes, e.valid_up_to()), "not valid UTF-8"))?;
    let doc =
        xml::Document::parse(text).map_err(|e| Error::at(path, e.line, format!("malformed XML: {}", e.message)))?;
    // Line of a node: one binary search over the newlines, found once.
    // (`Document::text_pos_at` counts from the start of the text on every
    // call: over 20,000 records and people, quadratic, minutes in debug.)
    let newlines: Vec<usize> = (0..text.len()).filter(|&at| xml::is_line_end(text.as_bytes(), at)).collect();
    // A text node's line is that of its first visible character: it starts
    // right after the tag before it, often lines above.
    let line_of = |node: xml::Node| {
        let mut start = node.range().start;
        if node.is_text() {
            let rest = &text[start..node.range().end];
            start += rest.len() - rest.trim_start().len();
        }
        1 + newlines.partition_point(|&at| at < start) as u64
    };
    let root = doc.root_element();
    if root.tag_name().name() != "registry" {
        return Err(Error::at(path, line_of(root), "the root element is not <registry>"));
    }
    // A child element of <registry> and its trimmed text.
    let child = |name: &str| {
        let node = root.children().find(|c| c.is_element() && c.tag_name().name() == name);
        node.map(|c| (c, c.text().unwrap_or("").trim().to_owned()))
            .ok_or_else(|| Error::at(path, line_of(root), format!("<registry> has no <{name}>")))
    };
    let (_, title) = child("title")?;
    let (updated_node, updated) = child("updated")?;
    if !crate::syntax::is_date(&updated) {
        let line = line_of(updated_node);
        return Err(Error::at(path, line, format!("registry <updated> `{updated}` is not YYYY-MM-DD")));
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
        .map(|node| record_row(node, &line_of).map_err(|(at, message)| Error::at(path, line_of(at), message)))
        .collect::<Result<_, _>>()?;
    Ok(XmlData { title, updated, people, records })
}

/// A fault of one record: the node it is at and what is wrong.
type Fault<'a, 'input> = (xml::Node<'a, 'input>, String);

/// Whether `node` is white space between elements (the XML's indentation).
fn is_blank(node: xml::Node) -> bool {
    node.is_text() && node.text().is_some_and(|t| t.trim().is_empty())
}

/// One `<record>` as its CSV row (see the module's table).
fn record_row<'a, 'input>(
    record: xml::Node<'a, 'input>,
    line_of: &dyn Fn(xml::Node) -> u64,
) -> Result<CsvRow, Fault<'a, 'input>> {
    let mut row = CsvRow {
        line: line_of(record),
        registration_date: record.attribute("date").unwrap_or("").trim().to_owned(),
        modification_date: record.attribute("updated").unwrap_or("").trim().to_owned(),
        ..CsvRow::default()
    };
    let mut assignee: Option<String> = None;
    // Single-valued elements met so far (an empty first one counts too).
    let mut seen: Vec<&str> = Vec::new();
    for field in record.children() {
        if is_blank(field) {
            continue;
        }
        if !field.is_element() {
            return Err((field, "text directly inside <record>: expected elements only".to_owned()));
        }
        let single = match field.tag_name().name() {
            "name" => &mut row.service_name,
            "number" => &mut row.port_number,
            "protocol" => &mut row.transport_protocol,
            "description" => &mut row.description,
            "note" => &mut row.assignment_notes,
            "unauthorized" => &mut row.unauthorized_use,
            "sc" => &mut row.service_code,
            "xref" if field.attribute("type") == Some("person") => {
                row.contact += &xref_text(field)?;
                continue;
            }
            "xref" => {
                row.reference += &xref_text(field)?;
                continue;
            }
            "assignee" => {
                let ids = assignee.get_or_insert_default();
                for person in field.children().filter(|c| !is_blank(*c)) {
                    if !(person.is_element()
                        && person.tag_name().name() == "xref"
                        && person.attribute("type") == Some("person"))
                    {
                        return Err((
                            person,
                            "<assignee> holds something other than <xref type=\"person\">".to_owned(),
                        ));
                    }
                    *ids += &xref_text(person)?;
                }
                continue;
            }
            other => {
                return Err((
                    field,
                    format!(
                        "unknown element <{other}> in <record> (known: name, number, protocol, description, \
                         note, unauthorized, sc, assignee, xref)"
                    ),
                ));
            }
        };
        let name = field.tag_name().name();
        if seen.contains(&name) {
            return Err((field, format!("<record> has a second <{name}>: one is expected")));
        }
        seen.push(name);
        *single = text_of(field)?;
    }
    row.assignee = assignee.unwrap_or_else(|| row.contact.clone());
    Ok(row)
}

/// An `<xref>` as IANA's CSV writes it: `[Id]` for a person, `[RFC6335]` for
/// an RFC without text (its `data` in upper case), else `[text]` when the
/// xref has text and `[data]` when not.
fn xref_text<'a, 'input>(xref: xml::Node<'a, 'input>) -> Result<String, Fault<'a, 'input>> {
    let data = xref.attribute("data").map(str::trim).filter(|d| !d.is_empty());
    let body = text_of(xref)?;
    let shown = match (xref.attribute("type"), data) {
        (Some("person"), Some(id)) => id.to_owned(),
        (Some("person"), None) => return Err((xref, "<xref type=\"person\"> without a data id".to_owned())),
        _ if !body.is_empty() => body,
        (Some("rfc"), Some(rfc)) => rfc.to_ascii_uppercase(),
        (_, Some(data)) => data.to_owned(),
        (_, None) => return Err((xref, "<xref> with neither a data attribute nor text".to_owned())),
    };
    Ok(format!("[{shown}]"))
}

/// An element's text as IANA's CSV writes it: the text with each `<xref>`
/// as `xref_text` writes it, `<br/>` dropped, each `<paragraph>` opened by
/// eight spaces; then every line break that ends a line in a space and
/// starts the next one indented becomes one space (the XML's line wrapping
/// in the source), and the ends are trimmed.
fn text_of<'a, 'input>(element: xml::Node<'a, 'input>) -> Result<String, Fault<'a, 'input>> {
    let mut raw = String::new();
    write_mixed(element, &mut raw)?;
    Ok(join_wrapped_lines(&raw).trim().to_owned())
}

fn write_mixed<'a, 'input>(element: xml::Node<'a, 'input>, out: &mut String) -> Result<(), Fault<'a, 'input>> {
    for node in element.children() {
        if node.is_text() {
            out.push_str(node.text().unwrap_or(""));
        } else if node.is_element() {
            match node.tag_name().name() {
                "xref" => out.push_str(&xref_text(node)?),
                "br" => {}
                "paragraph" => {
                    out.push_str("        ");
                    write_mixed(node, out)?;
                }
                other => {
                    let parent = element.tag_name().name();
                    return Err((
                        node,
                        format!("unknown element <{other}> in <{parent}> (known: xref, br, paragraph)"),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// `a \n    b` becomes `a b`: spaces, a line break, then spaces. A break
/// without a space before it, or at the start of an unindented line, stays.
fn join_wrapped_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" \n ") {
        let kept = rest[..at].trim_end_matches(' ');
        out.push_str(kept);
        out.push(' ');
        rest = rest[at + 2..].trim_start_matches(' ');
    }
    out.push_str(rest);
    out
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
        assert_eq!((data.records[0].service_name.as_str(), data.records[0].port_number.as_str()), ("a", "1"));
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
    fn wrapped_lines_join_as_iana_joins_them() {
        assert_eq!(join_wrapped_lines("a \n      b"), "a b");
        assert_eq!(join_wrapped_lines("a  \n b \n c"), "a b c");
        // No space before the break, or an unindented next line: kept.
        assert_eq!(join_wrapped_lines("a\n      b"), "a\n      b");
        assert_eq!(join_wrapped_lines("a \nb"), "a \nb");
    }

    #[test]
    fn a_record_becomes_its_csv_row() {
        let doc = DOC.replace(
            "</people>",
            r#"</people>
  <record date="2019-11-25" updated="2020-01-02">
    <name>n</name><protocol>tcp</protocol>
    <assignee><xref type="person" data="A_B"/></assignee>
    <xref type="person" data="Org"/>
    <description>One<br/><br/>
two <xref type="rfc" data="rfc1"/></description>
    <note>Long
      <paragraph>p</paragraph></note>
    <xref type="rfc" data="rfc8765">RFC8765, Section 6.1</xref>
    <xref type="draft" data="draft-x"/>
    <xref type="text">wrapped 
    text</xref>
  </record>"#,
        );
        let row = &read_xml("x.xml", doc.as_bytes()).unwrap().records[0];
        assert_eq!((row.assignee.as_str(), row.contact.as_str()), ("[A_B]", "[Org]"));
        assert_eq!(row.description, "One\ntwo [RFC1]");
        assert_eq!(row.assignment_notes, "Long\n              p");
        assert_eq!(row.reference, "[RFC8765, Section 6.1][draft-x][wrapped text]");
        assert_eq!((row.registration_date.as_str(), row.modification_date.as_str()), ("2019-11-25", "2020-01-02"));
    }

    #[test]
    fn malformed_xml_has_a_line() {
        let err = read_xml("x.xml", b"<registry>\n<title>T</titel>\n</registry>").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
    }

    #[test]
    fn paragraphs_nested_to_the_readers_limit_read_on_a_test_threads_stack() {
        // `write_mixed` recurses per <paragraph>; the reader stops at 256
        // levels, three of them <registry>, <record> and <note>.
        let deep = format!("{}p{}", "<paragraph>".repeat(253), "</paragraph>".repeat(253));
        let doc = DOC.replace("</people>", &format!("</people><record><name>a</name><note>{deep}</note></record>"));
        let row = &read_xml("x.xml", doc.as_bytes()).unwrap().records[0];
        assert_eq!(row.assignment_notes, "p");
    }

    #[test]
    fn text_in_a_record_is_located_at_its_first_visible_character() {
        // The text node starts right after `</name>`: its line was that one,
        // two lines above the stray text.
        let doc = DOC.replace("</people>", "</people>\n  <record><name>a</name>\n\n    stray\n  </record>");
        let err = read_xml("x.xml", doc.as_bytes()).unwrap_err();
        assert_eq!(
            (err.line, err.message.as_str()),
            (Some(11), "text directly inside <record>: expected elements only")
        );
    }

    #[test]
    fn person_without_id_is_refused() {
        let text = DOC.replace(r#"<person id="Org">"#, "<person>");
        let err = read_xml("x.xml", text.as_bytes()).unwrap_err();
        assert_eq!(err.line, Some(7));
        assert!(err.message.contains("without an id"));
    }
}
