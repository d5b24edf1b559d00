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
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/registry");
    let checked = check_sha256sums(dir);
    // Every snapshot file is pinned: the XML, and the CSV when there is one.
    let snapshot_files = std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_str().unwrap().starts_with("service-names-port-numbers."))
        .count();
    assert_eq!(checked, snapshot_files, "SHA256SUMS should pin every snapshot file");
    assert!(std::path::Path::new(dir).join("service-names-port-numbers.xml").is_file(), "the XML is the snapshot");
}

/// The same-date CSV and XML pairs the tests compare (the generator's XML
/// alone against its CSV; the oracles' CSV against their XML).
#[test]
fn kept_snapshots_match_their_sha256sums() {
    let checked = check_sha256sums(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/registry-history"));
    assert_eq!(checked, 4, "two same-date pairs: 2026-02-13 and 2026-04-24");
}

/// Git must not rewrite the CSVs' CRLF line ends (`.gitattributes`).
#[test]
fn csvs_keep_crlf_line_ends() {
    for date in ["2026-02-13", "2026-04-24"] {
        let path =
            format!("{}/tests/registry-history/{date}/service-names-port-numbers.csv", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(path).unwrap();
        assert!(bytes.starts_with(b"Service Name,Port Number"));
        let lf = bytes.iter().filter(|&&b| b == b'\n').count();
        let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
        assert!(crlf > 14_000, "{date}: line ends were rewritten: {crlf} CRLF of {lf} LF");
    }
}

/// The crate's version names its snapshot (`0.2.0+iana.2026-08-17`, as
/// `openssl-src` and `zstd-sys` do): a data update without a version bump,
/// or a bump naming another date, fails here.
#[test]
fn the_version_names_the_registry_date() {
    let version = env!("CARGO_PKG_VERSION");
    let (_, date) = version.split_once("+iana.").expect("version metadata `+iana.YYYY-MM-DD`");
    assert_eq!(date, iana_ports::REGISTRY.updated, "Cargo.toml's version {version}");
}
