//! Turns the validated registry into the flat integer tables the runtime
//! crate reads: a deduplicated string blob, per-record columns, a
//! case-insensitive perfect hash for names and two port indexes.

use std::collections::{BTreeSet, HashMap};

use crate::hash::{bucket_of, name_hash, slot_of};
use crate::model::{Proto, Registry, Status};

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

/// Strings stored once each; id 0 is the empty string (meaning "absent").
#[derive(Debug, Default)]
pub struct StringPool {
    /// All strings back to back (each followed by a NUL when the pool is
    /// NUL-terminated).
    pub blob: String,
    /// `ends[i]` is where string `i` ends in `blob`, its NUL included; it
    /// starts at `ends[i-1]` (0 for i = 0).
    pub ends: Vec<u32>,
    /// Whether a NUL byte follows each string (the names pool: C callers
    /// get `const char *` without a copy).
    pub nul_terminated: bool,
    ids: HashMap<String, u16>,
}

impl StringPool {
    /// An empty pool; `nul_terminated` writes a NUL after every string.
    pub fn new(nul_terminated: bool) -> Self {
        let mut pool = StringPool { nul_terminated, ..StringPool::default() };
        if nul_terminated {
            pool.blob.push('\0');
        }
        pool.ends.push(u32::try_from(pool.blob.len()).unwrap_or(0));
        pool.ids.insert(String::new(), 0);
        pool
    }

    /// The id of `text`, adding it if new.
    pub fn intern(&mut self, text: &str) -> u16 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = u16::try_from(self.ends.len()).expect("more than 65535 distinct strings: widen string ids");
        self.blob.push_str(text);
        if self.nul_terminated {
            self.blob.push('\0');
        }
        self.ends.push(u32::try_from(self.blob.len()).expect("string blob over 4 GiB"));
        self.ids.insert(text.to_owned(), id);
        id
    }

    /// The text of string `id` (without its NUL).
    pub fn get(&self, id: u16) -> &str {
        let id = usize::from(id);
        let start = if id == 0 { 0 } else { self.ends[id - 1] as usize };
        &self.blob[start..self.ends[id] as usize - usize::from(self.nul_terminated)]
    }

    /// Where string `id` starts in `blob`.
    pub fn start(&self, id: u16) -> u32 {
        let id = usize::from(id);
        if id == 0 { 0 } else { self.ends[id - 1] }
    }

    /// Where each string starts in `blob`, then where the last one ends:
    /// string `i` is `bounds[i]..bounds[i + 1]`.
    pub fn bounds(&self) -> Vec<u32> {
        std::iter::once(0).chain(self.ends.iter().copied()).collect()
    }

    /// The bounds as a two-level table, see [`TwoLevelBounds`].
    pub fn two_level_bounds(&self) -> TwoLevelBounds {
        TwoLevelBounds::new(&self.bounds())
    }
}

/// String bounds split in two levels, a `u32` per block of `1 << block_bits`
/// bounds and a `u16` per bound instead of a `u32` per bound:
///
/// - `low[i]` is bound `i` modulo 2^16, so the length of string `i` is
///   `low[i + 1] - low[i]` in wrapping `u16` arithmetic (no string reaches
///   64 KiB);
/// - `base[b]` is the first bound of block `b`, and every bound of the block
///   lies within 65,535 bytes of it, so bound `i` is
///   `base[b] + (low[i] - base[b] as u16)`, again wrapping.
///
/// A string is then three loads (`base`, `low[i]`, `low[i + 1]`), one fewer
/// than with per-block offsets, whose end needs the next block's base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwoLevelBounds {
    /// Bounds per block, as a shift.
    pub block_bits: u32,
    /// Per block: its first bound.
    pub base: Vec<u32>,
    /// Per bound: its low 16 bits.
    pub low: Vec<u16>,
}

impl TwoLevelBounds {
    /// Largest block tried.
    pub const MAX_BLOCK_BITS: u32 = 12;

