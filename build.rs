//! Generates the registry tables from `registry/` (see `iana-ports-gen`).
//!
//! Kept thin on purpose: everything that can be wrong with the input is
//! found and explained by the generator; this only wires paths and features.

use std::path::{Path, PathBuf};
use std::{env, fs, process};

use iana_ports_gen::{Columns, Input};

const CSV: &str = "service-names-port-numbers.csv";
const XML: &str = "service-names-port-numbers.xml";

fn main() {
    if let Err(message) = run() {
        // One clear line, no panic backtrace: cargo shows it under "stderr".
        eprintln!("error: {message}");
        process::exit(1);
    }
}

fn feature(name: &str) -> bool {
    env::var_os(format!("CARGO_FEATURE_{}", name.to_uppercase())).is_some()
}

fn read(path: &Path, shown: &str) -> Result<Vec<u8>, String> {
    println!("cargo:rerun-if-changed={}", path.display());
    fs::read(path).map_err(|e| format!("{shown}: cannot read: {e}"))
}

fn run() -> Result<(), String> {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out = PathBuf::from(env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let dir = manifest.join("registry");
    let csv_shown = format!("registry/{CSV}");
    let xml_shown = format!("registry/{XML}");
    let csv = read(&dir.join(CSV), &csv_shown)?;
    let xml = read(&dir.join(XML), &xml_shown)?;
    let columns = Columns {
        descriptions: feature("descriptions"),
        contacts: feature("contacts"),
        dates: feature("dates"),
        references: feature("references"),
        notes: feature("notes"),
    };
    let code = iana_ports_gen::generate(
        Input { path: &csv_shown, bytes: &csv },
        Input { path: &xml_shown, bytes: &xml },
        columns,
    )
    .map_err(|e| e.to_string())?;
    let write = |name: &str, text: &str| {
        fs::write(out.join(name), text).map_err(|e| format!("cannot write {name} to OUT_DIR: {e}"))
    };
    write("tables.rs", &code)?;
    write("hash.rs", iana_ports_gen::HASH_SOURCE)?;
    Ok(())
}
