//! Prints the generated tables as formatted Rust, for reading and review.
//!
//! `cargo run -p iana-ports-gen --example dump [--minimal] > tables.rs`

use iana_ports_gen::{Columns, Input};

fn main() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../registry");
    let csv = std::fs::read(format!("{root}/service-names-port-numbers.csv")).expect("registry CSV");
    let xml = std::fs::read(format!("{root}/service-names-port-numbers.xml")).expect("registry XML");
    let columns = if std::env::args().any(|a| a == "--minimal") { Columns::MINIMAL } else { Columns::ALL };
    let code = iana_ports_gen::generate(
        Input { path: "registry/service-names-port-numbers.csv", bytes: &csv },
        Input { path: "registry/service-names-port-numbers.xml", bytes: &xml },
        columns,
    )
    .unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(1);
    });
    let file = syn::parse_file(&code).expect("generated code parses");
    print!("{}", prettyplease::unparse(&file));
}
