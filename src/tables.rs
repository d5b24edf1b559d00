//! The generated tables and the primitives that read them.

#![allow(clippy::unreadable_literal, clippy::large_const_arrays)]

include!(concat!(env!("OUT_DIR"), "/tables.rs"));

/// The name hash, shared verbatim with the generator.
pub(crate) mod hash {
    include!(concat!(env!("OUT_DIR"), "/hash.rs"));
}

/// How the tables encode what they hold, shared verbatim with the generator.
#[allow(dead_code)]
pub(crate) mod layout {
    include!(concat!(env!("OUT_DIR"), "/layout.rs"));
}

pub(crate) use layout::{HAS_PORT, PROTO_MASK, range_number};

use layout::{bound, span};

/// String `id` of a blob with its two-level bounds (`base`, `low`,
/// `block_bits`, as the generator writes them beside the blob); id 0 is "".
///
/// Three loads: the block's base, then the low 16 bits of the string's two
/// bounds, which give its start (within 64 KiB of the base) and its length
/// (under 64 KiB) in wrapping arithmetic.
///
/// Inlined into one reader per blob ([`string`], [`person_text`]), each out
/// of line with its blob's constants folded in: one copy for every accessor
/// and for `search`'s scan. Measured: leaving it to the optimiser called a
/// generic copy from `search` (10% slower scans), and inlining the readers
/// everywhere cost a 4 KiB page.
#[cfg(details)]
#[inline(always)]
const fn pooled(blob: &'static str, base: &[u32], low: &[u16], block_bits: u32, id: u16) -> &'static str {
    let id = id as usize;
    let start = bound(base, low, block_bits, id);
    let len = span(low, id);
    blob.split_at(start).1.split_at(len).0
}

/// String `id` of the record columns' blob (`STRINGS`); id 0 is "".
#[cfg(details)]
#[inline(never)]
pub(crate) const fn string(id: u16) -> &'static str {
    pooled(STRINGS, &STRING_BASE, &STRING_LOW, STRING_BLOCK_BITS, id)
}

/// `Some(text)` unless the string is empty (absent): the text columns'
/// reader (contact ids are never absent, people's texts have their own).
#[cfg(any(feature = "descriptions", feature = "dates", feature = "references", feature = "notes"))]
#[inline]
pub(crate) const fn optional(id: u16) -> Option<&'static str> {
    if id == 0 { None } else { Some(string(id)) }
}

/// Text `id` of the people table's blob (`PERSON_STRINGS`), `None` for id 0
/// (absent): a blob of its own, so that only a program reading a person's
/// name, org, URIs or date links it.
#[cfg(feature = "contacts")]
#[inline(never)]
pub(crate) const fn person_text(id: u16) -> Option<&'static str> {
    if id == 0 {
        None
    } else {
        Some(pooled(PERSON_STRINGS, &PERSON_STRING_BASE, &PERSON_STRING_LOW, PERSON_STRING_BLOCK_BITS, id))
    }
}

/// Service name `id` (an id of `RECORD_NAME` or `NAMED_DATA`): where it
/// starts in `NAMES` and its length.
#[inline(always)]
const fn name_span(id: u16) -> (usize, usize) {
    let id = id as usize;
    let start = match NAME_WRAP {
        // Every registry so far: the names end below 64 KiB (128 KiB would
        // do), and the low bits alone give the start (no base load, and
        // below 64 KiB no compare, on the hot path).
        Some(wrap) => layout::wrapped_bound(&NAME_LOW, wrap, id),
        None => bound(&NAME_BASE, &NAME_LOW, NAME_BLOCK_BITS, id),
    };
    let len = span(&NAME_LOW, id);
    (start, len)
}

/// Service name `id`.
#[inline(always)]
pub(crate) const fn name(id: u16) -> &'static str {
    let (start, len) = name_span(id);
    NAMES.split_at(start).1.split_at(len).0
}

