//! Build-time generator of the `iana-ports` crate.
//!
//! Reads IANA's *Service Name and Transport Protocol Port Number Registry*
//! as published (CSV and XML, or the XML alone: it holds every column of
//! every record, plus the people table, title and date), validates every
//! row, and writes the runtime crate's lookup tables as Rust source. Every
//! fault in the input is an [`Error`] that names the file and line; nothing
//! is dropped silently.
//!
//! `build.rs` of `iana-ports` calls [`generate`] (CSV and XML) or
//! [`generate_from_xml`] (the XML alone); the rest is public so that tests
//! (and curious users) can inspect each stage. [`read_csv`] and
//! [`read_xml_rows`] read one snapshot's rows without the people table, for
//! tools that compare snapshots.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

// Public: what `build.rs`, the CLI, the fuzz targets and the tests use.
pub mod csv_source;
pub mod error;
pub mod hints;
pub mod model;
pub mod tables;
pub mod xml_source;

/// The case-insensitive name hash, shared verbatim with the runtime crate.
pub mod hash;
/// How the tables encode what they hold, shared verbatim with the runtime crate.
pub mod layout;

// The stages' insides.
mod codegen;
mod constants;
mod rust_text;
mod suggest;
mod syntax;
mod xml;

pub use error::Error;
pub use model::Registry;
pub use tables::Columns;

/// The generator's modules that the runtime crate compiles too: each
/// written verbatim beside the tables, under its own name, and `include!`d
/// there into a module of that name. One source for the name hash
/// ([`hash`]), for how the tables encode what they hold ([`layout`]) and
/// for the suggestion engine's character mask (`suggest::char_mask`), so
/// that the two sides can never disagree.
pub const SHARED_SOURCES: [(&str, &str); 3] = [
    ("hash.rs", include_str!("hash.rs")),
    ("layout.rs", include_str!("layout.rs")),
    ("char_mask.rs", include_str!("char_mask.rs")),
];

/// One input file: the path to show in errors and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Path as it should appear in error messages.
    pub path: &'a str,
    /// The file's contents.
    pub bytes: &'a [u8],
}

/// Reads and validates IANA's CSV alone, without the XML: every row typed
/// and checked as [`read_registry`] checks it (columns, names, aliases,
/// conflicts), contacts kept as ids (`Jon_Postel`, brackets removed).
///
/// For tools that compare one CSV with another (`iana-ports diff`).
pub fn read_csv(csv: Input) -> Result<Vec<model::Row>, Error> {
    let rows = csv_source::read_rows(csv.path, csv.bytes)?;
    model::rows_from_csv(csv.path, &rows)
}

/// Reads and validates the records of IANA's XML alone, as [`read_csv`]
/// reads a CSV's rows (the same checks; lines are those of `<record>`;
/// contacts kept as ids).
pub fn read_xml_rows(xml: Input) -> Result<Vec<model::Row>, Error> {
    Ok(read_xml_registry(xml)?.rows)
}

/// Reads and validates the registry from IANA's XML alone: its records are
/// the rows (every column, as IANA's CSV of the same date has them), its
/// people, title and date the rest. Errors are located at the XML's lines.
pub fn read_xml_registry(xml: Input) -> Result<Registry, Error> {
    let mut xml_data = xml_source::read_xml(xml.path, xml.bytes)?;
    if xml_data.records.is_empty() {
        return Err(Error::file(
            xml.path,
            "the XML has no <record>: without a CSV, the records must come from the XML (cut short?)",
        ));
    }
    let records = std::mem::take(&mut xml_data.records);
    let rows = model::rows_from_csv(xml.path, &records)?;
    model::build(xml.path, rows, xml_data)
}

/// How the XML given to [`generate`] relates to the CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XmlUse {
    /// The CSV's own XML (one snapshot, as IANA publishes both): its
    /// records are compared with the CSV's rows, and any difference is
    /// warned about (the build goes on: a mixed pair is the user's choice).
    Snapshot,
    /// An XML of another date, lending only its people table, title and
    /// date to the CSV: its records are not compared.
    PeopleOnly,
}

