//! Shared by the end-to-end tests.
#![allow(dead_code)] // each test binary uses its own part

use iana_ports_gen::csv_source::{CsvRow, HEADER};

/// The shipped snapshot as IANA's CSV writes it: the shipped XML's records
/// (the shipped snapshot is the XML alone), as text.
pub fn shipped_csv() -> String {
    csv_of_xml(concat!(env!("CARGO_MANIFEST_DIR"), "/../registry/service-names-port-numbers.xml"))
}

/// The CSV IANA publishes beside the XML at `path`: its records (as the
/// generator reads them) in the twelve columns, quoted only where a field
/// holds `,`, `"` or a line break, rows ended by CRLF. Byte for byte IANA's
/// CSV on the kept same-date pairs (`tests/diff.rs` checks it).
pub fn csv_of_xml(path: &str) -> String {
    let xml = std::fs::read(path).unwrap();
    let records = iana_ports_gen::xml_source::read_xml(path, &xml).unwrap().records;
    let quoted = |field: &str| match field.contains([',', '"', '\r', '\n']) {
        true => format!("\"{}\"", field.replace('"', "\"\"")),
        false => field.to_owned(),
    };
    let mut csv = HEADER.join(",") + "\r\n";
    for record in &records {
        let fields: Vec<String> = CsvRow::fields(record).iter().map(|(_, f)| quoted(f)).collect();
        csv += &fields.join(",");
        csv += "\r\n";
    }
    csv
}

/// The six rows IANA writes `N-N`, which the snapshot keeps so
/// (`Record::port_text`).
pub const WRITTEN_AS_RANGES: [u16; 6] = [4748, 6345, 6512, 8203, 9989, 20047];