/// Service name `id` as a C string, from `NAME_C_BYTES` (the names with a
/// NUL after each, where name `id` starts `id` bytes later than in `NAMES`),
/// so nothing is copied.
#[inline(always)]
pub(crate) const fn name_cstr(id: u16) -> &'static core::ffi::CStr {
    let (start, len) = name_span(id);
    let start = start + id as usize;
    match core::ffi::CStr::from_bytes_with_nul(NAME_C_BYTES.split_at(start).1.split_at(len + 1).0) {
        Ok(text) => text,
        // Names hold no NUL (the generator refuses control characters in
        // them), so this arm is never taken; "" keeps the function total.
        Err(_) => c"",
    }
}

/// ASCII case-insensitive equality, usable in `const fn`.
#[inline]
pub(crate) const fn eq_ignore_case(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if !a[i].eq_ignore_ascii_case(&b[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// The slot a name hash points to.
#[inline]
const fn slot_of_hash(h: u64) -> usize {
    let bucket = hash::bucket_of(h, NAME_PILOTS.len());
    hash::slot_of(h, NAME_PILOTS[bucket], NAME_SLOTS)
}

/// The name-hash slot holding `name` (any case), if it is registered.
///
/// The slot's name is name `slot + 1` (the names blob is in slot order).
/// Names of up to 16 bytes (every name RFC 6335 allows) are read as two
/// overlapping words ([`hash::words`]), lower-cased, hashed, and compared
/// with the stored name's words as stored, then lower-cased if that fails
/// (39 registered names have upper case): no per-byte loop. Longer names
/// are hashed 16 bytes a round and compared byte by byte.
#[inline]
pub(crate) const fn name_slot(name: &str) -> Option<usize> {
    let bytes = name.as_bytes();
    let len = bytes.len();
    if len == 0 || len > NAME_MAX_LEN {
        return None;
    }
    let blob = NAMES.as_bytes();
    if len <= 16 {
        let (lo, hi) = hash::words(bytes, 0, len);
        let (lo, hi) = (hash::lower_word(lo), hash::lower_word(hi));
        let slot = slot_of_hash(hash::short_hash(lo, hi, len, NAME_SEED));
        // An empty slot's name has length 0: the test fails.
        let (start, stored_len) = name_span(name_id_of_slot(slot));
        if stored_len != len {
            return None;
        }
        let stored = hash::words(blob, start, len);
        // Most names are stored in lower case: compare as stored first.
        let same = (stored.0 == lo && stored.1 == hi)
            || (hash::lower_word(stored.0) == lo && hash::lower_word(stored.1) == hi);
        if same { Some(slot) } else { None }
    } else {
        let slot = slot_of_hash(hash::name_hash(bytes, NAME_SEED));
        let (start, stored_len) = name_span(name_id_of_slot(slot));
        if stored_len != len {
            return None;
        }
        let stored = blob.split_at(start).1.split_at(len).0;
        if eq_ignore_case(stored, bytes) { Some(slot) } else { None }
    }
}

/// The first index in `lo..hi` of the sorted `values` whose value is not
/// below `key` (`hi` if none): a binary search, usable in `const`.
#[inline]
const fn first_not_below(values: &[u16], mut lo: usize, mut hi: usize, key: u16) -> usize {
    while lo < hi {
        let mid = (lo + hi) / 2;
        if values[mid] < key {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The name id of `slot` (see `layout::name_id_of_slot`).
#[inline(always)]
pub(crate) const fn name_id_of_slot(slot: usize) -> u16 {
    layout::name_id_of_slot(slot) as u16
}

/// The first row of the name of `slot`.
#[inline]
pub(crate) const fn name_first_row(slot: usize) -> usize {
    NAME_ROW[slot] as usize
}

/// The first run of the name of `slot`: its consecutive rows `first..end`.
#[inline]
pub(crate) const fn name_first_run(slot: usize) -> core::ops::Range<usize> {
    let first = name_first_row(slot);
    first..first + (NAME_RUN[slot] & layout::NAME_RUN_MAX_LEN as u8) as usize
}

/// Entries `first..past` of `NAME_MORE_*`: the runs of the name of `slot`
/// after its first (none for most names: `NAME_RUN` tells).
#[inline]
pub(crate) const fn name_more_runs(slot: usize) -> core::ops::Range<usize> {
    if NAME_RUN[slot] & layout::NAME_RUN_MORE == 0 {
        return 0..0;
    }
    let key = slot as u16;
    let first = first_not_below(&NAME_MORE_SLOT, 0, NAME_MORE_SLOT.len(), key);
    let mut past = first;
    while past < NAME_MORE_SLOT.len() && NAME_MORE_SLOT[past] == key {
        past += 1;
    }
    first..past
}

/// Run `k` of `NAME_MORE_*` (see [`name_more_runs`]): its rows.
#[inline]
pub(crate) const fn name_more_run(k: usize) -> core::ops::Range<usize> {
    let first = NAME_MORE_ROW[k] as usize;
    first..first + NAME_MORE_LEN[k] as usize
}

/// Every row of one name in registry order, steppable in `const`: its first
/// run, then its further runs, looked up only once the first run ends (most
/// names have one run).
#[derive(Debug, Clone, Copy)]
pub(crate) struct NameRows {
    /// The name's slot.
    slot: usize,
    /// The rest of the current run: `row..end`.
    row: usize,
    end: usize,
    /// Further runs yet to visit, as `NAME_MORE_*` entries `more..more_end`
    /// (`more_end` is [`NameRows::NOT_LOOKED_UP`] until the first run ends).
    more: usize,
    more_end: usize,
}

impl NameRows {
    /// `more_end` before the further runs are looked up.
    const NOT_LOOKED_UP: usize = usize::MAX;

    /// No rows.
    pub(crate) const EMPTY: NameRows = NameRows { slot: 0, row: 0, end: 0, more: 0, more_end: 0 };

    /// The rows of the name of `slot`.
    #[inline]
    pub(crate) const fn of(slot: usize) -> NameRows {
        let run = name_first_run(slot);
        NameRows { slot, row: run.start, end: run.end, more: 0, more_end: NameRows::NOT_LOOKED_UP }
    }

    /// The rows of `name` (any case); none if it is not registered.
    #[inline]
    pub(crate) const fn of_name(name: &str) -> NameRows {
        match name_slot(name) {
            Some(slot) => NameRows::of(slot),
            None => NameRows::EMPTY,
        }
    }

    /// The next row's index.
    #[inline]
    pub(crate) const fn next_row(&mut self) -> Option<usize> {
        if self.row == self.end {
            if self.more_end == NameRows::NOT_LOOKED_UP {
                let more = name_more_runs(self.slot);
                (self.more, self.more_end) = (more.start, more.end);
            }
            if self.more == self.more_end {
                return None;
            }
            let run = name_more_run(self.more);
            (self.row, self.end) = (run.start, run.end);
            self.more += 1;
        }
        self.row += 1;
        Some(self.row - 1)
    }
}

/// The records starting at `port`, all protocols: `RECORDS[start..end]`.
///
/// Records are sorted by first port, so they are one run inside the port's
/// block of `RUN_BLOCK`: a binary search for its first, then a scan to its
/// end (a run is a few rows: the port's tcp/udp/sctp/dccp rows).
#[inline]
pub(crate) const fn run(port: u16) -> (usize, usize) {
    let block = (port >> layout::RUN_BLOCK_BITS) as usize;
    let mut lo = RUN_BLOCK[block] as usize;
    let mut hi = RUN_BLOCK[block + 1] as usize;
    let block_end = hi;
    // First record of the block starting at or after `port`.
    while lo < hi {
        let mid = (lo + hi) / 2;
        if RECORDS[mid].start < port {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let mut end = lo;
    while end < block_end && RECORDS[end].start == port {
        end += 1;
    }
    (lo, end)
}

/// Range numbers `first..past` of the ranges that start before `port` and
/// may reach it: range numbers follow registry order (by first port), so
/// the port's block in `RANGE_BLOCK` and a short binary search over
/// `RANGE_START` find `past`, and `RANGE_REACH` (the
/// running maximum of the last port) stops the walk back at the first range
/// that cannot reach `port`. Each candidate still needs
/// `RANGE_END[n] >= port`; in this registry a port has at most 2.
#[inline]
pub(crate) const fn ranges_before(port: u16) -> (usize, usize) {
    let block = (port >> layout::RANGE_BLOCK_BITS) as usize;
    let past = first_not_below(&RANGE_START, RANGE_BLOCK[block] as usize, RANGE_BLOCK[block + 1] as usize, port);
    let mut first = past;
    while first > 1 && RANGE_REACH[first - 1] >= port {
        first -= 1;
    }
    (first, past)
}

/// Record of range number `n` when it covers `port` on `proto` (a candidate
/// of [`ranges_before`]).
#[inline]
pub(crate) const fn range_covering(n: usize, port: u16, proto: crate::Protocol) -> Option<&'static crate::Record> {
    let record = &RECORDS[RANGE_ROW[n] as usize];
    if RANGE_END[n] >= port && record.applies_to(proto) { Some(record) } else { None }
}

/// Name id of the first named row covering `port` on `proto` (0-3).
///
/// Two dependent loads: the port's block in `NAMED_BLOCK` (the protocol's
/// empty block past its last named one), then its entry in `NAMED_DATA`.
#[inline]
pub(crate) const fn first_name(port: u16, proto: usize) -> Option<u16> {
    let n = (port >> layout::NAMED_BLOCK_BITS) as usize;
    // Past the last named block: the empty block (a conditional move on a
    // constant, not a branch random ports would mispredict).
    let n = if n < NAMED_STRIDE { n } else { NAMED_STRIDE };
    let block = NAMED_BLOCK[n * crate::Protocol::ALL.len() + proto] as usize;
    let id = NAMED_DATA[block + (port & ((1 << layout::NAMED_BLOCK_BITS) - 1)) as usize];
    if id == 0 { None } else { Some(id) }
}

/// Every registry row, built from the generated columns at compile time.
pub(crate) static RECORDS: [crate::Record; RECORD_COUNT] = {
    let mut out = [crate::Record {
        name: 0,
        start: 0,
        flags: 0,
        range: 0,
        #[cfg(details)]
        detail: 0,
    }; RECORD_COUNT];
    // Each column borrowed once: indexing a `const` array by name makes
    // const evaluation copy the whole array at every read (a measurable
    // part of every dependent's build).
    let (names, starts, flags, ranges) = (&RECORD_NAME, &RECORD_START, &RECORD_FLAGS, &RECORD_RANGE);
    #[cfg(details)]
    let details = &RECORD_DETAIL;
    let mut i = 0;
    while i < RECORD_COUNT {
        out[i] = crate::Record {
            name: names[i],
            start: starts[i],
            flags: flags[i],
            range: ranges[i],
            #[cfg(details)]
            detail: details[i],
        };
        i += 1;
    }
    out
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c_names_are_the_names_each_with_a_nul_at_start_plus_id() {
        for id in 0..(NAME_LOW.len() - 1) as u16 {
            let (start, _) = name_span(id);
            let c = name_cstr(id);
            assert_eq!(c.to_bytes(), name(id).as_bytes(), "name {id}");
            // Borrowed from the compiled-in copy, where name `id` starts `id`
            // bytes (the NULs before it) later than in NAMES.
            assert_eq!(c.as_ptr().cast::<u8>(), NAME_C_BYTES[start + id as usize..].as_ptr(), "name {id}");
        }
    }
}