    /// Picks the largest block (fewest bases) whose every bound lies within
    /// 65,535 bytes of its block's first bound. Two bounds a block (one
    /// string) always fit, so only a string of 64 KiB or more, which the
    /// `u16` lengths cannot express, stops the build.
    pub fn new(bounds: &[u32]) -> Self {
        if let Some(w) = bounds.windows(2).find(|w| w[1] - w[0] > u32::from(u16::MAX)) {
            panic!("a string of {} bytes exceeds 65535: widen STRING_LOW", w[1] - w[0]);
        }
        let fits = |bits: u32| {
            bounds.chunks(1 << bits).all(|block| block.last().unwrap_or(&0) - block[0] <= u32::from(u16::MAX))
        };
        let block_bits = (0..=Self::MAX_BLOCK_BITS).rev().find(|&bits| fits(bits)).unwrap_or(0);
        let base = bounds.chunks(1 << block_bits).map(|block| block[0]).collect();
        let low = bounds.iter().map(|&b| b as u16).collect();
        TwoLevelBounds { block_bits, base, low }
    }

    /// Bound `i`, as the runtime computes it.
    pub fn get(&self, i: usize) -> u32 {
        let base = self.base[i >> self.block_bits];
        base + u32::from(self.low[i].wrapping_sub(base as u16))
    }

    /// Length of string `i`, as the runtime computes it.
    pub fn len(&self, i: usize) -> u32 {
        u32::from(self.low[i + 1].wrapping_sub(self.low[i]))
    }
}

/// Record flag bits: protocol in bits 0-2 (0 = none), port present, status.
pub mod flags {
    /// Mask of the protocol number (1 tcp, 2 udp, 3 sctp, 4 dccp; 0 none).
    pub const PROTO_MASK: u8 = 0b0000_0111;
    /// Set when the row has a port (or range).
    pub const HAS_PORT: u8 = 0b0000_1000;
    /// Shift of the 2-bit status (0 assigned, 1 reserved, 2 unassigned).
    pub const STATUS_SHIFT: u8 = 4;
}

/// A minimal perfect hash from lower-cased names to slots.
#[derive(Debug)]
pub struct NameHash {
    /// Seed passed to [`name_hash`].
    pub seed: u64,
    /// One pilot per bucket.
    pub pilots: Vec<u16>,
    /// Per slot: `start << 8 | len` of the name, lower-cased, in the string
    /// blob (0 = empty slot: no query has length 0).
    pub slot_text: Vec<u32>,
    /// Per slot: start of its rows in `pool`; `slot_start[m]` ends the pool.
    pub slot_start: Vec<u16>,
    /// Record indices grouped by slot, registry order within a slot.
    pub pool: Vec<u16>,
}

/// Per-protocol interval index: maximal port intervals over which the set of
/// covering rows is constant.
#[derive(Debug, Default)]
pub struct Segments {
    /// First port of each segment; protocols back to back.
    pub start: Vec<u16>,
    /// End (exclusive) of each segment's rows in `pool`.
    pub end: Vec<u16>,
    /// Record indices, registry order within a segment.
    pub pool: Vec<u16>,
    /// Per protocol, 257 entries: the segment holding port `b * 256`, then
    /// one past the protocol's last segment.
    pub block: Vec<u16>,
}

/// Bits of port per block of the named index: blocks of 16 ports.
pub const NAMED_BLOCK_BITS: u32 = 4;

/// Two-level dense index of the first name on each port, per protocol:
/// `data[block[proto << 12 | port >> 4] + port % 16]`. Identical blocks are
/// stored once (high ports are mostly empty, tcp/udp twins share names), so
/// the index stays compact while a lookup is two loads and no popcount.
#[derive(Debug, Default)]
pub struct NamedIndex {
    /// 4096 entries per protocol: offset in `data` of the block of 16 ports.
    pub block: Vec<u16>,
    /// Distinct blocks of 16 string ids (0 = no named row); block 0 is empty.
    pub data: Vec<u16>,
}

