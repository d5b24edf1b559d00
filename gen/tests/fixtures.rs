//! Malformed registries fail with `registry/<file>:<line>: <what is wrong>`,
//! and a well-formed fixture loses nothing.

use iana_ports_gen::{Columns, Input, XmlUse, model::Proto, read_registry};

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
        ("line-ends-only.csv", ": the file holds only line ends: expected the CSV header line"),
        ("header-only.csv", ":2: the CSV has its header and no rows (cut short?): download IANA's CSV again, whole"),
        (
            "non-ascii-name.csv",
            ":3: service name `café` is not ASCII: RFC 6335 names are ASCII letters, digits and hyphens; spell it in ASCII",
        ),
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
    let message = error_of("good.csv", "duplicate-person.xml");
    let want = format!("{XML_SHOWN}:10: person `Jon_Postel` is listed twice (first on line 6): remove one");
    assert!(message.starts_with(&want), "{message}");
    let message = error_of("good.csv", "no-updated.xml");
    assert!(message.starts_with(&format!("{XML_SHOWN}:2: <registry> has no <updated>")), "{message}");
    // An entity bomb: refused at its DTD, on line 2, not at line 1.
    let message = error_of("good.csv", "billion-laughs.xml");
    assert!(message.starts_with(&format!("{XML_SHOWN}:2: malformed XML: XML with DTD detected")), "{message}");
}

#[test]
fn well_formed_fixture_keeps_every_row_and_column() {
    let csv = fixture("good.csv");
    let xml = fixture("people.xml");
    let reg = read_registry(Input { path: CSV_SHOWN, bytes: &csv }, Input { path: XML_SHOWN, bytes: &xml }).unwrap();
    assert_eq!(reg.title, "Fixture Registry");
    assert_eq!(reg.updated, "2026-02-13");
    assert_eq!(reg.rows.len(), 6);
    assert_eq!(reg.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3, 4, 5, 6, 7]);
    let x11 = &reg.rows[4];
    assert_eq!((x11.ports, x11.proto), (Some((6000, 6063)), Some(Proto::Tcp)));
    assert_eq!(reg.rows[5].description, "Reliable\nData Protocol");
    let two = &reg.rows[2];
    assert_eq!(two.registration_date, "2006-12");
    assert_eq!(two.modification_date, "2023-08-04");
    assert_eq!(two.reference, "[RFC1]");
    assert_eq!(two.service_code, "1145656131");
    assert_eq!(two.unauthorized_use, "used");
    assert_eq!(reg.rows[3].alias_of.as_deref(), Some("Two-Case"));
    assert_eq!(reg.rows[1].contact, ["Jon_Postel"]);
    assert_eq!(reg.people[0].uris, ["mailto:postel&isi.edu"]);
    let output = iana_ports_gen::generate(
        Input { path: CSV_SHOWN, bytes: &csv },
        Input { path: XML_SHOWN, bytes: &xml },
        XmlUse::PeopleOnly,
        Columns::ALL,
    )
    .unwrap();
    let names: Vec<&str> = output.files.iter().map(|f| f.name).collect();
    assert_eq!(names, ["tables.rs", "constants.rs", "suggest.rs", "hash.rs", "layout.rs", "char_mask.rs"]);
    assert!(output.files[0].text.contains("Fixture Registry"));
    assert!(output.files[1].text.contains("TWO_CASE"), "constants of the fixture's names");
    assert_eq!(output.files[3].text, iana_ports_gen::SHARED_SOURCES[0].1);
    assert_eq!(
        output.files[0].header(),
        format!("// @generated by iana-ports-gen from {CSV_SHOWN} and {XML_SHOWN}; do not edit\n")
    );
    assert!(output.warnings.is_empty(), "{:?}", output.warnings);
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

#[test]
fn a_contact_missing_from_the_people_table_stays_a_bare_id_with_one_warning() {
    let csv = fixture("unknown-contact.csv");
    let xml = fixture("people.xml");
    let reg = read_registry(Input { path: CSV_SHOWN, bytes: &csv }, Input { path: XML_SHOWN, bytes: &xml }).unwrap();
    assert_eq!(reg.rows[0].assignee, ["Jon_Postel"]);
    assert_eq!(reg.rows[0].contact, ["Nobody_Here"]);
    assert_eq!(reg.bare_ids, ["Nobody_Here"]);
    assert!(reg.people.iter().all(|p| p.id != "Nobody_Here"));
    assert_eq!(
        reg.warnings,
        [format!(
            "{CSV_SHOWN}: 1 contact id(s) have no <person> in the XML's people table and stay bare ids \
             (no name or organisation): [Nobody_Here] (line 2); give the XML of the CSV's date to resolve them"
        )]
    );
}

