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

/// The same program under AddressSanitizer and UndefinedBehaviorSanitizer,
/// linked against the debug build (its checks catch a slice made larger
/// than the buffer), with `SIZE_MAX` sizes and a spec inside its output
/// buffer among the cases.
#[test]
fn c_test_program_passes_under_asan_and_ubsan() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("c-api");
    // Can this cc link the sanitizers' runtimes (libasan, libubsan)?
    std::fs::create_dir_all(&target).unwrap();
    let probe = target.join("sanitizer-probe.c");
    std::fs::write(&probe, "int main(void) { return 0; }\n").unwrap();
    let linked = Command::new("cc")
        .args(["-fsanitize=address,undefined", "-o"])
        .arg(target.join("sanitizer-probe"))
        .arg(&probe)
        .status()
        .is_ok_and(|s| s.success());
    if !linked {
        println!(
            "SKIPPED c_test_program_passes_under_asan_and_ubsan: cc cannot link -fsanitize=address,undefined here"
        );
        return;
    }
    let out = Command::new("sh")
        .arg(crate_dir.join("run-c.sh"))
        .arg("sanitize")
        .env("CARGO_TARGET_DIR", &target)
        .env("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=1")
        .env("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")
        .output()
        .expect("run sh c/run-c.sh sanitize");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "run-c.sh sanitize failed: {}\n{stdout}\n{stderr}", out.status);
    assert!(stdout.contains("c test: all cases passed"), "{stdout}");
}
