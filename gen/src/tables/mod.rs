//! Turns the validated registry into the flat integer tables the runtime
//! crate reads, one module a table family:
//!
//! - [`strings`]: the string pools (service names in a blob of their own,
//!   in name-hash slot order, written a second time NUL-terminated for C;
//!   the people table's texts in another; every other column's text in a
//!   third);
//! - [`name_hash`]: the perfect hash from names (any case) to their rows;
//! - [`ports`]: the two port indexes;
//! - [`people`]: contact id lists as people-table indices.
//!
//! How each table is encoded (flag bits, slot ids, run bytes, block strides) lives
//! in [`crate::layout`], compiled verbatim into the runtime crate too.

use std::collections::HashMap;

use crate::error::Error;
use crate::layout;
use crate::model::{Proto, Registry, Status};

pub mod limits;
pub mod name_hash;
pub mod people;
pub mod ports;
pub mod strings;

pub use name_hash::{NameHash, buckets_for, perfect_hash, slots_for};
pub use ports::{NamedIndex, RunIndex};
pub use strings::{StringPool, TwoLevelBounds};

use name_hash::build_name_hash;
use people::IdLists;
use ports::{build_named, build_runs};

/// Which optional columns to keep (Cargo features of the runtime crate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    /// Descriptions.
    pub descriptions: bool,
    /// Assignee, contact and the people table.
    pub contacts: bool,
    /// Registration and modification dates.
    pub dates: bool,
    /// Reference and service code.
    pub references: bool,
    /// Assignment notes and unauthorized-use reports.
    pub notes: bool,
}

impl Columns {
    /// Every column.
    pub const ALL: Columns = Columns { descriptions: true, contacts: true, dates: true, references: true, notes: true };
    /// Names, ports, protocols and status only.
    pub const MINIMAL: Columns =
        Columns { descriptions: false, contacts: false, dates: false, references: false, notes: false };

    /// Whether records need a detail index at all.
    pub fn any_detail(self) -> bool {
        self.descriptions || self.contacts || self.dates || self.references || self.notes
    }

    /// Whether the sparse "extra" table exists.
    pub fn any_extra(self) -> bool {
        self.references || self.notes
    }
}

/// Everything the code generator writes out, by family: each family is
/// built by its own function below and written by its own `emit` in
/// `codegen`.
#[derive(Debug)]
pub struct Tables {
    /// Which optional columns are present.
    pub columns: Columns,
    /// Registry title.
    pub title: String,
    /// Registry updated date.
    pub updated: String,
    /// Longest text of any one searchable column of any row, in bytes.
    pub search_text_max_len: usize,
    /// Name lookup: the hash, the names and the aliases.
    pub names: Names,
    /// One entry per registry row.
    pub records: Records,
    /// The rows whose port column is a range.
    pub ranges: Ranges,
    /// The optional columns, one entry per distinct detail row.
    pub details: Details,
    /// Contact ids and the people table.
    pub people: People,
    /// Port lookup.
    pub ports: Ports,
}

/// Name lookup.
#[derive(Debug)]
pub struct Names {
    /// The perfect hash and where each name's rows are.
    pub hash: NameHash,
    /// Service names in name-hash slot order (see [`NameHash`]): a blob of
    /// its own, so that a program that only reads names links no other text.
    pub pool: StringPool,
    /// Sorted string ids of the names that are historic aliases ...
    pub alias_name: Vec<u16>,
    /// ... and the string id of the name each points to.
    pub alias_target: Vec<u16>,
}

/// One entry per registry row, in registry order.
#[derive(Debug, Default)]
pub struct Records {
    /// Name id in the names pool (0 for a nameless row).
    pub name: Vec<u16>,
    /// First port (0 without port).
    pub start: Vec<u16>,
    /// Range number (0: one port or none; `n`: last port in
    /// `Ranges::end[n]`), see [`layout::RANGE_HIGH_SHIFT`].
    pub range: Vec<u16>,
    /// [`layout::record_flags`].
    pub flags: Vec<u8>,
    /// Index into the detail columns (rows sharing all detail text, such
    /// as tcp/udp twins, share one entry).
    pub detail: Vec<u16>,
}