/// Everything the code generator writes out.
#[derive(Debug)]
pub struct Tables {
    /// Which optional columns are present.
    pub columns: Columns,
    /// Registry title.
    pub title: String,
    /// Registry updated date.
    pub updated: String,
    /// Service names (and lower-case copies for the name hash), each
    /// followed by a NUL: a blob of its own, so that a program that only
    /// reads names links no other text.
    pub names_pool: StringPool,
    /// Every other string: descriptions, dates, people, notes.
    pub strings: StringPool,
    /// Per record: name id in `names_pool`.
    pub rec_name: Vec<u16>,
    /// Per record: first port (0 without port).
    pub rec_start: Vec<u16>,
    /// Per record: last port (0 without port).
    pub rec_end: Vec<u16>,
    /// Per record: [`flags`].
    pub rec_flags: Vec<u8>,
    /// Per record: index into the detail columns (rows sharing all detail
    /// text, such as tcp/udp twins, share one entry).
    pub rec_detail: Vec<u16>,
    /// Detail columns, each a string id; only those kept are filled.
    pub detail_description: Vec<u16>,
    /// Assignee ids as people: 0 when none, `1 + p` for the single person of
    /// index `p` in the people table, `1 + people + i` for list `i` of
    /// `id_list_start` (two or more people).
    pub detail_assignee: Vec<u16>,
    /// Contact ids as people, encoded as the assignee.
    pub detail_contact: Vec<u16>,
    /// Registration date.
    pub detail_registered: Vec<u16>,
    /// Modification date.
    pub detail_modified: Vec<u16>,
    /// Index into the extra columns (0 = none).
    pub detail_extra: Vec<u16>,
    /// Rare columns, behind one more index; entry 0 is all-empty.
    pub extra_reference: Vec<u16>,
    /// Service code.
    pub extra_service_code: Vec<u16>,
    /// Unauthorized use reported.
    pub extra_unauthorized: Vec<u16>,
    /// Assignment notes.
    pub extra_notes: Vec<u16>,
    /// Sorted string ids of the names that are historic aliases ...
    pub alias_name: Vec<u16>,
    /// ... and the string id of the name each points to.
    pub alias_target: Vec<u16>,
    /// Name lookup.
    pub names: NameHash,
    /// Port lookup (all rows).
    pub segments: Segments,
    /// Port lookup (first name).
    pub named: NamedIndex,
    /// Distinct lists of two or more people (assignee or contact ids, in CSV
    /// order): list `i` is `id_pool[id_list_start[i]..id_list_start[i + 1]]`.
    pub id_list_start: Vec<u16>,
    /// Indices into the people table, list after list.
    pub id_pool: Vec<u16>,
    /// People sorted by id: id, name, org, URIs (newline-joined), updated.
    pub person_id: Vec<u16>,
    /// Person name.
    pub person_name: Vec<u16>,
    /// Person organisation.
    pub person_org: Vec<u16>,
    /// Person URIs joined by `\n`.
    pub person_uris: Vec<u16>,
    /// Person updated date.
    pub person_updated: Vec<u16>,
}

fn proto_code(proto: Option<Proto>) -> u8 {
    proto.map_or(0, |p| p.index() as u8 + 1)
}

fn status_code(status: Status) -> u8 {
    match status {
        Status::Assigned => 0,
        Status::Reserved => 1,
        Status::Unassigned => 2,
    }
}

fn to_u16(value: usize, what: &str) -> u16 {
    u16::try_from(value).unwrap_or_else(|_| panic!("{what} exceeds 65535: widen its table"))
}

