//! The case-insensitive minimal perfect hash from service names to slots
//! (hash-and-displace over [`crate::hash`]), and the names pool in slot
//! order: the name of slot `s` is name id `s + 1`, so a slot needs no entry
//! pointing at its text.

use std::collections::HashMap;

use super::{Overflow, StringPool, to_u16};
use crate::hash::{bucket_of, name_hash, slot_of};
use crate::layout;
use crate::model::Registry;

/// A minimal perfect hash from names (any case) to slots, and where each
/// name's rows are.
///
/// The rows of a name are runs of consecutive rows (tcp, udp, sctp, dccp
/// twins); 7,078 of the registry's 7,305 names are one run, and the others
/// have a port-less row or a second port further on. A slot keeps the
/// first row and the length of its first run; the rare further runs are
/// listed apart. Lengths are stored, not found by comparing names row by
/// row: that loop's exit, at a length that varies from name to name, was
/// mispredicted often enough to make `by_name` 35% slower.
#[derive(Debug)]
pub struct NameHash {
    /// Seed passed to [`name_hash`].
    pub seed: u64,
    /// One pilot per bucket.
    pub pilots: Vec<u16>,
    /// Per slot: its name (`None`: an empty slot, written as a name of
    /// length 0, which no query has).
    pub slot_name: Vec<Option<String>>,
    /// Per slot: the first row of its name (0 for an empty slot) ...
    pub first_row: Vec<u16>,
    /// ... and [`layout::name_run`] of its first run: its length, and
    /// whether more runs follow.
    pub first_run: Vec<u8>,
    /// The further runs, sorted by slot then row: the slot ...
    pub more_slot: Vec<u16>,
    /// ... the first row of the run ...
    pub more_row: Vec<u16>,
    /// ... and its length.
    pub more_len: Vec<u8>,
}

impl NameHash {
    /// The names pool in slot order: name id `s + 1` is the name of slot
    /// `s` (id 0 is "").
    pub(crate) fn names_pool(&self) -> Result<StringPool, Overflow> {
        let mut pool = StringPool::new();
        for (slot, name) in self.slot_name.iter().enumerate() {
            let id = pool.push_unshared(name.as_deref().unwrap_or(""))?;
            debug_assert_eq!(usize::from(id), layout::name_id_of_slot(slot));
        }
        Ok(pool)
    }
}

pub(super) fn build_name_hash(registry: &Registry) -> Result<NameHash, Overflow> {
    // Group record indices by name, keeping first-seen order. Names that
    // differ only in case are refused earlier (`model`), so one spelling a
    // group.
    let mut order: Vec<&str> = Vec::new();
    let mut groups: HashMap<&str, Vec<u16>> = HashMap::new();
    for (index, row) in registry.rows.iter().enumerate() {
        if let Some(name) = &row.name {
            let entry = groups.entry(name).or_insert_with(|| {
                order.push(name);
                Vec::new()
            });
            entry.push(to_u16(index, "the count of rows")?);
        }
    }
    let Some((seed, pilots, slot_of_key)) = perfect_hash(&order) else {
        let what = "the count of distinct service names";
        return Err(Overflow { what, value: order.len(), limit: super::NOT_PLACED, row: None });
    };
    let slots = slots_for(order.len());
    // Name ids are 16-bit; id 0 is "".
    to_u16(slots, "the count of name-hash slots (16-bit name ids)")?;
    let mut slot_name = vec![None; slots];
    let mut first_row = vec![0u16; slots];
    let mut first_run = vec![layout::name_run(0, false); slots];
    let mut more = Vec::new();
    for (k, key) in order.iter().enumerate() {
        let slot = slot_of_key[k];
        slot_name[slot] = Some((*key).to_owned());
        let runs = runs_of(&groups[key]);
        let (first, len) = runs[0];
        first_row[slot] = first;
        first_run[slot] = layout::name_run(len, runs.len() > 1);
        for &(row, len) in &runs[1..] {
            more.push((to_u16(slot, "the count of name-hash slots")?, row, len as u8));
        }
    }
    more.sort_unstable();
    let more_slot = more.iter().map(|m| m.0).collect();
    let more_row = more.iter().map(|m| m.1).collect();
    let more_len = more.iter().map(|m| m.2).collect();
    Ok(NameHash { seed, pilots, slot_name, first_row, first_run, more_slot, more_row, more_len })
}

