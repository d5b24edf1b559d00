//! Every build-time failure message, pinned with trybuild: `port!`, `ports!`,
//! `assert_unassigned!`, a misspelt typed constant and (built with
//! `--no-default-features`) the accessors of dropped columns.
//!
//! The `.stderr` files hold rustc's whole diagnostic, whose framing
//! (`error[E0080]: evaluation panicked: …`, notes, spans) changes between
//! compiler releases. They are pinned to the minor version in [`PINNED`]:
//! on any other compiler this test says so and checks nothing, rather than
//! fail on wording that is not ours. To re-bless after a compiler upgrade
//! or an edit of `src/macros.rs`: `TRYBUILD=overwrite cargo test --test ui`
//! (and the same with `--no-default-features`), review the diff, and bump
//! [`PINNED`].

use std::process::Command;

/// `rustc -V` prefix the `.stderr` files were written with.
const PINNED: &str = "rustc 1.95.";

fn pinned_compiler() -> bool {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let version = Command::new(rustc).arg("-V").output().map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    match version {
        Ok(v) if v.starts_with(PINNED) => true,
        other => {
            eprintln!("tests/ui: skipped: the .stderr files are pinned to {PINNED}x, this is {other:?}");
            false
        }
    }
}

/// trybuild's report has no ANSI colours in a redirected test log:
/// `.cargo/config.toml` sets NO_COLOR, which its termcolor honours.
#[test]
fn trybuild_writes_no_colours() {
    assert!(std::env::var_os("NO_COLOR").is_some(), "NO_COLOR is not set for the tests (.cargo/config.toml [env])");
}

#[test]
fn ui() {
    if !pinned_compiler() {
        return;
    }
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    #[cfg(not(any(
        feature = "descriptions",
        feature = "contacts",
        feature = "dates",
        feature = "references",
        feature = "notes"
    )))]
    t.compile_fail("tests/ui/minimal/*.rs");
}
