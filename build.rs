//! Generates the registry tables from `registry/` (see `iana-ports-gen`).
//!
//! Kept thin on purpose: everything that can be wrong with the input is
//! found and explained by the generator; this only wires paths and features.
//!
//! `registry/` (or the directory `IANA_PORTS_REGISTRY_DIR` names, to build
//! from instead) holds IANA's `service-names-port-numbers.xml`, its
//! `service-names-port-numbers.csv`, or both. The XML alone is a full
//! snapshot; a CSV without an XML beside it borrows the shipped XML's
//! people table, title and date.

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

/// A file to read and the name errors show it by.
type Source = (PathBuf, String);

/// What to build from.
enum Sources {
    /// A CSV and an XML, and whether the XML is the CSV's own.
    CsvAndXml(Source, Source, XmlUse),
    /// IANA's XML alone: its records are the rows.
    XmlAlone(Source),
}

/// The files to build from: the directory's CSV and XML; its CSV with the
/// shipped XML; or its XML alone.
fn sources(manifest: &Path) -> Result<Sources, String> {
    println!("cargo:rerun-if-env-changed={DIR_VAR}");
    let shipped = manifest.join("registry");
    let shipped_xml = (shipped.join(XML), format!("registry/{XML}"));
    let Some(dir) = env::var_os(DIR_VAR).filter(|d| !d.is_empty()) else {
        // Watched, so that a CSV added to or removed from registry/ is seen.
        println!("cargo:rerun-if-changed={}", shipped.display());
        if shipped.join(CSV).is_file() {
            let csv = (shipped.join(CSV), format!("registry/{CSV}"));
            return Ok(Sources::CsvAndXml(csv, shipped_xml, XmlUse::Snapshot));
        }
        return Ok(Sources::XmlAlone(shipped_xml));
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
    // Watch the directory too, so that a file added later is picked up.
    println!("cargo:rerun-if-changed={}", dir.display());
    let xml = dir.join(XML).exists().then(|| (dir.join(XML), shown(XML)));
    match (dir.join(CSV).is_file(), xml) {
        (true, Some(xml)) => Ok(Sources::CsvAndXml((dir.join(CSV), shown(CSV)), xml, XmlUse::Snapshot)),
        // The shipped XML lends its people, title and date to a CSV of another date.
        (true, None) => Ok(Sources::CsvAndXml((dir.join(CSV), shown(CSV)), shipped_xml, XmlUse::PeopleOnly)),
        (false, Some(xml)) => Ok(Sources::XmlAlone(xml)),
        (false, None) => Err(format!(
            "{DIR_VAR}={}: the directory holds neither {CSV} nor {XML} (IANA's XML alone is enough)",
            dir.display()
        )),
    }
}

fn run() -> Result<(), String> {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out = PathBuf::from(env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let sources = sources(&manifest)?;
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
    let output = match sources {
        Sources::CsvAndXml((csv_path, csv_shown), (xml_path, xml_shown), xml_use) => {
            let csv = read(&csv_path, &csv_shown)?;
            let xml = read(&xml_path, &xml_shown)?;
            let csv = Input { path: &csv_shown, bytes: &csv };
            iana_ports_gen::generate(csv, Input { path: &xml_shown, bytes: &xml }, xml_use, columns)
        }
        Sources::XmlAlone((xml_path, xml_shown)) => {
            let xml = read(&xml_path, &xml_shown)?;
            iana_ports_gen::generate_from_xml(Input { path: &xml_shown, bytes: &xml }, columns)
        }
    }
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