/// The rows whose port column is a range, by range number (which follows
/// registry order, so the list is sorted by first port); entry 0 is unused.
#[derive(Debug)]
pub struct Ranges {
    /// Last port.
    pub end: Vec<u16>,
    /// First port.
    pub start: Vec<u16>,
    /// Per block of `2^layout::RANGE_BLOCK_BITS` ports, then one past the
    /// last: the first range number starting in or after it.
    pub block: Vec<u16>,
    /// Record.
    pub row: Vec<u16>,
    /// Running maximum of `end` up to each range number: the ranges that
    /// can cover a port are those after the last whose reach falls short
    /// of it.
    pub reach: Vec<u16>,
}

/// The optional columns, each a string id in `strings`; only those kept
/// are filled.
#[derive(Debug)]
pub struct Details {
    /// Every other column's text: descriptions, contact ids, dates,
    /// references, notes.
    pub strings: StringPool,
    /// Descriptions.
    pub description: Vec<u16>,
    /// Assignee ids as people: 0 when none, `1 + p` for the single person of
    /// index `p` in the people table, `1 + people + i` for list `i` of
    /// `People::id_list_start` (two or more people).
    pub assignee: Vec<u16>,
    /// Contact ids as people, encoded as the assignee.
    pub contact: Vec<u16>,
    /// Registration date.
    pub registered: Vec<u16>,
    /// Modification date.
    pub modified: Vec<u16>,
    /// Index into the extra columns (0 = none).
    pub extra: Vec<u16>,
    /// Rare columns, behind one more index; entry 0 is all-empty.
    pub extra_reference: Vec<u16>,
    /// Service code.
    pub extra_service_code: Vec<u16>,
    /// Unauthorized use reported.
    pub extra_unauthorized: Vec<u16>,
    /// Assignment notes.
    pub extra_notes: Vec<u16>,
}

/// Contact ids and the people table (empty without the `contacts` column).
#[derive(Debug, Default)]
pub struct People {
    /// Distinct lists of two or more people (assignee or contact ids, in CSV
    /// order): list `i` is `id_pool[id_list_start[i]..id_list_start[i + 1]]`.
    pub id_list_start: Vec<u16>,
    /// Indices into `id_text`, list after list.
    pub id_pool: Vec<u16>,
    /// Every contact id as a string id of `Details::strings`: the people
    /// (sorted by id, index `p` is person `p`), then the bare ids the people
    /// table lacks.
    pub id_text: Vec<u16>,
    /// The people table's texts (name, org, URIs, updated): a blob of their
    /// own, which only `Person`'s text accessors read, so that record
    /// columns and `search` link none of it.
    pub pool: StringPool,
    /// Per person (sorted by id, as `id_text`), ids in `pool`: name ...
    pub name: Vec<u16>,
    /// ... organisation ...
    pub org: Vec<u16>,
    /// ... URIs joined by `\n` ...
    pub uris: Vec<u16>,
    /// ... and updated date.
    pub updated: Vec<u16>,
}

/// Port lookup.
#[derive(Debug)]
pub struct Ports {
    /// The rows starting at a port.
    pub runs: RunIndex,
    /// The first name of a port.
    pub named: NamedIndex,
}

fn proto_code(proto: Option<Proto>) -> u8 {
    proto.map_or(layout::PROTO_ANY, |p| layout::proto_code(p.index()))
}

fn status_code(status: Status) -> u8 {
    match status {
        Status::Assigned => layout::STATUS_ASSIGNED,
        Status::Reserved => layout::STATUS_RESERVED,
        Status::Unassigned => layout::STATUS_UNASSIGNED,
    }
}

