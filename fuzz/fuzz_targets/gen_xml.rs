//! The generator's XML path on arbitrary bytes: `read_xml` and
//! `read_xml_registry` return `Ok` or a located one-line error, never panic;
//! when the registry reads, `generate_from_xml` (all columns and minimal)
//! returns `Ok` or a located error too.
#![no_main]

use iana_ports_gen::xml_source::read_xml;
use libfuzzer_sys::fuzz_target;

#[path = "../xml_checks.rs"]
mod xml_checks;

fuzz_target!(|bytes: &[u8]| {
    if let Err(e) = read_xml("fuzz.xml", bytes) {
        xml_checks::located(&e, bytes);
    }
    xml_checks::whole_path(bytes);
});