#[test]
fn many_bare_ids_make_one_warning_naming_the_first_five() {
    let mut csv = String::from_utf8(fixture("good.csv")[..].to_vec()).unwrap();
    csv.truncate(csv.find('\n').unwrap() + 1);
    for i in 0..8 {
        csv.push_str(&format!("svc{i},{},tcp,d,[Gone_{i}],[Gone_{i}],,,,,,\r\n", 100 + i));
    }
    let xml = fixture("people.xml");
    let reg = read_registry(Input { path: CSV_SHOWN, bytes: csv.as_bytes() }, Input { path: XML_SHOWN, bytes: &xml })
        .unwrap();
    assert_eq!(reg.bare_ids.len(), 8);
    assert_eq!(reg.warnings.len(), 1, "{:?}", reg.warnings);
    let warning = &reg.warnings[0];
    assert!(warning.contains(": 8 contact id(s) have no <person>"), "{warning}");
    assert!(
        warning.contains(
            "[Gone_0] (line 2), [Gone_1] (line 3), [Gone_2] (line 4), [Gone_3] (line 5), [Gone_4] (line 6), …"
        ),
        "{warning}"
    );
    assert!(!warning.contains("Gone_5"), "{warning}");
}

/// The CSV fixture `csv` with `people.xml` for its people, generated.
fn generate_with_people(csv: &str) -> iana_ports_gen::Output {
    let csv = fixture(csv);
    let xml = fixture("people.xml");
    iana_ports_gen::generate(
        Input { path: CSV_SHOWN, bytes: &csv },
        Input { path: XML_SHOWN, bytes: &xml },
        XmlUse::PeopleOnly,
        Columns::ALL,
    )
    .unwrap()
}

#[test]
fn a_name_longer_than_rfc6335_allows_is_kept_with_a_warning() {
    let output = generate_with_people("long-name.csv");
    assert_eq!(
        output.warnings,
        [format!(
            "{CSV_SHOWN}: 1 service name(s) are longer than RFC 6335's 15 characters \
             (kept as written, since the registry's rules may change): `sixteen-letters1` (line 3)"
        )]
    );
    assert!(output.files[1].text.contains("SIXTEEN_LETTERS1"), "the long name gets its constant");
}

#[test]
fn a_name_with_a_space_is_kept_with_a_warning() {
    let output = generate_with_people("name-with-space.csv");
    assert_eq!(
        output.warnings,
        [format!(
            "{CSV_SHOWN}: 1 service name(s) hold whitespace, which RFC 6335 forbids (kept as written, \
             since the registry's rules may change; --etc-services writes them as `#!` comments): \
             `two words` (line 3)"
        )]
    );
}

#[test]
fn an_xml_whose_records_disagree_with_the_csv_warns_with_the_first_differences() {
    let csv = fixture("good.csv");
    let xml = fixture("records-differ.xml");
    let generate = |xml_use| {
        iana_ports_gen::generate(
            Input { path: CSV_SHOWN, bytes: &csv },
            Input { path: XML_SHOWN, bytes: &xml },
            xml_use,
            Columns::ALL,
        )
        .unwrap()
    };
    let output = generate(XmlUse::Snapshot);
    assert_eq!(
        output.warnings,
        [format!(
            "{CSV_SHOWN} and {XML_SHOWN} disagree (6 CSV rows, 6 XML records; 1 only in the CSV, 1 only in the XML): \
             `two_case 9/udp` only in the CSV (line 5), `discard 9/udp` only in the XML (line 10); \
             the build uses the CSV's rows and the XML's people, title and date"
        )]
    );
    // The rows are the CSV's, whatever the XML says.
    assert!(output.files[1].text.contains("TWO_CASE"));
    // An XML lending only its people is not compared.
    assert!(generate(XmlUse::PeopleOnly).warnings.is_empty());
}

fn xml_alone_error(xml: &str) -> String {
    let xml = fixture(xml);
    match iana_ports_gen::read_xml_registry(Input { path: XML_SHOWN, bytes: &xml }) {
        Ok(_) => panic!("fixture was accepted"),
        Err(e) => e.to_string(),
    }
}

