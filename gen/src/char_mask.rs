// The character-set mask of the suggestion engine, shared by the generator
// and the runtime crate.
//
// This file is compiled twice: as `iana_ports_gen::constants::char_mask`
// (to write the `SUGGEST_MASK` table) and, emitted verbatim into the
// generated `constants.rs`, inside the runtime crate (to mask the name
// being looked up). One source means the two can never disagree. It must
// therefore stay `no_std`, dependency-free and `const`.
//
// The mask is a cheap lower bound on the edit distance: one edit (insert,
// delete, substitute, transpose) adds or removes at most one character of
// each string's set, so it flips at most two bits, and names whose masks
// differ in more than `2 * max` bits are skipped without computing the
// distance. Any mapping of bytes to bits keeps that bound; this one gives
// each letter its own bit and folds the rest into two.

/// Bits of [`char_mask`]: one per letter `a`-`z` (any case), one for any
/// digit, one for any other byte.
pub const CHAR_BITS: u32 = 28;

/// `SUGGEST_MASK` holds, above the [`CHAR_BITS`] character bits, one bit per
/// protocol (`tcp`, `udp`, `sctp`, `dccp`) the name has a port on.
pub const PROTO_SHIFT: u32 = CHAR_BITS;

/// The set of characters in `name`, ASCII case-insensitively, as a bit mask
/// of [`CHAR_BITS`] bits.
pub const fn char_mask(name: &[u8]) -> u32 {
    let mut mask = 0u32;
    let mut i = 0;
    while i < name.len() {
        let c = name[i].to_ascii_lowercase();
        let bit = match c {
            b'a'..=b'z' => (c - b'a') as u32,
            b'0'..=b'9' => 26,
            _ => 27,
        };
        mask |= 1 << bit;
        i += 1;
    }
    mask
}