/// A table whose 16-bit entries cannot hold what the registry needs:
/// which table, the value that did not fit, and the row that brought it
/// (when one did).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Overflow {
    pub(crate) what: &'static str,
    pub(crate) value: usize,
    pub(crate) limit: usize,
    pub(crate) row: Option<usize>,
}

impl Overflow {
    /// The same overflow, blamed on row `row` (an index into the registry).
    pub(crate) fn at_row(self, row: usize) -> Overflow {
        Overflow { row: Some(self.row.unwrap_or(row)), ..self }
    }

    fn into_error(self, path: &str, registry: &Registry) -> Error {
        let message = if self.limit == NOT_PLACED {
            format!("{} is {}, more than the perfect hash could place", self.what, self.value)
        } else {
            format!("{} is {}, past the tables' limit of {}", self.what, self.value, self.limit)
        };
        match self.row.and_then(|i| registry.rows.get(i)) {
            Some(row) => Error::at(path, row.line, message),
            None => Error::file(path, message),
        }
    }
}

/// [`Overflow::limit`] when the perfect hash found no placement (64 seeds,
/// down to one name a bucket) rather than a table being too narrow.
pub(crate) const NOT_PLACED: usize = usize::MAX;

/// `value` as a table entry, or which table it overflows.
pub(crate) fn to_u16(value: usize, what: &'static str) -> Result<u16, Overflow> {
    u16::try_from(value).map_err(|_| Overflow { what, value, limit: usize::from(u16::MAX), row: None })
}

/// Builds every table for `registry`, keeping `columns`. `path` is the CSV's
/// path for errors: every limit of the tables is checked first
/// ([`limits::check`]), and one that only the built indexes reveal is an
/// error too, never a panic.
pub fn build(path: &str, registry: &Registry, columns: Columns) -> Result<Tables, Error> {
    limits::check(path, registry)?;
    build_checked(registry, columns).map_err(|overflow| overflow.into_error(path, registry))
}

fn build_checked(registry: &Registry, columns: Columns) -> Result<Tables, Overflow> {
    // Names first: the hash decides their ids (slot order).
    let names = build_names(registry)?;
    let (mut records, ranges) = build_records(registry, &names)?;
    let mut id_lists = IdLists::new(registry)?;
    let mut details = build_details(registry, columns, &mut id_lists, &mut records)?;
    let people =
        if columns.contacts { build_people(registry, id_lists, &mut details.strings)? } else { People::default() };
    let ports = Ports { runs: build_runs(registry)?, named: build_named(registry, &records.name)? };
    Ok(Tables {
        columns,
        title: registry.title.clone(),
        updated: registry.updated.clone(),
        search_text_max_len: registry.rows.iter().map(crate::model::Row::longest_column).max().unwrap_or(0),
        names,
        records,
        ranges,
        details,
        people,
        ports,
    })
}

/// The name hash, the names pool in slot order, and the aliases (whose
/// targets are interned into the pool after the names).
fn build_names(registry: &Registry) -> Result<Names, Overflow> {
    let hash = build_name_hash(registry)?;
    let mut pool = hash.names_pool()?;
    let mut aliases: std::collections::BTreeMap<u16, u16> = std::collections::BTreeMap::new();
    for (index, row) in registry.rows.iter().enumerate() {
        if let (Some(name), Some(target)) = (&row.name, &row.alias_of) {
            let name = pool.id(name).unwrap_or(0);
            aliases.insert(name, pool.intern(target).map_err(|o| o.at_row(index))?);
        }
    }
    let (alias_name, alias_target) = aliases.into_iter().unzip();
    Ok(Names { hash, pool, alias_name, alias_target })
}

