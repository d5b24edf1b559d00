//! The shipped snapshot is byte for byte the one `SHA256SUMS` pins.

use sha2::{Digest, Sha256};

/// Checks every file `dir/SHA256SUMS` names; returns how many.
fn check_sha256sums(dir: &str) -> usize {
    let sums = std::fs::read_to_string(format!("{dir}/SHA256SUMS")).unwrap();
    let mut checked = 0;
    for line in sums.lines().filter(|l| !l.trim().is_empty()) {
        let (hex, name) = line.split_once("  ").expect("`<hex>  <file>` lines");
        let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
        let actual: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(actual, hex, "{name} differs from SHA256SUMS");
        checked += 1;
    }
    checked
}

#[test]
fn registry_files_match_sha256sums() {
    let checked = check_sha256sums(concat!(env!("CARGO_MANIFEST_DIR"), "/registry"));
    assert_eq!(checked, 2, "SHA256SUMS should pin the CSV and the XML");
}

/// The same-date CSV and XML pairs the tests compare (the generator's XML
/// alone against its CSV; the oracles' CSV against their XML).
#[test]
fn kept_snapshots_match_their_sha256sums() {
    let checked = check_sha256sums(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/registry-history"));
    assert_eq!(checked, 4, "two same-date pairs: 2026-02-13 and 2026-04-24");
}

#[test]
fn csv_keeps_crlf_line_ends() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/registry/service-names-port-numbers.csv")).unwrap();
    assert!(bytes.starts_with(b"Service Name,Port Number"));
    let lf = bytes.iter().filter(|&&b| b == b'\n').count();
    let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
    assert!(crlf > 14_000, "line ends were rewritten: {crlf} CRLF of {lf} LF");
}
