//! Malformed registries fail with `registry/<file>:<line>: <what is wrong>`,
//! and a well-formed fixture loses nothing.

use iana_ports_gen::{Columns, Input, model::Proto, read_registry};

const CSV_SHOWN: &str = "registry/service-names-port-numbers.csv";
const XML_SHOWN: &str = "registry/service-names-port-numbers.xml";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn error_of(csv: &str, xml: &str) -> String {
    let csv = fixture(csv);
    let xml = fixture(xml);
    match read_registry(Input { path: CSV_SHOWN, bytes: &csv }, Input { path: XML_SHOWN, bytes: &xml }) {
        Ok(_) => panic!("fixture was accepted"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn each_malformed_fixture_names_file_line_and_fault() {
    let cases = [
        ("bad-port-70000.csv", ":3: bad port `70000`: 70000 is outside 0-65535"),
        ("bad-range-reversed.csv", ":2: bad port range `12-3`: it starts after it ends"),
        ("bad-port-text.csv", ":2: bad port `eighty`: expected a number 0-65535 or a range like 6000-6063"),
        ("unknown-protocol.csv", ":3: unknown transport protocol `quic` (expected tcp, udp, sctp, dccp or nothing)"),
        ("wrong-header.csv", ":1: wrong header: expected `Service Name,Port Number,"),
        ("unbalanced-quote.csv", ":3: unbalanced quote: a quoted field is opened here and never closed"),
        ("non-utf8.csv", ":3: field `Description` is not valid UTF-8"),
        (
            "unknown-contact.csv",
            ":2: unknown contact `[Nobody_Here]`: no <person id=\"Nobody_Here\"> in the XML's people table",
        ),
        ("bad-contact-syntax.csv", ":2: Assignee `Jon_Postel` is not a list of [id]s"),
        (
            "conflict-same-port.csv",
            ":4: conflicts with line 2: `echo` is registered twice for the same protocol and port",
        ),
        ("conflict-case.csv", ":3: service name `besapi` differs only in case from `BESApi` on line 2"),
        ("wrong-field-count.csv", ":2: expected 12 fields, found 11"),
        ("bad-date.csv", ":2: bad Registration Date `2006-13`: expected YYYY-MM or YYYY-MM-DD"),
        ("bad-service-code.csv", ":2: bad Service Code `code`"),
        ("alias-target-missing.csv", ":2: alias of `new-name`, which no row names"),
        ("nameless-portless.csv", ":2: row has neither a service name nor a port"),
        ("name-with-line-break.csv", ":2: field `Service Name` holds a line break or control character"),
        ("empty.csv", ": file is empty"),
    ];
    for (file, expected) in cases {
        let message = error_of(file, "people.xml");
        let expected = format!("{CSV_SHOWN}{expected}");
        assert!(message.starts_with(&expected), "{file}:\n  got      {message}\n  expected {expected}…");
    }
}

#[test]
fn malformed_xml_names_its_line() {
    let message = error_of("good.csv", "malformed.xml");
    assert!(message.starts_with(&format!("{XML_SHOWN}:3: malformed XML")), "{message}");
    let message = error_of("good.csv", "no-updated.xml");
    assert!(message.starts_with(&format!("{XML_SHOWN}:2: <registry> has no <updated>")), "{message}");
}

#[test]
fn well_formed_fixture_keeps_every_row_and_column() {
    let csv = fixture("good.csv");
    let xml = fixture("people.xml");
    let reg = read_registry(Input { path: CSV_SHOWN, bytes: &csv }, Input { path: XML_SHOWN, bytes: &xml }).unwrap();
    assert_eq!(reg.title, "Fixture Registry");
    assert_eq!(reg.updated, "2026-02-13");
    assert_eq!(reg.rows.len(), 6);
    assert_eq!(reg.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3, 4, 5, 7, 8]);
    let x11 = &reg.rows[2];
    assert_eq!((x11.ports, x11.proto), (Some((6000, 6063)), Some(Proto::Tcp)));
    assert_eq!(reg.rows[3].description, "Reliable\nData Protocol");
    let two = &reg.rows[4];
    assert_eq!(two.registration_date, "2006-12");
    assert_eq!(two.modification_date, "2023-08-04");
    assert_eq!(two.reference, "[RFC1]");
    assert_eq!(two.service_code, "1145656131");
    assert_eq!(two.unauthorized_use, "used");
    assert_eq!(reg.rows[5].alias_of.as_deref(), Some("Two-Case"));
    assert_eq!(reg.rows[1].contact, ["Jon_Postel"]);
    assert_eq!(reg.people[0].uris, ["mailto:postel&isi.edu"]);
    let code = iana_ports_gen::generate(
        Input { path: CSV_SHOWN, bytes: &csv },
        Input { path: XML_SHOWN, bytes: &xml },
        Columns::ALL,
    )
    .unwrap();
    assert!(code.contains("Fixture Registry"));
}

#[test]
fn read_csv_alone_keeps_contacts_as_ids() {
    let csv = fixture("good.csv");
    let rows = iana_ports_gen::read_csv(Input { path: CSV_SHOWN, bytes: &csv }).unwrap();
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[1].contact, ["Jon_Postel"]);
    // No people table to check against: an id of nobody is kept as written.
    let csv = fixture("unknown-contact.csv");
    let rows = iana_ports_gen::read_csv(Input { path: CSV_SHOWN, bytes: &csv }).unwrap();
    assert_eq!(rows[0].contact, ["Nobody_Here"]);
    // Every other check of the CSV still applies.
    let csv = fixture("bad-port-70000.csv");
    let err = iana_ports_gen::read_csv(Input { path: CSV_SHOWN, bytes: &csv }).unwrap_err();
    assert!(err.to_string().starts_with(&format!("{CSV_SHOWN}:3: bad port `70000`")), "{err}");
}