/// Name, first port, range number and flags of every row (their detail
/// index comes with the details), and the ranges.
fn build_records(registry: &Registry, names: &Names) -> Result<(Records, Ranges), Overflow> {
    let rows = &registry.rows;
    let mut records = Records::default();
    let mut ranges = Ranges { end: vec![0], start: vec![0], block: Vec::new(), row: vec![0], reach: vec![0] };
    for (index, row) in rows.iter().enumerate() {
        // Every name has its slot's id; a nameless row has id 0.
        records.name.push(row.name.as_deref().and_then(|name| names.pool.id(name)).unwrap_or(0));
        let (start, end) = row.ports.unwrap_or((0, 0));
        records.start.push(start);
        let range = if end > start || row.written_as_range {
            // limits::check holds the count of ranges to layout::MAX_RANGES.
            ranges.end.push(end);
            ranges.start.push(start);
            ranges.row.push(to_u16(index, "the count of rows")?);
            ranges.reach.push(end.max(ranges.reach.last().copied().unwrap_or(0)));
            to_u16(ranges.end.len() - 1, "the count of port ranges").map_err(|o| o.at_row(index))?
        } else {
            0
        };
        records.range.push(range);
        records.flags.push(layout::record_flags(
            proto_code(row.proto),
            row.ports.is_some(),
            status_code(row.status),
            range,
        ));
    }
    ranges.block = (0..=(1u32 << (16 - layout::RANGE_BLOCK_BITS)))
        .map(|b| {
            let before = ranges.start[1..].partition_point(|&s| u32::from(s) < b << layout::RANGE_BLOCK_BITS);
            to_u16(1 + before, "the count of port ranges")
        })
        .collect::<Result<_, _>>()?;
    Ok((records, ranges))
}

/// The detail columns kept, one entry per distinct detail row, and each
/// record's detail index.
fn build_details(
    registry: &Registry,
    columns: Columns,
    id_lists: &mut IdLists,
    records: &mut Records,
) -> Result<Details, Overflow> {
    let mut d = Details {
        strings: StringPool::new(),
        description: Vec::new(),
        assignee: Vec::new(),
        contact: Vec::new(),
        registered: Vec::new(),
        modified: Vec::new(),
        extra: Vec::new(),
        extra_reference: vec![0],
        extra_service_code: vec![0],
        extra_unauthorized: vec![0],
        extra_notes: vec![0],
    };
    let mut details: HashMap<[u16; 6], u16> = HashMap::new();
    let mut extras: HashMap<[u16; 4], u16> = HashMap::new();
    extras.insert([0; 4], 0);
    for (index, row) in registry.rows.iter().enumerate() {
        let strings = &mut d.strings;
        let mut pick =
            |keep: bool, text: &str| if keep { strings.intern(text).map_err(|o| o.at_row(index)) } else { Ok(0) };
        let extra_key = [
            pick(columns.references, &row.reference)?,
            pick(columns.references, &row.service_code)?,
            pick(columns.notes, &row.unauthorized_use)?,
            pick(columns.notes, &row.notes)?,
        ];
        let mut list =
            |keep: bool, ids: &[String]| if keep { id_lists.intern(ids).map_err(|o| o.at_row(index)) } else { Ok(0) };
        let assignee = list(columns.contacts, &row.assignee)?;
        let contact = list(columns.contacts, &row.contact)?;
        let extra = match extras.get(&extra_key) {
            Some(&extra) => extra,
            None => {
                let extra = to_u16(extras.len(), "the count of distinct reference and notes rows")
                    .map_err(|o| o.at_row(index))?;
                extras.insert(extra_key, extra);
                d.extra_reference.push(extra_key[0]);
                d.extra_service_code.push(extra_key[1]);
                d.extra_unauthorized.push(extra_key[2]);
                d.extra_notes.push(extra_key[3]);
                extra
            }
        };
        let strings = &mut d.strings;
        let mut pick =
            |keep: bool, text: &str| if keep { strings.intern(text).map_err(|o| o.at_row(index)) } else { Ok(0) };
        let detail_key = [
            pick(columns.descriptions, &row.description)?,
            assignee,
            contact,
            pick(columns.dates, &row.registration_date)?,
            pick(columns.dates, &row.modification_date)?,
            extra,
        ];
        let detail = match details.get(&detail_key) {
            Some(&detail) => detail,
            None => {
                let detail = to_u16(details.len(), "the count of distinct detail rows").map_err(|o| o.at_row(index))?;
                details.insert(detail_key, detail);
                d.description.push(detail_key[0]);
                d.assignee.push(detail_key[1]);
                d.contact.push(detail_key[2]);
                d.registered.push(detail_key[3]);
                d.modified.push(detail_key[4]);
                d.extra.push(detail_key[5]);
                detail
            }
        };
        records.detail.push(detail);
    }
    Ok(d)
}

