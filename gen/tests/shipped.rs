//! The shipped snapshot (`registry/`) is held to the strict reading: every
//! contact resolves to a person of its XML, and nothing is warned about.

use iana_ports_gen::{Input, read_registry};

#[test]
fn every_contact_of_the_shipped_snapshot_resolves_and_nothing_warns() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../registry");
    let csv = std::fs::read(format!("{dir}/service-names-port-numbers.csv")).unwrap();
    let xml = std::fs::read(format!("{dir}/service-names-port-numbers.xml")).unwrap();
    let registry = read_registry(
        Input { path: "registry/service-names-port-numbers.csv", bytes: &csv },
        Input { path: "registry/service-names-port-numbers.xml", bytes: &xml },
    )
    .unwrap();
    assert_eq!(registry.bare_ids, Vec::<String>::new());
    assert_eq!(registry.warnings, Vec::<String>::new());
    let ids = registry.rows.iter().flat_map(|r| r.assignee.iter().chain(&r.contact));
    let mut checked = 0;
    for id in ids {
        assert!(registry.people.binary_search_by(|p| p.id.cmp(id)).is_ok(), "[{id}] is not in the people table");
        checked += 1;
    }
    assert!(checked > 10_000, "only {checked} contact ids: did the rows lose their contacts?");
}
