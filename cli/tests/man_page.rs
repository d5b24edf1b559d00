//! `iana-ports --man` read by the real tools (issue 25): groff finds
//! nothing to warn about, and man-db renders it at 80 columns with every
//! table row and example on lines of their own, no word broken, no line
//! too long, and no reference to a page nothing installs
//! (`iana-ports-diff(1)`). Each check skips, saying why, where its tool is
//! missing (CI installs man-db and groff-base).

use std::io::Write as _;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_iana-ports");

fn stdout_of(args: &[&str]) -> String {
    let out = Command::new(BIN).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The page, written to a file for `man -l`.
fn page() -> (String, std::path::PathBuf) {
    let page = stdout_of(&["--man"]);
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("iana-ports.1");
    std::fs::write(&path, &page).unwrap();
    (page, path)
}

fn has(tool: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The lines of `--help`'s section `title` (up to the next blank line).
fn help_section(help: &str, title: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| l.trim_end() != title)
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_page_names_no_subcommand_pages() {
    let (page, _) = page();
    let help = stdout_of(&["--help"]);
    let subcommands: Vec<String> = help_section(&help, "Commands:")
        .iter()
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect();
    assert!(subcommands.contains(&"diff".to_owned()), "{help}");
    for sub in &subcommands {
        assert!(!page.contains(&format!("{sub}(1)")), "the page points to iana-ports-{sub}(1)");
    }
}

#[test]
fn groff_finds_nothing_to_warn_about() {
    if !has("groff") {
        println!("SKIPPED groff_finds_nothing_to_warn_about: groff is not installed (apt-get install groff-base)");
        return;
    }
    let (page, _) = page();
    let mut groff = Command::new("groff")
        .args(["-ww", "-z", "-man", "-Tutf8"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    groff.stdin.take().unwrap().write_all(page.as_bytes()).unwrap();
    let out = groff.wait_with_output().unwrap();
    let warnings = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && warnings.is_empty(), "groff -ww:\n{warnings}");
}

#[test]
fn man_renders_every_row_on_lines_of_its_own_at_80_columns() {
    if !has("man") {
        println!(
            "SKIPPED man_renders_every_row_on_lines_of_its_own_at_80_columns: man is not installed (apt-get install man-db)"
        );
        return;
    }
    let (_, path) = page();
    let out = Command::new("man")
        .arg("-l")
        .arg(&path)
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("LC_ALL", "C.UTF-8")
        .env("MAN_KEEP_FORMATTING", "")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).replace('\u{8}', "");
    let warnings = String::from_utf8_lossy(&out.stderr);
    if text.contains("minimized") || !out.status.success() {
        println!("SKIPPED man_renders_every_row_on_lines_of_its_own_at_80_columns: man cannot render here: {warnings}");
        return;
    }
    assert!(!warnings.contains("warning"), "man:\n{warnings}");
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{} columns: {line}", line.chars().count());
        assert!(!line.trim_end().ends_with(['\u{2010}', '-']) || line.trim().starts_with('-'), "a word broken: {line}");
    }
    // The tables and examples of --help: each row's first column alone on
    // a line, its text after it, not flowed into the next row.
    let help = stdout_of(&["--help"]);
    let mut rows = 0;
    for title in ["EXAMPLES:", "EXIT STATUS:"] {
        for row in help_section(&help, title) {
            let cells: Vec<&str> = row.trim().split("  ").map(str::trim).filter(|c| !c.is_empty()).collect();
            if row.starts_with("   ") || cells.is_empty() {
                continue; // a continuation line
            }
            let first = cells[0];
            let at = lines
                .iter()
                .position(|l| l.starts_with(first))
                .unwrap_or_else(|| panic!("{first:?} not on a line of its own:\n{text}"));
            if let Some(rest) = cells.get(1) {
                let words: String = rest.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
                assert!(
                    lines[at].contains(&words) || lines[at + 1].contains(&words),
                    "{first:?}: {words:?} not beside or under it:\n{text}"
                );
            }
            rows += 1;
        }
    }
    assert!(rows >= 12, "{rows} rows found in --help");
    assert!(text.contains("says the port is Unassigned (exit status 1)"), "{text}");
}
