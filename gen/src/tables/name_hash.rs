//! The case-insensitive minimal perfect hash from service names to slots
//! (hash-and-displace over [`crate::hash`]).

use std::collections::HashMap;

use super::{StringPool, to_u16};
use crate::hash::{bucket_of, name_hash, slot_of};
use crate::layout;
use crate::model::Registry;

/// A minimal perfect hash from lower-cased names to slots.
#[derive(Debug)]
pub struct NameHash {
    /// Seed passed to [`name_hash`].
    pub seed: u64,
    /// One pilot per bucket.
    pub pilots: Vec<u16>,
    /// Per slot: [`layout::slot_text`] of the name, lower-cased, in the names
    /// blob (0 = empty slot: no query has length 0).
    pub slot_text: Vec<u32>,
    /// Per slot: start of its rows in `pool`; `slot_start[m]` ends the pool.
    pub slot_start: Vec<u16>,
    /// Record indices grouped by slot, registry order within a slot.
    pub pool: Vec<u16>,
}

pub(super) fn build_name_hash(registry: &Registry, strings: &mut StringPool) -> NameHash {
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
        assert!(
            start as usize <= layout::SLOT_MAX_START && key.len() <= layout::SLOT_MAX_LEN,
            "name {key:?} at blob offset {start}: widen NAME_SLOT_TEXT"
        );
        slot_text[slot_of_key[k]] = layout::slot_text(start as usize, key.len());
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

#[cfg(test)]
mod tests {
    use super::*;

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