/// The id lists, every contact id (interned into the record columns'
/// `strings`: `Record::assignee` and `search` read them there) and the
/// people table's texts in a pool of their own.
fn build_people(registry: &Registry, id_lists: IdLists, strings: &mut StringPool) -> Result<People, Overflow> {
    let mut p = People {
        pool: StringPool::named(["the length in bytes of one person text", "the count of distinct person texts"]),
        ..People::default()
    };
    let mut start = id_lists.start;
    start.push(to_u16(id_lists.pool.len(), "the pool of contact id lists")?);
    (p.id_list_start, p.id_pool) = (start, id_lists.pool);
    // Ids first, back to back: `search` reads one or two per row, in no
    // particular order, and they stay in a few cache-friendly KiB.
    let ids = registry.people.iter().map(|person| person.id.as_str()).chain(id_lists.bare.iter().copied());
    p.id_text = ids.map(|id| strings.intern(id)).collect::<Result<_, _>>()?;
    for person in &registry.people {
        p.name.push(p.pool.intern(person.name.as_deref().unwrap_or(""))?);
        p.org.push(p.pool.intern(person.org.as_deref().unwrap_or(""))?);
        p.uris.push(p.pool.intern(&person.uris.join("\n"))?);
        p.updated.push(p.pool.intern(person.updated.as_deref().unwrap_or(""))?);
    }
    Ok(p)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::xml_source::Person;

    /// A registry row with the given name, ports and line, other columns empty.
    pub(crate) fn row(line: u64, name: Option<&str>, ports: Option<(u16, u16)>) -> crate::model::Row {
        crate::model::Row {
            line,
            name: name.map(str::to_owned),
            ports,
            written_as_range: false,
            proto: Some(Proto::Tcp),
            description: String::new(),
            assignee: Vec::new(),
            contact: Vec::new(),
            registration_date: String::new(),
            modification_date: String::new(),
            reference: String::new(),
            service_code: String::new(),
            unauthorized_use: String::new(),
            notes: String::new(),
            alias_of: None,
            status: if name.is_some() { Status::Assigned } else { Status::Reserved },
        }
    }

    /// A registry of `rows` with one person, `Jon_Postel`.
    pub(crate) fn registry(rows: Vec<crate::model::Row>) -> Registry {
        let postel = Person {
            id: "Jon_Postel".to_owned(),
            name: Some("Jon Postel".to_owned()),
            org: None,
            uris: Vec::new(),
            updated: None,
        };
        Registry {
            title: "T".to_owned(),
            updated: "2026-01-01".to_owned(),
            rows,
            people: vec![postel],
            bare_ids: Vec::new(),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn an_id_missing_from_the_people_table_is_kept_as_a_bare_id() {
        let mut lone = row(2, Some("echo"), Some((7, 7)));
        lone.assignee = vec!["Robert_Baldwin".to_owned()];
        let mut both = row(3, Some("discard"), Some((9, 9)));
        both.contact = vec!["Jon_Postel".to_owned(), "Robert_Baldwin".to_owned()];
        let t = build("t.csv", &registry(vec![lone, both]), Columns::ALL).unwrap();
        let ids: Vec<&str> = t.people.id_text.iter().map(|&id| t.details.strings.get(id)).collect();
        assert_eq!(ids, ["Jon_Postel", "Robert_Baldwin"], "people first, then bare ids");
        assert_eq!(t.people.name.len(), 1, "a bare id is no person");
        // Row 1: the single id 1 (the bare one), inline.
        assert_eq!(t.details.assignee[usize::from(t.records.detail[0])], 1 + 1);
        // Row 2: list 0, after the two single ids, holding both.
        assert_eq!(t.details.contact[usize::from(t.records.detail[1])], 1 + 2);
        assert_eq!((&t.people.id_list_start[..], &t.people.id_pool[..]), (&[0, 2][..], &[0, 1][..]));
    }

    #[test]
    fn person_texts_are_in_a_blob_of_their_own() {
        let mut echo = row(2, Some("echo"), Some((7, 7)));
        echo.description = "Echo".to_owned();
        echo.assignee = vec!["Jon_Postel".to_owned()];
        let mut reg = registry(vec![echo]);
        reg.people[0] = Person {
            id: "Jon_Postel".to_owned(),
            name: Some("Jon Postel".to_owned()),
            org: Some("USC/ISI".to_owned()),
            uris: vec!["mailto:postel&isi.edu".to_owned(), "http://www.isi.edu/".to_owned()],
            updated: Some("1998-10".to_owned()),
        };
        let t = build("t.csv", &reg, Columns::ALL).unwrap();
        let people = &t.people.pool;
        assert_eq!(people.get(t.people.name[0]), "Jon Postel");
        assert_eq!(people.get(t.people.org[0]), "USC/ISI");
        assert_eq!(people.get(t.people.uris[0]), "mailto:postel&isi.edu\nhttp://www.isi.edu/");
        assert_eq!(people.get(t.people.updated[0]), "1998-10");
        for text in ["Jon Postel", "USC/ISI", "mailto", "www.isi.edu", "1998-10"] {
            assert!(!t.details.strings.blob.contains(text), "{text:?} is in the record columns' blob");
        }
        // Contact ids are record-column text (`Record::assignee`, `search`).
        assert_eq!(t.details.strings.get(t.people.id_text[0]), "Jon_Postel");
        assert!(!people.blob.contains("Jon_Postel") && !people.blob.contains("Echo"));
        let none = build("t.csv", &reg, Columns { contacts: false, ..Columns::ALL }).unwrap();
        assert_eq!((none.people.pool.blob.as_str(), none.people.name.len()), ("", 0));
    }

    /// Every id of `pool` (but 0, "") is read by one of `tables`, and no
    /// other: a text the pool holds that nothing reads would be dead weight
    /// in the blob of whoever reads it.
    fn assert_pool_holds_exactly(pool: &StringPool, tables: &[&[u16]], what: &str) {
        let read: std::collections::BTreeSet<u16> = tables.iter().flat_map(|t| t.iter().copied()).collect();
        let held: std::collections::BTreeSet<u16> = (0..pool.ends.len() as u16).collect();
        let unread: Vec<&str> = held.difference(&read).filter(|&&id| id != 0).map(|&id| pool.get(id)).take(3).collect();
        assert!(unread.is_empty(), "{what} holds texts nothing reads from it: {unread:?}");
        assert!(read.is_subset(&held), "{what}: an id past the pool");
    }

    #[test]
    fn each_text_pool_of_the_shipped_registry_holds_only_what_its_columns_read() {
        let t = build("csv", &crate::shipped_registry(), Columns::ALL).unwrap();
        assert_pool_holds_exactly(
            &t.details.strings,
            &[
                &t.details.description,
                &t.details.registered,
                &t.details.modified,
                &t.details.extra_reference,
                &t.details.extra_service_code,
                &t.details.extra_unauthorized,
                &t.details.extra_notes,
                &t.people.id_text,
            ],
            "the record columns' blob",
        );
        assert_pool_holds_exactly(
            &t.people.pool,
            &[&t.people.name, &t.people.org, &t.people.uris, &t.people.updated],
            "the people blob",
        );
        assert!(t.people.pool.blob.len() > 200_000, "names, orgs, URIs and dates of 5,615 people");
    }
}
