//! The string pools: each distinct string stored once in a blob, addressed
//! by two-level bounds.

use std::collections::HashMap;

use super::{Overflow, to_u16};

/// Strings stored once each; id 0 is the empty string (meaning "absent").
#[derive(Debug, Default)]
pub struct StringPool {
    /// All strings back to back.
    pub blob: String,
    /// `ends[i]` is where string `i` ends in `blob`; it starts at
    /// `ends[i-1]` (0 for i = 0).
    pub ends: Vec<u32>,
    /// What an [`Overflow`] of this pool names: one string's length, then
    /// the count of strings.
    limits: [&'static str; 2],
    ids: HashMap<String, u16>,
}

impl StringPool {
    /// A pool holding only string 0, "".
    pub fn new() -> Self {
        Self::named(["the length in bytes of one string", "the count of distinct strings"])
    }

    /// A pool holding only string 0, "", whose overflows name `limits`: one
    /// string's length in bytes, then the count of distinct strings (a pool
    /// of its own says so).
    pub(crate) fn named(limits: [&'static str; 2]) -> Self {
        let mut pool = StringPool { limits, ..StringPool::default() };
        pool.ends.push(0);
        pool.ids.insert(String::new(), 0);
        pool
    }

    /// The id of `text`, adding it if new; an error when the text or the
    /// pool outgrows 16-bit lengths or ids.
    pub(crate) fn intern(&mut self, text: &str) -> Result<u16, Overflow> {
        if let Some(&id) = self.ids.get(text) {
            return Ok(id);
        }
        self.push_unshared(text)
    }

    /// Appends `text` as a new string even if the pool holds it already
    /// (the names pool's empty slots); [`StringPool::intern`] of an equal
    /// text keeps returning the first id.
    pub(crate) fn push_unshared(&mut self, text: &str) -> Result<u16, Overflow> {
        to_u16(text.len(), self.limits[0])?;
        let id = to_u16(self.ends.len(), self.limits[1])?;
        self.blob.push_str(text);
        // Under 65,536 strings of under 64 KiB each: the blob stays far below 4 GiB.
        self.ends.push(self.blob.len() as u32);
        self.ids.entry(text.to_owned()).or_insert(id);
        Ok(id)
    }

    /// The id of `text`, if the pool holds it.
    pub(crate) fn id(&self, text: &str) -> Option<u16> {
        self.ids.get(text).copied()
    }

    /// The text of string `id`.
    pub fn get(&self, id: u16) -> &str {
        let id = usize::from(id);
        let start = if id == 0 { 0 } else { self.ends[id - 1] as usize };
        &self.blob[start..self.ends[id] as usize]
    }

    /// Every string, each followed by a NUL: string `i` starts at its start
    /// in `blob` plus `i` (the NULs of the strings before it).
    pub fn nul_terminated(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.blob.len() + self.ends.len());
        for id in 0..self.ends.len() {
            // Ids are 16-bit: `intern` refuses more strings.
            out.extend_from_slice(self.get(id as u16).as_bytes());
            out.push(0);
        }
        out
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
    /// string) always fit, since `StringPool::intern` refuses a string of
    /// 64 KiB or more, which the `u16` lengths cannot express.
    pub fn new(bounds: &[u32]) -> Self {
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
        crate::layout::bound(&self.base, &self.low, self.block_bits, i) as u32
    }

    /// The first bound at or past 64 KiB when every bound lies below
    /// 128 KiB (so that [`crate::layout::wrapped_bound`] reads them from
    /// their low bits alone), `usize::MAX` when none reaches 64 KiB, and
    /// `None` when some bound lies at or past 128 KiB.
    pub fn wrap(&self) -> Option<usize> {
        let mut bounds = (0..self.low.len()).map(|i| self.get(i));
        if bounds.clone().any(|b| b >= 1 << 17) {
            return None;
        }
        Some(bounds.position(|b| b >= 1 << 16).unwrap_or(usize::MAX))
    }

    /// Length of string `i`, as the runtime computes it.
    pub fn len(&self, i: usize) -> u32 {
        crate::layout::span(&self.low, i) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl StringPool {
        /// Where string `id` starts in `blob`.
        fn start(&self, id: u16) -> u32 {
            let id = usize::from(id);
            if id == 0 { 0 } else { self.ends[id - 1] }
        }

        /// `intern` of a string that fits.
        fn intern_ok(&mut self, text: &str) -> u16 {
            self.intern(text).unwrap()
        }
    }

    #[test]
    fn string_pool_dedupes_and_reserves_zero() {
        let mut pool = StringPool::new();
        assert_eq!(pool.intern_ok(""), 0);
        let a = pool.intern_ok("http");
        let b = pool.intern_ok("www");
        assert_eq!(pool.intern_ok("http"), a);
        assert_eq!(pool.get(a), "http");
        assert_eq!(pool.get(b), "www");
        assert_eq!(pool.get(0), "");
    }

    #[test]
    fn the_nul_terminated_copy_puts_string_i_at_its_start_plus_i() {
        let mut pool = StringPool::new();
        let a = pool.intern_ok("http");
        let b = pool.intern_ok("x11");
        assert_eq!(pool.intern_ok("http"), a);
        assert_eq!(pool.blob, "httpx11");
        assert_eq!((pool.get(0), pool.get(a), pool.get(b)), ("", "http", "x11"));
        assert_eq!(pool.start(b), 4);
        assert_eq!(pool.nul_terminated(), b"\0http\0x11\0");
        let at = pool.start(b) as usize + usize::from(b);
        assert_eq!(&pool.nul_terminated()[at..at + 4], b"x11\0");
        assert_eq!(pool.two_level_bounds().len(usize::from(b)), 3);
    }

    #[test]
    fn an_unshared_string_gets_a_new_id_but_interning_keeps_the_first() {
        let mut pool = StringPool::new();
        let a = pool.intern_ok("http");
        let empty = pool.push_unshared("").unwrap();
        let again = pool.push_unshared("http").unwrap();
        assert_eq!((empty, again), (2, 3));
        assert_eq!((pool.intern_ok(""), pool.intern_ok("http")), (0, a));
        assert_eq!((pool.get(empty), pool.get(again)), ("", "http"));
        assert_eq!(pool.id("http"), Some(a));
    }

    #[test]
    fn two_level_bounds_round_trip() {
        let mut pool = StringPool::new();
        for i in 0..5000 {
            pool.intern_ok(&format!("string number {i} {}", "x".repeat(i % 97)));
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
    fn wrapped_bounds_read_from_the_low_bits() {
        let bounds = [0, 40_000, 65_535, 65_536, 100_000, 131_071];
        let two = TwoLevelBounds::new(&bounds);
        let wrap = two.wrap().unwrap();
        assert_eq!(wrap, 3);
        assert!((0..bounds.len()).all(|i| crate::layout::wrapped_bound(&two.low, wrap, i) == bounds[i] as usize));
        assert_eq!(TwoLevelBounds::new(&[0, 10]).wrap(), Some(usize::MAX));
        assert_eq!(TwoLevelBounds::new(&[0, 60_000, 120_000, 131_072]).wrap(), None);
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
    fn a_string_of_64_kib_is_refused() {
        let mut pool = StringPool::new();
        let error = pool.intern(&"x".repeat(70_000)).unwrap_err();
        assert_eq!((error.what, error.value), ("the length in bytes of one string", 70_000));
        assert!(pool.intern(&"x".repeat(65_536)).is_err());
        assert!(pool.intern(&"x".repeat(65_535)).is_ok());
        let mut people = StringPool::named(["one person text", "the person texts"]);
        assert_eq!(people.intern(&"x".repeat(70_000)).unwrap_err().what, "one person text");
        for i in 1..=65_535 {
            people.intern_ok(&i.to_string());
        }
        assert_eq!((people.intern("one too many").unwrap_err().what, people.ends.len()), ("the person texts", 65_536));
    }
}
