//! Shared by the end-to-end tests.

/// The shipped CSV, as text.
pub fn shipped_csv() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../registry/service-names-port-numbers.csv")).unwrap()
}

/// The six rows IANA writes `N-N`, which the snapshot keeps so
/// (`Record::port_text`).
pub const WRITTEN_AS_RANGES: [u16; 6] = [4748, 6345, 6512, 8203, 9989, 20047];