/// Builds every table for `registry`, keeping `columns`.
pub fn build(registry: &Registry, columns: Columns) -> Tables {
    let mut strings = StringPool::new(false);
    let mut names_pool = StringPool::new(true);
    let rows = &registry.rows;
    let mut id_lists = IdLists::new(registry);

    let mut t = Tables {
        columns,
        title: registry.title.clone(),
        updated: registry.updated.clone(),
        names_pool: StringPool::default(),
        strings: StringPool::default(),
        rec_name: Vec::with_capacity(rows.len()),
        rec_start: Vec::with_capacity(rows.len()),
        rec_end: Vec::with_capacity(rows.len()),
        rec_flags: Vec::with_capacity(rows.len()),
        rec_detail: Vec::with_capacity(rows.len()),
        detail_description: Vec::new(),
        detail_assignee: Vec::new(),
        detail_contact: Vec::new(),
        detail_registered: Vec::new(),
        detail_modified: Vec::new(),
        detail_extra: Vec::new(),
        extra_reference: vec![0],
        extra_service_code: vec![0],
        extra_unauthorized: vec![0],
        extra_notes: vec![0],
        alias_name: Vec::new(),
        alias_target: Vec::new(),
        names: NameHash {
            seed: 0,
            pilots: Vec::new(),
            slot_text: Vec::new(),
            slot_start: Vec::new(),
            pool: Vec::new(),
        },
        segments: Segments::default(),
        named: NamedIndex::default(),
        id_list_start: Vec::new(),
        id_pool: Vec::new(),
        person_id: Vec::new(),
        person_name: Vec::new(),
        person_org: Vec::new(),
        person_uris: Vec::new(),
        person_updated: Vec::new(),
    };

    for row in rows {
        t.rec_name.push(names_pool.intern(row.name.as_deref().unwrap_or("")));
    }
    let mut aliases: std::collections::BTreeMap<u16, u16> = std::collections::BTreeMap::new();
    let mut details: HashMap<[u16; 6], u16> = HashMap::new();
    let mut extras: HashMap<[u16; 4], u16> = HashMap::new();
    extras.insert([0; 4], 0);
    for (index, row) in rows.iter().enumerate() {
        let (start, end) = row.ports.unwrap_or((0, 0));
        t.rec_start.push(start);
        t.rec_end.push(end);
        let has_port = if row.ports.is_some() { flags::HAS_PORT } else { 0 };
        t.rec_flags.push(proto_code(row.proto) | has_port | (status_code(row.status) << flags::STATUS_SHIFT));
        if let Some(target) = &row.alias_of {
            aliases.insert(t.rec_name[index], names_pool.intern(target));
        }
        let mut pick = |keep: bool, text: &str| if keep { strings.intern(text) } else { 0 };
        let extra_key = [
            pick(columns.references, &row.reference),
            pick(columns.references, &row.service_code),
            pick(columns.notes, &row.unauthorized_use),
            pick(columns.notes, &row.notes),
        ];
        let next_extra = extras.len();
        let extra = *extras.entry(extra_key).or_insert_with(|| {
            t.extra_reference.push(extra_key[0]);
            t.extra_service_code.push(extra_key[1]);
            t.extra_unauthorized.push(extra_key[2]);
            t.extra_notes.push(extra_key[3]);
            to_u16(next_extra, "extra rows")
        });
        let mut list = |keep: bool, ids: &[String]| if keep { id_lists.intern(ids) } else { 0 };
        let detail_key = [
            pick(columns.descriptions, &row.description),
            list(columns.contacts, &row.assignee),
            list(columns.contacts, &row.contact),
            pick(columns.dates, &row.registration_date),
            pick(columns.dates, &row.modification_date),
            extra,
        ];
        let next_detail = details.len();
        let detail = *details.entry(detail_key).or_insert_with(|| {
            t.detail_description.push(detail_key[0]);
            t.detail_assignee.push(detail_key[1]);
            t.detail_contact.push(detail_key[2]);
            t.detail_registered.push(detail_key[3]);
            t.detail_modified.push(detail_key[4]);
            t.detail_extra.push(detail_key[5]);
            to_u16(next_detail, "distinct detail rows")
        });
        t.rec_detail.push(detail);
    }
    (t.alias_name, t.alias_target) = aliases.into_iter().unzip();
    if columns.contacts {
        id_lists.start.push(to_u16(id_lists.pool.len(), "people list pool"));
        (t.id_list_start, t.id_pool) = (id_lists.start, id_lists.pool);
        // Ids first, back to back: `search` reads one or two per row, in no
        // particular order, and they stay in a few cache-friendly KiB.
        t.person_id = registry.people.iter().map(|person| strings.intern(&person.id)).collect();
        for person in &registry.people {
            t.person_name.push(strings.intern(person.name.as_deref().unwrap_or("")));
            t.person_org.push(strings.intern(person.org.as_deref().unwrap_or("")));
            t.person_uris.push(strings.intern(&person.uris.join("\n")));
            t.person_updated.push(strings.intern(person.updated.as_deref().unwrap_or("")));
        }
    }
    // The lower-case copies the name hash compares queries with (only names
    // with upper case need one) come after every name.
    t.names = build_name_hash(registry, &mut names_pool);
    t.segments = build_segments(registry);
    t.named = build_named(registry, &t.rec_name);
    t.strings = strings;
    t.names_pool = names_pool;
    t
}

