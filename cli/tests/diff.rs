//! `iana-ports diff`, end to end: IANA's CSV with rows edited the ways the
//! registry changes (rename, de-register, re-date, add, remove, case), an
//! /etc/services fixture with every verdict, and every error.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

mod common;
use common::WRITTEN_AS_RANGES;

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn iana_ports(args: &[&str]) -> Run {
    let o = Command::new(env!("CARGO_BIN_EXE_iana-ports")).args(args).output().expect("run iana-ports");
    Run {
        code: o.status.code().expect("exit code"),
        out: String::from_utf8(o.stdout).expect("utf-8 stdout"),
        err: String::from_utf8(o.stderr).expect("utf-8 stderr"),
    }
}

/// Writes `bytes` to a file of this test's own and returns its path.
fn file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("diff-{name}"));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn diff(name: &str, bytes: &[u8], json: bool) -> Run {
    let path = file(name, bytes);
    let path = path.to_str().unwrap();
    match json {
        true => iana_ports(&["diff", "--json", path]),
        false => iana_ports(&["diff", path]),
    }
}

fn shipped() -> String {
    common::shipped_csv()
}

/// The 1-based line where `row` starts in `csv`.
fn line_of(csv: &str, row: &str) -> usize {
    let at = csv.find(row).unwrap_or_else(|| panic!("{row:?} not in the CSV"));
    csv[..at].matches('\n').count() + 1
}

/// Replaces the one row starting `start` (up to its line end) by `with`.
fn edit(csv: &str, start: &str, with: &str) -> String {
    let at = csv.find(start).unwrap_or_else(|| panic!("{start:?} not in the CSV"));
    assert_eq!(csv.matches(start).count(), 1, "{start:?} is not one row");
    let end = at + csv[at..].find("\r\n").unwrap();
    format!("{}{with}{}", &csv[..at], &csv[end..])
}

fn old_row(csv: &str, start: &str) -> String {
    let at = csv.find(start).unwrap();
    csv[at..at + csv[at..].find("\r\n").unwrap()].to_owned()
}

/// The tests' CSV of an XML (`common::csv_of_xml`) is IANA's CSV of the
/// same date, byte for byte, on both kept pairs.
#[test]
fn the_csv_written_from_an_xml_is_ianas_csv_of_that_date() {
    for date in ["2026-02-13", "2026-04-24"] {
        let dir = format!("{}/../tests/registry-history/{date}", env!("CARGO_MANIFEST_DIR"));
        let ianas = std::fs::read_to_string(format!("{dir}/service-names-port-numbers.csv")).unwrap();
        assert!(common::csv_of_xml(&format!("{dir}/service-names-port-numbers.xml")) == ianas, "{date}");
    }
}

#[test]
fn the_shipped_snapshot_is_the_snapshot() {
    let r = iana_ports(&["diff", concat!(env!("CARGO_MANIFEST_DIR"), "/../registry/service-names-port-numbers.xml")]);
    assert_eq!(r.out, "0 added, 0 removed, 0 changed\n", "{}", r.err);
    assert_eq!(r.code, 0);
    let r = diff("shipped.csv", shipped().as_bytes(), false);
    assert_eq!(r.out, "0 added, 0 removed, 0 changed\n", "{}", r.err);
    assert_eq!(r.code, 0);
    assert!(r.err.is_empty());
    // A port written `N-N` is kept as written: `N` is another key.
    for port in WRITTEN_AS_RANGES {
        let csv = shipped();
        let one = csv.replacen(&format!("\r\n,{port}-{port},"), &format!("\r\n,{port},"), 1);
        assert_ne!(one, csv);
        let r = diff("one-port.csv", one.as_bytes(), false);
        assert!(r.out.starts_with("1 added, 1 removed, 0 changed\n"), "{}", r.out);
        assert!(r.out.contains(&format!("\n+ (no name) {port}-{port}  Unassigned\n")), "{}", r.out);
    }
    // From standard input too, with LF line ends and a BOM.
    let lf = format!("\u{feff}{}", shipped().replace("\r\n", "\n"));
    let path = file("lf-bom.csv", lf.as_bytes());
    let o = Command::new("sh")
        .args(["-c", &format!("{} diff - < '{}'", env!("CARGO_BIN_EXE_iana-ports"), path.display())])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout), "0 added, 0 removed, 0 changed\n");
    assert_eq!(o.status.code(), Some(0));
}

