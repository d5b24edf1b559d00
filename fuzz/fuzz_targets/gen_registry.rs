//! The whole generator on a fuzzed CSV and a small fixed XML: `read_registry`
//! and, when it succeeds, `generate` (every output file) return `Ok` or
//! `Err`, never panic; every warning is one located line. `generate` may
//! still refuse what `read_registry` accepted, but only with a located
//! error (a limit of the tables, such as an index pool past 65,535 entries).
#![no_main]

use iana_ports_gen::{Columns, Input, XmlUse, generate, read_registry};
use libfuzzer_sys::fuzz_target;

const XML: &[u8] = include_bytes!("../fixtures/small.xml");

fuzz_target!(|csv: &[u8]| {
    let csv_in = Input { path: "fuzz.csv", bytes: csv };
    let xml_in = Input { path: "small.xml", bytes: XML };
    if let Ok(registry) = read_registry(csv_in, xml_in) {
        let output = match generate(csv_in, xml_in, XmlUse::Snapshot, Columns::ALL) {
            Ok(output) => output,
            Err(error) => {
                let message = error.to_string();
                assert!(message.starts_with("fuzz.csv:"), "{message}");
                assert!(!message.contains('\n'), "{message}");
                return;
            }
        };
        assert!(output.files.iter().all(|f| !f.text.is_empty()));
        for warning in &output.warnings {
            assert!(warning.starts_with("fuzz.csv") || warning.starts_with("small.xml"), "{warning}");
            assert!(!warning.contains('\n'), "{warning}");
        }
        assert!(!registry.rows.is_empty() || csv.starts_with(b"Service Name"));
        let _ = generate(csv_in, xml_in, XmlUse::PeopleOnly, Columns::MINIMAL);
    }
});
