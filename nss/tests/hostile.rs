//! The hostile-input C harness (`tests/c/hostile.c`) under AddressSanitizer
//! and UndefinedBehaviorSanitizer against the library cargo built for these
//! tests (`run-hostile.sh` also builds the module itself with ASan, on
//! nightly; CI runs both).

mod common;

use std::process::Command;

use common::{build_c, lib_dir};

#[test]
fn hostile_input_under_address_sanitizer() {
    let dir = lib_dir().display().to_string();
    let flags =
        ["-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-L", &dir, "-l:libnss_iana.so.2", "-lpthread"];
    let exe = match build_c("hostile", &flags) {
        Ok(exe) => exe,
        Err(why) => {
            println!("SKIPPED hostile_input_under_address_sanitizer: cannot build with -fsanitize=address: {why}");
            return;
        }
    };
    let run = |command: &mut Command| {
        command
            .env("LD_LIBRARY_PATH", lib_dir())
            // Leak checking needs ptrace, which containers often forbid.
            .env("ASAN_OPTIONS", "detect_leaks=0")
            .output()
            .unwrap()
    };
    let mut out = run(&mut Command::new(&exe));
    // GCC 12's ASan cannot place its shadow memory under kernels with 32
    // bits of mmap randomization; without address randomization it can.
    if String::from_utf8_lossy(&out.stderr).contains("Shadow memory range interleaves") {
        out = run(Command::new("setarch").args([std::env::consts::ARCH, "-R"]).arg(&exe));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("hostile: all cases passed"), "{stdout}");
}
