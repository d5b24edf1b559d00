// How the generated tables encode what they hold, shared by the generator
// and the runtime crate.
//
// Compiled twice, like `hash.rs`: as `iana_ports_gen::layout` (to write the
// tables) and, copied verbatim into `OUT_DIR`, inside the runtime crate (to
// read them). One source for every bit and stride means the two sides can
// never disagree. It must therefore stay `no_std`, dependency-free and
// `const`.

/// Record flags: mask of the protocol code ([`proto_code`], or
/// [`PROTO_ANY`]).
pub const PROTO_MASK: u8 = 0b0000_0111;
/// Record flags: set when the row has a port or a range.
pub const HAS_PORT: u8 = 0b0000_1000;
/// Record flags: shift of the 2-bit status code ([`STATUS_ASSIGNED`] and after).
pub const STATUS_SHIFT: u8 = 4;
/// Record flags: the status bits, once shifted down.
pub const STATUS_MASK: u8 = 0b11;
/// Record flags: protocol code of a row that names no protocol (it applies
/// to all four).
pub const PROTO_ANY: u8 = 0;

/// Record flags: the protocol code of protocol `index` (0 tcp, 1 udp,
/// 2 sctp, 3 dccp: the runtime crate's `Protocol::ALL` order).
#[inline(always)]
pub const fn proto_code(index: usize) -> u8 {
    index as u8 + 1
}

/// The protocol index of protocol code `code`; `None` for [`PROTO_ANY`].
#[inline(always)]
pub const fn proto_index(code: u8) -> Option<usize> {
    match code {
        1..=4 => Some(code as usize - 1),
        _ => None,
    }
}

/// Status codes, in order of precedence: the status of a port is the
/// lowest code among its rows (assigned over reserved over unassigned).
pub const STATUS_ASSIGNED: u8 = 0;
/// Status code: reserved (see [`STATUS_ASSIGNED`]).
pub const STATUS_RESERVED: u8 = 1;
/// Status code: unassigned (see [`STATUS_ASSIGNED`]).
pub const STATUS_UNASSIGNED: u8 = 2;

/// The status code of a record's flags.
#[inline(always)]
pub const fn status_code(flags: u8) -> u8 {
    (flags >> STATUS_SHIFT) & STATUS_MASK
}

/// Record flags: shift of bits 8-9 of the record's range number (its low
/// 8 bits are a byte of their own). Range number 0: the port column is one
/// port; `n > 0`: it is written as a range (`6000-6063`, or `4748-4748`),
/// whose last port is `RANGE_END[n]`. Records thus keep no last port: a
/// 16-bit column that only the 762 of 14,499 rows written as a range need.
pub const RANGE_HIGH_SHIFT: u8 = 6;
/// Most range numbers (10 bits; today 762: 756 ranges and 6 one-port
/// ranges written `N-N`).
pub const MAX_RANGES: usize = (1 << 10) - 1;

/// The flags byte of a record; `range` is its range number (`<= MAX_RANGES`).
#[inline(always)]
pub const fn record_flags(proto_code: u8, has_port: bool, status_code: u8, range: u16) -> u8 {
    (proto_code & PROTO_MASK)
        | if has_port { HAS_PORT } else { 0 }
        | ((status_code & STATUS_MASK) << STATUS_SHIFT)
        | (((range >> 8) as u8) << RANGE_HIGH_SHIFT)
}

/// The low byte of range number `range`, stored beside the flags.
#[inline(always)]
pub const fn range_low(range: u16) -> u8 {
    range as u8
}

/// A record's range number, from its flags and its low byte.
#[inline(always)]
pub const fn range_number(flags: u8, low: u8) -> usize {
    (((flags >> RANGE_HIGH_SHIFT) as usize) << 8) | low as usize
}

/// The name id of name-hash slot `slot`: the names pool is written in slot
/// order after name 0 (""), so a slot needs no pointer to its text.
#[inline(always)]
pub const fn name_id_of_slot(slot: usize) -> usize {
    slot + 1
}

/// Longest run of rows a name-run byte holds (a longer run is stored as
/// several).
pub const NAME_RUN_MAX_LEN: usize = 0x7F;
/// Name-run byte: set when the name has more runs than this one.
pub const NAME_RUN_MORE: u8 = 0x80;

/// The byte of a name's first run: its length (at most
/// [`NAME_RUN_MAX_LEN`]) and whether more runs follow.
#[inline(always)]
pub const fn name_run(len: usize, more: bool) -> u8 {
    (len as u8 & NAME_RUN_MAX_LEN as u8) | if more { NAME_RUN_MORE } else { 0 }
}

/// Range list: ports per `RANGE_BLOCK` entry, as a shift.
pub const RANGE_BLOCK_BITS: u32 = 8;

/// Run index: ports per `RUN_BLOCK` entry, as a shift.
pub const RUN_BLOCK_BITS: u32 = 4;

/// First-name index: ports per block, as a shift (blocks of 16 ports).
pub const NAMED_BLOCK_BITS: u32 = 4;

/// Bound `i` of a two-level string table (`base` per block of
/// `1 << block_bits` bounds, the low 16 bits of every bound in `low`):
/// every bound lies within 64 KiB of its block's base, so wrapping
/// arithmetic recovers it.
#[inline(always)]
pub const fn bound(base: &[u32], low: &[u16], block_bits: u32, i: usize) -> usize {
    let base = base[i >> block_bits];
    base as usize + low[i].wrapping_sub(base as u16) as usize
}

/// Bound `i` of a string table whose bounds all lie below 128 KiB, from
/// its low 16 bits alone: bounds grow with `i`, so those of `i >= wrap` (the
/// first bound at or past 64 KiB) are 64 KiB more than their low bits. No
/// load besides `low[i]`. The names blob is read this way (under 64 KiB,
/// as today's 62 KiB, `wrap` is `usize::MAX` and the compare folds away).
#[inline(always)]
pub const fn wrapped_bound(low: &[u16], wrap: usize, i: usize) -> usize {
    low[i] as usize + (((i >= wrap) as usize) << 16)
}

/// Length of string `i` of a two-level table, from the low bits of its two
/// bounds (no string reaches 64 KiB).
#[inline(always)]
pub const fn span(low: &[u16], i: usize) -> usize {
    low[i + 1].wrapping_sub(low[i]) as usize
}