/// Assignee and contact id lists as people-table indices. Nearly every list
/// is one person, stored inline; longer lists are stored once each in a pool.
struct IdLists<'a> {
    /// Person id -> its index in the (sorted) people table.
    index: HashMap<&'a str, u16>,
    lists: HashMap<Vec<u16>, u16>,
    start: Vec<u16>,
    pool: Vec<u16>,
}

impl<'a> IdLists<'a> {
    fn new(registry: &'a Registry) -> Self {
        let index = registry.people.iter().enumerate().map(|(i, p)| (p.id.as_str(), to_u16(i, "people"))).collect();
        IdLists { index, lists: HashMap::new(), start: Vec::new(), pool: Vec::new() }
    }

    /// `ids` (every one in the people table: the model checked) as one
    /// `u16`: 0 when empty, `1 + p` for the single person of index `p`, and
    /// `1 + people + i` for the pooled list `i` of two or more.
    fn intern(&mut self, ids: &[String]) -> u16 {
        let people: Vec<u16> = ids.iter().map(|id| self.index[id.as_str()]).collect();
        match people[..] {
            [] => return 0,
            [one] => return one + 1,
            _ => {}
        }
        let singles = self.index.len() + 1;
        if let Some(&list) = self.lists.get(&people) {
            return list;
        }
        let list = to_u16(singles + self.start.len(), "people and lists of people");
        self.start.push(to_u16(self.pool.len(), "people list pool"));
        self.pool.extend_from_slice(&people);
        self.lists.insert(people, list);
        list
    }
}

fn build_name_hash(registry: &Registry, strings: &mut StringPool) -> NameHash {
    // Group record indices by lower-cased name, keeping first-seen order.
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<u16>> = HashMap::new();
    for (index, row) in registry.rows.iter().enumerate() {
        if let Some(name) = &row.name {
            let key = name.to_ascii_lowercase();
            let entry = groups.entry(key.clone()).or_insert_with(|| {
                order.push(key);
                Vec::new()
            });
            entry.push(to_u16(index, "record count"));
        }
    }
    let keys: Vec<&str> = order.iter().map(String::as_str).collect();
    let (seed, pilots, slot_of_key) = perfect_hash(&keys);
    let slots = slots_for(keys.len());
    let mut slot_text = vec![0u32; slots];
    let mut slot_rows: Vec<&[u16]> = vec![&[]; slots];
    for (k, key) in order.iter().enumerate() {
        let id = strings.intern(key);
        let start = strings.start(id);
        assert!(start < 1 << 24 && key.len() < 256, "name {key:?} at blob offset {start}: widen NAME_SLOT_TEXT");
        slot_text[slot_of_key[k]] = (start << 8) | key.len() as u32;
        slot_rows[slot_of_key[k]] = &groups[key];
    }
    let mut slot_start = Vec::with_capacity(slots + 1);
    let mut pool = Vec::new();
    for rows in slot_rows {
        slot_start.push(to_u16(pool.len(), "named rows"));
        pool.extend_from_slice(rows);
    }
    slot_start.push(to_u16(pool.len(), "named rows"));
    NameHash { seed, pilots, slot_text, slot_start, pool }
}

/// Table size for `n` keys: a little slack makes the search fast.
pub fn slots_for(n: usize) -> usize {
    (n + n / 32).max(1)
}

/// Bucket count for `n` keys (about four keys a bucket).
pub fn buckets_for(n: usize) -> usize {
    (n / 4).max(1)
}

/// Finds a seed and one pilot per bucket placing every key in its own slot
/// (hash-and-displace, largest buckets first). Returns the seed, the pilots
/// (one per bucket: the runtime takes the bucket count from their number)
/// and the slot of each key.
///
/// [`slot_of`] XORs the pilot into the hash, so two keys of one bucket whose
/// hashes agree in the bits the slot is taken from share a slot whatever the
/// pilot: no seed may work at about four keys a bucket, most often for small
/// key sets (one 8-name window of the registry in five). The bucket count
/// then doubles, up to one key a bucket, before giving up.
pub fn perfect_hash(keys: &[&str]) -> (u64, Vec<u16>, Vec<usize>) {
    let slots = slots_for(keys.len());
    let mut buckets = buckets_for(keys.len());
    loop {
        if let Some(found) = place(keys, slots, buckets) {
            return found;
        }
        if buckets >= keys.len() {
            break;
        }
        buckets = (buckets * 2).min(keys.len());
    }
    panic!("no perfect hash found for {} keys in 64 seeds at up to one key a bucket", keys.len());
}

