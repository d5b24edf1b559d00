//! Runs the C test program (`tests/c/test.c`) through `run-c.sh`: the
//! static library built in release, linked by the system `cc` with
//! `-std=c99 -Wall -Wextra -Werror`, and run.

use std::path::Path;
use std::process::Command;

#[test]
fn c_test_program_passes() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // A target directory of its own: the outer `cargo test` holds the
    // workspace's while tests run.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("c-api");
    let out = Command::new("sh")
        .arg(crate_dir.join("run-c.sh"))
        .arg("test")
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("run sh c/run-c.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "run-c.sh test failed: {}\n{stdout}\n{stderr}", out.status);
    assert!(stdout.contains("c test: all cases passed"), "{stdout}");
}
