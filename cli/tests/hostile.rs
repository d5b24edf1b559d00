//! The command against hostile or careless input (issue 25): `diff` reads a
//! bounded amount, nothing from a file, a path or a query reaches the
//! terminal raw, a long query is echoed cut, a closed stdout is an error,
//! and clap's confusing messages get the real reason.

mod common;

use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_iana-ports");

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Writes `bytes` to a file of this test's own and returns its path.
fn file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("hostile-{name}"));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Waits for `child`, killing it if it has not finished after a minute: a
/// guard against the hang being tested for, not a timing (the fixed
/// command finishes at once; the broken one ran until memory ran out).
fn wait_bounded(mut child: Child) -> Output {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("still running after a minute: the read is not bounded");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Runs `iana-ports ARGS` with at most 1 GB of address space (`ulimit -v`):
/// an unbounded read fails there instead of eating the machine's memory.
fn run_limited(args: &[&str], stdin: Stdio) -> Output {
    let child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1000000 && exec \"$0\" \"$@\"")
        .arg(BIN)
        .args(args)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_bounded(child)
}

#[test]
fn diff_refuses_an_endless_file_past_16_mib() {
    let cases: [(&[&str], &str); 3] =
        [(&["diff", "/dev/zero"], "/dev/zero"), (&["diff", "/dev/urandom"], "/dev/urandom"), (&["diff", "-"], "-")];
    for (args, shown) in cases {
        let stdin = match shown {
            "-" => Stdio::from(std::fs::File::open("/dev/zero").unwrap()),
            _ => Stdio::null(),
        };
        let out = run_limited(args, stdin);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.starts_with(&format!("iana-ports: diff: {shown}: larger than 16 MiB, the most diff reads")),
            "{args:?}: {err}"
        );
    }
}

const HEADER: &str = "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,\
Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes\r\n";

#[test]
fn diff_refuses_a_csv_past_the_row_limit_where_it_is_crossed() {
    let mut csv = HEADER.to_owned();
    for i in 0..70_000u32 {
        csv.push_str(&format!("n{i},{},tcp,,,,,,,,,\r\n", i % 65_536));
    }
    let path = file("rows.csv", csv.as_bytes());
    let out = run_limited(&["diff", path.to_str().unwrap()], Stdio::null());
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    // Row 65,536 is on line 65,537 (the header is line 1).
    assert!(err.contains(":65537: more than 65535 rows"), "{err}");
}

#[test]
fn diff_refuses_a_services_file_past_the_entry_limit() {
    let services = "a 1/tcp\n".repeat(300_000);
    let path = file("many-services", services.as_bytes());
    let out = run_limited(&["diff", path.to_str().unwrap()], Stdio::null());
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(":262145: more than 262144 entries"), "{err}");
}

/// The characters that must never reach a terminal from input: C0 (but
/// the line ends the command writes), DEL and C1.
fn raw_controls(output: &str) -> Vec<char> {
    output.chars().filter(|&c| c.is_control() && c != '\n').collect()
}

fn assert_clean(what: &str, out: &Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let shown = text(bytes);
        assert!(raw_controls(&shown).is_empty(), "{what}: raw controls on {stream}: {shown:?}");
    }
}

/// ESC with an OSC (retitles the window), a CSI (clears the screen), and
/// the C1 forms of both.
const HOSTILE: &str = "x\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{9d}0;t\u{9c}\u{7f}";

#[test]
fn diff_escapes_what_it_shows_from_the_file() {
    let run = |path: &std::path::Path| Command::new(BIN).arg("diff").arg(path).output().unwrap();
    // /etc/services: an unregistered name, an alias and a protocol.
    let services = format!("{HOSTILE} 40404/tcp\nhttp 80/tcp www{HOSTILE}\nhttp 80/{HOSTILE}\n");
    let out = run(&file("services-hostile", services.as_bytes()));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_clean("services", &out);
    assert!(text(&out.stdout).contains("x\\x1b]0;owned\\x07\\x1b[2J\\u{9b}31m\\u{9d}0;t\\u{9c}\\x7f 40404/tcp"));
    // IANA's CSV: a removed row's description, a changed row's columns.
    let shipped = common::shipped_csv();
    let csv = shipped.replacen("\r\n", &format!("\r\nbyo-hostile,40404,tcp,removed {HOSTILE},,,,,,,,{HOSTILE}\r\n"), 1);
    let csv = csv.replacen(",Echo,", &format!(",Echo {HOSTILE},"), 1);
    let out = run(&file("hostile.csv", csv.as_bytes()));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_clean("csv", &out);
    // The path, in the summary line and in messages.
    let named = file(&format!("named-{HOSTILE}"), b"http 80/tcp\n");
    let out = run(&named);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_clean("path in the summary", &out);
    let out = run(&PathBuf::from(format!("/nonexistent/{HOSTILE}")));
    assert_eq!(out.status.code(), Some(2));
    assert_clean("path in an error", &out);
    assert!(text(&out.stderr).contains("/nonexistent/x\\x1b]0;owned"), "{}", text(&out.stderr));
    // A file's text quoted in an error message.
    let out = run(&file("bad-services", format!("name {HOSTILE}\n").as_bytes()));
    assert_eq!(out.status.code(), Some(2));
    assert_clean("file text in an error", &out);
}