/// The shipped CSV as an older copy would have it, and the report expected.
fn edited() -> (String, String) {
    let csv = shipped();
    // Rename: FILE called it matrix-federation.
    let rename = old_row(&csv, "matrix-fed,8448,tcp,").replacen("matrix-fed", "matrix-federation", 1);
    let mut old = edit(&csv, "matrix-fed,8448,tcp,", &rename);
    // De-register: FILE still had port 4/tcp assigned to a service.
    old = edit(&old, ",4,tcp,Unassigned,", "oldsvc,4,tcp,Old Service,[Jon_Postel],[Jon_Postel],,,,,,");
    // Re-date: FILE had an older modification date for https/tcp.
    let https = old_row(&old, "https,443,tcp,");
    old = edit(&old, "https,443,tcp,", &https.replace("2021-10-01", "2017-01-13"));
    // Case: FILE wrote BESApi in lower case (on both its rows: one CSV
    // may not spell a name two ways).
    for row in ["BESApi,3408,tcp,", "BESApi,3408,udp,"] {
        let besapi = old_row(&old, row);
        old = edit(&old, row, &besapi.replacen("BESApi", "besapi", 1));
    }
    // Remove: FILE lacks ssh over SCTP.
    let ssh_sctp = old_row(&old, "ssh,22,sctp,");
    old = old.replacen(&format!("{ssh_sctp}\r\n"), "", 1);
    // Add: FILE has a row IANA dropped since.
    old.push_str("gone,65000,udp,Gone Service,,,2000-01-01,,,,,\r\n");

    let line = |row: &str| line_of(&old, row);
    let expected = format!(
        "\
3 added, 3 removed, 3 changed

added (in the built-in snapshot, not in FILE):
+ (no name) 4/tcp  Unassigned
+ ssh 22/sctp  SSH
+ matrix-fed 8448/tcp  Matrix Federation Protocol

removed (in FILE, not in the built-in snapshot):
- oldsvc 4/tcp  Old Service  (line {})
- matrix-federation 8448/tcp  Matrix Federation Protocol  (line {})
- gone 65000/udp  Gone Service  (line {})

changed (FILE -> built-in snapshot):
~ https 443/tcp  http protocol over TLS/SSL  (line {})
    Modification Date: \"2017-01-13\" -> \"2021-10-01\"
~ BESApi 3408/tcp  BES Api Port  (line {})
    Service Name: \"besapi\" -> \"BESApi\"
~ BESApi 3408/udp  BES Api Port  (line {})
    Service Name: \"besapi\" -> \"BESApi\"
",
        line("oldsvc,4,tcp,"),
        line("matrix-federation,8448,tcp,"),
        line("gone,65000,udp,"),
        line("https,443,tcp,"),
        line("besapi,3408,tcp,"),
        line("besapi,3408,udp,"),
    );
    (old, expected)
}

#[test]
fn csv_rename_deregister_redate_add_remove() {
    let (old, expected) = edited();
    let r = diff("edited.csv", old.as_bytes(), false);
    assert_eq!(r.out, expected);
    assert_eq!(r.code, 1, "{}", r.err);
    assert!(r.err.is_empty(), "{}", r.err);
}

