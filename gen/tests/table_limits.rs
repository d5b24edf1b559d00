//! Every limit of the generated tables is a located error naming the limit,
//! never a panic: one case each, stored in `tests/fixtures/` when small and
//! generated here when huge.

use iana_ports_gen::{Columns, Input, XmlUse, generate};

const CSV_SHOWN: &str = "registry/service-names-port-numbers.csv";
const HEADER: &str = "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,\
                      Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes\n";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// `generate` on `csv` with the fixture people table, every column and none.
fn generate_all(csv: &[u8]) -> Result<(), String> {
    generate_with_people(csv, &fixture("people.xml"))
}

/// `generate` on `csv` with the people table of `xml`, every column and none.
fn generate_with_people(csv: &[u8], xml: &[u8]) -> Result<(), String> {
    for columns in [Columns::ALL, Columns::MINIMAL] {
        let csv = Input { path: CSV_SHOWN, bytes: csv };
        let xml = Input { path: "registry/service-names-port-numbers.xml", bytes: xml };
        generate(csv, xml, XmlUse::PeopleOnly, columns).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn error_of(csv: &[u8]) -> String {
    generate_all(csv).expect_err("the tables cannot hold this registry")
}

/// A CSV of `n` rows, row `i` (on line `i + 2`) written by `row(i)`.
fn rows(n: usize, row: impl Fn(usize) -> String) -> Vec<u8> {
    let mut csv = String::from(HEADER);
    for i in 0..n {
        csv.push_str(&row(i));
        csv.push('\n');
    }
    csv.into_bytes()
}

#[test]
fn a_65536_byte_service_name() {
    // A name's length must fit 16 bits.
    let csv = rows(2, |i| format!("{},{},tcp,x,,,,,,,,", if i == 1 { "s".repeat(65_536) } else { "a".into() }, 7 + i));
    assert_eq!(
        error_of(&csv),
        format!("{CSV_SHOWN}:3: service name of 65536 bytes: the tables hold names of at most 65535 bytes")
    );
}

#[test]
fn more_distinct_names_than_name_ids() {
    // A name's id is its hash slot plus one, and the hash keeps one slot in
    // 32 spare: 63,550 names fill the 16-bit ids (65,535 slots).
    let csv = rows(63_551, |i| format!("n{i},{i},tcp,,,,,,,,,"));
    assert_eq!(
        error_of(&csv),
        format!(
            "{CSV_SHOWN}:63552: this row's name is distinct name number 63551: the tables hold at most 63550 \
             (16-bit name ids, one a name-hash slot)"
        )
    );
}

#[test]
fn a_70000_byte_description() {
    let csv =
        rows(2, |i| format!("svc{i},{},tcp,{},,,,,,,,", 100 + i, if i == 1 { "d".repeat(70_000) } else { "x".into() }));
    assert_eq!(
        error_of(&csv),
        format!("{CSV_SHOWN}:3: Description of 70000 bytes: the tables hold texts of at most 65535 bytes")
    );
}

#[test]
fn more_distinct_texts_than_string_ids() {
    // Two new texts a row: the 65,536th distinct text comes on row 32,768.
    let csv = rows(40_000, |i| format!(",{i},tcp,Reserved {i},,,,,,,,note {i}"));
    assert_eq!(
        error_of(&csv),
        format!(
            "{CSV_SHOWN}:32769: this row brings the registry to 65536 distinct texts: the tables hold at most 65535 \
             (16-bit string ids)"
        )
    );
}

/// An XML whose people table is `n` people, person `i` written by `person(i)`.
fn people(n: usize, person: impl Fn(usize) -> String) -> Vec<u8> {
    let mut xml = String::from("<?xml version='1.0' encoding='UTF-8'?>\n<registry><title>T</title>");
    xml.push_str("<updated>2026-02-13</updated><people>");
    for i in 0..n {
        xml.push_str(&person(i));
    }
    xml.push_str("</people></registry>\n");
    xml.into_bytes()
}

#[test]
fn a_70000_byte_person_name() {
    let xml = people(1, |_| format!("<person id=\"Jon_Postel\"><name>{}</name></person>", "n".repeat(70_000)));
    let csv = rows(1, |_| "echo,7,tcp,Echo,[Jon_Postel],[Jon_Postel],,,,,,".to_owned());
    assert_eq!(
        generate_with_people(&csv, &xml).unwrap_err(),
        format!(
            "{CSV_SHOWN}: person `Jon_Postel` has a text of 70000 bytes: the tables hold texts of at most 65535 bytes"
        )
    );
}

#[test]
fn more_distinct_person_texts_than_their_ids() {
    // A name and an org each: 32,768 people bring 65,536 texts to the
    // people table's own pool.
    let xml = people(32_768, |i| format!("<person id=\"p{i}\"><name>name {i}</name><org>org {i}</org></person>"));
    assert_eq!(
        generate_with_people(&rows(1, |_| "echo,7,tcp,Echo,,,,,,,,".to_owned()), &xml).unwrap_err(),
        format!(
            "{CSV_SHOWN}: the people table holds 65536 distinct names, organisations, URI lists and dates: the \
             tables hold at most 65535 (16-bit person text ids)"
        )
    );
}

#[test]
fn person_texts_and_column_texts_count_apart() {
    // 40,000 texts in the rows and 30,000 in the people table: over one
    // pool's 65,535 ids together, within each pool's apart.
    let csv = rows(20_000, |i| format!(",{i},tcp,Reserved {i},,,,,,,,note {i}"));
    let xml = people(15_000, |i| format!("<person id=\"p{i}\"><name>name {i}</name><org>org {i}</org></person>"));
    generate_with_people(&csv, &xml).unwrap();
}

#[test]
fn distinct_descriptions_on_57996_rows_fit() {
    // The fuzzer's case: names and texts shared one pool of 16-bit ids and
    // overflowed it; names now have a pool of their own.
    let csv = rows(57_996, |i| format!(",{i},tcp,text {i},,,,,,,,"));
    generate_all(&csv).unwrap();
}

#[test]
fn overlapping_ranges_fit() {
    // Row i covers i..=65535: the port segments this used to overflow are
    // gone (a range list with a running maximum of the last port instead).
    let csv = rows(400, |i| format!("r{i},{i}-65535,tcp,x,,,,,,,,"));
    generate_all(&csv).unwrap();
}

#[test]
fn rows_out_of_port_order() {
    // The port lookups find the rows starting at a port as one run: rows
    // must be sorted by first port, as IANA keeps them.
    assert_eq!(
        error_of(&fixture("rows-out-of-order.csv")),
        format!(
            "{CSV_SHOWN}:3: port 7 comes after port 80 (line 2): the tables need rows sorted by first port, \
             rows without a port last"
        )
    );
    assert_eq!(
        error_of(&fixture("port-after-portless.csv")),
        format!(
            "{CSV_SHOWN}:3: port 7 comes after a row without a port (line 2): the tables need rows sorted by \
             first port, rows without a port last"
        )
    );
}

#[test]
fn more_ranges_than_range_numbers() {
    // Records keep a 10-bit range number instead of their last port: the
    // 1,024th row written as a range (row 1023, line 1025) does not fit.
    let csv = rows(1100, |i| format!("r{i},{i}-{},tcp,x,,,,,,,,", i + 1));
    assert_eq!(
        error_of(&csv),
        format!(
            "{CSV_SHOWN}:1025: this row's port column is range number 1024: the tables hold at most 1023 rows \
             written as a range (10-bit range numbers)"
        )
    );
}

#[test]
fn the_most_distinct_names_fit() {
    let csv = rows(63_550, |i| format!("n{i},{i},tcp,,,,,,,,,"));
    generate_all(&csv).unwrap();
}

#[test]
fn more_rows_than_row_ids() {
    // Port-less, nameless rows are refused by the rows' own check; these
    // have a port each and no name, so the row count is the first limit met.
    let csv = rows(65_536, |i| format!(",{},tcp,,,,,,,,,", i % 65_536));
    assert_eq!(
        error_of(&csv),
        format!("{CSV_SHOWN}:65537: more than 65535 rows: the tables hold at most 65535 (not IANA's registry?)")
    );
    // The XML alone: refused at the record that crosses the limit.
    let records: String =
        (0..65_536).map(|i| format!("<record><number>{i}</number><protocol>tcp</protocol></record>\n")).collect();
    let xml = format!("<registry><title>T</title><updated>2026-02-13</updated><people/>\n{records}</registry>");
    let error =
        iana_ports_gen::generate_from_xml(Input { path: "x.xml", bytes: xml.as_bytes() }, Columns::ALL).unwrap_err();
    assert_eq!(error.to_string(), "x.xml:65537: the registry has 65536 rows; the tables hold at most 65535");
}