/// Parses and validates the registry from its CSV and XML; the XML gives
/// the people table, title and date (its records are not read against the
/// CSV's: see [`XmlUse`]).
pub fn read_registry(csv: Input, xml: Input) -> Result<Registry, Error> {
    read(csv, xml, XmlUse::PeopleOnly)
}

/// The shipped snapshot (`registry/`), read for the unit tests.
#[cfg(test)]
pub(crate) fn shipped_registry() -> Registry {
    let xml =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../registry/service-names-port-numbers.xml")).unwrap();
    read_xml_registry(Input { path: "xml", bytes: &xml }).unwrap()
}

fn read(csv: Input, xml: Input, xml_use: XmlUse) -> Result<Registry, Error> {
    let xml_data = xml_source::read_xml(xml.path, xml.bytes)?;
    let rows = read_csv(csv)?;
    let mismatch = match xml_use {
        XmlUse::Snapshot => model::compare_records(csv.path, &rows, xml.path, &xml_data.records),
        XmlUse::PeopleOnly => None,
    };
    let mut registry = model::build(csv.path, rows, xml_data)?;
    registry.warnings.extend(mismatch);
    Ok(registry)
}

/// One generated Rust source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// File name in `OUT_DIR` (`tables.rs`).
    pub name: &'static str,
    /// What it was generated from, as the header names it.
    pub from: String,
    /// The source, without the header.
    pub text: String,
}

impl GeneratedFile {
    /// `// @generated by iana-ports-gen from <from>; do not edit`, one line.
    pub fn header(&self) -> String {
        format!("// @generated by iana-ports-gen from {}; do not edit\n", self.from.replace(['\r', '\n'], " "))
    }
}

/// Everything [`generate`] produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// The files `build.rs` writes to `OUT_DIR`: `tables.rs` (the lookup
    /// tables), `constants.rs` (typed port constants), `suggest.rs` (the
    /// suggestion engine's tables) and the [`SHARED_SOURCES`].
    pub files: Vec<GeneratedFile>,
    /// Accepted oddities, one line each (see [`Registry::warnings`]).
    pub warnings: Vec<String>,
}

/// The generator, stage by stage: reads the XML ([`xml_source`]) and the
/// CSV ([`csv_source`]), validates and joins them ([`model`]), lays out the
/// tables ([`tables`]) and writes every output file (`codegen`,
/// `constants`, `suggest`, [`SHARED_SOURCES`]). The one entry point
/// `build.rs` calls.
pub fn generate(csv: Input, xml: Input, xml_use: XmlUse, columns: Columns) -> Result<Output, Error> {
    let registry = read(csv, xml, xml_use)?;
    emit(registry, csv.path, format!("{} and {}", csv.path, xml.path), columns)
}

/// [`generate`] from IANA's XML alone ([`read_xml_registry`]): for a CSV and
/// XML of one date, the same files but for their headers.
pub fn generate_from_xml(xml: Input, columns: Columns) -> Result<Output, Error> {
    let registry = read_xml_registry(xml)?;
    emit(registry, xml.path, xml.path.to_owned(), columns)
}

/// Lays out and writes the tables of `registry`, read from `from`; `path` is
/// the file its rows' lines are in, for errors.
fn emit(registry: Registry, path: &str, from: String, columns: Columns) -> Result<Output, Error> {
    let tables = tables::build(path, &registry, columns)?;
    let plan = constants::plan(&registry);
    let mut files = vec![
        GeneratedFile { name: "tables.rs", from: from.clone(), text: codegen::emit(&tables) },
        GeneratedFile { name: "constants.rs", from: from.clone(), text: constants::emit(&plan) },
        GeneratedFile { name: "suggest.rs", from, text: suggest::emit(&plan.ported) },
    ];
    for (name, source) in SHARED_SOURCES {
        let from = format!("iana-ports-gen's src/{name}");
        files.push(GeneratedFile { name, from, text: source.to_owned() });
    }
    Ok(Output { files, warnings: registry.warnings })
}
