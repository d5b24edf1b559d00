//! `include/iana_ports.h` is what cbindgen generates from `src/lib.rs` with
//! `cbindgen.toml`: this test fails when the checked-in header is stale.
//! To regenerate it: `IANA_PORTS_BLESS=1 cargo test -p iana-ports-c --test header`.

use std::path::Path;

#[test]
fn header_is_up_to_date() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("c/cbindgen.toml");
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen reads c/src/lib.rs")
        .write(&mut generated);
    let generated = String::from_utf8(generated).expect("UTF-8 header");
    let path = crate_dir.join("include/iana_ports.h");
    if std::env::var_os("IANA_PORTS_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write include/iana_ports.h");
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "c/include/iana_ports.h is stale: regenerate it with \
         `IANA_PORTS_BLESS=1 cargo test -p iana-ports-c --test header` and commit it"
    );
    for item in [
        "iana_service_name",
        "iana_port",
        "iana_status",
        "iana_resolve",
        "iana_spec_error",
        "iana_registry_updated",
        "#define IANA_TCP 6",
        "#define IANA_UDP 17",
        "#define IANA_SCTP 132",
        "#define IANA_DCCP 33",
        "typedef struct iana_port_range",
    ] {
        assert!(generated.contains(item), "{item} missing from the header");
    }
}