/// Each fixture, read as the XML alone, fails with `XML_SHOWN` + its
/// expected start, in one short line.
fn expect_xml_alone_errors(cases: &[(&str, &str)]) {
    for (file, expected) in cases {
        let message = xml_alone_error(file);
        let expected = format!("{XML_SHOWN}{expected}");
        assert!(message.starts_with(&expected), "{file}:\n  got      {message}\n  expected {expected}…");
        assert!(!message.contains(['\n', '\r']) && message.len() < 300, "{file}: {message:?}");
    }
}

#[test]
fn each_malformed_xml_record_names_file_line_and_fault() {
    let cases = [
        ("xml-unknown-element.xml", ":5: unknown element <port> in <record> (known: name, number, protocol,"),
        ("xml-second-name.xml", ":5: <record> has a second <name>: one is expected"),
        ("xml-empty-xref.xml", ":5: <xref> with neither a data attribute nor text"),
        ("xml-person-without-id.xml", ":5: <xref type=\"person\"> without a data id"),
        ("xml-bad-assignee.xml", ":5: <assignee> holds something other than <xref type=\"person\">"),
        ("xml-text-in-record.xml", ":5: text directly inside <record>: expected elements only"),
        ("xml-unknown-inline.xml", ":5: unknown element <b> in <description> (known: xref, br, paragraph)"),
        // The rows' own checks, at the line of the <record>.
        ("xml-bad-port.xml", ":5: bad port `70000`: 70000 is outside 0-65535"),
        ("people.xml", ": the XML has no <record>: without a CSV, the records must come from the XML"),
    ];
    expect_xml_alone_errors(&cases);
}

#[test]
fn the_xml_alone_keeps_every_row_and_column_as_the_csv_has_them() {
    let csv = fixture("good.csv");
    let xml = fixture("good.xml");
    let from_csv =
        read_registry(Input { path: CSV_SHOWN, bytes: &csv }, Input { path: XML_SHOWN, bytes: &xml }).unwrap();
    let from_xml = iana_ports_gen::read_xml_registry(Input { path: XML_SHOWN, bytes: &xml }).unwrap();
    assert_eq!(from_xml.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [5, 10, 17, 26, 33, 41]);
    assert_eq!(from_xml.rows.len(), from_csv.rows.len());
    for (a, b) in from_csv.rows.iter().zip(&from_xml.rows) {
        assert_eq!(*a, iana_ports_gen::model::Row { line: a.line, ..b.clone() });
    }
    assert_eq!(from_xml.rows[5].description, "Reliable\nData Protocol");
    assert_eq!(from_xml.rows[2].reference, "[RFC1]");
    assert_eq!(from_xml.rows[4].assignee, ["Jon_Postel"]);
    assert_eq!((from_xml.title.as_str(), from_xml.updated.as_str()), ("Fixture Registry", "2026-02-13"));
    assert!(from_xml.warnings.is_empty(), "{:?}", from_xml.warnings);
    let output = iana_ports_gen::generate_from_xml(Input { path: XML_SHOWN, bytes: &xml }, Columns::ALL).unwrap();
    assert_eq!(output.files[0].header(), format!("// @generated by iana-ports-gen from {XML_SHOWN}; do not edit\n"));
}

/// Hostile XML, one fixture a fault: each refused at the fault's own line
/// (a lone CR ends a line, as in XML and editors), in one line of text.
#[test]
fn each_hostile_xml_names_file_line_and_fault() {
    let cases = [
        ("xml-deep-nesting.xml", ":5: malformed XML: elements nested more than 256 deep"),
        ("xml-many-attributes.xml", ":5: malformed XML: more than 64 attributes in <record>"),
        ("xml-char-ref-nul.xml", ":5: malformed XML: unknown entity `&#0;`"),
        ("xml-control-char.xml", ":5: malformed XML: character U+0007 is not allowed in XML"),
        ("xml-entity-unterminated.xml", ":5: malformed XML: `&` that starts no entity (write `&amp;` for `&`)"),
        ("xml-comment-dashes.xml", ":5: malformed XML: `--` inside a comment"),
        ("xml-second-empty-number.xml", ":5: <record> has a second <number>: one is expected"),
        ("xml-cr-line-ends.xml", ":5: malformed XML: expected </record> (opened at line 5), found </recrod"),
        ("xml-utf16.xml", ":1: UTF-16 (it starts with a UTF-16 byte order mark): save the XML as UTF-8"),
    ];
    expect_xml_alone_errors(&cases);
}
