//! End-to-end tests: run the built `iana-ports` binary and check its
//! stdout, stderr and exit status for every behaviour and error path.

use std::collections::HashMap;
use std::io::Read as _;
use std::process::{Command, Output, Stdio};

use iana_ports::Protocol;
use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iana-ports")).args(args).output().expect("run iana-ports")
}

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn cli(args: &[&str]) -> Run {
    let o = run(args);
    Run {
        code: o.status.code().expect("exit code"),
        out: String::from_utf8(o.stdout).expect("utf-8 stdout"),
        err: String::from_utf8(o.stderr).expect("utf-8 stderr"),
    }
}

fn json(args: &[&str]) -> (i32, Value) {
    let r = cli(args);
    let v = serde_json::from_str(&r.out).unwrap_or_else(|e| panic!("{args:?}: bad JSON ({e}): {}", r.out));
    (r.code, v)
}

/// The data lines of the record table: (service, port, proto, status).
fn table_rows(out: &str) -> Vec<(String, String, String, String)> {
    let mut rows = Vec::new();
    for line in out.lines() {
        if line.starts_with("Contact Information") {
            break;
        }
        if line.starts_with("SERVICE") || line.starts_with(' ') || line.is_empty() || line.contains(" is ") {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        rows.push((f[0].into(), f[1].into(), f[2].into(), f[3].into()));
    }
    rows
}

fn row(s: &str, port: &str, proto: &str, status: &str) -> (String, String, String, String) {
    (s.into(), port.into(), proto.into(), status.into())
}

// ---- lookups ----

#[test]
fn port_and_protocol() {
    let r = cli(&["8448/tcp"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(table_rows(&r.out), [row("matrix-fed", "8448", "tcp", "Assigned")]);
    assert!(r.out.contains("Matrix Federation Protocol"));
    assert!(r.out.contains("contact: [Travis_Ralston]"));
    assert!(r.out.contains("registered: 2023-08-04"));
    assert!(r.out.contains("\nContact Information\n"));
    assert!(r.out.lines().any(|l| l.starts_with("[Travis_Ralston] ") && l.contains(" Travis Ralston ")), "{}", r.out);
}

#[test]
fn port_on_every_protocol() {
    let r = cli(&["443"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(
        table_rows(&r.out),
        [
            row("https", "443", "tcp", "Assigned"),
            row("https", "443", "udp", "Assigned"),
            row("https", "443", "sctp", "Assigned")
        ]
    );
    assert!(r.out.contains("443/dccp is Unassigned (no registry row covers it)"), "{}", r.out);
    assert!(r.out.contains("[IESG]"));
}

#[test]
fn range_port_finds_the_range_row() {
    let r = cli(&["6010/tcp"]);
    assert_eq!(r.code, 0);
    assert_eq!(table_rows(&r.out)[0], row("x11", "6000-6063", "tcp", "Assigned"));
    assert!(r.out.contains("X Window System"));
}

#[test]
fn range_query_lists_overlapping_rows() {
    let r = cli(&["6060-6070/TCP"]);
    assert_eq!(r.code, 0);
    let names: Vec<String> = table_rows(&r.out).into_iter().map(|r| r.0).collect();
    assert_eq!(names[0], "x11");
    assert!(names.len() > 3, "{names:?}");
    assert!(table_rows(&r.out).iter().all(|r| r.2 == "tcp" || r.2 == "-"));
    // A range with nothing named on it.
    let r = cli(&["49152-65535/dccp"]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("no service is registered in this range"), "{}", r.err);
}

#[test]
fn name_on_every_protocol() {
    let r = cli(&["https"]);
    assert_eq!(r.code, 0);
    let rows: Vec<(String, String)> = table_rows(&r.out).into_iter().map(|r| (r.1, r.2)).collect();
    // Three ported rows and a port-less DNS-SD row, in registry order.
    let want = [("443", "tcp"), ("443", "udp"), ("443", "sctp"), ("-", "tcp")];
    assert_eq!(rows, want.map(|(a, b)| (a.to_owned(), b.to_owned())));
}

#[test]
fn name_in_any_case_with_protocol() {
    let r = cli(&["HTTPS/udp"]);
    assert_eq!(r.code, 0);
    assert_eq!(table_rows(&r.out), [row("https", "443", "udp", "Assigned")]);
    let r = cli(&["besapi/TCP"]);
    assert_eq!(r.code, 0);
    assert_eq!(table_rows(&r.out), [row("BESApi", "3408", "tcp", "Assigned")]);
}

#[test]
fn name_holding_a_slash() {
    let r = cli(&["cl/1"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(table_rows(&r.out)[0].0, "cl/1");
    assert!(r.out.contains("alias of: cl-1"));
    let r = cli(&["cl/1/udp"]);
    assert_eq!(r.code, 0);
    assert_eq!(table_rows(&r.out), [row("cl/1", "172", "udp", "Assigned")]);
}

#[test]
fn port_less_name() {
    let r = cli(&["rdp"]);
    assert_eq!(r.code, 0);
    assert_eq!(table_rows(&r.out).len(), 2);
    assert!(table_rows(&r.out).iter().all(|r| r.1 == "-"));
}

#[test]
fn unassigned_port_says_so() {
    let r = cli(&["4/udp"]);
    assert_eq!(r.code, 1);
    assert_eq!(table_rows(&r.out), [row("-", "4", "udp", "Unassigned")]);
    assert!(r.out.contains("4/udp is Unassigned\n"), "{}", r.out);
    assert!(r.err.contains("\"4/udp\": no service is registered on this port"), "{}", r.err);
}

#[test]
fn port_written_as_a_range_of_one_stays_so() {
    let r = cli(&["4748"]);
    assert_eq!(table_rows(&r.out), [row("-", "4748-4748", "-", "Unassigned")]);
    let (_, v) = json(&["--json", "4748/udp"]);
    assert_eq!(v["records"][0]["ports"], "4748-4748");
    assert_eq!((v["records"][0]["port"].as_u64(), v["records"][0]["port_end"].as_u64()), (Some(4748), Some(4748)));
}

#[test]
fn reserved_port_says_so() {
    let r = cli(&["0/tcp"]);
    assert_eq!(r.code, 1);
    assert_eq!(table_rows(&r.out)[0].3, "Reserved");
    assert!(r.out.contains("0/tcp is Reserved\n"), "{}", r.out);
}

#[test]
fn port_no_row_covers() {
    let r = cli(&["50000/sctp"]);
    assert_eq!(r.code, 1);
    assert!(table_rows(&r.out).is_empty());
    assert!(
        r.out.contains("50000/sctp is Unassigned (no registry row covers it); 49152-65535 are Dynamic"),
        "{}",
        r.out
    );
}

#[test]
fn assigned_port_with_other_rows() {
    // 4444/tcp is krb524 (and a second name).
    let r = cli(&["4444/tcp"]);
    assert_eq!(r.code, 0);
    assert_eq!(table_rows(&r.out)[0].0, "krb524");
    assert!(!r.out.contains(" is Unassigned"));
}

#[test]
fn unknown_name() {
    let r = cli(&["no-such-service"]);
    assert_eq!(r.code, 1);
    assert!(r.out.is_empty(), "{}", r.out);
    assert!(r.err.contains("no service named \"no-such-service\""), "{}", r.err);
    assert!(r.err.contains("--search"));
}

#[test]
fn names_people_type_get_the_registered_name() {
    let mut cases = vec![
        ("dns", "domain (53)"),
        ("whois", "nicname (43)"),
        ("postgres", "postgresql (5432)"),
        ("snmp-trap", "snmptrap (162)"),
        ("pop-3", "pop3 (110)"),
        ("kerberos5", "kerberos (88)"),
        ("PORTMAPPER", "sunrpc (111)"),
        ("htps", "https (443)"),
    ];
    let x11: Vec<String> = (1..=7).map(|i| format!("x11-{i}")).collect();
    cases.extend(x11.iter().map(|n| (n.as_str(), "x11 (6000)")));
    for (name, first) in cases {
        let r = cli(&[name]);
        assert_eq!(r.code, 1, "{name}");
        assert!(r.out.is_empty(), "{name}: {}", r.out);
        assert!(r.err.contains(&format!("iana-ports: no service named {name:?} in the registry\n")), "{}", r.err);
        assert!(r.err.contains(&format!("iana-ports: did you mean {first}")), "{name}: {}", r.err);
        let (code, v) = json(&["--json", name]);
        assert_eq!(code, 1);
        assert_eq!(v["suggestions"][0]["name"], first.split(' ').next().unwrap(), "{name}");
    }
    // With a protocol, the port on it.
    let (_, v) = json(&["--json", "dns/udp"]);
    assert_eq!(v["suggestions"][0], serde_json::json!({"name": "domain", "port": 53, "protocol": "udp"}));
    // Registered without a port (DNS-SD): found, and pointed to the ported name.
    for (name, see) in [("imap2", "see also: imap (143)"), ("rdp", "see also: ms-wbt-server (3389)")] {
        let r = cli(&[name]);
        assert_eq!(r.code, 0, "{name}");
        assert!(r.out.contains(see), "{name}: {}", r.out);
    }
    // A search for a misnomer points to the registered name too.
    let r = cli(&["--search", "dns"]);
    assert_eq!(r.code, 0);
    assert!(
        r.out.ends_with("\nsee also: domain (53), the registry's name for what is often called \"dns\"\n"),
        "{}",
        r.out
    );
    let (_, v) = json(&["--json", "--search", "dns"]);
    assert_eq!(v["suggestions"][0]["name"], "domain");
    // Nothing close: no suggestion, the hint to search.
    let r = cli(&["qqqqqqqqqqqq"]);
    assert_eq!(r.code, 1);
    assert!(!r.err.contains("did you mean"), "{}", r.err);
    assert!(r.err.contains("--search \"qqqqqqqqqqqq\" looks for it in every column"), "{}", r.err);
}

#[test]
fn name_on_another_protocol() {
    let r = cli(&["https/dccp"]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("\"https\" is registered only for tcp, udp, sctp"), "{}", r.err);
}

// ---- search ----

#[test]
fn search_matrix_like_iana() {
    let r = cli(&["--search", "matrix"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let names: Vec<String> = table_rows(&r.out).into_iter().map(|r| r.0).collect();
    let expected: Vec<&str> = iana_ports::search("matrix").map(|r| r.service_name().unwrap_or("-")).collect();
    assert_eq!(names, expected);
    assert_eq!(names.len(), 12);
    assert!(names.contains(&"ahsp".to_owned()), "matched through its assignee id");
    // Every column that has a value is shown.
    assert!(r.out.contains("alias of: matrix-vnet"));
    assert!(r.out.contains("notes: This entry is an alias to \"matrix-vnet\"."));
    // The Contact Information table: ids, names, organisations, URIs, dates.
    let contacts = r.out.split("\nContact Information\n").nth(1).expect("contact table");
    assert!(contacts.starts_with("ID "), "{contacts}");
    for header in ["NAME", "ORGANIZATION", "URI", "UPDATED"] {
        assert!(contacts.lines().next().unwrap().contains(header));
    }
    assert!(contacts.contains("[Travis_Ralston]"));
    assert!(contacts.lines().any(|l| l.starts_with("[Ken_Jibiki] ") && l.contains(" Ken Jibiki ")), "{contacts}");
    assert!(contacts.contains("2009-03-18"));
    assert!(contacts.contains("mailto:ken&"));
    let people = contacts.lines().skip(1).count();
    assert_eq!(people, 9, "{contacts}");
}

#[test]
fn search_nothing_found() {
    let r = cli(&["--search", "zzqqxxyy"]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("no registry row matches \"zzqqxxyy\""));
}

#[test]
fn search_empty_is_an_error() {
    let r = cli(&["--search", " "]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("empty search text"), "{}", r.err);
}

// ---- JSON ----

const RECORD_KEYS: [&str; 16] = [
    "service_name",
    "port",
    "port_end",
    "ports",
    "protocol",
    "status",
    "description",
    "assignee",
    "contact",
    "registration_date",
    "modification_date",
    "reference",
    "service_code",
    "unauthorized_use",
    "notes",
    "alias_of",
];

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().expect("object").keys().map(String::as_str).collect()
}

#[test]
fn json_schema_of_a_lookup() {
    let (code, v) = json(&["--json", "8448/tcp"]);
    assert_eq!(code, 0);
    assert_eq!(
        keys(&v),
        ["schema_version", "registry", "query", "found", "port_status", "records", "contacts", "suggestions"]
    );
    assert_eq!(v["suggestions"], Value::Array(vec![]));
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["registry"]["updated"], iana_ports::REGISTRY.updated);
    assert_eq!(v["query"]["kind"], "port");
    assert_eq!(v["query"]["port"], 8448);
    assert_eq!(v["query"]["protocol"], "tcp");
    assert_eq!(v["found"], true);
    assert_eq!(v["port_status"][0]["status"], "Assigned");
    let rec = &v["records"][0];
    assert_eq!(keys(rec), RECORD_KEYS);
    assert_eq!(rec["service_name"], "matrix-fed");
    assert_eq!(rec["ports"], "8448");
    assert_eq!(rec["description"], "Matrix Federation Protocol");
    assert_eq!(rec["contact"][0]["id"], "Travis_Ralston");
    assert_eq!(rec["contact"][0]["name"], "Travis Ralston");
    assert_eq!(keys(&rec["contact"][0]), ["id", "name", "organization", "uris", "updated"]);
    assert!(rec["contact"][0]["uris"][0].as_str().unwrap().starts_with("mailto:"));
    assert_eq!(v["contacts"].as_array().unwrap().len(), 2);
}

#[test]
fn json_every_column() {
    // A DCCP row has a service code; finger has an unauthorized-use report.
    let (_, v) = json(&["--format", "json", "9/dccp"]);
    assert_eq!(v["records"][0]["service_code"], 1145656131);
    let (_, v) = json(&["--json", "finger/tcp"]);
    assert!(v["records"][0]["unauthorized_use"].as_str().unwrap().contains("RFC4146"));
    let (_, v) = json(&["--json", "x11/udp"]);
    assert_eq!(v["records"][0]["port"], 6000);
    assert_eq!(v["records"][0]["port_end"], 6063);
    assert_eq!(v["records"][0]["ports"], "6000-6063");
    assert_eq!(v["query"]["kind"], "name");
    assert_eq!(v["query"]["name"], "x11");
    let (_, v) = json(&["--json", "matrix_vnet"]);
    assert_eq!(v["records"][0]["alias_of"], "matrix-vnet");
    let (_, v) = json(&["--json", "active-net"]);
    assert_eq!(v["records"][0]["protocol"], Value::Null);
}

#[test]
fn json_port_status_and_not_found() {
    let (code, v) = json(&["--json", "443"]);
    assert_eq!(code, 0);
    let status: Vec<(&str, &str)> = v["port_status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["protocol"].as_str().unwrap(), s["status"].as_str().unwrap()))
        .collect();
    assert_eq!(status, [("tcp", "Assigned"), ("udp", "Assigned"), ("sctp", "Assigned"), ("dccp", "Unassigned")]);
    let (code, v) = json(&["--json", "4/udp"]);
    assert_eq!(code, 1);
    assert_eq!(v["found"], false);
    assert_eq!(v["records"][0]["status"], "Unassigned");
    let (code, v) = json(&["--json", "nothing-here"]);
    assert_eq!(code, 1);
    assert_eq!(v["records"], Value::Array(vec![]));
    let (code, v) = json(&["--json", "6000-6001/tcp"]);
    assert_eq!(code, 0);
    assert_eq!(v["query"]["kind"], "range");
    assert_eq!(v["query"]["port_end"], 6001);
}

#[test]
fn json_search() {
    let (code, v) = json(&["--json", "--search", "matrix"]);
    assert_eq!(code, 0);
    assert_eq!(v["query"]["kind"], "search");
    assert_eq!(v["query"]["input"], "matrix");
    assert_eq!(v["records"].as_array().unwrap().len(), 12);
    assert_eq!(v["contacts"].as_array().unwrap().len(), 9);
    assert_eq!(v["port_status"], Value::Array(vec![]));
}

#[test]
fn json_info() {
    let (code, v) = json(&["--info", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(v["rows"]["total"], iana_ports::records().len());
    let sum: u64 = ["tcp", "udp", "sctp", "dccp", "no_protocol"].iter().map(|k| v["rows"][k].as_u64().unwrap()).sum();
    assert_eq!(sum as usize, iana_ports::records().len());
    assert_eq!(v["contacts"]["people_table"], iana_ports::people().len());
}

// ---- table layout ----

#[test]
fn a_pipe_is_never_cut() {
    // These tests' stdout is a pipe.
    let r = cli(&["--search", "matrix"]);
    assert_eq!(r.code, 0);
    assert!(!r.out.contains('…'), "{}", r.out);
    assert!(r.err.is_empty(), "{}", r.err);
    // Every contact URI and organisation whole.
    let mut checked = 0;
    for person in iana_ports_cli::referenced_people(&iana_ports::search("matrix").collect::<Vec<_>>()) {
        let Some(p) = person.person else { continue };
        for uri in p.uris() {
            assert!(r.out.contains(uri), "{uri} cut");
            checked += 1;
        }
        if let Some(org) = p.org() {
            assert!(r.out.contains(&iana_ports_cli::table::one_line(org)), "{org} cut");
            checked += 1;
        }
    }
    assert!(checked >= 14, "{checked}");
    assert!(r.out.lines().any(|l| l.chars().count() > 80));
    // The same bytes as --full.
    assert_eq!(cli(&["--search", "matrix", "--full"]).out, r.out);
}

#[test]
fn width_is_honoured_for_every_n_from_40() {
    for width in (40..=81).chain([100, 132, 200]) {
        let w = width.to_string();
        for args in [&["--search", "matrix"][..], &["443"], &["2222/tcp"], &["x11"], &["whoispp"]] {
            let args: Vec<&str> = ["--width", &w].iter().chain(args).copied().collect();
            let r = cli(&args);
            assert_eq!(r.code, 0, "{args:?}");
            for line in r.out.lines() {
                // Contact ids are never cut: one id alone may be wider.
                let one_id =
                    line.trim().starts_with('[') && line.trim().ends_with(']') && line.matches('[').count() == 1;
                assert!(line.chars().count() <= width || one_id, "{args:?}: {} chars: {line}", line.chars().count());
                for opened in line.split('[').skip(1) {
                    let id = opened.split(']').next().unwrap_or_default();
                    assert!(opened.contains(']') && !id.contains('…'), "{args:?}: an id cut: {line}");
                }
            }
        }
    }
    let cut = cli(&["--width", "80", "--search", "matrix"]);
    assert!(cut.out.contains('…'));
    assert!(cut.err.contains("some text was cut to fit 80 columns; --full shows it all"), "{}", cut.err);
    // At 40 the description and the contacts move under their rows.
    let narrow = cli(&["--width", "40", "8448/tcp"]);
    assert!(
        narrow.out.starts_with("SERVICE     PORT  PROTO  STATUS\nmatrix-fed  8448  tcp    Assigned\n"),
        "{}",
        narrow.out
    );
    assert!(narrow.out.contains("\n    description: Matrix Federation Prot…\n"), "{}", narrow.out);
    assert!(narrow.out.contains("\n[Travis_Ralston]  Travis Ralston\n"), "{}", narrow.out);
    // Not a number of columns the table can take.
    for bad in ["39", "0", "-1", "wide"] {
        assert_eq!(cli(&["--width", bad, "443"]).code, 2, "{bad}");
    }
}

/// Runs the command with a terminal as stdout (util-linux `script`), or
/// `None` when `script` cannot run here.
fn on_terminal(columns: &str, args: &str) -> Option<String> {
    let command = format!("{} {args} 2>/dev/null", env!("CARGO_BIN_EXE_iana-ports"));
    let out = Command::new("script").args(["-qec", &command, "/dev/null"]).env("COLUMNS", columns).output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"))
}

#[test]
fn a_terminal_is_filled_to_its_width() {
    let Some(at_60) = on_terminal("60", "--search matrix") else {
        println!("SKIPPED a_terminal_is_filled_to_its_width: util-linux `script` cannot give a terminal here");
        return;
    };
    assert!(at_60.contains('…'), "{at_60}");
    assert!(at_60.lines().all(|l| l.chars().count() <= 60), "{at_60}");
    assert!(at_60.lines().any(|l| l.chars().count() > 55), "{at_60}");
    let at_120 = on_terminal("120", "--search matrix").unwrap();
    assert!(at_120.lines().all(|l| l.chars().count() <= 120));
    assert!(at_120.lines().any(|l| l.chars().count() > 100), "{at_120}");
    // COLUMNS below 40 is raised to 40; --width still wins.
    let at_10 = on_terminal("10", "443").unwrap();
    assert!(at_10.lines().all(|l| l.chars().count() <= 40), "{at_10}");
    let flag = on_terminal("60", "--width 100 --search matrix").unwrap();
    assert!(flag.lines().any(|l| l.chars().count() > 60), "{flag}");
}

#[test]
fn full_indents_continuation_lines() {
    let r = cli(&["--full", "whoispp/tcp"]);
    assert_eq!(r.code, 0);
    let lines: Vec<&str> = r.out.lines().collect();
    let column = lines[0].find("DESCRIPTION").unwrap();
    assert_eq!(&lines[1][column..], "whois++");
    assert_eq!(lines[2].find("IANA assigned").unwrap(), column, "{}", r.out);
    assert!(lines[2][..column].trim().is_empty());
    // Multi-line notes continue indented under their key.
    let r = cli(&["--full", "www-http/tcp"]);
    let notes = r.out.lines().skip_while(|l| !l.starts_with("    notes: ")).skip(1).take(3).collect::<Vec<_>>();
    assert!(notes.iter().all(|l| l.starts_with("      ")), "{notes:?}");
}

#[test]
fn protocol_less_rows_show_a_dash() {
    let r = cli(&["active-net"]);
    assert_eq!(r.code, 0);
    assert!(table_rows(&r.out).iter().all(|r| r.2 == "-"), "{}", r.out);
    assert!(!r.out.contains(" any "), "{}", r.out);
}

#[test]
fn short_prints_name_port_proto() {
    let r = cli(&["-s", "ssh"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.out,
        "ssh                   22/tcp\nssh                   22/udp\nssh                   22/sctp\nssh                   -/tcp\n"
    );
    let r = cli(&["--short", "6010/udp"]);
    assert_eq!(r.out, "x11                   6000-6063/udp\n");
    let r = cli(&["--short", "active-net"]);
    assert_eq!(r.out, "active-net            3322-3325\n");
    let r = cli(&["--short", "--search", "matrix"]);
    assert_eq!(r.out.lines().count(), 12);
    // Nothing named: nothing printed, exit 1, the reason on stderr.
    let r = cli(&["--short", "4/udp"]);
    assert_eq!((r.code, r.out.as_str()), (1, ""));
    assert!(r.err.contains("no service is registered on this port"));
    assert_eq!(cli(&["--short", "--json", "22"]).code, 2);
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish"] {
        let r = cli(&["--completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.err);
        assert!(r.out.contains("iana-ports"), "{shell}");
        assert!(r.out.contains("etc-services") && r.out.contains("short"), "{shell}");
    }
    assert_eq!(cli(&["--completions", "tcsh"]).code, 2);
    assert_eq!(cli(&["--completions", "bash", "443"]).code, 2);
    let man = cli(&["--man"]);
    assert_eq!(man.code, 0);
    assert!(man.out.starts_with(".ie"), "{}", &man.out[..80]);
    assert!(man.out.contains(".TH iana-ports 1"), "{}", &man.out[..200]);
    assert!(man.out.contains("etc\\-services"));
}

// ---- streams ----

fn with_streams(args: &[&str], stdout: Stdio, stderr: Stdio) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iana-ports")).args(args).stdout(stdout).stderr(stderr).output().unwrap()
}

fn dev_full() -> Stdio {
    Stdio::from(std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full"))
}

#[test]
fn stderr_write_failure_is_an_exit_status_not_a_panic() {
    // Found, nothing to say on stderr: 0.
    let o = with_streams(&["80"], Stdio::piped(), dev_full());
    assert_eq!(o.status.code(), Some(0));
    // Not found: the message cannot be written: 2, trouble.
    for args in [&["nosuch"][..], &["4/udp"], &["443/tcpp"], &["--bogus"], &["--width", "40", "--search", "matrix"]] {
        let o = with_streams(args, Stdio::piped(), dev_full());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn stdout_write_failure_is_exit_2_with_a_message() {
    for args in [&["80"][..], &["--etc-services"], &["--json", "443"], &["--help"], &["--version"], &["--man"]] {
        let o = with_streams(args, dev_full(), Stdio::piped());
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("iana-ports: cannot write output: No space left on device"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    // Both streams full: still 2, silently.
    assert_eq!(with_streams(&["nosuch"], dev_full(), dev_full()).status.code(), Some(2));
}

#[test]
fn closed_pipe_keeps_the_answers_status() {
    for (args, code) in [(&["--etc-services"][..], 0), (&["443"], 0), (&["4/udp"], 1), (&["--search", "tcp"], 0)] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_iana-ports"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // closed before the first write
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{err}");
        assert!(!err.contains("cannot write"), "{err}");
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
    }
}

// ---- --info ----

#[test]
fn info_text() {
    let r = cli(&["--info"]);
    assert_eq!(r.code, 0);
    assert!(r.out.contains(iana_ports::REGISTRY.updated));
    assert!(r.out.contains(&format!("rows                          {}", iana_ports::records().len())));
    for p in Protocol::ALL {
        let n = iana_ports::records().iter().filter(|r| r.protocol() == Some(p)).count();
        assert!(r.out.contains(&format!("  {:<28}{n}\n", p.as_str())), "{p}: {}", r.out);
    }
    assert!(r.out.contains(&format!("contacts (people table)       {}", iana_ports::people().len())));
}

// ---- errors and usage ----

fn input_error(query: &str, expect: &str) {
    let r = cli(&[query]);
    assert_eq!(r.code, 2, "{query:?}: {}", r.out);
    assert!(r.out.is_empty());
    assert!(r.err.contains(expect), "{query:?}: {}", r.err);
    assert!(r.err.contains("expected PORT (443), PORT/PROTO (443/tcp)"), "{query:?}: {}", r.err);
}

#[test]
fn input_errors_exit_2_naming_the_input() {
    // The messages are the library's `SpecError`s: one grammar.
    input_error("70000/tcp", "\"70000/tcp\": `70000` is not a port 0-65535 or a range START-END");
    input_error("99999999999999999999999", "is not a port 0-65535");
    input_error("443/tcpp", "\"443/tcpp\": unknown protocol `tcpp` (expected tcp, udp, sctp or dccp)");
    input_error("https/quic", "unknown protocol `quic`");
    input_error("", "empty port spec");
    input_error("   ", "empty port spec");
    input_error("/", "\"/\": no port or service name before the `/`");
    input_error("/tcp", "no port or service name before the `/`");
    input_error("443/", "\"443/\": no protocol after the `/`");
    input_error("10-5", "\"10-5\": range `10-5` is reversed");
    input_error("1-2-3/udp", "is not a port 0-65535 or a range START-END");
    input_error("6000-70000", "`70000` is not a port 0-65535");
    // Issue 13.4: one protocol at most, not a lookup of the name `443/udp`.
    input_error("443/udp/tcp", "\"443/udp/tcp\": unexpected `/tcp` after the protocol (one protocol per spec)");
    input_error("ssh/tcp/udp", "unexpected `/udp` after the protocol");
}

#[test]
fn odd_names_are_names_not_found() {
    // Not ASCII, or with a control character: no such name (exit 1), with
    // the engine's suggestions when one is close.
    let r = cli(&["héllo"]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("no service named \"héllo\""), "{}", r.err);
    assert!(r.err.contains("did you mean hello (1789)?"), "{}", r.err);
    for odd in ["８０", "ht\ttp", "no such thing"] {
        let r = cli(&[odd]);
        assert_eq!(r.code, 1, "{odd:?}");
        assert!(r.err.contains("no service named"), "{odd:?}: {}", r.err);
    }
}

#[test]
fn usage_errors_exit_2() {
    let r = cli(&[]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("Usage:"), "{}", r.err);
    for args in [
        &["--bogus"][..],
        &["--info", "--search", "x"],
        &["443", "--etc-services"],
        &["--etc-services", "--json"],
        &["--format", "xml", "443"],
        &["--width", "10", "443"],
        &["--json", "--format", "table", "443"],
        &["443", "80"],
        &["--search"],
    ] {
        let r = cli(args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.out.is_empty(), "{args:?}");
        assert!(r.err.contains("error:"), "{args:?}: {}", r.err);
    }
}

#[test]
fn help_is_a_manual() {
    let r = cli(&["--help"]);
    assert_eq!(r.code, 0);
    for needle in [
        "Usage: iana-ports",
        "PORT/PROTO",
        "START-END[/PROTO]",
        "EXAMPLES:",
        "iana-ports --search matrix",
        "iana-ports --etc-services",
        "EXIT STATUS:",
        "usage or input error",
        "schema_version 1",
        "--full",
        "Contact Information",
        "`shilp`",
        "`ident`",
        "COLUMNS",
        "--short",
    ] {
        assert!(r.out.contains(needle), "--help lacks {needle:?}");
    }
    let short = cli(&["-h"]);
    assert_eq!(short.code, 0);
    assert!(short.out.contains("Examples: iana-ports 8448/tcp"));
    let v = cli(&["--version"]);
    assert_eq!(v.code, 0);
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(v.out, format!("iana-ports {version} (IANA registry of {})\n", iana_ports::REGISTRY.updated));
}

#[test]
fn closed_pipe_is_not_a_crash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_iana-ports"))
        .arg("--etc-services")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap(); // then dropped: pipe closed
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0));
}

// ---- --etc-services ----

struct Entry {
    name: String,
    port: u16,
    proto: String,
    aliases: Vec<String>,
}

/// Parses like glibc's nss_files: cut at `#`, split at whitespace, name,
/// port/proto, aliases.
fn parse_services(text: &str) -> Vec<Entry> {
    text.lines()
        .filter_map(|line| {
            let line = line.split('#').next().unwrap();
            let mut f = line.split_whitespace();
            let name = f.next()?.to_owned();
            let (port, proto) = f.next().expect("port/proto").split_once('/').expect("slash");
            Some(Entry {
                name,
                port: port.parse().expect("port"),
                proto: proto.to_owned(),
                aliases: f.map(String::from).collect(),
            })
        })
        .collect()
}

#[test]
fn etc_services_content() {
    let r = cli(&["--etc-services"]);
    assert_eq!(r.code, 0);
    assert!(r.err.is_empty());
    assert!(r.out.starts_with("# /etc/services"));
    assert!(r.out.contains(iana_ports::REGISTRY.updated));
    let entries = parse_services(&r.out);
    // The first line per port/protocol is the registry's first name for it.
    let mut first: HashMap<(u16, &str), &str> = HashMap::new();
    for e in &entries {
        first.entry((e.port, e.proto.as_str())).or_insert(e.name.as_str());
    }
    for (&(port, proto), &name) in &first {
        let p = Protocol::parse(proto).expect("known protocol");
        assert_eq!(iana_ports::service_name(port, p), Some(name), "{port}/{proto}");
    }
    for p in Protocol::ALL {
        for port in [7u16, 80, 443, 6000, 6063, 8448] {
            if let Some(name) = iana_ports::service_name(port, p) {
                assert_eq!(first.get(&(port, p.as_str())), Some(&name), "{port}/{p} missing");
            }
        }
    }
    // Every named row with a port is there, on every port of its range and
    // on each protocol it applies to, as a name or as an alias.
    let mut known: HashMap<(&str, u16, &str), ()> = HashMap::new();
    for e in &entries {
        known.insert((e.name.as_str(), e.port, e.proto.as_str()), ());
        for a in &e.aliases {
            known.insert((a.as_str(), e.port, e.proto.as_str()), ());
        }
    }
    let mut checked = 0;
    for rec in iana_ports::records() {
        let (Some(name), Some(range)) = (rec.service_name(), rec.ports()) else {
            continue;
        };
        for p in Protocol::ALL.into_iter().filter(|&p| rec.applies_to(p)) {
            for port in range.start..=range.end {
                assert!(known.contains_key(&(name, port, p.as_str())), "{name} {port}/{p} lost");
                checked += 1;
            }
        }
    }
    assert!(checked > 12_000);
    // Ranges expanded, no-protocol rows on all four protocols.
    let x11 = entries.iter().filter(|e| e.name == "x11").count();
    assert_eq!(x11, 128);
    let active: Vec<&str> =
        entries.iter().filter(|e| e.name == "active-net" && e.port == 3322).map(|e| e.proto.as_str()).collect();
    assert_eq!(active, ["tcp", "udp", "sctp", "dccp"]);
    // Declared aliases and lower-case aliases.
    let vnet = entries.iter().find(|e| e.name == "matrix-vnet").unwrap();
    assert_eq!(vnet.aliases, ["matrix_vnet"]);
    let besapi = entries.iter().find(|e| e.name == "BESApi").unwrap();
    assert_eq!(besapi.aliases, ["besapi"]);
    let whois = entries.iter().find(|e| e.port == 63 && e.proto == "tcp").unwrap();
    assert_eq!((whois.name.as_str(), whois.aliases.as_slice()), ("whoispp", &["whois++".to_owned()][..]));
    assert!(r.out.contains("\nhttp            80/tcp     # World Wide Web HTTP\n"));
    // Every name is one glibc can read.
    for e in &entries {
        assert!(iana_ports_cli::etc_services::glibc_name_problem(&e.name).is_none(), "{}", e.name);
    }
    for line in r.out.lines().filter(|l| l.starts_with("#!")) {
        assert!(line.contains("left out"), "{line}");
    }
}

// ---- glibc reads the file ----

fn getent(services: &std::path::Path, keys: &[&str]) -> Result<String, String> {
    let mut script = format!("mount --bind '{}' /etc/services || exit 97\n", services.display());
    for key in keys {
        script.push_str(&format!("printf '%s => ' '{key}'; getent services '{key}' || echo \"exit=$?\"\n"));
    }
    let out = Command::new("unshare").args(["-m", "--propagation", "private", "sh", "-c", &script]).output();
    match out {
        Err(e) => Err(format!("cannot run unshare: {e}")),
        Ok(o) if o.status.code() == Some(97) || !o.status.success() => {
            Err(format!("unshare/mount failed: {}", String::from_utf8_lossy(&o.stderr)))
        }
        Ok(o) => Ok(String::from_utf8_lossy(&o.stdout).into_owned()),
    }
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

#[test]
fn glibc_reads_the_etc_services_output() {
    if !is_root() {
        println!("SKIPPED glibc_reads_the_etc_services_output: not root, cannot bind-mount over /etc/services");
        return;
    }
    // A private mount namespace needs CAP_SYS_ADMIN, which root lacks in
    // an unprivileged container: try one first and skip, saying why.
    match Command::new("unshare").args(["-m", "--propagation", "private", "true"]).output() {
        Err(e) => {
            println!("SKIPPED glibc_reads_the_etc_services_output: cannot run `unshare` ({e})");
            return;
        }
        Ok(o) if !o.status.success() => {
            let why = String::from_utf8_lossy(&o.stderr);
            println!(
                "SKIPPED glibc_reads_the_etc_services_output: no mount namespace here (no CAP_SYS_ADMIN?): {}",
                why.trim()
            );
            return;
        }
        Ok(_) => {}
    }
    let dir = std::env::temp_dir().join(format!("iana-ports-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("services");
    std::fs::write(&file, run(&["--etc-services"]).stdout).unwrap();
    let keys = [
        "http",
        "https/udp",
        "443/tcp",
        "6010/tcp",
        "x11/udp",
        "BESApi",
        "besapi/udp",
        "matrix_vnet",
        "whois++",
        "active-net/dccp",
        "3325/sctp",
        "8448/tcp",
        "www",
        "4/udp",
        "no-such-service",
    ];
    let answer = getent(&file, &keys);
    std::fs::remove_dir_all(&dir).ok();
    let answer = answer.unwrap_or_else(|e| panic!("running as root, yet: {e}"));
    let got: HashMap<&str, Vec<&str>> =
        answer.lines().filter_map(|l| l.split_once(" => ")).map(|(k, v)| (k, v.split_whitespace().collect())).collect();
    let expect = |key: &str, want: &[&str]| assert_eq!(got.get(key).map(Vec::as_slice), Some(want), "{key}: {answer}");
    expect("http", &["http", "80/tcp"]);
    expect("https/udp", &["https", "443/udp"]);
    expect("443/tcp", &["https", "443/tcp"]);
    expect("6010/tcp", &["x11", "6010/tcp"]);
    expect("x11/udp", &["x11", "6000/udp"]);
    expect("BESApi", &["BESApi", "3408/tcp", "besapi"]);
    expect("besapi/udp", &["BESApi", "3408/udp", "besapi"]);
    expect("matrix_vnet", &["matrix-vnet", "4360/tcp", "matrix_vnet"]);
    expect("whois++", &["whoispp", "63/tcp", "whois++"]);
    expect("active-net/dccp", &["active-net", "3322/dccp"]);
    expect("3325/sctp", &["active-net", "3325/sctp"]);
    expect("8448/tcp", &["matrix-fed", "8448/tcp"]);
    expect("www", &["www", "80/tcp"]);
    expect("4/udp", &["exit=2"]);
    expect("no-such-service", &["exit=2"]);
}
