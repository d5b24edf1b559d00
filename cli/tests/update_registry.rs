//! `scripts/update-registry.sh`, run on a copy of the repository in a
//! temporary directory with local files: an XML alone, then a CSV and XML
//! pair, update `registry/` byte for byte with its checksums and print the
//! diff; a bad CSV leaves `registry/` as it was; URLs other than https, and
//! two files of one kind, are refused.

use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

mod common;

const CSV: &str = "service-names-port-numbers.csv";
const XML: &str = "service-names-port-numbers.xml";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

/// A copy of the repository's files (tracked and new, not ignored) under
/// `dir`, or `None` when git cannot list them (a packaged crate).
fn copy_repo(dir: &Path) -> Option<PathBuf> {
    let list = Command::new("git")
        .args(["ls-files", "-z", "--cached", "--others", "--exclude-standard"])
        .current_dir(repo())
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    let copy = dir.join("repo");
    let _ = std::fs::remove_dir_all(&copy);
    for name in list.stdout.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let name = std::str::from_utf8(name).unwrap();
        let from = repo().join(name);
        if !from.is_file() {
            continue; // listed but deleted in the work tree
        }
        let to = copy.join(name);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&from, &to).unwrap();
    }
    Some(copy)
}

fn sha256(path: &Path) -> String {
    Sha256::digest(std::fs::read(path).unwrap()).iter().map(|b| format!("{b:02x}")).collect()
}

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn update(copy: &Path, target: &Path, args: &[&str]) -> Run {
    let o = Command::new("bash")
        .arg(copy.join("scripts/update-registry.sh"))
        .args(args)
        .env("UPDATE_REGISTRY_TARGET_DIR", target)
        .env_remove("IANA_PORTS_REGISTRY_DIR")
        .output()
        .unwrap();
    Run {
        code: o.status.code().unwrap(),
        out: String::from_utf8_lossy(&o.stdout).into_owned(),
        err: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

#[test]
fn update_registry_script() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("update-registry");
    std::fs::create_dir_all(&dir).unwrap();
    let Some(copy) = copy_repo(&dir) else {
        println!("SKIPPED update_registry_script: git cannot list the repository's files here");
        return;
    };
    // Kept between runs, so that a second run builds incrementally.
    let target = dir.join("target");
    let shipped_xml = std::fs::read_to_string(repo().join("registry").join(XML)).unwrap();

    // A newer registry: one record renamed, one record added.
    let new = dir.join("new");
    std::fs::create_dir_all(&new).unwrap();
    let renamed = shipped_xml.replacen("<name>matrix-fed</name>", "<name>matrix-federation</name>", 1);
    // The new record goes where IANA would put it: after the last record
    // with a port (49151), before the port-less ones (sorted by port).
    let last_ported = "<number>49151</number>\n    <xref type=\"rfc\" data=\"rfc6335\"/>\n  </record>\n";
    assert!(renamed.contains(last_ported), "the shipped XML's last record with a port moved");
    let newer = renamed.replacen(
        last_ported,
        &format!(
            "{last_ported}  <record date=\"2026-09-01\">\n    <name>newsvc</name>\n    <protocol>udp</protocol>\n    \
             <description>New Service</description>\n    <number>65001</number>\n  </record>\n"
        ),
        1,
    );
    std::fs::write(new.join(XML), &newer).unwrap();
    let new_xml = new.join(XML);
    let new_xml = new_xml.to_str().unwrap();

    // Refusals first: registry/ untouched.
    let r = update(&copy, &target, &["http://example.org/a.xml"]);
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(r.err.contains("only https:// URLs are fetched"), "{}", r.err);
    let r = update(&copy, &target, &["/nonexistent.xml"]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("/nonexistent.xml: no such file"), "{}", r.err);
    assert_eq!(update(&copy, &target, &[]).code, 2);
    assert_eq!(update(&copy, &target, &[new_xml, new_xml, new_xml]).code, 2);
    let r = update(&copy, &target, &[new_xml, new_xml]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("are both XML files: give one XML, one CSV, or one of each"), "{}", r.err);

    // A CSV that does not build: the generator's message, registry/ as it was.
    let shipped_csv = common::shipped_csv();
    let header = shipped_csv.split("\r\n").next().unwrap();
    let broken = dir.join("broken.csv");
    std::fs::write(&broken, format!("{header}\r\nssh,22,tcp,Secure Shell\r\n")).unwrap();
    let r = update(&copy, &target, &[broken.to_str().unwrap(), new_xml]);
    assert_eq!(r.code, 1, "{}\n{}", r.out, r.err);
    assert!(r.err.contains("/service-names-port-numbers.csv:2: expected 12 fields, found 4"), "{}", r.err);
    assert!(r.err.contains(&format!("/service-names-port-numbers.csv is {},", broken.display())), "{}", r.err);
    assert!(r.err.contains("registry/ is unchanged"), "{}", r.err);
    let registry = copy.join("registry");
    assert_eq!(std::fs::read_to_string(registry.join(XML)).unwrap(), shipped_xml);
    assert!(!registry.join(CSV).exists());

    // The XML alone: a full snapshot.
    let r = update(&copy, &target, &[new_xml]);
    assert_eq!(r.code, 0, "{}\n{}", r.out, r.err);
    assert_eq!(std::fs::read(registry.join(XML)).unwrap(), newer.as_bytes(), "copied byte for byte");
    assert!(!registry.join(CSV).exists());
    let sums = std::fs::read_to_string(registry.join("SHA256SUMS")).unwrap();
    assert_eq!(sums, format!("{}  {XML}\n", sha256(&new.join(XML))));
    // The diff of the old snapshot against the new.
    assert!(r.out.contains(&format!("iana-ports diff (the old registry/{XML}, ")), "{}", r.out);
    assert!(r.out.contains(":\n2 added, 1 removed, 0 changed\n"), "{}", r.out);
    assert!(r.out.contains("\n+ matrix-federation 8448/tcp  Matrix Federation Protocol\n"), "{}", r.out);
    assert!(r.out.contains("\n+ newsvc 65001/udp  New Service\n"), "{}", r.out);
    assert!(r.out.contains("\n- matrix-fed 8448/tcp  Matrix Federation Protocol  (line "), "{}", r.out);
    // Where the counts are pinned, and the new count.
    assert!(r.out.contains("pin the snapshot's counts in one place, tests/data.rs:\n  tests/data.rs:"), "{}", r.out);
    assert!(r.out.contains(&format!("assert_eq!(rows.len(), {});", pinned(iana_ports::records().len()))), "{}", r.out);
    let rows = iana_ports::records().len() + 1;
    assert!(r.out.contains(&format!("the new snapshot has {rows} rows")), "{}", r.out);

    // A same-date CSV and XML pair: both kept, both pinned.
    std::fs::write(new.join(CSV), common::csv_of_xml(new_xml)).unwrap();
    let r = update(&copy, &target, &[new.join(CSV).to_str().unwrap(), new_xml]);
    assert_eq!(r.code, 0, "{}\n{}", r.out, r.err);
    assert_eq!(std::fs::read(registry.join(CSV)).unwrap(), std::fs::read(new.join(CSV)).unwrap());
    let sums = std::fs::read_to_string(registry.join("SHA256SUMS")).unwrap();
    assert_eq!(sums, format!("{}  {CSV}\n{}  {XML}\n", sha256(&new.join(CSV)), sha256(&new.join(XML))));
    assert!(r.out.contains(":\n0 added, 0 removed, 0 changed\n"), "{}", r.out);
}

/// `14533` as the tests write it: `14_533`.
fn pinned(n: usize) -> String {
    let digits = n.to_string();
    let (head, tail) = digits.split_at(digits.len() - 3);
    format!("{head}_{tail}")
}
