//! Writes the tables as Rust source text (see [`crate::rust_text`]).
//!
//! Every table is a flat array of small integers; strings live in `&str`
//! blobs (names; the people table's texts; every other column's) addressed
//! by offsets. That keeps the generated file quick to
//! compile and, unlike `&'static str` fields, needs no load-time relocations
//! in a position-independent binary. Byte arrays are written as byte
//! strings: one literal for rustc to check instead of one per entry.

use crate::rust_text::{Kind, RustText, str_literal};
use crate::tables::{Columns, Details, Names, People, Ports, Ranges, Records, StringPool, Tables};

/// A string pool as `{PREFIX}S` (the blob), `{PREFIX}_BLOCK_BITS`,
/// `{PREFIX}_BASE` and `{PREFIX}_LOW` (see `tables::TwoLevelBounds`).
fn string_pool(out: &mut RustText, prefix: &str, doc: &str, pool: &StringPool) {
    let bounds = pool.two_level_bounds();
    let base_doc = format!(
        "Per block of bounds: its first bound. With `b = {prefix}_BASE[i >> {prefix}_BLOCK_BITS]`, string `i` \
         starts at `b + {prefix}_LOW[i].wrapping_sub(b as u16)` and ends where string `i + 1` starts."
    );
    out.doc(doc).line(format_args!("pub(crate) static {prefix}S: &str = {};", str_literal(&pool.blob)));
    out.constant(
        "Bounds per block of the base table, as a shift.",
        &format!("{prefix}_BLOCK_BITS"),
        "u32",
        bounds.block_bits,
    );
    out.array(&base_doc, Kind::Static, &format!("{prefix}_BASE"), "u32", &bounds.base);
    out.array("Per string bound: its low 16 bits.", Kind::Static, &format!("{prefix}_LOW"), "u16", &bounds.low);
}

/// `{PREFIX}_WRAP` of a string pool: when its bounds lie below 128 KiB,
/// where they pass 64 KiB (see `layout::wrapped_bound`). Written for the
/// names only, the one pool read on a hot path.
fn wrap_const(out: &mut RustText, prefix: &str, pool: &StringPool) {
    let wrap_doc = format!(
        "When every bound of {prefix}_LOW lies below 128 KiB: the first bound at or past 64 KiB (`usize::MAX` \
         if none), so that bound `i` is `layout::wrapped_bound({prefix}_LOW, {prefix}_WRAP, i)` without \
         {prefix}_BASE; `None` otherwise."
    );
    let wrap = match pool.two_level_bounds().wrap() {
        // The host's usize::MAX is no literal on a 32-bit target.
        Some(usize::MAX) => "Some(usize::MAX)".to_owned(),
        Some(at) => format!("Some({at})"),
        None => "None".to_owned(),
    };
    out.constant(&wrap_doc, &format!("{prefix}_WRAP"), "Option<usize>", wrap);
}

/// The generated module's source: the registry's title and date, then
/// each family of [`Tables`], written by itself.
pub fn emit(t: &Tables) -> String {
    let mut out = RustText::default();
    out.constant("`<title>` of the registry snapshot.", "TITLE", "&str", str_literal(&t.title))
        .constant("`<updated>` of the registry snapshot.", "UPDATED", "&str", str_literal(&t.updated))
        .constant("Number of registry rows.", "RECORD_COUNT", "usize", t.records.name.len())
        .constant(
            "Longest text of any one searchable column of any row, in bytes: `search` answers a longer query \
             with nothing, at once.",
            "SEARCH_TEXT_MAX_LEN",
            "usize",
            t.search_text_max_len,
        );
    t.names.emit(&mut out, &t.records);
    t.records.emit(&mut out, t.columns);
    t.ranges.emit(&mut out);
    t.details.emit(&mut out, t.columns);
    if t.columns.contacts {
        t.people.emit(&mut out);
    }
    t.ports.emit(&mut out);
    out.finish()
}

