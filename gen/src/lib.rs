//! Build-time generator of the `iana-ports` crate.
//!
//! Reads IANA's *Service Name and Transport Protocol Port Number Registry*
//! as published (CSV for the records, XML for the people table, title and
//! date), validates every row, and writes the runtime crate's lookup tables
//! as Rust source. Every fault in the input is an [`Error`] that names the
//! file and line; nothing is dropped silently.
//!
//! `build.rs` of `iana-ports` calls [`generate`]; the rest is public so that
//! tests (and curious users) can inspect each stage.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod codegen;
pub mod constants;
pub mod csv_source;
pub mod error;
/// The case-insensitive name hash, shared verbatim with the runtime crate.
pub mod hash;
pub mod hints;
pub mod model;
pub mod tables;
pub mod xml_source;

pub use error::Error;
pub use model::Registry;
pub use tables::Columns;

/// Source of [`hash`], copied next to the generated tables so that the
/// runtime crate hashes exactly as the generator did.
pub const HASH_SOURCE: &str = include_str!("hash.rs");

/// One input file: the path to show in errors and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Path as it should appear in error messages.
    pub path: &'a str,
    /// The file's contents.
    pub bytes: &'a [u8],
}

/// Parses and validates the registry from its CSV and XML.
pub fn read_registry(csv: Input, xml: Input) -> Result<Registry, Error> {
    let xml_data = xml_source::read_xml(xml.path, xml.bytes)?;
    let rows = csv_source::read_rows(csv.path, csv.bytes)?;
    model::build(csv.path, &rows, xml_data)
}

/// Reads, validates and returns the generated Rust source for `columns`.
pub fn generate(csv: Input, xml: Input, columns: Columns) -> Result<String, Error> {
    let registry = read_registry(csv, xml)?;
    let tables = tables::build(&registry, columns);
    Ok(codegen::emit(&tables).to_string())
}