/// One [`perfect_hash`] attempt at a given table size, over 64 seeds.
fn place(keys: &[&str], slots: usize, buckets: usize) -> Option<(u64, Vec<u16>, Vec<usize>)> {
    'seed: for attempt in 0u64..64 {
        let seed = 0x5EED_0000_0000_0000 ^ attempt.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let hashes: Vec<u64> = keys.iter().map(|k| name_hash(k.as_bytes(), seed)).collect();
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); buckets];
        for (k, &h) in hashes.iter().enumerate() {
            members[bucket_of(h, buckets)].push(k);
        }
        let mut by_size: Vec<usize> = (0..buckets).collect();
        by_size.sort_by_key(|&b| std::cmp::Reverse(members[b].len()));
        let mut taken = vec![false; slots];
        let mut pilots = vec![0u16; buckets];
        let mut slot_of_key = vec![0usize; keys.len()];
        let mut chosen = Vec::new();
        for &b in &by_size {
            if members[b].is_empty() {
                break;
            }
            let found = (0..=u16::MAX).find(|&pilot| {
                chosen.clear();
                for &k in &members[b] {
                    let s = slot_of(hashes[k], pilot, slots);
                    if taken[s] || chosen.contains(&s) {
                        return false;
                    }
                    chosen.push(s);
                }
                true
            });
            let Some(pilot) = found else { continue 'seed };
            pilots[b] = pilot;
            for (&k, &s) in members[b].iter().zip(&chosen) {
                taken[s] = true;
                slot_of_key[k] = s;
            }
        }
        return Some((seed, pilots, slot_of_key));
    }
    None
}

fn covering_rows(registry: &Registry, proto: Proto) -> Vec<(usize, u16, u16)> {
    registry
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.proto.is_none_or(|p| p == proto))
        .filter_map(|(i, r)| r.ports.map(|(a, b)| (i, a, b)))
        .collect()
}

fn build_segments(registry: &Registry) -> Segments {
    let mut seg = Segments::default();
    for proto in Proto::ALL {
        let rows = covering_rows(registry, proto);
        // Sweep: at each boundary, rows whose range starts there join and
        // rows that ended just before leave.
        let mut starts: HashMap<u32, Vec<usize>> = HashMap::new();
        let mut ends: HashMap<u32, Vec<usize>> = HashMap::new();
        let mut bounds: BTreeSet<u32> = BTreeSet::from([0]);
        for &(i, a, b) in &rows {
            starts.entry(u32::from(a)).or_default().push(i);
            ends.entry(u32::from(b) + 1).or_default().push(i);
            bounds.insert(u32::from(a));
            bounds.insert(u32::from(b) + 1);
        }
        let mut active: BTreeSet<usize> = BTreeSet::new();
        let first = seg.start.len();
        let mut last: Option<Vec<usize>> = None;
        for &bound in bounds.iter().filter(|&&b| b <= 0xFFFF) {
            for i in ends.get(&bound).into_iter().flatten() {
                active.remove(i);
            }
            active.extend(starts.get(&bound).into_iter().flatten());
            let now: Vec<usize> = active.iter().copied().collect();
            if last.as_ref() == Some(&now) {
                continue; // same rows as the segment before: extend it
            }
            seg.start.push(bound as u16);
            seg.pool.extend(now.iter().map(|&i| to_u16(i, "record count")));
            seg.end.push(to_u16(seg.pool.len(), "segment rows"));
            last = Some(now);
        }
        let past = seg.start.len();
        for block in 0..256u32 {
            let port = block * 256;
            let within = seg.start[first..past].partition_point(|&s| u32::from(s) <= port) - 1;
            seg.block.push(to_u16(first + within, "segments"));
        }
        seg.block.push(to_u16(past, "segments"));
    }
    seg
}

