//! The C build lines of `docs/c.md` and `c/README.md` run as written, from
//! the repository's root, and print what `docs/c.md` says; its C listing is
//! `c/examples/example.c`.
//!
//! They run in a scratch copy of the root (symbolic links to its entries)
//! whose `target/` is this test's own: the outer `cargo test` holds the
//! workspace's while tests run, and the lines name `target/release/`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// One build at a time: both cases share the scratch root.
static CARGO: Mutex<()> = Mutex::new(());

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The fenced blocks of `markdown` whose info string is `lang`, in order.
fn blocks(markdown: &str, lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_end()) {
            (None, fence) if fence == format!("```{lang}") => current = Some(String::new()),
            (Some(_), "```") => out.extend(current.take()),
            (Some(text), _) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, _) => {}
        }
    }
    out
}

/// A directory whose entries link to the root's, with a `target/` of its own.
fn scratch_root() -> PathBuf {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("c-docs");
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("c-docs-target");
    std::fs::create_dir_all(&scratch).unwrap();
    std::fs::create_dir_all(&target).unwrap();
    for entry in std::fs::read_dir(root()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        let link = scratch.join(&name);
        if name == "target" || name == ".git" || link.symlink_metadata().is_ok() {
            continue;
        }
        std::os::unix::fs::symlink(entry.path(), link).unwrap();
    }
    let link = scratch.join("target");
    if link.symlink_metadata().is_err() {
        std::os::unix::fs::symlink(&target, link).unwrap();
    }
    scratch
}

/// Runs a documented `sh` block from the scratch root; its stdout.
fn run_as_written(block: &str) -> String {
    let _one = CARGO.lock().unwrap_or_else(|e| e.into_inner());
    let out = Command::new("sh")
        .arg("-ec")
        .arg(block)
        .current_dir(scratch_root())
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{block}failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    stdout
}

#[test]
fn docs_c_md_build_lines_run_and_print_what_it_shows() {
    let doc = std::fs::read_to_string(root().join("docs/c.md")).unwrap();
    let commands = blocks(&doc, "sh");
    let commands = commands.iter().find(|b| b.contains("cc ")).expect("docs/c.md has a cc line");
    let listing = blocks(&doc, "c");
    let example = std::fs::read_to_string(root().join("c/examples/example.c")).unwrap();
    assert_eq!(listing.first(), Some(&example), "docs/c.md's C listing is not c/examples/example.c");
    let shown = blocks(&doc, "text");
    let output = run_as_written(commands);
    assert_eq!(shown.first(), Some(&output), "docs/c.md shows another output than the program prints");
}

#[test]
fn c_readme_build_lines_run() {
    let readme = std::fs::read_to_string(root().join("c/README.md")).unwrap();
    let commands = blocks(&readme, "sh");
    let commands = commands.iter().find(|b| b.contains("cc ")).expect("c/README.md has a cc line");
    let output = run_as_written(commands);
    assert!(output.starts_with("8448/tcp: matrix-fed\n"), "{output}");
}