#[test]
fn csv_json() {
    let (old, _) = edited();
    let r = diff("edited-json.csv", old.as_bytes(), true);
    assert_eq!(r.code, 1, "{}", r.err);
    let v: Value = serde_json::from_str(&r.out).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["added", "removed", "changed"]);
    let names = |group: &str| -> Vec<Value> {
        v[group].as_array().unwrap().iter().map(|r| r["service_name"].clone()).collect::<Vec<_>>()
    };
    assert_eq!(names("added"), [Value::Null, "ssh".into(), "matrix-fed".into()]);
    assert_eq!(names("removed"), ["oldsvc", "matrix-federation", "gone"]);
    // Records in the lookup's JSON form, contacts resolved.
    let lookup: Value = serde_json::from_str(&iana_ports(&["--json", "8448/tcp"]).out).unwrap();
    assert_eq!(v["added"][2], lookup["records"][0]);
    let oldsvc = &v["removed"][0];
    assert_eq!(oldsvc["ports"], "4");
    assert_eq!(oldsvc["protocol"], "tcp");
    assert_eq!(oldsvc["status"], "Assigned");
    assert_eq!(oldsvc["assignee"][0]["id"], "Jon_Postel");
    assert_eq!(oldsvc["assignee"][0]["name"], "Jon Postel");
    let record_keys = |r: &Value| r.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(record_keys(oldsvc), record_keys(&lookup["records"][0]));
    let https = &v["changed"][0];
    assert_eq!(https["columns"], serde_json::json!(["modification_date"]));
    assert_eq!(https["before"]["modification_date"], "2017-01-13");
    assert_eq!(https["after"]["modification_date"], "2021-10-01");
    assert_eq!(v["changed"][1]["columns"], serde_json::json!(["service_name"]));
    assert_eq!(v["changed"][2]["before"]["service_name"], "besapi");
    assert_eq!(v["changed"][2]["after"]["service_name"], "BESApi");
}

#[test]
fn csv_rows_sharing_a_key_are_a_multiset() {
    // rdp has two rows without port or protocol: dropping one is one added
    // row, and editing the second of them is a change of that row, not of
    // the first.
    let csv = shipped();
    let rdp: Vec<&str> = csv.split("\r\n").filter(|l| l.starts_with("rdp,,,")).collect();
    assert_eq!(rdp.len(), 2, "{rdp:?}");
    let dropped = csv.replacen(&format!("{}\r\n", rdp[1]), "", 1);
    let r = diff("rdp-dropped.csv", dropped.as_bytes(), false);
    assert!(r.out.starts_with("1 added, 0 removed, 0 changed\n"), "{}", r.out);
    assert!(r.out.contains("\n+ rdp -  Windows Remote Desktop Protocol\n"), "{}", r.out);
    let edited = csv.replacen(rdp[1], &rdp[1].replacen("Windows Remote Desktop Protocol", "Remote Desktop", 1), 1);
    let r = diff("rdp-edited.csv", edited.as_bytes(), false);
    assert!(r.out.starts_with("0 added, 0 removed, 1 changed\n"), "{}", r.out);
    assert!(
        r.out.contains("\n    Description: \"Remote Desktop\" -> \"Windows Remote Desktop Protocol\"\n"),
        "{}",
        r.out
    );
    // A row written twice is a fault the generator's checks name.
    let doubled = format!("{csv}{}\r\n", rdp[0]);
    let r = diff("rdp-doubled.csv", doubled.as_bytes(), false);
    assert_eq!(r.code, 2, "{}", r.out);
    let last = doubled.matches('\n').count();
    let first = line_of(&doubled, &format!("\r\n{}\r\n", rdp[0])) + 1;
    assert!(r.err.contains(&format!("rdp-doubled.csv:{last}: conflicts with line {first}")), "{}", r.err);
}

const SERVICES_REPORT: &str = "\
FILE: 15 entries: 9 registered, 2 elsewhere, 3 unregistered, 1 other-protocol

elsewhere (registered, but not on this port/protocol):
  smtp 587/tcp   registry: submission; smtp is at 25/tcp, 25/udp
  imap2 143/tcp  registry: imap; imap2 is registered without a port

