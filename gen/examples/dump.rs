//! Prints every file the generator writes, formatted, each under its
//! `// @generated` header, for reading and review.
//!
//! `cargo run -p iana-ports-gen --example dump [--minimal] > generated.rs`

use iana_ports_gen::{Columns, Input, XmlUse};

fn main() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../registry");
    let xml = std::fs::read(format!("{root}/service-names-port-numbers.xml")).expect("registry XML");
    let columns = if std::env::args().any(|a| a == "--minimal") { Columns::MINIMAL } else { Columns::ALL };
    let xml = Input { path: "registry/service-names-port-numbers.xml", bytes: &xml };
    // As build.rs: the CSV beside the XML when registry/ holds one, else the XML alone.
    let output = match std::fs::read(format!("{root}/service-names-port-numbers.csv")) {
        Ok(csv) => {
            let csv = Input { path: "registry/service-names-port-numbers.csv", bytes: &csv };
            iana_ports_gen::generate(csv, xml, XmlUse::Snapshot, columns)
        }
        Err(_) => iana_ports_gen::generate_from_xml(xml, columns),
    }
    .unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(1);
    });
    for warning in &output.warnings {
        eprintln!("warning: {warning}");
    }
    for (i, file) in output.files.iter().enumerate() {
        if i > 0 {
            println!();
        }
        println!("// ---- {} ----", file.name);
        print!("{}", file.header());
        // The shared sources are hand-written, already formatted (and with
        // their comments, which a syn round trip would drop).
        let shared = iana_ports_gen::SHARED_SOURCES.iter().any(|(name, _)| *name == file.name);
        match syn::parse_file(&file.text) {
            Ok(parsed) if !shared => print!("{}", prettyplease::unparse(&parsed)),
            Ok(_) => print!("{}", file.text),
            Err(e) => panic!("{} does not parse: {e}", file.name),
        }
    }
}
