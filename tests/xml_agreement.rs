//! The tests' own reading of IANA's XML (`common::xml_rows`, which the
//! data tests use as their oracle of the shipped snapshot) gives exactly
//! IANA's CSV of the same date, every row and column, on both same-date
//! pairs kept in `tests/registry-history/`; and the crate's people table is
//! the shipped XML's.
#![cfg(feature = "full")]

mod common;

use roxmltree::{Document, Node};

#[test]
fn the_oracles_xml_reading_is_the_same_date_csv_exactly() {
    for date in common::KEPT_PAIRS {
        let (csv, xml) = common::kept_pair(date);
        let (csv_rows, xml_rows) = (common::csv_rows(&csv), common::xml_rows(&xml));
        assert_eq!(xml_rows.len(), csv_rows.len(), "{date}");
        let mut differences = Vec::new();
        for (i, (c, x)) in csv_rows.iter().zip(&xml_rows).enumerate() {
            for (column, (a, b)) in c.fields.iter().zip(&x.fields).enumerate() {
                if a != b {
                    differences.push(format!("{date} record {i} column {column}: csv {a:?} xml {b:?}"));
                }
            }
        }
        assert!(differences.is_empty(), "{} differences:\n{}", differences.len(), differences.join("\n"));
    }
}

fn child<'a>(node: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    node.children().find(|c| c.is_element() && c.tag_name().name() == name)
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
    assert_eq!(count, 5_615);
    assert_eq!(iana_ports::people().len(), count);
}