unregistered (not in the registry):
  x11-1 6001/tcp   registry: x11
  whois 43/tcp     registry: nicname
  myapp 61000/udp  registry: nothing on this port

other-protocol (a protocol the registry does not cover):
  echo 4/ddp
";

#[test]
fn services_verdicts() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/services");
    let r = iana_ports(&["diff", path]);
    assert_eq!(r.out, SERVICES_REPORT.replace("FILE", path));
    assert_eq!(r.code, 1);
    assert!(r.err.is_empty(), "{}", r.err);

    let r = iana_ports(&["diff", "--json", path]);
    assert_eq!(r.code, 1);
    let v: Value = serde_json::from_str(&r.out).unwrap();
    let entries = v["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 15);
    let row = |e: &Value| {
        let registry: Vec<&str> = e["registry"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
        format!("{} {}/{} {} [{}]", e["name"], e["port"], e["protocol"], e["verdict"], registry.join(" "))
    };
    let rows: Vec<String> = entries.iter().map(row).collect();
    assert_eq!(
        rows,
        [
            r#""ssh" 22/"tcp" "registered" [ssh]"#,
            r#""http" 80/"tcp" "registered" [http www www-http]"#,
            r#""www" 80/"tcp" "registered" [http www www-http]"#,
            r#""HTTPS" 443/"udp" "registered" [https]"#,
            r#""x11-1" 6001/"tcp" "unregistered" [x11]"#,
            r#""x11" 6010/"tcp" "registered" [x11]"#,
            r#""active-net" 3323/"dccp" "registered" [active-net]"#,
            r#""whois" 43/"tcp" "unregistered" [nicname]"#,
            r#""nicname" 43/"tcp" "registered" [nicname]"#,
            r#""smtp" 587/"tcp" "elsewhere" [submission]"#,
            r#""submission" 587/"tcp" "registered" [submission]"#,
            r#""imap2" 143/"tcp" "elsewhere" [imap]"#,
            r#""imap" 143/"tcp" "registered" [imap]"#,
            r#""myapp" 61000/"udp" "unregistered" []"#,
            r#""echo" 4/"ddp" "other-protocol" []"#,
        ]
    );
    let keys: Vec<&str> = entries[0].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["name", "port", "protocol", "verdict", "registry"]);
}

#[test]
fn services_all_registered_is_exit_0() {
    let r = diff("services-ok", b"# ok\nssh 22/tcp\nhttp 80/tcp www\n\nx11 6063/udp\n", false);
    assert_eq!(r.code, 0, "{}", r.out);
    assert!(r.out.ends_with(": 4 entries: 4 registered, 0 elsewhere, 0 unregistered, 0 other-protocol\n"), "{}", r.out);
    // The compiled-in registry's own --etc-services output is all registered.
    let services = iana_ports(&["--etc-services"]).out;
    let r = diff("etc-services", services.as_bytes(), false);
    assert_eq!(r.code, 0, "{}", r.out);
}

/// IANA's XML is compared record for record, as its CSV of the same date is.
#[test]
fn an_xml_snapshot_diffs_as_its_same_date_csv() {
    for date in ["2026-02-13", "2026-04-24"] {
        let kept = |ext: &str| {
            format!("{}/../tests/registry-history/{date}/service-names-port-numbers.{ext}", env!("CARGO_MANIFEST_DIR"))
        };
        for json in [false, true] {
            let run = |ext: &str| {
                let path = kept(ext);
                if json { iana_ports(&["diff", "--json", &path]) } else { iana_ports(&["diff", &path]) }
            };
            let (csv, xml) = (run("csv"), run("xml"));
            assert!(xml.err.is_empty(), "{date}: {}", xml.err);
            assert_eq!(xml.code, csv.code, "{date}");
            // FILE's lines differ (a CSV row against its <record>); nothing else may.
            let without_lines = |out: &str| {
                let kept = out.lines().filter(|l| !l.trim_start().starts_with("\"line\":"));
                kept.map(|l| l.split("  (line ").next().unwrap_or(l)).collect::<Vec<_>>().join("\n")
            };
            assert_eq!(without_lines(&xml.out), without_lines(&csv.out), "{date}");
            assert_ne!(xml.out.len(), 0);
        }
    }
}

