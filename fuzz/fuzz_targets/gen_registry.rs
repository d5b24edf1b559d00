//! The whole generator on a fuzzed CSV and a small fixed XML: `read_registry`
//! and, when it succeeds, `generate` (tables + code) return `Ok` or `Err`,
//! never panic.
#![no_main]

use iana_ports_gen::{Columns, Input, generate, read_registry};
use libfuzzer_sys::fuzz_target;

const XML: &[u8] = include_bytes!("../fixtures/small.xml");

fuzz_target!(|csv: &[u8]| {
    let csv_in = Input { path: "fuzz.csv", bytes: csv };
    let xml_in = Input { path: "small.xml", bytes: XML };
    if let Ok(registry) = read_registry(csv_in, xml_in) {
        let code = generate(csv_in, xml_in, Columns::ALL).expect("read_registry accepted what generate refuses");
        assert!(!code.is_empty());
        assert!(!registry.rows.is_empty() || csv.starts_with(b"Service Name"));
        let _ = generate(csv_in, xml_in, Columns::MINIMAL);
    }
});