impl Names {
    /// The names blob and its C copy, the name hash, the runs of rows of
    /// each name, and the aliases.
    fn emit(&self, out: &mut RustText, records: &Records) {
        string_pool(
            out,
            "NAME",
            "Every service name, in name-hash slot order: name 0 is \"\", name `s + 1` the name of slot `s` \
             (\"\" for an empty slot).",
            &self.pool,
        );
        wrap_const(out, "NAME", &self.pool);
        let max_name = records.name.iter().map(|&id| self.pool.get(id).len()).max().unwrap_or(0);
        let n = &self.hash;
        out.bytes(
            "NAMES again, each name followed by a NUL, for `service_name_cstr` (a `const char *` without a \
             copy): name `i` starts at its start in NAMES plus `i`. Only programs that ask for C strings link \
             it; NAMES itself has no NULs, so that it stays under 64 KiB.",
            Kind::Static,
            "NAME_C_BYTES",
            &self.pool.nul_terminated(),
        )
        .constant(
            "Longest service name in bytes: longer queries miss without hashing.",
            "NAME_MAX_LEN",
            "usize",
            max_name,
        )
        .constant("Seed of the name hash.", "NAME_SEED", "u64", n.seed)
        .array("Per bucket: the pilot that places its names.", Kind::Static, "NAME_PILOTS", "u16", &n.pilots)
        .constant(
            "Slots of the name hash: the name of slot `s` is name `s + 1` of NAMES (see \
             `layout::name_id_of_slot`); an empty slot's has length 0.",
            "NAME_SLOTS",
            "usize",
            n.first_row.len(),
        )
        .bytes(
            "Per slot: `layout::name_run` of its name's first run of consecutive rows, which starts at \
             NAME_ROW: its length, and `layout::NAME_RUN_MORE` when further runs are listed in NAME_MORE_*.",
            Kind::Static,
            "NAME_RUN",
            &n.first_run,
        )
        .bytes("Length of each further run (see NAME_MORE_SLOT).", Kind::Static, "NAME_MORE_LEN", &n.more_len)
        .array(
            "Per slot: the first row of its name (0 for an empty slot).",
            Kind::Static,
            "NAME_ROW",
            "u16",
            &n.first_row,
        )
        .array(
            "The further runs of names with more than one, sorted by slot then row: the slot ...",
            Kind::Static,
            "NAME_MORE_SLOT",
            "u16",
            &n.more_slot,
        )
        .array(
            "... the run's first row, and its length in NAME_MORE_LEN.",
            Kind::Static,
            "NAME_MORE_ROW",
            "u16",
            &n.more_row,
        )
        .array("Sorted string ids of historic alias names.", Kind::Static, "ALIAS_NAME", "u16", &self.alias_name)
        .array("Name each alias record points to.", Kind::Static, "ALIAS_TARGET", "u16", &self.alias_target);
    }
}

impl Records {
    /// The record columns. `const` rather than `static`: read only while
    /// building `RECORDS` in const evaluation, so they never reach the binary.
    fn emit(&self, out: &mut RustText, columns: Columns) {
        let range_low: Vec<u8> = self.range.iter().map(|&v| crate::layout::range_low(v)).collect();
        out.bytes("Per record: flag bits, see `layout::record_flags`.", Kind::Const, "RECORD_FLAGS", &self.flags)
            .bytes(
                "Per record: low byte of its range number, see `layout::range_number`.",
                Kind::Const,
                "RECORD_RANGE",
                &range_low,
            )
            .array("Per record: string id of the service name.", Kind::Const, "RECORD_NAME", "u16", &self.name)
            .array("Per record: first port.", Kind::Const, "RECORD_START", "u16", &self.start);
        if columns.any_detail() {
            out.array("Per record: row of the detail columns.", Kind::Const, "RECORD_DETAIL", "u16", &self.detail);
        }
    }
}

impl Ranges {
    fn emit(&self, out: &mut RustText) {
        out.array(
            "Last port of each range number (`layout::range_number`); entry 0 is unused.",
            Kind::Static,
            "RANGE_END",
            "u16",
            &self.end,
        )
        .array("First port of each range number; entry 0 is unused.", Kind::Static, "RANGE_START", "u16", &self.start)
        .array(
            "Per block of 2^layout::RANGE_BLOCK_BITS ports, then one past the last: the first range number \
             starting in or after it.",
            Kind::Static,
            "RANGE_BLOCK",
            "u16",
            &self.block,
        )
        .array("Record of each range number; entry 0 is unused.", Kind::Static, "RANGE_ROW", "u16", &self.row)
        .array(
            "Running maximum of RANGE_END up to each range number: the ranges that can cover a port follow the \
             last whose reach falls short of it.",
            Kind::Static,
            "RANGE_REACH",
            "u16",
            &self.reach,
        );
    }
}

