//! Generates the registry tables from `registry/` (see `iana-ports-gen`).
//!
//! Kept thin on purpose: everything that can be wrong with the input is
//! found and explained by the generator; this only wires paths and features.
//!
//! `IANA_PORTS_REGISTRY_DIR` names a directory holding a newer
//! `service-names-port-numbers.csv` (and optionally the `.xml`) to build
//! from instead of `registry/`; without an XML there, the shipped one
//! supplies the people table, title and date.

use std::path::{Path, PathBuf};
use std::{env, fs, process};

use iana_ports_gen::{Columns, Input, XmlUse};

const CSV: &str = "service-names-port-numbers.csv";
const XML: &str = "service-names-port-numbers.xml";
const DIR_VAR: &str = "IANA_PORTS_REGISTRY_DIR";

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

/// The CSV and XML to build from, with the names errors show them by, and
/// whether the XML is the CSV's own.
fn sources(manifest: &Path) -> Result<([(PathBuf, String); 2], XmlUse), String> {
    println!("cargo:rerun-if-env-changed={DIR_VAR}");
    let shipped = manifest.join("registry");
    let shipped_xml = (shipped.join(XML), format!("registry/{XML}"));
    let Some(dir) = env::var_os(DIR_VAR).filter(|d| !d.is_empty()) else {
        return Ok(([(shipped.join(CSV), format!("registry/{CSV}")), shipped_xml], XmlUse::Snapshot));
    };
    let dir = PathBuf::from(dir);
    if dir.is_relative() {
        return Err(format!(
            "{DIR_VAR}={} is a relative path: Cargo runs this build script in the iana-ports crate's own folder \
             ({}), not yours, so it would be looked up there. Give an absolute path, or set it in your \
             project's .cargo/config.toml as `[env] {DIR_VAR} = {{ value = \"{}\", relative = true }}` \
             (then relative to the folder holding .cargo/)",
            dir.display(),
            manifest.display(),
            dir.display()
        ));
    }
    let shown = |file: &str| format!("{DIR_VAR}={}: {}", dir.display(), dir.join(file).display());
    // Watch the directory too, so that an XML added later is picked up.
    println!("cargo:rerun-if-changed={}", dir.display());
    if !dir.join(CSV).is_file() {
        return Err(format!("{}: no such file (the directory must hold the IANA CSV)", shown(CSV)));
    }
    let csv = (dir.join(CSV), shown(CSV));
    if dir.join(XML).exists() {
        Ok(([csv, (dir.join(XML), shown(XML))], XmlUse::Snapshot))
    } else {
        // The shipped XML lends its people, title and date to a CSV of another date.
        Ok(([csv, shipped_xml], XmlUse::PeopleOnly))
    }
}

fn run() -> Result<(), String> {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out = PathBuf::from(env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let ([(csv_path, csv_shown), (xml_path, xml_shown)], xml_use) = sources(&manifest)?;
    let csv = read(&csv_path, &csv_shown)?;
    let xml = read(&xml_path, &xml_shown)?;
    let columns = Columns {
        descriptions: feature("descriptions"),
        contacts: feature("contacts"),
        dates: feature("dates"),
        references: feature("references"),
        notes: feature("notes"),
    };
    // `cfg(details)`: records carry a detail index (any column feature is on).
    println!("cargo::rustc-check-cfg=cfg(details)");
    if columns.any_detail() {
        println!("cargo::rustc-cfg=details");
    }
    let output = iana_ports_gen::generate(
        Input { path: &csv_shown, bytes: &csv },
        Input { path: &xml_shown, bytes: &xml },
        xml_use,
        columns,
    )
    .map_err(|e| e.to_string())?;
    for warning in &output.warnings {
        println!("cargo:warning={warning}");
    }
    for file in &output.files {
        let text = file.header() + &file.text;
        fs::write(out.join(file.name), text).map_err(|e| format!("cannot write {} to OUT_DIR: {e}", file.name))?;
    }
    Ok(())
}
