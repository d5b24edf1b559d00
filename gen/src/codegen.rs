//! Writes the tables as Rust source with `quote`.
//!
//! Every table is a flat array of small integers; strings live in `&str`
//! blobs (names; the people table's texts; every other column's) addressed
//! by offsets. That keeps the generated file quick to
//! compile and, unlike `&'static str` fields, needs no load-time relocations
//! in a position-independent binary.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::tables::{StringPool, Tables};

fn u16s(values: &[u16]) -> TokenStream {
    let items = values.iter().map(|&v| Literal::u16_unsuffixed(v));
    quote!([#(#items),*])
}

fn static_u16(name: &str, doc: &str, values: &[u16]) -> TokenStream {
    let ident = format_ident!("{}", name);
    let len = values.len();
    let array = u16s(values);
    quote! {
        #[doc = #doc]
        pub(crate) static #ident: [u16; #len] = #array;
    }
}

/// `const` rather than `static`: read only while building `RECORDS` in
/// const evaluation, so they never reach the binary.
fn const_u16(name: &str, doc: &str, values: &[u16]) -> TokenStream {
    let ident = format_ident!("{}", name);
    let len = values.len();
    let array = u16s(values);
    quote! {
        #[doc = #doc]
        pub(crate) const #ident: [u16; #len] = #array;
    }
}

/// A string pool as `{PREFIX}S` (the blob), `{PREFIX}_BLOCK_BITS`,
/// `{PREFIX}_BASE` and `{PREFIX}_LOW` (see `tables::TwoLevelBounds`).
fn string_pool(prefix: &str, doc: &str, pool: &StringPool) -> TokenStream {
    let blob_ident = format_ident!("{}S", prefix);
    let bits_ident = format_ident!("{}_BLOCK_BITS", prefix);
    let base_ident = format_ident!("{}_BASE", prefix);
    let low_name = format!("{prefix}_LOW");
    let blob = &pool.blob;
    let bounds = pool.two_level_bounds();
    let block_bits = bounds.block_bits;
    let base_len = bounds.base.len();
    let base = bounds.base.iter().map(|&v| Literal::u32_unsuffixed(v));
    let base_doc = format!(
        "Per block of bounds: its first bound. With `b = {prefix}_BASE[i >> {prefix}_BLOCK_BITS]`, string `i` \
         starts at `b + {prefix}_LOW[i].wrapping_sub(b as u16)` and ends where string `i + 1` starts."
    );
    let mut out = quote! {
        #[doc = #doc]
        pub(crate) static #blob_ident: &str = #blob;
        /// Bounds per block of the base table, as a shift.
        pub(crate) const #bits_ident: u32 = #block_bits;
        #[doc = #base_doc]
        pub(crate) static #base_ident: [u32; #base_len] = [#(#base),*];
    };
    out.extend(static_u16(&low_name, "Per string bound: its low 16 bits.", &bounds.low));
    out
}

/// `{PREFIX}_WRAP` of a string pool: when its bounds lie below 128 KiB,
/// where they pass 64 KiB (see `layout::wrapped_bound`). Written for the
/// names only, the one pool read on a hot path.
fn wrap_const(prefix: &str, pool: &StringPool) -> TokenStream {
    let bounds = pool.two_level_bounds();
    let wrap_ident = format_ident!("{}_WRAP", prefix);
    let wrap_doc = format!(
        "When every bound of {prefix}_LOW lies below 128 KiB: the first bound at or past 64 KiB (`usize::MAX` \
         if none), so that bound `i` is `layout::wrapped_bound({prefix}_LOW, {prefix}_WRAP, i)` without \
         {prefix}_BASE; `None` otherwise."
    );
    let wrap = match bounds.wrap() {
        // The host's usize::MAX is no literal on a 32-bit target.
        Some(usize::MAX) => quote!(Some(usize::MAX)),
        Some(at) => {
            let at = Literal::usize_unsuffixed(at);
            quote!(Some(#at))
        }
        None => quote!(None),
    };
    quote! {
        #[doc = #wrap_doc]
        pub(crate) const #wrap_ident: Option<usize> = #wrap;
    }
}

/// [`crate::layout`], verbatim, as module `layout` of the generated tables.
fn layout_module() -> TokenStream {
    let body: TokenStream = match crate::LAYOUT_SOURCE.parse() {
        Ok(body) => body,
        // Our own source, parsed in every test run; the arm keeps `emit` total.
        Err(e) => {
            let message = format!("iana-ports-gen: layout.rs does not parse: {e}");
            quote!(compile_error!(#message);)
        }
    };
    quote! {
        /// How the tables encode what they hold (`iana_ports_gen::layout`, verbatim).
        #[allow(dead_code)]
        pub(crate) mod layout { #body }
    }
}

/// The generated module's source.
pub fn emit(t: &Tables) -> TokenStream {
    let title = &t.title;
    let updated = &t.updated;
    let max_name = t.rec_name.iter().map(|&id| t.names_pool.get(id).len()).max().unwrap_or(0);
    let records = t.rec_name.len();
    let flags_items = t.rec_flags.iter().map(|&v| Literal::u8_unsuffixed(v));
    let range_items = t.rec_range.iter().map(|&v| Literal::u8_unsuffixed(crate::layout::range_low(v)));
    let mut out = quote! {
        /// `<title>` of the registry snapshot.
        pub(crate) const TITLE: &str = #title;
        /// `<updated>` of the registry snapshot.
        pub(crate) const UPDATED: &str = #updated;
        /// Number of registry rows.
        pub(crate) const RECORD_COUNT: usize = #records;
    };
    out.extend(layout_module());
    out.extend(string_pool(
        "NAME",
        "Every service name, in name-hash slot order: name 0 is \"\", name `s + 1` the name of slot `s` \
         (\"\" for an empty slot).",
        &t.names_pool,
    ));
    out.extend(wrap_const("NAME", &t.names_pool));
    let c_names = t.names_pool.nul_terminated();
    let c_len = c_names.len();
    let c_names = Literal::byte_string(&c_names);
    out.extend(quote! {
        /// NAMES again, each name followed by a NUL, for `service_name_cstr`
        /// (a `const char *` without a copy): name `i` starts at its start
        /// in NAMES plus `i`. Only programs that ask for C strings link it;
        /// NAMES itself has no NULs, so that it stays under 64 KiB.
        pub(crate) static NAME_C_BYTES: [u8; #c_len] = *#c_names;
    });
    if t.columns.any_detail() {
        out.extend(string_pool(
            "STRING",
            "The record columns' distinct texts (contact ids included), back to back; string 0 is \"\".",
            &t.strings,
        ));
    }
    out.extend(quote! {
        /// Longest service name in bytes: longer queries miss without hashing.
        pub(crate) const NAME_MAX_LEN: usize = #max_name;
        /// Per record: flag bits, see `layout::record_flags`.
        pub(crate) const RECORD_FLAGS: [u8; #records] = [#(#flags_items),*];
        /// Per record: low byte of its range number, see `layout::range_number`.
        pub(crate) const RECORD_RANGE: [u8; #records] = [#(#range_items),*];
    });
    out.extend(const_u16("RECORD_NAME", "Per record: string id of the service name.", &t.rec_name));
    out.extend(const_u16("RECORD_START", "Per record: first port.", &t.rec_start));
    out.extend(static_u16(
        "RANGE_END",
        "Last port of each range number (`layout::range_number`); entry 0 is unused.",
        &t.range_end,
    ));
    let c = t.columns;
    if c.any_detail() {
        out.extend(const_u16("RECORD_DETAIL", "Per record: row of the detail columns.", &t.rec_detail));
    }
    if c.descriptions {
        out.extend(static_u16("DETAIL_DESCRIPTION", "Description string ids.", &t.detail_description));
    }
    if c.contacts {
        out.extend(static_u16(
            "DETAIL_ASSIGNEE",
            "Assignee: 0 none, `1 + p` id `p` of ID_TEXT, `1 + ID_TEXT.len() + i` list `i` of ID_LIST_START.",
            &t.detail_assignee,
        ));
        out.extend(static_u16("DETAIL_CONTACT", "Contact, encoded as DETAIL_ASSIGNEE.", &t.detail_contact));
        out.extend(static_u16(
            "ID_LIST_START",
            "Lists of two or more people: list `i` is `ID_POOL[ID_LIST_START[i]..ID_LIST_START[i + 1]]`.",
            &t.id_list_start,
        ));
        out.extend(static_u16("ID_POOL", "Indices into ID_TEXT, list after list.", &t.id_pool));
        out.extend(static_u16(
            "ID_TEXT",
            "Every contact id: first the people sorted by id (id `p` is person `p` of PERSON_*), then the ids \
             the people table lacks.",
            &t.id_text,
        ));
        out.extend(string_pool(
            "PERSON_STRING",
            "The people table's names, organisations, URIs and dates, back to back; string 0 is \"\". A blob \
             of its own: only `Person`'s text accessors read it, not the record columns or `search`.",
            &t.people_pool,
        ));
        out.extend(static_u16("PERSON_NAME", "Person name (id in PERSON_STRINGS).", &t.person_name));
        out.extend(static_u16("PERSON_ORG", "Person organisation (id in PERSON_STRINGS).", &t.person_org));
        out.extend(static_u16("PERSON_URIS", "Person URIs, newline-separated (id in PERSON_STRINGS).", &t.person_uris));
        out.extend(static_u16("PERSON_UPDATED", "Person last updated (id in PERSON_STRINGS).", &t.person_updated));
    }
    if c.dates {
        out.extend(static_u16("DETAIL_REGISTERED", "Registration dates.", &t.detail_registered));
        out.extend(static_u16("DETAIL_MODIFIED", "Modification dates.", &t.detail_modified));
    }
    if c.any_extra() {
        out.extend(static_u16("DETAIL_EXTRA", "Row of the sparse extra columns (0 = none).", &t.detail_extra));
    }
    if c.references {
        out.extend(static_u16("EXTRA_REFERENCE", "References.", &t.extra_reference));
        out.extend(static_u16("EXTRA_SERVICE_CODE", "DCCP service codes.", &t.extra_service_code));
    }
    if c.notes {
        out.extend(static_u16("EXTRA_UNAUTHORIZED", "Unauthorized use reported.", &t.extra_unauthorized));
        out.extend(static_u16("EXTRA_NOTES", "Assignment notes.", &t.extra_notes));
    }
    out.extend(static_u16("ALIAS_NAME", "Sorted string ids of historic alias names.", &t.alias_name));
    out.extend(static_u16("ALIAS_TARGET", "Name each alias record points to.", &t.alias_target));

    let n = &t.names;
    let seed = Literal::u64_unsuffixed(n.seed);
    out.extend(quote! {
        /// Seed of the name hash.
        pub(crate) const NAME_SEED: u64 = #seed;
    });
    out.extend(static_u16("NAME_PILOTS", "Per bucket: the pilot that places its names.", &n.pilots));
    let slots = n.first_row.len();
    let first_run = n.first_run.iter().map(|&v| Literal::u8_unsuffixed(v));
    let more_count = n.more_len.len();
    let more_len = n.more_len.iter().map(|&v| Literal::u8_unsuffixed(v));
    out.extend(quote! {
        /// Slots of the name hash: the name of slot `s` is name `s + 1` of
        /// NAMES (see `layout::name_id_of_slot`); an empty slot's has length 0.
        pub(crate) const NAME_SLOTS: usize = #slots;
        /// Per slot: `layout::name_run` of its name's first run of
        /// consecutive rows, which starts at NAME_ROW: its length, and
        /// `layout::NAME_RUN_MORE` when further runs are listed in NAME_MORE_*.
        pub(crate) static NAME_RUN: [u8; #slots] = [#(#first_run),*];
        /// Length of each further run (see NAME_MORE_SLOT).
        pub(crate) static NAME_MORE_LEN: [u8; #more_count] = [#(#more_len),*];
    });
    out.extend(static_u16("NAME_ROW", "Per slot: the first row of its name (0 for an empty slot).", &n.first_row));
    out.extend(static_u16(
        "NAME_MORE_SLOT",
        "The further runs of names with more than one, sorted by slot then row: the slot ...",
        &n.more_slot,
    ));
    out.extend(static_u16("NAME_MORE_ROW", "... the run's first row, and its length in NAME_MORE_LEN.", &n.more_row));

    out.extend(static_u16(
        "RUN_BLOCK",
        "Per block of 2^layout::RUN_BLOCK_BITS ports, then one past the last: the first record starting in \
         or after it (records are sorted by first port).",
        &t.runs.block,
    ));
    out.extend(static_u16("RANGE_START", "First port of each range number; entry 0 is unused.", &t.range_start));
    out.extend(static_u16(
        "RANGE_BLOCK",
        "Per block of 2^layout::RANGE_BLOCK_BITS ports, then one past the last: the first range number \
         starting in or after it.",
        &t.range_block,
    ));
    out.extend(static_u16("RANGE_ROW", "Record of each range number; entry 0 is unused.", &t.range_row));
    out.extend(static_u16(
        "RANGE_REACH",
        "Running maximum of RANGE_END up to each range number: the ranges that can cover a port follow the \
         last whose reach falls short of it.",
        &t.range_reach,
    ));

    let stride = t.named.stride;
    out.extend(quote! {
        /// Named blocks per protocol in NAMED_BLOCK: past them no port is named.
        pub(crate) const NAMED_STRIDE: usize = #stride;
    });
    out.extend(static_u16(
        "NAMED_BLOCK",
        "Per block of 2^layout::NAMED_BLOCK_BITS ports up to NAMED_STRIDE, per protocol (entry `4 n + p`): \
         offset of its distinct block in NAMED_DATA; then four 0 (the empty block) for ports past \
         NAMED_STRIDE blocks.",
        &t.named.block,
    ));
    out.extend(static_u16("NAMED_DATA", "Distinct blocks: first name string id per port (0 = none).", &t.named.data));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pool_under_64_kib_writes_its_wrap_as_usize_max_not_a_64_bit_literal() {
        let mut pool = StringPool::new();
        pool.intern("http").unwrap();
        let source = wrap_const("NAME", &pool).to_string();
        // The host's usize::MAX as a literal does not compile for 32-bit targets.
        assert!(source.contains("NAME_WRAP : Option < usize > = Some (usize :: MAX)"), "{source}");
        assert!(!source.contains(&usize::MAX.to_string()));
    }
}