impl Details {
    /// The kept columns and their strings blob.
    fn emit(&self, out: &mut RustText, c: Columns) {
        if c.any_detail() {
            string_pool(
                out,
                "STRING",
                "The record columns' distinct texts (contact ids included), back to back; string 0 is \"\".",
                &self.strings,
            );
        }
        let mut table = |keep: bool, doc: &str, name: &str, values: &[u16]| {
            if keep {
                out.array(doc, Kind::Static, name, "u16", values);
            }
        };
        table(c.descriptions, "Description string ids.", "DETAIL_DESCRIPTION", &self.description);
        table(
            c.contacts,
            "Assignee: 0 none, `1 + p` id `p` of ID_TEXT, `1 + ID_TEXT.len() + i` list `i` of ID_LIST_START.",
            "DETAIL_ASSIGNEE",
            &self.assignee,
        );
        table(c.contacts, "Contact, encoded as DETAIL_ASSIGNEE.", "DETAIL_CONTACT", &self.contact);
        table(c.dates, "Registration dates.", "DETAIL_REGISTERED", &self.registered);
        table(c.dates, "Modification dates.", "DETAIL_MODIFIED", &self.modified);
        table(c.any_extra(), "Row of the sparse extra columns (0 = none).", "DETAIL_EXTRA", &self.extra);
        table(c.references, "References.", "EXTRA_REFERENCE", &self.extra_reference);
        table(c.references, "DCCP service codes.", "EXTRA_SERVICE_CODE", &self.extra_service_code);
        table(c.notes, "Unauthorized use reported.", "EXTRA_UNAUTHORIZED", &self.extra_unauthorized);
        table(c.notes, "Assignment notes.", "EXTRA_NOTES", &self.extra_notes);
    }
}

impl People {
    /// The id lists, the ids, and the people table with its blob.
    fn emit(&self, out: &mut RustText) {
        out.array(
            "Lists of two or more people: list `i` is `ID_POOL[ID_LIST_START[i]..ID_LIST_START[i + 1]]`.",
            Kind::Static,
            "ID_LIST_START",
            "u16",
            &self.id_list_start,
        )
        .array("Indices into ID_TEXT, list after list.", Kind::Static, "ID_POOL", "u16", &self.id_pool)
        .array(
            "Every contact id: first the people sorted by id (id `p` is person `p` of PERSON_*), then the ids \
             the people table lacks.",
            Kind::Static,
            "ID_TEXT",
            "u16",
            &self.id_text,
        );
        string_pool(
            out,
            "PERSON_STRING",
            "The people table's names, organisations, URIs and dates, back to back; string 0 is \"\". A blob \
             of its own: only `Person`'s text accessors read it, not the record columns or `search`.",
            &self.pool,
        );
        out.array("Person name (id in PERSON_STRINGS).", Kind::Static, "PERSON_NAME", "u16", &self.name)
            .array("Person organisation (id in PERSON_STRINGS).", Kind::Static, "PERSON_ORG", "u16", &self.org)
            .array(
                "Person URIs, newline-separated (id in PERSON_STRINGS).",
                Kind::Static,
                "PERSON_URIS",
                "u16",
                &self.uris,
            )
            .array("Person last updated (id in PERSON_STRINGS).", Kind::Static, "PERSON_UPDATED", "u16", &self.updated);
    }
}

impl Ports {
    /// The two port indexes: runs of rows by first port, first names.
    fn emit(&self, out: &mut RustText) {
        out.array(
            "Per block of 2^layout::RUN_BLOCK_BITS ports, then one past the last: the first record starting in \
             or after it (records are sorted by first port).",
            Kind::Static,
            "RUN_BLOCK",
            "u16",
            &self.runs.block,
        )
        .constant(
            "Named blocks per protocol in NAMED_BLOCK: past them no port is named.",
            "NAMED_STRIDE",
            "usize",
            self.named.stride,
        )
        .array(
            "Per block of 2^layout::NAMED_BLOCK_BITS ports up to NAMED_STRIDE, per protocol (entry `4 n + p`): \
             offset of its distinct block in NAMED_DATA; then four 0 (the empty block) for ports past \
             NAMED_STRIDE blocks.",
            Kind::Static,
            "NAMED_BLOCK",
            "u16",
            &self.named.block,
        )
        .array(
            "Distinct blocks: first name string id per port (0 = none).",
            Kind::Static,
            "NAMED_DATA",
            "u16",
            &self.named.data,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pool_under_64_kib_writes_its_wrap_as_usize_max_not_a_64_bit_literal() {
        let mut pool = StringPool::new();
        pool.intern("http").unwrap();
        let mut source = RustText::default();
        wrap_const(&mut source, "NAME", &pool);
        let source = source.finish();
        // The host's usize::MAX as a literal does not compile for 32-bit targets.
        assert!(source.contains("NAME_WRAP: Option<usize> = Some(usize::MAX);"), "{source}");
        assert!(!source.contains(&usize::MAX.to_string()));
    }
}
