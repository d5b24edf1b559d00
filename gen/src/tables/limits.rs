//! Every limit of the tables, checked against the registry before a table
//! is built, so that a registry the tables cannot hold is a `path:line`
//! error naming the limit, never a panic or a silently wrong table.
//!
//! The limits follow from the encodings in [`crate::layout`]:
//!
//! - a service name is at most [`MAX_NAME_LEN`] bytes, any other text at
//!   most [`MAX_TEXT_LEN`] bytes (string lengths are 16-bit);
//! - at most [`MAX_STRINGS`] distinct texts of the record columns (contact
//!   ids included), as many of the people table (name, org, URIs, updated:
//!   a pool of their own), string ids being 16-bit and id 0 the empty
//!   string; and at most [`MAX_NAMES`] distinct names (a name's id is its
//!   name-hash slot plus one, and the hash has a few spare slots);
//! - at most [`MAX_ROWS`] rows (record indices are 16-bit);
//! - at most [`layout::MAX_RANGES`] rows whose port column is a range
//!   (`6000-6063`, `4748-4748`): a record keeps a 10-bit range number
//!   instead of its last port;
//! - rows sorted by first port, rows without a port last (as IANA keeps
//!   them): the rows starting at a port are then one run, which the port
//!   lookups find through a small block index instead of listing every
//!   port's rows.
//!
//! Texts are counted with every column kept (the `full` build), so one
//! registry builds with every feature set or with none. The sizes of the
//! port indexes depend on how ranges overlap; [`super::build`] reports
//! those, also located, as it builds them.

use std::collections::HashSet;

use crate::error::Error;
use crate::layout;
use crate::model::Registry;

/// Longest service name, in bytes.
pub const MAX_NAME_LEN: usize = u16::MAX as usize;
/// Longest text of any other column, in bytes.
pub const MAX_TEXT_LEN: usize = u16::MAX as usize;
/// Most distinct texts (and, separately, most distinct people-table texts).
pub const MAX_STRINGS: usize = u16::MAX as usize;
/// Most rows.
pub const MAX_ROWS: usize = u16::MAX as usize;
/// Most distinct service names: their slots, plus name 0, must have 16-bit ids.
pub const MAX_NAMES: usize = {
    let mut n = u16::MAX as usize;
    // Name `slot + 1` of the last slot must be a 16-bit id.
    while super::slots_for(n) > u16::MAX as usize {
        n -= 1;
    }
    n
};

/// Checks `registry` against every limit above; `path` is the CSV's path.
pub fn check(path: &str, registry: &Registry) -> Result<(), Error> {
    if registry.rows.len() > MAX_ROWS {
        let line = registry.rows.last().map_or(1, |r| r.line);
        let message = format!("the registry has {} rows; the tables hold at most {MAX_ROWS}", registry.rows.len());
        return Err(Error::at(path, line, message));
    }
    let mut texts: HashSet<&str> = HashSet::from([""]);
    let mut names: HashSet<&str> = HashSet::new();
    // First port and line of the row before (None: it had no port).
    let mut before: Option<(Option<u16>, u64)> = None;
    let mut ranges = 0;
    for row in &registry.rows {
        let at = |message: String| Error::at(path, row.line, message);
        if row.ports.is_some_and(|(a, b)| b > a) || row.written_as_range {
            ranges += 1;
            if ranges > layout::MAX_RANGES {
                return Err(at(format!(
                    "this row's port column is range number {ranges}: the tables hold at most {} rows written \
                     as a range (10-bit range numbers)",
                    layout::MAX_RANGES
                )));
            }
        }
        let start = row.ports.map(|(a, _)| a);
        if let Some((prior, line)) = before {
            let fault = match (prior, start) {
                (Some(prior), Some(start)) if start < prior => Some(format!("port {start} comes after port {prior}")),
                (None, Some(start)) => Some(format!("port {start} comes after a row without a port")),
                _ => None,
            };
            if let Some(fault) = fault {
                return Err(at(format!(
                    "{fault} (line {line}): the tables need rows sorted by first port, rows without a port last"
                )));
            }
        }
        before = Some((start, row.line));
        if let Some(name) = &row.name {
            if name.len() > MAX_NAME_LEN {
                return Err(at(format!(
                    "service name of {} bytes: the tables hold names of at most {MAX_NAME_LEN} bytes",
                    name.len()
                )));
            }
            names.insert(name.as_str());
            if names.len() > MAX_NAMES {
                return Err(at(format!(
                    "this row's name is distinct name number {}: the tables hold at most {MAX_NAMES} \
                     (16-bit name ids, one a name-hash slot)",
                    names.len()
                )));
            }
        }
        let columns = [
            ("Description", row.description.as_str()),
            ("Registration Date", &row.registration_date),
            ("Modification Date", &row.modification_date),
            ("Reference", &row.reference),
            ("Service Code", &row.service_code),
            ("Unauthorized Use Reported", &row.unauthorized_use),
            ("Assignment Notes", &row.notes),
        ];
        let ids = row.assignee.iter().chain(&row.contact).map(|id| ("contact id", id.as_str()));
        for (column, text) in columns.into_iter().chain(ids) {
            if text.len() > MAX_TEXT_LEN {
                return Err(at(format!(
                    "{column} of {} bytes: the tables hold texts of at most {MAX_TEXT_LEN} bytes",
                    text.len()
                )));
            }
            texts.insert(text);
        }
        if texts.len() > MAX_STRINGS + 1 {
            return Err(at(format!(
                "this row brings the registry to {} distinct texts: the tables hold at most {MAX_STRINGS} \
                 (16-bit string ids)",
                texts.len() - 1
            )));
        }
    }
    let mut uris = Vec::new();
    for person in &registry.people {
        uris.push(person.uris.join("\n"));
    }
    // Ids are record-column text; the rest is the people table's own pool.
    let mut person_texts: HashSet<&str> = HashSet::from([""]);
    for (person, uris) in registry.people.iter().zip(&uris) {
        let own = [person.name.as_deref(), person.org.as_deref(), Some(uris.as_str()), person.updated.as_deref()];
        for text in std::iter::once(person.id.as_str()).chain(own.into_iter().flatten()) {
            if text.len() > MAX_TEXT_LEN {
                return Err(Error::file(
                    path,
                    format!(
                        "person `{}` has a text of {} bytes: the tables hold texts of at most {MAX_TEXT_LEN} bytes",
                        person.id,
                        text.len()
                    ),
                ));
            }
        }
        texts.insert(&person.id);
        person_texts.extend(own.into_iter().flatten());
    }
    if texts.len() > MAX_STRINGS + 1 {
        return Err(Error::file(
            path,
            format!(
                "the rows and the people table's ids hold {} distinct texts: the tables hold at most \
                 {MAX_STRINGS} (16-bit string ids)",
                texts.len() - 1
            ),
        ));
    }
    if person_texts.len() > MAX_STRINGS + 1 {
        return Err(Error::file(
            path,
            format!(
                "the people table holds {} distinct names, organisations, URI lists and dates: the tables hold \
                 at most {MAX_STRINGS} (16-bit person text ids)",
                person_texts.len() - 1
            ),
        ));
    }
    Ok(())
}
