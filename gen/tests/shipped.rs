//! The shipped snapshot (`registry/`, IANA's XML alone) is held to the
//! strict reading: every contact resolves to a person of its XML, and
//! nothing is warned about.

use iana_ports_gen::{Input, read_xml_registry};

#[test]
fn every_contact_of_the_shipped_snapshot_resolves_and_nothing_warns() {
    let xml =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../registry/service-names-port-numbers.xml")).unwrap();
    let registry = read_xml_registry(Input { path: "registry/service-names-port-numbers.xml", bytes: &xml }).unwrap();
    assert_eq!(registry.updated, "2026-08-17");
    assert_eq!(registry.rows.len(), 14_533);
    assert_eq!(registry.bare_ids, Vec::<String>::new());
    assert_eq!(registry.warnings, Vec::<String>::new());
    let ids = registry.rows.iter().flat_map(|r| r.assignee.iter().chain(&r.contact));
    let mut checked = 0;
    for id in ids {
        assert!(registry.people.binary_search_by(|p| p.id.cmp(id)).is_ok(), "[{id}] is not in the people table");
        checked += 1;
    }
    assert!(checked > 10_000, "only {checked} contact ids: did the rows lose their contacts?");
    // `search`'s bound (SEARCH_TEXT_MAX_LEN): the longest column of any row.
    let longest = registry.rows.iter().map(|r| r.longest_column()).max();
    assert_eq!(longest, Some(1532));
}

/// The kept same-date pairs: their CSV's rows and their XML's records agree
/// by key, and one row fewer is found at its line.
#[test]
fn a_same_date_csv_and_xml_agree_record_for_record() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/registry-history/2026-02-13");
    let csv = std::fs::read(format!("{dir}/service-names-port-numbers.csv")).unwrap();
    let xml = std::fs::read(format!("{dir}/service-names-port-numbers.xml")).unwrap();
    let rows = iana_ports_gen::read_csv(Input { path: "csv", bytes: &csv }).unwrap();
    let xml = iana_ports_gen::xml_source::read_xml("xml", &xml).unwrap();
    assert_eq!(xml.records.len(), rows.len());
    assert_eq!(iana_ports_gen::model::compare_records("csv", &rows, "xml", &xml.records), None);
    // One row fewer is found, at its line.
    let warning = iana_ports_gen::model::compare_records("csv", &rows[1..], "xml", &xml.records).unwrap();
    assert!(warning.contains("0 only in the CSV, 1 only in the XML): `0/tcp` only in the XML (line "), "{warning}");
}
