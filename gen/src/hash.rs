// The name hash shared by the generator and the runtime crate.
//
// This file is compiled twice: as `iana_ports_gen::hash` (to build the
// perfect-hash tables) and, copied verbatim into `OUT_DIR`, inside the
// runtime crate (to look names up). One source means the two can never
// disagree. It must therefore stay `no_std`, dependency-free and `const`.
//
// RFC 6335 names are at most 15 bytes, so a name is read as two overlapping
// little-endian words (as wyhash reads short inputs): no per-byte loop, one
// multiply to hash, and the same two lower-cased words compare the query
// with the stored name (lower-cased the same way) a word at a time. Longer
// inputs take a chunked path.

/// Multiplier of the 128-bit fold (a 64-bit odd constant with well-mixed bits).
const MIX: u64 = 0x9E37_79B9_7F4A_7C15;
/// Second constant (wyhash's secret), so that `lo` and `hi` are mixed apart.
const MIX2: u64 = 0xA076_1D64_78BD_642F;
/// `0x01` in every byte.
const ONES: u64 = 0x0101_0101_0101_0101;

/// Folds a 128-bit product into 64 bits: cheap and well mixed (as in wyhash).
#[inline(always)]
const fn fold_mul(a: u64, b: u64) -> u64 {
    #[cfg(not(target_arch = "bpf"))]
    let (high, low) = {
        let product = (a as u128) * (b as u128);
        ((product >> 64) as u64, product as u64)
    };
    #[cfg(target_arch = "bpf")]
    let (high, low) = mul_by_halves(a, b);
    low ^ high
}

/// `a * b` as its high and low 64 bits, from four 32-bit products (as
/// wyhash's 32-bit path): for BPF, whose backend has no 128-bit multiply
/// (it would call `__multi3`, which it refuses). Equal to the `u128`
/// product for every input (gen/tests/hash.rs).
#[cfg_attr(not(target_arch = "bpf"), allow(dead_code))]
#[inline(always)]
pub const fn mul_by_halves(a: u64, b: u64) -> (u64, u64) {
    // `black_box`: LLVM 22 recognises these four products as a 128-bit
    // multiply and folds them back into one (and the BPF backend refuses
    // it again); an opaque low half of `a` keeps them apart. A no-op in
    // const evaluation.
    let (a_low, a_high) = (core::hint::black_box(a & 0xFFFF_FFFF), a >> 32);
    let (b_low, b_high) = (b & 0xFFFF_FFFF, b >> 32);
    let low_low = a_low * b_low;
    let high_low = a_high * b_low;
    // At most (2^32-1)^2 + 2 (2^32-1) = 2^64-1: no overflow.
    let middle = (low_low >> 32) + (high_low & 0xFFFF_FFFF) + a_low * b_high;
    let high = a_high * b_high + (high_low >> 32) + (middle >> 32);
    (high, (middle << 32) | (low_low & 0xFFFF_FFFF))
}

/// The 8 bytes of `b` at `at`, little-endian: one bounds check, one load.
#[inline(always)]
const fn read8(b: &[u8], at: usize) -> u64 {
    match b.split_at(at).1.first_chunk::<8>() {
        Some(chunk) => u64::from_le_bytes(*chunk),
        None => panic!("read8 past the end"),
    }
}

/// The 4 bytes of `b` at `at`, little-endian.
#[inline(always)]
const fn read4(b: &[u8], at: usize) -> u64 {
    match b.split_at(at).1.first_chunk::<4>() {
        Some(chunk) => u32::from_le_bytes(*chunk) as u64,
        None => panic!("read4 past the end"),
    }
}

/// The `len` bytes of `b` at `at` (`len` at most 16) as two words: the first
/// and the last 8 (or 4) bytes, overlapping; for 1-3 bytes the first, middle
/// and last byte. Two inputs of the same length are equal exactly when
/// their words are.
#[inline(always)]
pub const fn words(b: &[u8], at: usize, len: usize) -> (u64, u64) {
    if len >= 8 {
        (read8(b, at), read8(b, at + len - 8))
    } else if len >= 4 {
        (read4(b, at), read4(b, at + len - 4))
    } else if len > 0 {
        let three = (b[at] as u64) | ((b[at + len / 2] as u64) << 8) | ((b[at + len - 1] as u64) << 16);
        (three, 0)
    } else {
        (0, 0)
    }
}

