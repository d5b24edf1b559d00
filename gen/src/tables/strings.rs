//! The string pools: each distinct string stored once in a blob, addressed
//! by two-level bounds.

use std::collections::HashMap;

use super::{Overflow, to_u16};

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
    /// What an [`Overflow`] of this pool names: one string's length, then
    /// the count of strings.
    limits: [&'static str; 2],
    ids: HashMap<String, u16>,
}

impl StringPool {
    /// An empty pool; `nul_terminated` writes a NUL after every string.
    pub fn new(nul_terminated: bool) -> Self {
        Self::named(nul_terminated, ["the length in bytes of one string", "the count of distinct strings"])
    }

    /// An empty pool whose overflows name `limits`: one string's length in
    /// bytes, then the count of distinct strings (a pool of its own says so).
    pub(crate) fn named(nul_terminated: bool, limits: [&'static str; 2]) -> Self {
        let mut pool = StringPool { nul_terminated, limits, ..StringPool::default() };
        if nul_terminated {
            pool.blob.push('\0');
        }
        pool.ends.push(u32::try_from(pool.blob.len()).unwrap_or(0));
        pool.ids.insert(String::new(), 0);
        pool
    }

    /// The id of `text`, adding it if new; an error when the text or the
    /// pool outgrows 16-bit lengths or ids.
    pub(crate) fn intern(&mut self, text: &str) -> Result<u16, Overflow> {
        if let Some(&id) = self.ids.get(text) {
            return Ok(id);
        }
        to_u16(text.len() + usize::from(self.nul_terminated), self.limits[0])?;
        let id = to_u16(self.ends.len(), self.limits[1])?;
        self.blob.push_str(text);
        if self.nul_terminated {
            self.blob.push('\0');
        }
        // Under 65,536 strings of under 64 KiB each: the blob stays far below 4 GiB.
        self.ends.push(self.blob.len() as u32);
        self.ids.insert(text.to_owned(), id);
        Ok(id)
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
        /// `intern` of a string that fits.
        fn intern_ok(&mut self, text: &str) -> u16 {
            self.intern(text).unwrap()
        }
    }

    #[test]
    fn string_pool_dedupes_and_reserves_zero() {
        let mut pool = StringPool::new(false);
        assert_eq!(pool.intern_ok(""), 0);
        let a = pool.intern_ok("http");
        let b = pool.intern_ok("www");
        assert_eq!(pool.intern_ok("http"), a);
        assert_eq!(pool.get(a), "http");
        assert_eq!(pool.get(b), "www");
        assert_eq!(pool.get(0), "");
    }

    #[test]
    fn nul_terminated_pool_writes_a_nul_after_each_string() {
        let mut pool = StringPool::new(true);
        let a = pool.intern_ok("http");
        let b = pool.intern_ok("x11");
        assert_eq!(pool.intern_ok("http"), a);
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
        let mut pool = StringPool::new(false);
        let error = pool.intern(&"x".repeat(70_000)).unwrap_err();
        assert_eq!((error.what, error.value), ("the length in bytes of one string", 70_000));
        let mut names = StringPool::new(true);
        assert!(names.intern(&"x".repeat(65_535)).is_err(), "the NUL counts");
        assert!(names.intern(&"x".repeat(65_534)).is_ok());
        let mut people = StringPool::named(false, ["one person text", "the person texts"]);
        assert_eq!(people.intern(&"x".repeat(70_000)).unwrap_err().what, "one person text");
        for i in 1..=65_535 {
            people.intern_ok(&i.to_string());
        }
        assert_eq!((people.intern("one too many").unwrap_err().what, people.ends.len()), ("the person texts", 65_536));
    }
}
