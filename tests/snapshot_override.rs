//! `IANA_PORTS_REGISTRY_DIR`: a throwaway crate depending on this one by
//! path is built against the fixture snapshots in `tests/fixtures/byo/`.
//!
//! All builds share one target directory under `CARGO_TARGET_TMPDIR`, and
//! the crate is built with `default-features = false` (the generator and
//! its dependencies are compiled once; each case recompiles only this
//! crate's tables).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

/// One cargo at a time: the cases share a target directory.
static CARGO: Mutex<()> = Mutex::new(());

const MAIN: &str = r#"
fn main() {
    use iana_ports::{Protocol, port, service_name};
    let info = iana_ports::REGISTRY;
    println!("title={}", info.title);
    println!("updated={}", info.updated);
    println!("records={}", info.records);
    println!("made-up/tcp={:?}", port("byo-made-up", Protocol::Tcp));
    println!("made-up/udp={:?}", port("byo-made-up", Protocol::Udp));
    println!("40404/tcp={:?}", service_name(40404, Protocol::Tcp));
    println!("http/tcp={:?}", port("http", Protocol::Tcp));
    // The typed constants and `port!` come from the same snapshot.
    println!("const={}", iana_ports::Tcp::BYO_MADE_UP);
    println!("macro={}", iana_ports::port!("byo-made-up/udp"));
}
"#;

const CSV: &str = "service-names-port-numbers.csv";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/byo").join(name)
}

/// Writes the throwaway crate and runs it with `IANA_PORTS_REGISTRY_DIR=dir`.
fn run_with(dir: &Path) -> Output {
    run_with_env(dir.as_os_str())
}

