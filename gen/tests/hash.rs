//! The name hash's 128-bit multiply as the BPF build computes it (four
//! 32-bit products, `hash::mul_by_halves`) equals the `u128` product the
//! other targets use, so a program built for `bpfel-unknown-none` finds
//! the names at the slots the generator placed them in.

use iana_ports_gen::hash::mul_by_halves;

fn by_u128(a: u64, b: u64) -> (u64, u64) {
    let product = u128::from(a) * u128::from(b);
    ((product >> 64) as u64, product as u64)
}

#[test]
fn mul_by_halves_is_the_u128_product_at_the_edges() {
    let edges = [
        0,
        1,
        2,
        0xFFFF_FFFF,
        0x1_0000_0000,
        0x1_0000_0001,
        0xFFFF_FFFF_0000_0000,
        0x8000_0000_0000_0000,
        u64::MAX - 1,
        u64::MAX,
        0x9E37_79B9_7F4A_7C15,
        0xA076_1D64_78BD_642F,
    ];
    for a in edges {
        for b in edges {
            assert_eq!(mul_by_halves(a, b), by_u128(a, b), "{a:#x} * {b:#x}");
        }
    }
}

#[test]
fn mul_by_halves_is_the_u128_product_on_a_million_pseudo_random_pairs() {
    // splitmix64: every bit pattern mix, deterministic.
    let mut state = 0x0123_4567_89AB_CDEFu64;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for _ in 0..1_000_000 {
        let (a, b) = (next(), next());
        assert_eq!(mul_by_halves(a, b), by_u128(a, b), "{a:#x} * {b:#x}");
    }
}
