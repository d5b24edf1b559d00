//! The whole generator on a fuzzed CSV and a small fixed XML: `read_registry`
//! and, when it succeeds, `generate` (every output file) return `Ok` or
//! `Err`, never panic; every warning is one located line. `generate` may
//! refuse what `read_registry` accepts only for a limit of the tables (rows
//! out of port order, too many ranges, ...), with a located error.
#![no_main]

use iana_ports_gen::{Columns, Input, generate, read_registry};
use libfuzzer_sys::fuzz_target;

const XML: &[u8] = include_bytes!("../fixtures/small.xml");

fuzz_target!(|csv: &[u8]| {
    let csv_in = Input { path: "fuzz.csv", bytes: csv };
    let xml_in = Input { path: "small.xml", bytes: XML };
    if let Ok(registry) = read_registry(csv_in, xml_in) {
        let output = match generate(csv_in, xml_in, Columns::ALL) {
            Ok(output) => output,
            Err(e) => {
                let message = e.to_string();
                assert!(message.starts_with("fuzz.csv:") && message.contains("the tables"), "{message}");
                return;
            }
        };
        assert!(output.files.iter().all(|f| !f.text.is_empty()));
        for warning in &output.warnings {
            assert!(warning.starts_with("fuzz.csv") || warning.starts_with("small.xml"), "{warning}");
            assert!(!warning.contains('\n'), "{warning}");
        }
        assert!(!registry.rows.is_empty() || csv.starts_with(b"Service Name"));
        let _ = generate(csv_in, xml_in, Columns::MINIMAL);
    }
});