/// ASCII lower case of the eight bytes of `w` at once (other bytes, `[`,
/// `_`, 0x80 and up included, are kept: only letters fold, exactly as
/// `u8::to_ascii_lowercase`, so no two distinct names hash alike by design).
#[inline(always)]
pub const fn lower_word(w: u64) -> u64 {
    let low7 = w & (0x7F * ONES);
    let at_least_a = low7.wrapping_add((0x80 - b'A' as u64) * ONES);
    let above_z = low7.wrapping_add((0x80 - b'Z' as u64 - 1) * ONES);
    w | ((at_least_a & !above_z & !w & (0x80 * ONES)) >> 2)
}

/// The length `len` (at most 16) spread over bit 7 of bytes 0-4: bit `i` of
/// `len` lands on bit `8 i + 7` (the shifted copies never overlap, so no
/// carry), and the mask drops the rest.
///
/// Names are ASCII, so bit 7 of every byte of their words is clear: XORed
/// with this mark, two names of different lengths can never give the same
/// words. (XORing the length into the low bits made `n1220` and `n12220`
/// hash alike under every seed: `'1' ^ 5 == '2' ^ 6`.)
#[inline(always)]
pub const fn length_mark(len: usize) -> u64 {
    (len as u64).wrapping_mul(0x0000_0008_1020_4080) & 0x0000_0080_8080_8080
}

/// Hash of a name of at most 16 bytes given as its [`words`], already
/// lower-cased with [`lower_word`]: the runtime lower-cases the query once
/// and uses the same words to compare it with the stored name.
#[inline(always)]
pub const fn short_hash(lo: u64, hi: u64, len: usize, seed: u64) -> u64 {
    fold_mul(lo ^ length_mark(len) ^ seed ^ MIX2, hi ^ MIX)
}

/// Hashes `name` ASCII-case-insensitively.
///
/// Service names are case-insensitive (RFC 6335 §5.1), so `HTTP`, `http` and
/// `Http` must land on the same slot.
#[inline(always)]
pub const fn name_hash(name: &[u8], seed: u64) -> u64 {
    let len = name.len();
    if len <= 16 {
        let (lo, hi) = words(name, 0, len);
        return short_hash(lower_word(lo), lower_word(hi), len, seed);
    }
    // Longer than RFC 6335 allows: 16 bytes a round, then the last 16. The
    // length is mixed in first, not XORed beside the data (where it could
    // cancel out between two names of different lengths, as it once did on
    // the short path).
    let mut state = fold_mul(seed ^ MIX2, (len as u64) ^ MIX);
    let mut at = 0;
    while at + 16 < len {
        let (lo, hi) = words(name, at, 16);
        state = fold_mul(lower_word(lo) ^ state ^ MIX2, lower_word(hi) ^ MIX);
        at += 16;
    }
    let (lo, hi) = words(name, len - 16, 16);
    fold_mul(lower_word(lo) ^ state ^ MIX2, lower_word(hi) ^ MIX)
}

/// Maps a hash to one of `buckets` buckets, using its high half.
#[inline(always)]
pub const fn bucket_of(hash: u64, buckets: usize) -> usize {
    (((hash >> 32) * buckets as u64) >> 32) as usize
}

/// Maps a hash and its bucket's pilot to one of `slots` slots: the low half
/// of the hash XOR a pilot-derived constant (as in PtrHash), no multiply
/// beyond the range reduction.
#[inline(always)]
pub const fn slot_of(hash: u64, pilot: u16, slots: usize) -> usize {
    let mixed = (hash ^ (pilot as u64).wrapping_mul(MIX)) as u32;
    (((mixed as u64) * slots as u64) >> 32) as usize
}