fn trouble(name: &str, bytes: &[u8], expect: &str) {
    let r = diff(name, bytes, false);
    assert_eq!(r.code, 2, "{name}: {}", r.out);
    assert!(r.out.is_empty(), "{name}: {}", r.out);
    assert!(r.err.contains(expect), "{name}: {}", r.err);
}

#[test]
fn trouble_is_exit_2_naming_the_line() {
    let header = shipped().lines().next().unwrap().to_owned();
    trouble(
        "header-only.csv",
        format!("{header}\r\n").as_bytes(),
        "header-only.csv:2: the CSV has its header and no rows",
    );
    trouble("short-row.csv", format!("{header}\r\nssh,22,tcp\r\n").as_bytes(), "short-row.csv:2: expected 12 fields");
    trouble("bad-quote.csv", format!("{header}\r\nssh,22,tcp,\"SSH,,,,,,,,\r\n").as_bytes(), "bad-quote.csv:2:");
    trouble(
        "services-bad-port",
        b"ssh 22/tcp\nfoo 70000/tcp\n",
        "services-bad-port:2: \"70000\" is not a port 0-65535",
    );
    trouble("services-no-port", b"ssh 22/tcp\n\nfoo\n", "services-no-port:3: \"foo\" has no port/protocol");
    trouble("services-no-slash", b"foo 22\n", "services-no-slash:1: \"22\" is not port/protocol");
    trouble("services-no-proto", b"foo 22/\n", "services-no-proto:1: \"22/\" has no protocol");
    trouble(
        "malformed.xml",
        b"<?xml version='1.0'?>\n<registry>\n<title>T</titel>\n",
        "malformed.xml:3: malformed XML",
    );
    trouble(
        "record.xml",
        b"<registry><title>T</title><updated>2026-01-01</updated><people/>\n<record><port>1</port></record></registry>",
        "record.xml:2: unknown element <port> in <record>",
    );
    trouble(
        "no-records.xml",
        b"<registry><title>T</title><updated>2026-01-01</updated><people/></registry>",
        "no-records.xml: the XML has no <record>",
    );
    // Read as XML, not as /etc/services ("\"<!--\" has no port/protocol",
    // "not UTF-8 text").
    trouble(
        "commented.xml",
        b"<!-- IANA -->\n<registry><title>T</title><updated>2026-01-01</updated><people/>\n<record><port>1</port></record></registry>",
        "commented.xml:3: unknown element <port> in <record>",
    );
    let utf16: Vec<u8> =
        "\u{feff}<?xml version='1.0'?>\n<registry/>".encode_utf16().flat_map(u16::to_le_bytes).collect();
    trouble(
        "utf16.xml",
        &utf16,
        "utf16.xml:1: UTF-16 (it starts with a UTF-16 byte order mark): save the XML as UTF-8",
    );
    trouble("empty", b"", "no entries: expected IANA's CSV");
    trouble("comments", b"# only comments\n\n", "no entries");
    trouble("binary", b"\xff\xfe\x00junk\n", "binary:1: not UTF-8 text");
    let r = iana_ports(&["diff", "/nonexistent/services"]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("iana-ports: diff: /nonexistent/services: cannot read: No such file"), "{}", r.err);
    // Usage.
    assert_eq!(iana_ports(&["diff"]).code, 2);
    assert_eq!(iana_ports(&["diff", "a", "b"]).code, 2);
    assert_eq!(iana_ports(&["443", "diff"]).code, 2);
    let help = iana_ports(&["diff", "--help"]);
    assert_eq!(help.code, 0);
    assert!(help.out.contains("EXIT STATUS (as diff(1))"), "{}", help.out);
}
