//! A bring-your-own snapshot (`IANA_PORTS_REGISTRY_DIR`) whose free text
//! holds terminal controls: the command built against it shows none of them
//! raw, in the table (cut and whole), the contacts, `--info`, `--search`,
//! `--json` and `--etc-services` (issue 25).
//!
//! The command is built once, in a target directory of this test's own
//! (the snapshot's tables differ from the workspace build's).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// ESC with an OSC (retitles the window), a CSI (clears the screen), the
/// C1 forms of both, BEL and DEL.
const HOSTILE: &str = "x\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{9d}0;t\u{9c}\u{7f}";

/// The C1 controls (CSI, OSC, ST) and DEL, which XML 1.0 text may hold.
const XML_HOSTILE: &str = "\u{9b}31m\u{9d}0;t\u{9c}\u{7f}";

/// The shipped CSV with one more row whose four free-text columns (the
/// only ones the generator lets hold control characters) are hostile.
fn hostile_snapshot(root: &Path) -> PathBuf {
    let dir = root.join("registry");
    std::fs::create_dir_all(&dir).unwrap();
    let shipped = common::shipped_csv();
    let row = format!(
        "byo-hostile,40404,tcp,\"description {HOSTILE}\nsecond line {HOSTILE}\",[Jon_Postel],[Jon_Postel],\
         2026-01-01,,\"reference {HOSTILE}\",,\"unauthorized {HOSTILE}\",\"notes {HOSTILE}\"\r\n"
    );
    // Rows are sorted by port: before the first row past 40404.
    let at = shipped
        .match_indices("\r\n")
        .map(|(at, _)| at + 2)
        .find(|&at| {
            let port = shipped[at..].split(',').nth(1).unwrap_or_default();
            port.split('-').next().unwrap_or_default().parse::<u32>().is_ok_and(|p| p > 40404)
        })
        .unwrap();
    let csv = format!("{}{row}{}", &shipped[..at], &shipped[at..]);
    std::fs::write(dir.join("service-names-port-numbers.csv"), csv).unwrap();
    // XML 1.0 allows no C0 control but tab and line ends, even as `&#27;`:
    // the XML's texts (title, people) get the C1 ones and DEL.
    let xml =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../registry/service-names-port-numbers.xml"))
            .unwrap()
            .replacen("<title>Service Name", &format!("<title>{XML_HOSTILE}Service Name"), 1)
            .replacen("<name>Jon Postel</name>", &format!("<name>Jon {XML_HOSTILE}Postel</name>"), 1);
    std::fs::write(dir.join("service-names-port-numbers.xml"), xml).unwrap();
    dir
}

/// The command built against the hostile snapshot.
fn hostile_command() -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-snapshot");
    let snapshot = hostile_snapshot(&root);
    let target = root.join("target");
    let built = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet", "-p", "iana-ports-cli", "--bin", "iana-ports", "--manifest-path"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .env("IANA_PORTS_REGISTRY_DIR", &snapshot)
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    assert!(built.status.success(), "build failed:\n{}", String::from_utf8_lossy(&built.stderr));
    target.join("debug/iana-ports")
}

fn raw_controls(output: &str) -> Vec<char> {
    output.chars().filter(|&c| c.is_control() && c != '\n').collect()
}

fn assert_clean(what: &str, out: &Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let shown = String::from_utf8_lossy(bytes);
        assert!(raw_controls(&shown).is_empty(), "{what}: raw controls on {stream}: {shown}");
    }
}

#[test]
fn a_snapshots_free_text_reaches_no_terminal_raw() {
    let bin = hostile_command();
    let run = |args: &[&str]| Command::new(&bin).args(args).env_remove("COLUMNS").output().unwrap();
    let escaped = "x\\x1b]0;owned\\x07\\x1b[2J\\u{9b}31m\\u{9d}0;t\\u{9c}\\x7f";
    // The row is there, its text shown escaped.
    let whole = run(&["40404/tcp"]);
    assert_eq!(whole.status.code(), Some(0), "{}", String::from_utf8_lossy(&whole.stderr));
    let table = String::from_utf8_lossy(&whole.stdout);
    for column in ["description", "second line", "reference", "unauthorized", "notes"] {
        assert!(table.contains(&format!("{column} {escaped}")), "{column}: {table}");
    }
    assert_clean("table, whole", &whole);
    assert!(table.contains("Jon \\u{9b}31m\\u{9d}0;t\\u{9c}\\x7fPostel"), "the person's name: {table}");
    for args in [
        &["--info"][..],
        &["--width", "60", "40404/tcp"],
        &["--width", "200", "40404"],
        &["--full", "byo-hostile"],
        &["--search", "owned"],
        &["--short", "40404"],
        &["--json", "40404"],
    ] {
        assert_clean(&format!("{args:?}"), &run(args));
    }
    let json: serde_json::Value = serde_json::from_slice(&run(&["--json", "40404/tcp"]).stdout).unwrap();
    let record = json["records"].as_array().unwrap().iter().find(|r| r["service_name"] == "byo-hostile").unwrap();
    assert!(record["description"].as_str().unwrap().contains(HOSTILE), "JSON keeps the text as data");
    let services = run(&["--etc-services"]);
    assert_clean("--etc-services", &services);
    let services = String::from_utf8_lossy(&services.stdout);
    let line = services.lines().find(|l| l.starts_with("byo-hostile")).expect("the row's line");
    assert!(line.ends_with(&format!("# description {escaped} second line {escaped}")), "{line}");
}
