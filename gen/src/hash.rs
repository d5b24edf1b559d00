// The name hash shared by the generator and the runtime crate.
//
// This file is compiled twice: as `iana_ports_gen::hash` (to build the
// perfect-hash tables) and, copied verbatim into `OUT_DIR`, inside the
// runtime crate (to look names up). One source means the two can never
// disagree. It must therefore stay `no_std`, dependency-free and `const`.

/// Multiplier of the 128-bit fold (a 64-bit odd constant with well-mixed bits).
const MIX: u64 = 0x9E37_79B9_7F4A_7C15;

/// Folds a 128-bit product into 64 bits: cheap and well mixed (as in wyhash).
#[inline(always)]
const fn fold_mul(a: u64, b: u64) -> u64 {
    let product = (a as u128) * (b as u128);
    (product as u64) ^ ((product >> 64) as u64)
}

/// Hashes `name` ASCII-case-insensitively, eight bytes at a time.
///
/// Service names are case-insensitive (RFC 6335 §5.1), so `HTTP`, `http` and
/// `Http` must land on the same slot; folding case while packing the bytes
/// costs no extra pass.
#[inline(always)]
pub const fn name_hash(name: &[u8], seed: u64) -> u64 {
    let mut state = seed ^ (name.len() as u64);
    let mut at = 0;
    while at < name.len() {
        let mut word = 0u64;
        let mut shift = 0;
        while shift < 8 && at < name.len() {
            word |= (name[at].to_ascii_lowercase() as u64) << (shift * 8);
            shift += 1;
            at += 1;
        }
        state = fold_mul(state ^ word, MIX);
    }
    fold_mul(state, MIX ^ seed)
}

/// Maps a hash to one of `buckets` buckets, using its high half.
#[inline(always)]
pub const fn bucket_of(hash: u64, buckets: usize) -> usize {
    (((hash >> 32) * buckets as u64) >> 32) as usize
}

/// Maps a hash and its bucket's pilot to one of `slots` slots.
#[inline(always)]
pub const fn slot_of(hash: u64, pilot: u16, slots: usize) -> usize {
    let mixed = fold_mul(hash ^ (pilot as u64), MIX);
    (((mixed as u32 as u64) * slots as u64) >> 32) as usize
}