#[test]
fn queries_are_escaped_in_every_message() {
    for args in [
        vec![HOSTILE.to_owned()],                                         // an unknown name
        vec![format!("443/{HOSTILE}")],                                   // SpecError: unknown protocol
        vec![format!("{HOSTILE}/tcp/udp")],                               // SpecError: trailing text
        vec!["--search".to_owned(), HOSTILE.to_owned()],                  // nothing found
        vec!["443".to_owned(), HOSTILE.to_owned()],                       // clap: a second word
        vec!["--width".to_owned(), HOSTILE.to_owned(), "443".to_owned()], // clap: a bad value
        vec!["--json".to_owned(), HOSTILE.to_owned()],                    // JSON echoes the query
    ] {
        let out = Command::new(BIN).args(&args).output().unwrap();
        assert_clean(&format!("{args:?}"), &out);
    }
}

#[test]
fn json_escapes_del_and_c1_controls_too() {
    let out = Command::new(BIN).args(["--json", "a\u{9b}b\u{7f}"]).output().unwrap();
    let json = text(&out.stdout);
    assert!(json.contains(r#""a\u009bb\u007f""#), "{json}");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["query"]["input"], "a\u{9b}b\u{7f}");
}

#[test]
fn a_long_query_is_echoed_cut_to_64_bytes() {
    for query in ["x".repeat(100_000), format!("{}/tcp", "x".repeat(100_000)), format!("1-{}", "9".repeat(100_000))] {
        let out = Command::new(BIN).arg(&query).output().unwrap();
        let err = text(&out.stderr);
        assert!(err.len() < 2_000, "{} bytes on stderr for a {}-byte query", err.len(), query.len());
        assert!(err.contains(&format!("\"{}…\"", &query[..64])), "{err}");
    }
    let out = Command::new(BIN).args(["--search", &"y".repeat(100_000)]).output().unwrap();
    assert!(out.stderr.len() < 2_000, "{} bytes on stderr", out.stderr.len());
    // clap's own messages, quoting a bad value or an unknown option.
    for args in
        [vec!["--width".to_owned(), "9".repeat(100_000), "443".to_owned()], vec![format!("--{}", "z".repeat(100_000))]]
    {
        let out = Command::new(BIN).args(&args).output().unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2));
        assert!(err.len() < 2_000, "{} bytes on stderr: {}", err.len(), &err[..200]);
        assert!(err.contains("…'"), "{err}");
    }
}

#[test]
fn a_closed_stdout_is_exit_2_with_a_message() {
    for (redirect, expect) in
        [(">&-", "iana-ports: cannot write output: standard output is closed"), (">/dev/null", "")]
    {
        let out = Command::new("sh").arg("-c").arg(format!("exec \"$0\" 443 {redirect}")).arg(BIN).output().unwrap();
        let err = text(&out.stderr);
        match expect {
            "" => assert_eq!((out.status.code(), err.as_str()), (Some(0), ""), "{redirect}"),
            _ => {
                assert_eq!(out.status.code(), Some(2), "{redirect}: {err}");
                assert!(err.contains(expect), "{redirect}: {err}");
            }
        }
    }
}

#[test]
fn clap_conflicts_get_the_real_reason() {
    let cases = [
        (
            &["--json", "diff", "services"][..],
            "iana-ports: error: `diff` comes first: its options go after it (iana-ports diff [OPTIONS] ...; see iana-ports diff --help)",
        ),
        (&["443", "extra"], "iana-ports: error: one QUERY per call: \"443\" and \"extra\" given"),
        (&["--json", "443", "80"], "iana-ports: error: one QUERY per call: \"443\" and \"80\" given"),
    ];
    for (args, expect) in cases {
        let out = Command::new(BIN).args(args).output().unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(err.starts_with(expect), "{args:?}: {err}");
        assert!(!err.contains("cannot be used with"), "{args:?}: {err}");
    }
}