fn run_with_env(dir: &std::ffi::OsStr) -> Output {
    // Held while writing the crate too: a concurrent cargo must not read a
    // half-written manifest.
    let _one = CARGO.lock().unwrap_or_else(|e| e.into_inner());
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("snapshot-override");
    let krate = root.join("user");
    std::fs::create_dir_all(krate.join("src")).unwrap();
    let manifest = format!(
        "[package]\nname = \"byo-user\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\niana-ports = {{ path = {:?}, default-features = false }}\n\n[workspace]\n",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::write(krate.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(krate.join("src/main.rs"), MAIN).unwrap();
    Command::new(env!("CARGO"))
        // Not `--quiet`: it hides the build script's `cargo:warning`s, which some cases check.
        .args(["run", "--offline", "--manifest-path"])
        .arg(krate.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", root.join("target"))
        .env("IANA_PORTS_REGISTRY_DIR", dir)
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap()
}

/// A directory under the shared scratch root, for snapshots derived at test time.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("snapshot-override").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stdout_of(dir: &Path) -> String {
    let out = run_with(dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "build against {} failed:\n{stderr}", dir.display());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn csv_only_snapshot_uses_the_shipped_xml() {
    let out = stdout_of(&fixture("csv-only"));
    let shipped = iana_ports::REGISTRY;
    assert!(out.contains(&format!("title={}\n", shipped.title)), "{out}");
    assert!(out.contains(&format!("updated={}\n", shipped.updated)), "{out}");
    assert_byo_lookups(&out);
}

/// The lookups of the 5-row fixture snapshots (`csv-only/`, `xml-only/`).
fn assert_byo_lookups(out: &str) {
    for line in [
        "records=5\n",
        "made-up/tcp=Some(40404)\n",
        "made-up/udp=Some(40405)\n",
        "40404/tcp=Some(\"byo-made-up\")\n",
        "http/tcp=None\n",
        "const=40404\n",
        "macro=40405\n",
    ] {
        assert!(out.contains(line), "missing {line:?} in:\n{out}");
    }
}

#[test]
fn snapshot_with_its_own_xml() {
    let run = run_with(&fixture("with-xml"));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    // Its XML's records are the CSV's rows: nothing to warn about.
    assert!(!stderr.contains("warning"), "{stderr}");
    let out = String::from_utf8(run.stdout).unwrap();
    assert!(out.contains("title=Fixture Registry\n"), "{out}");
    assert!(out.contains("updated=2030-01-02\n"), "{out}");
    assert!(out.contains("made-up/tcp=Some(40404)\n"), "{out}");
}

/// IANA's XML alone is a full snapshot: its records are the rows.
#[test]
fn an_xml_alone_is_a_full_snapshot() {
    let run = run_with(&fixture("xml-only"));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let out = String::from_utf8(run.stdout).unwrap();
    assert!(out.contains("title=Fixture Registry\nupdated=2030-01-03\n"), "{out}");
    assert_byo_lookups(&out);
}

#[test]
fn a_broken_snapshot_names_the_variable_and_the_file() {
    let dir = fixture("broken");
    let out = run_with(&dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    let csv = dir.join("service-names-port-numbers.csv");
    let want = format!("IANA_PORTS_REGISTRY_DIR={}: {}:2: bad port `70000`", dir.display(), csv.display());
    assert!(stderr.contains(&want), "want {want:?} in:\n{stderr}");
}

#[test]
fn a_directory_without_the_files_names_the_variable_and_the_files() {
    let dir = fixture("no-such-dir");
    let out = run_with(&dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    let want = format!(
        "IANA_PORTS_REGISTRY_DIR={}: the directory holds neither service-names-port-numbers.csv nor \
         service-names-port-numbers.xml (IANA's XML alone is enough)",
        dir.display(),
    );
    assert!(stderr.contains(&want), "want {want:?} in:\n{stderr}");
}

/// A CSV of another date alone: IANA's CSV of 2026-02-13 (kept in
/// `tests/registry-history/`) plus two rows naming `[Robert_Baldwin]`, whom
/// the shipped XML's people table no longer has (IANA's April 2025 CSV
/// does); seven people of 2026-02-13 are gone by the shipped date too. It
/// builds, with one warning, and its records and lookups are the CSV's.
#[test]
fn a_csv_of_another_date_alone_builds_with_its_contacts_kept_as_ids() {
    let dir = scratch("other-date");
    let kept = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/registry-history/2026-02-13").join(CSV);
    let mut csv = std::fs::read_to_string(kept).unwrap();
    let kept_rows = 14_499;
    // Rows are sorted by port: the new ones go after 40404's, before 40405's.
    let before = "\r\n,40405-40840,,Unassigned,,,,,,,,\r\n";
    assert!(csv.contains(before), "the CSV's rows around 40404 moved");
    csv = csv.replacen(
        before,
        &format!(
            "\r\nbyo-made-up,40404,tcp,Added for the test,[Robert_Baldwin],[Robert_Baldwin],2025-04-01,,,,,\
             \r\nbyo-made-up,40405,udp,Added for the test,[Robert_Baldwin],[Robert_Baldwin],2025-04-01,,,,,{before}"
        ),
        1,
    );
    std::fs::write(dir.join(CSV), csv).unwrap();
    let out = run_with(&dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "build failed:\n{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    for line in [
        format!("records={}\n", kept_rows + 2),
        "made-up/tcp=Some(40404)\n".to_owned(),
        "made-up/udp=Some(40405)\n".to_owned(),
        // `sptx` came first in registry order.
        "40404/tcp=Some(\"sptx\")\n".to_owned(),
        "http/tcp=Some(80)\n".to_owned(),
        "const=40404\n".to_owned(),
        "macro=40405\n".to_owned(),
    ] {
        assert!(stdout.contains(&line), "missing {line:?} in:\n{stdout}");
    }
    let warning = "8 contact id(s) have no <person> in the XML's people table and stay bare ids \
                   (no name or organisation): [Andrew_Draper] (line ";
    assert!(stderr.contains(warning), "want the bare-id warning in:\n{stderr}");
    assert_eq!(stderr.matches("warning: iana-ports").count(), 1, "one warning:\n{stderr}");
}

#[test]
fn a_relative_dir_is_refused_saying_why_and_what_to_do() {
    let out = run_with_env("mysnap".as_ref());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    for want in [
        "IANA_PORTS_REGISTRY_DIR=mysnap is a relative path: Cargo runs this build script in the iana-ports crate's own folder",
        "Give an absolute path",
        "`[env] IANA_PORTS_REGISTRY_DIR = { value = \"mysnap\", relative = true }`",
    ] {
        assert!(stderr.contains(want), "want {want:?} in:\n{stderr}");
    }
}

#[test]
fn a_csv_with_a_header_and_no_rows_is_refused() {
    let dir = fixture("header-only");
    let out = run_with(&dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    let want = format!(
        "IANA_PORTS_REGISTRY_DIR={}: {}:2: the CSV has its header and no rows (cut short?)",
        dir.display(),
        dir.join(CSV).display()
    );
    assert!(stderr.contains(&want), "want {want:?} in:\n{stderr}");
}