/// Sorted rows as runs `(first row, length)` of consecutive rows, none
/// longer than [`layout::NAME_RUN_MAX_LEN`] (a longer one is cut in pieces).
fn runs_of(rows: &[u16]) -> Vec<(u16, usize)> {
    let mut runs: Vec<(u16, usize)> = Vec::new();
    for &row in rows {
        match runs.last_mut() {
            Some((first, len)) if usize::from(*first) + *len == usize::from(row) && *len < layout::NAME_RUN_MAX_LEN => {
                *len += 1
            }
            _ => runs.push((row, 1)),
        }
    }
    runs
}

/// Table size for `n` keys: a little slack makes the search fast.
pub const fn slots_for(n: usize) -> usize {
    let slots = n + n / 32;
    if slots == 0 { 1 } else { slots }
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
/// then doubles, up to one key a bucket, before giving up (`None`).
pub fn perfect_hash(keys: &[&str]) -> Option<(u64, Vec<u16>, Vec<usize>)> {
    let slots = slots_for(keys.len());
    let mut buckets = buckets_for(keys.len());
    loop {
        if let Some(found) = place(keys, slots, buckets) {
            return Some(found);
        }
        if buckets >= keys.len() {
            break;
        }
        buckets = (buckets * 2).min(keys.len());
    }
    None
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
    use crate::hash::{length_mark, short_hash, words};

    #[test]
    fn rows_become_runs_of_at_most_the_longest_a_byte_holds() {
        assert_eq!(runs_of(&[3, 4, 5, 9, 14, 15]), [(3, 3), (9, 1), (14, 2)]);
        let long: Vec<u16> = (0..300).collect();
        assert_eq!(runs_of(&long), [(0, 127), (127, 127), (254, 46)]);
    }

    #[test]
    fn length_marks_are_distinct_and_only_touch_bit_7() {
        let marks: Vec<u64> = (0..=16).map(length_mark).collect();
        let distinct: std::collections::HashSet<u64> = marks.iter().copied().collect();
        assert_eq!(distinct.len(), marks.len());
        assert!(marks.iter().all(|&m| m & !(0x80 * 0x0101_0101_0101_0101) == 0));
    }

    #[test]
    fn names_that_differ_in_length_never_hash_alike_by_construction() {
        // '1' ^ 5 == '2' ^ 6: these two once collided under every seed, and
        // 16,000 such names could not be placed.
        for seed in [0, 1, 0x5EED_0000_0000_0000] {
            let hash = |name: &str| {
                let (lo, hi) = words(name.as_bytes(), 0, name.len());
                short_hash(lo, hi, name.len(), seed)
            };
            assert_ne!(hash("n1220"), hash("n12220"));
            assert_ne!(hash("abababab"), hash("ababababab"), "periodic names of 8 and 10 bytes");
            // Past 16 bytes: once equal under every seed, the length XORed
            // beside the data.
            let long = |name: &str| name_hash(name.as_bytes(), seed);
            assert_ne!(long("aaaaaaaaaabbbbbbb"), long("baaaaaaaaabbbbbbbb"));
        }
        assert!(perfect_hash(&["aaaaaaaaaabbbbbbb", "baaaaaaaaabbbbbbbb"]).is_some());
        let owned: Vec<String> = (0..20_000).map(|i| format!("n{i}")).collect();
        let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
        assert!(perfect_hash(&keys).is_some());
    }

    #[test]
    fn perfect_hash_is_injective_and_case_blind() {
        let owned: Vec<String> = (0..3000).map(|i| format!("svc-{i}")).collect();
        let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
        let (seed, pilots, slots) = perfect_hash(&keys).unwrap();
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