fn build_named(registry: &Registry, rec_name: &[u16]) -> NamedIndex {
    let mut named = NamedIndex::default();
    let empty = vec![0u16; 1 << NAMED_BLOCK_BITS];
    named.data.extend_from_slice(&empty);
    let mut blocks: HashMap<Vec<u16>, usize> = HashMap::from([(empty, 0)]);
    for proto in Proto::ALL {
        let mut first: Vec<u16> = vec![0; 65536];
        for (i, a, b) in covering_rows(registry, proto) {
            if rec_name[i] == 0 {
                continue;
            }
            for port in a..=b {
                let slot = &mut first[usize::from(port)];
                if *slot == 0 {
                    *slot = rec_name[i];
                }
            }
        }
        for chunk in first.chunks(1 << NAMED_BLOCK_BITS) {
            let next = named.data.len();
            let at = *blocks.entry(chunk.to_vec()).or_insert_with(|| {
                named.data.extend_from_slice(chunk);
                next
            });
            named.block.push(to_u16(at, "named index data"));
        }
    }
    named
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_pool_dedupes_and_reserves_zero() {
        let mut pool = StringPool::new(false);
        assert_eq!(pool.intern(""), 0);
        let a = pool.intern("http");
        let b = pool.intern("www");
        assert_eq!(pool.intern("http"), a);
        assert_eq!(pool.get(a), "http");
        assert_eq!(pool.get(b), "www");
        assert_eq!(pool.get(0), "");
    }

    #[test]
    fn nul_terminated_pool_writes_a_nul_after_each_string() {
        let mut pool = StringPool::new(true);
        let a = pool.intern("http");
        let b = pool.intern("x11");
        assert_eq!(pool.intern("http"), a);
        assert_eq!(pool.blob, "\0http\0x11\0");
        assert_eq!((pool.get(0), pool.get(a), pool.get(b)), ("", "http", "x11"));
        assert_eq!(pool.start(b), 6);
        let two = pool.two_level_bounds();
        // The runtime's length: bound difference minus the NUL.
        assert_eq!(two.len(usize::from(b)) - 1, 3);
    }

    #[test]
    fn two_level_bounds_round_trip() {
        let mut pool = StringPool::new(false);
        for i in 0..5000 {
            pool.intern(&format!("string number {i} {}", "x".repeat(i % 97)));
        }
        let bounds = pool.bounds();
        let two = pool.two_level_bounds();
        assert!(two.block_bits > 0, "small strings share blocks");
        assert_eq!(two.low.len(), bounds.len());
        for (i, &b) in bounds.iter().enumerate() {
            assert_eq!(two.get(i), b);
        }
        for (i, w) in bounds.windows(2).enumerate() {
            assert_eq!(two.len(i), w[1] - w[0]);
        }
    }

    #[test]
    fn two_level_bounds_shrink_blocks_around_long_strings() {
        // Two 40,000-byte strings: one block of 8 bounds cannot span both.
        let bounds = [0, 10, 20, 40_020, 40_030, 80_030, 80_031, 80_040];
        let two = TwoLevelBounds::new(&bounds);
        assert_eq!(two.block_bits, 2);
        assert_eq!(two.base, [0, 40_030]);
        assert!((0..bounds.len()).all(|i| two.get(i) == bounds[i]));
        // Strings of nearly 64 KiB: two bounds (one string) a block still fit.
        let bounds = [0, 65_000, 70_000, 70_001];
        let two = TwoLevelBounds::new(&bounds);
        assert_eq!(two.block_bits, 1);
        assert!((0..bounds.len()).all(|i| two.get(i) == bounds[i]));
        assert!((0..bounds.len() - 1).all(|i| two.len(i) == bounds[i + 1] - bounds[i]));
    }

    #[test]
    #[should_panic(expected = "a string of 70000 bytes exceeds 65535")]
    fn two_level_bounds_refuse_a_64_kib_string() {
        TwoLevelBounds::new(&[0, 70_000, 70_001]);
    }

    #[test]
    fn perfect_hash_is_injective_and_case_blind() {
        let owned: Vec<String> = (0..3000).map(|i| format!("svc-{i}")).collect();
        let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
        let (seed, pilots, slots) = perfect_hash(&keys);
        let mut seen = std::collections::HashSet::new();
        let m = slots_for(keys.len());
        for (k, key) in keys.iter().enumerate() {
            assert!(seen.insert(slots[k]));
            let upper = key.to_ascii_uppercase();
            let h = name_hash(upper.as_bytes(), seed);
            let b = bucket_of(h, pilots.len());
            assert_eq!(slot_of(h, pilots[b], m), slots[k]);
        }
    }
}
