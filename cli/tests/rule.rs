//! `iana-ports rule`: every format loaded into its real tool (nft and
//! iptables in a throwaway network namespace, firewalld's own Python
//! service reader) and read back; the ports read back must be exactly
//! those `PortSpec::resolve` gives, merged per protocol here by an
//! independent expansion (port by port), not by the renderer's merge.
//!
//! A test skips, printing `SKIPPED <test>: <why>`, only when its tool or
//! a network namespace cannot be had; CI (`.ci/run`) installs the tools
//! and fails if the nft or iptables tests skipped.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use iana_ports::PortSpec;
use serde_json::Value;

/// The issue's specs: names with several rows, a range merged with a name
/// (`5060-5061` and `sips/tcp`), every protocol.
const ISSUE_SPECS: [&str; 7] = ["ssh", "x11/udp", "matrix-fed", "1900-1901/udp", "domain/tcp", "5060-5061", "sips/tcp"];

/// 18 common services: 18 tcp ports, more than one multiport rule takes.
const COMMON_18: [&str; 18] = [
    "ftp",
    "ssh",
    "telnet",
    "smtp",
    "domain",
    "http",
    "pop3",
    "ntp",
    "imap",
    "ldap",
    "https",
    "submission",
    "ldaps",
    "imaps",
    "pop3s",
    "mysql",
    "postgresql",
    "ms-wbt-server",
];

/// The ends of the port space, and a range reaching the last port.
const EDGE_SPECS: [&str; 4] = ["0", "65535", "65534/udp", "1024-65535/dccp"];

const SPEC_LISTS: [&[&str]; 3] = [&ISSUE_SPECS, &COMMON_18, &EDGE_SPECS];

/// Ranges per protocol name: what a firewall holds.
type Sets = BTreeMap<String, Vec<(u16, u16)>>;

/// The oracle: every port `PortSpec::resolve` gives, per protocol, gathered
/// port by port and cut into maximal runs.
fn expected(specs: &[&str]) -> Sets {
    let mut ports: BTreeMap<String, BTreeSet<u16>> = BTreeMap::new();
    for spec in specs {
        for (protocol, range) in PortSpec::parse(spec).unwrap().resolve() {
            ports.entry(protocol.to_string()).or_default().extend(range.start..=range.end);
        }
    }
    ports.into_iter().map(|(protocol, set)| (protocol, runs(set))).collect()
}

fn runs(ports: BTreeSet<u16>) -> Vec<(u16, u16)> {
    let mut out: Vec<(u16, u16)> = Vec::new();
    for port in ports {
        match out.last_mut() {
            Some(last) if u32::from(last.1) + 1 == u32::from(port) => last.1 = port,
            _ => out.push((port, port)),
        }
    }
    out
}

/// Ranges read back from a tool, possibly over several rules: as runs.
fn sets_of(read: Vec<(String, u16, u16)>) -> Sets {
    let mut ports: BTreeMap<String, BTreeSet<u16>> = BTreeMap::new();
    for (protocol, start, end) in read {
        ports.entry(protocol).or_default().extend(start..=end);
    }
    ports.into_iter().map(|(protocol, set)| (protocol, runs(set))).collect()
}

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn cli(args: &[&str]) -> Run {
    let o = Command::new(env!("CARGO_BIN_EXE_iana-ports")).args(args).output().expect("run iana-ports");
    Run {
        code: o.status.code().expect("exit code"),
        out: String::from_utf8(o.stdout).expect("utf-8 stdout"),
        err: String::from_utf8(o.stderr).expect("utf-8 stderr"),
    }
}

/// `iana-ports rule ARGS... SPECS...`'s stdout; it must succeed.
fn rule(args: &[&str], specs: &[&str]) -> String {
    let all: Vec<&str> = ["rule"].iter().chain(args).chain(specs).copied().collect();
    let r = cli(&all);
    assert_eq!(r.code, 0, "{all:?}: {}", r.err);
    assert!(r.err.is_empty(), "{all:?}: {}", r.err);
    r.out
}

/// A file holding `text` in a directory of its own for this test.
fn write_temp(test: &str, name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("iana-ports-rule-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn has_tool(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Why `tools` cannot run in a fresh network namespace here, if they
/// cannot: a tool missing, no namespace (no CAP_SYS_ADMIN), or no
/// netfilter in it (`probe`, a read-only command, refused: no
/// CAP_NET_ADMIN).
fn netns_unavailable(tools: &[&str], probe: &str) -> Option<String> {
    if let Some(tool) = tools.iter().find(|t| !has_tool(t)) {
        return Some(format!("`{tool}` is not installed (apt-get install nftables iptables)"));
    }
    let refused = |o: &Output| String::from_utf8_lossy(&o.stderr).trim().to_owned();
    match Command::new("unshare").args(["-n", "true"]).output() {
        Ok(o) if o.status.success() => {}
        Ok(o) => return Some(format!("no network namespace here (not root, or no CAP_SYS_ADMIN): {}", refused(&o))),
        Err(e) => return Some(format!("cannot run `unshare` ({e})")),
    }
    match Command::new("unshare").args(["-n", "sh", "-c", probe]).output() {
        Ok(o) if o.status.success() => None,
        Ok(o) => Some(format!(
            "`{probe}` refused in a network namespace (no CAP_NET_ADMIN, or no kernel support?): {}",
            refused(&o)
        )),
        Err(e) => Some(format!("cannot run `unshare` ({e})")),
    }
}

/// Runs `script` under `sh` in a fresh network namespace; it must succeed.
fn in_netns(script: &str) -> String {
    let o: Output = Command::new("unshare").args(["-n", "sh", "-ec", script]).output().expect("run unshare");
    assert!(
        o.status.success(),
        "{script}: {}\n{}",
        String::from_utf8_lossy(&o.stderr),
        String::from_utf8_lossy(&o.stdout)
    );
    String::from_utf8(o.stdout).unwrap()
}

// ---- nft ----

/// `(protocol, start, end)` of every rule's dport match in `nft -j list
/// ruleset`, with the rule's comment; a one-element set is listed as a
/// plain value by nft.
fn nft_read_back(listing: &str, family: &str, table: &str, chain: &str) -> (Vec<(String, u16, u16)>, Vec<String>) {
    let v: Value = serde_json::from_str(listing).unwrap();
    let mut read = Vec::new();
    let mut comments = Vec::new();
    let port = |v: &Value| u16::try_from(v.as_u64().unwrap()).unwrap();
    for item in v["nftables"].as_array().unwrap() {
        let Some(r) = item.get("rule") else { continue };
        assert_eq!(
            (r["family"].as_str(), r["table"].as_str(), r["chain"].as_str()),
            (Some(family), Some(table), Some(chain))
        );
        comments.push(r["comment"].as_str().expect("a comment on every rule").to_owned());
        let expr = r["expr"].as_array().unwrap();
        assert_eq!(expr.len(), 2, "{r}");
        assert!(expr[1].get("accept").is_some(), "{r}");
        let m = &expr[0]["match"];
        assert_eq!(m["op"], "==");
        assert_eq!(m["left"]["payload"]["field"], "dport");
        let protocol = m["left"]["payload"]["protocol"].as_str().unwrap().to_owned();
        let right = &m["right"];
        let elements = right.get("set").and_then(Value::as_array).cloned().unwrap_or_else(|| vec![right.clone()]);
        for e in elements {
            let (start, end) = match e.get("range") {
                Some(range) => (port(&range[0]), port(&range[1])),
                None => (port(&e), port(&e)),
            };
            read.push((protocol.clone(), start, end));
        }
    }
    (read, comments)
}

#[test]
fn nft_loads_every_family_and_reads_back_the_merged_ports() {
    if let Some(why) = netns_unavailable(&["nft"], "nft list ruleset") {
        println!("SKIPPED nft_loads_every_family_and_reads_back_the_merged_ports: {why}");
        return;
    }
    for (i, specs) in SPEC_LISTS.iter().enumerate() {
        for (family, table, chain) in
            [("inet", "iana_ports", "input"), ("ip", "filter4", "in-4"), ("ip6", "_t6", "INPUT")]
        {
            let text = rule(&["--format", "nft", "--family", family, "--table", table, "--chain", chain], specs);
            let file = write_temp("nft", &format!("{i}-{family}.nft"), &text);
            let listing = in_netns(&format!("nft -f '{}'; nft -j list ruleset", file.display()));
            let (read, comments) = nft_read_back(&listing, family, table, chain);
            // One rule (one set) per protocol, each port once.
            let protocols: BTreeSet<&String> = read.iter().map(|(p, ..)| p).collect();
            assert_eq!(protocols.len(), comments.len(), "{listing}");
            assert_eq!(sets_of(read.clone()), expected(specs), "{family}: {text}");
            let elements: usize = expected(specs).values().map(Vec::len).sum();
            assert_eq!(read.len(), elements, "merged elements, none split: {listing}");
            for comment in comments {
                let (named, more) = comment_specs(&comment);
                assert!(named.iter().all(|c| specs.contains(c)), "{comment}");
                assert!(comment.len() <= 128 && named.len() + more <= specs.len(), "{comment}");
            }
        }
    }
}

/// The specs a rule's comment names, and how many it says it left out
/// (`a, b and 2 more`).
fn comment_specs(comment: &str) -> (Vec<&str>, usize) {
    let (named, more) = match comment.rsplit_once(" and ") {
        Some((named, more)) => (named, more.strip_suffix(" more").unwrap().parse().unwrap()),
        None => (comment, 0),
    };
    (named.split(", ").collect(), more)
}

#[test]
fn nft_adds_to_an_existing_chain_and_keeps_its_policy() {
    if let Some(why) = netns_unavailable(&["nft"], "nft list ruleset") {
        println!("SKIPPED nft_adds_to_an_existing_chain_and_keeps_its_policy: {why}");
        return;
    }
    let existing = "table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\tct state established accept\n\t}\n}\n";
    let before = write_temp("nft-existing", "before.nft", existing);
    let text = rule(&["--format", "nft", "--table", "filter"], &["x11/udp"]);
    let file = write_temp("nft-existing", "rules.nft", &text);
    let listing = in_netns(&format!("nft -f '{}'; nft -f '{}'; nft list ruleset", before.display(), file.display()));
    assert!(listing.contains("policy drop;"), "{listing}");
    assert!(
        listing.contains("ct state established accept\n\t\tudp dport 6000-6063 accept comment \"x11/udp\"\n"),
        "{listing}"
    );
}

// ---- iptables ----

/// Every `-A CHAIN -p P -m multiport --dports LIST` of `iptables-save`.
fn iptables_read_back(saved: &str, chain: &str) -> Vec<(String, u16, u16)> {
    let mut read = Vec::new();
    let prefix = format!("-A {chain} -p ");
    for line in saved.lines().filter(|l| l.starts_with(&prefix)) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let protocol = words[3].to_owned();
        let at = words.iter().position(|w| *w == "--dports").unwrap_or_else(|| panic!("{line}"));
        let mut slots = 0;
        for item in words[at + 1].split(',') {
            let (start, end) = item.split_once(':').unwrap_or((item, item));
            slots += if item.contains(':') { 2 } else { 1 };
            read.push((protocol.clone(), start.parse().unwrap(), end.parse().unwrap()));
        }
        assert!(slots <= 15, "more than multiport's 15 ports: {line}");
        assert!(line.ends_with(" -j ACCEPT") && line.contains(" -m comment --comment "), "{line}");
    }
    read
}

#[test]
fn iptables_and_ip6tables_restore_load_it_and_save_back_the_merged_ports() {
    restore_and_save_back("iptables_and_ip6tables_restore_load_it_and_save_back_the_merged_ports", "");
    // The 18 services take two tcp rules: 21:23 and 13 ports (15 slots), then 2.
    let text = rule(&["--format", "iptables"], &COMMON_18);
    let tcp: Vec<&str> = text.lines().filter(|l| l.starts_with("-A INPUT -p tcp ")).collect();
    assert_eq!(tcp.len(), 2, "{text}");
    assert!(tcp[1].starts_with("-A INPUT -p tcp -m multiport --dports 3389,5432 "), "{text}");
}

/// The same file through the legacy (x_tables) tools, where the kernel has them.
#[test]
fn legacy_iptables_restore_loads_it_too() {
    restore_and_save_back("legacy_iptables_restore_loads_it_too", "-legacy");
}

/// Loads each spec list with `iptables{variant}-restore` and
/// `ip6tables{variant}-restore` (`--test`, then for real) in a fresh
/// network namespace and reads the ports back from `*-save`.
fn restore_and_save_back(test: &str, variant: &str) {
    let tool = |family: &str, verb: &str| format!("{family}{variant}-{verb}");
    let (restore4, restore6) = (tool("iptables", "restore"), tool("ip6tables", "restore"));
    let (save4, save6) = (tool("iptables", "save"), tool("ip6tables", "save"));
    let tools = [restore4.as_str(), &restore6, &save4, &save6];
    // `*-save` prints nothing, successfully, where it may not read; `-L` fails.
    let probe = format!("iptables{variant} -t filter -L -n && ip6tables{variant} -t filter -L -n");
    if let Some(why) = netns_unavailable(&tools, &probe) {
        println!("SKIPPED {test}: {why}");
        return;
    }
    for (i, specs) in SPEC_LISTS.iter().enumerate() {
        for chain in ["INPUT", "IANA_PORTS"] {
            let text = rule(&["--format", "iptables", "--chain", chain], specs);
            let file = write_temp(test, &format!("{i}-{chain}.rules"), &text);
            let f = file.display();
            let saved = in_netns(&format!(
                "{restore4} --test '{f}'; {restore6} --test '{f}'; {restore4} '{f}'; {restore6} '{f}'; \
                 {save4} -t filter; echo '### v6'; {save6} -t filter"
            ));
            let (v4, v6) = saved.split_once("### v6").unwrap();
            for saved in [v4, v6] {
                assert_eq!(sets_of(iptables_read_back(saved, chain)), expected(specs), "{chain}: {saved}");
            }
        }
    }
}

// ---- firewalld ----

/// The `python3` that has firewalld's package, if any.
fn firewalld_python() -> Option<&'static str> {
    ["/usr/bin/python3", "python3"].into_iter().find(|python| {
        Command::new(python)
            .args(["-c", "import firewall.core.io.service"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

const FIREWALLD_READER: &str = r#"
import json, sys
from firewall.core.io.service import service_reader
service = service_reader(sys.argv[1], sys.argv[2])
# The checks firewalld runs on a service it loads (ports, protocols, ...).
service.check_config_dict(service.export_config_dict(), {"services": {}})
print(json.dumps({"short": service.short, "description": service.description, "ports": service.ports}))
"#;

#[test]
fn firewalld_reads_the_service_with_its_own_reader() {
    let Some(python) = firewalld_python() else {
        println!(
            "SKIPPED firewalld_reads_the_service_with_its_own_reader: no python3 with firewalld's package (apt-get install firewalld)"
        );
        return;
    };
    for (i, specs) in SPEC_LISTS.iter().enumerate() {
        let text = rule(&["--format", "firewalld"], specs);
        let file = write_temp("firewalld", &format!("iana-ports-{i}.xml"), &text);
        let o = Command::new(python)
            .args(["-c", FIREWALLD_READER])
            .arg(file.file_name().unwrap())
            .arg(file.parent().unwrap())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}\n{text}", String::from_utf8_lossy(&o.stderr));
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["short"], specs.join(", "));
        assert!(v["description"].as_str().unwrap().contains("IANA"));
        let read: Vec<(String, u16, u16)> = v["ports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let ports = p[0].as_str().unwrap();
                let (start, end) = ports.split_once('-').unwrap_or((ports, ports));
                (p[1].as_str().unwrap().to_owned(), start.parse().unwrap(), end.parse().unwrap())
            })
            .collect();
        let elements: usize = expected(specs).values().map(Vec::len).sum();
        assert_eq!(read.len(), elements, "one <port> per merged range");
        assert_eq!(sets_of(read), expected(specs));
    }
}

// ---- pf: no tool on Linux, the text exactly ----

#[test]
fn pf_text() {
    assert_eq!(
        rule(&["--format", "pf"], &["ssh", "x11/udp"]),
        "# iana-ports rule --format pf ssh x11/udp\n\
         pass in proto tcp to port { 22 }  # ssh\n\
         pass in proto udp to port { 22 6000:6063 }  # ssh, x11/udp\n\
         # pass in proto sctp to port { 22 }  # ssh (FreeBSD 14 and later; OpenBSD's pf has no sctp ports)\n"
    );
    assert_eq!(
        rule(&["--format", "pf"], &ISSUE_SPECS),
        "# iana-ports rule --format pf ssh x11/udp matrix-fed 1900-1901/udp domain/tcp 5060-5061 sips/tcp\n\
         pass in proto tcp to port { 22 53 5060:5061 8448 }  # ssh, matrix-fed, domain/tcp, 5060-5061, sips/tcp\n\
         pass in proto udp to port { 22 1900:1901 5060:5061 6000:6063 }  # ssh, x11/udp, 1900-1901/udp, 5060-5061\n\
         # pass in proto sctp to port { 22 5060:5061 }  # ssh, 5060-5061 (FreeBSD 14 and later; OpenBSD's pf has no sctp ports)\n\
         # pass in proto dccp to port { 5060:5061 }  # 5060-5061 (pf matches no dccp ports)\n"
    );
    let common = rule(&["--format", "pf"], &COMMON_18);
    let tcp = common.lines().find(|l| l.starts_with("pass in proto tcp ")).unwrap();
    assert!(tcp.starts_with("pass in proto tcp to port { 21:23 25 53 80 110 123 143 389 443 587 636 993 995 3306 3389 5432 }  # ftp, ssh,"), "{tcp}");
}

// ---- the command ----

#[test]
fn json_gives_the_merged_sets() {
    for specs in SPEC_LISTS {
        let out = rule(&["--json"], specs);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["specs"], serde_json::json!(specs));
        let read: Vec<(String, u16, u16)> = v["sets"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|set| {
                let protocol = set["protocol"].as_str().unwrap().to_owned();
                set["ranges"].as_array().unwrap().iter().map(move |r| {
                    let port = |k: &str| u16::try_from(r[k].as_u64().unwrap()).unwrap();
                    (protocol.clone(), port("start"), port("end"))
                })
            })
            .collect();
        let elements: usize = expected(specs).values().map(Vec::len).sum();
        assert_eq!(read.len(), elements);
        assert_eq!(sets_of(read), expected(specs));
    }
    let v: Value = serde_json::from_str(&rule(&["--json"], &["5060-5061", "sips/tcp"])).unwrap();
    assert_eq!(
        v["sets"][0]["ranges"][0],
        serde_json::json!({"start": 5060, "end": 5061, "specs": ["5060-5061", "sips/tcp"]})
    );
}

#[test]
fn a_bad_spec_exits_2_with_the_suggestion_and_prints_nothing() {
    for format in ["nft", "iptables", "firewalld", "pf"] {
        let r = cli(&["rule", "--format", format, "ssh", "htps/tcp"]);
        assert_eq!(r.code, 2);
        assert!(r.out.is_empty(), "{}", r.out);
        assert!(r.err.starts_with("iana-ports: rule: \"htps/tcp\": no service `htps` on tcp"), "{}", r.err);
        assert!(r.err.contains("did you mean `https/tcp` (443)"), "{}", r.err);
    }
    for (bad, says) in [
        ("70000", "`70000` is not a port"),
        ("ssh/tcpp", "unknown protocol `tcpp`"),
        ("matrix", "registered without a port"),
        ("dns", "`domain` (53)"),
    ] {
        let r = cli(&["rule", "--json", bad]);
        assert_eq!((r.code, r.out.as_str()), (2, ""), "{bad}");
        assert!(r.err.contains(says), "{bad}: {}", r.err);
    }
}

#[test]
fn options_of_another_format_are_refused() {
    for args in [
        ["--format", "pf", "--table", "t"],
        ["--format", "iptables", "--family", "ip6"],
        ["--format", "firewalld", "--chain", "c"],
        ["--format", "nft", "--table", "a b"],
        ["--format", "nft", "--chain", "x;y"],
    ] {
        let r = cli(&[&["rule"], &args[..], &["ssh"]].concat());
        assert_eq!((r.code, r.out.as_str()), (2, ""), "{args:?}");
        assert!(!r.err.is_empty());
    }
    assert_eq!(cli(&["rule", "ssh"]).code, 2, "a format or --json is required");
    assert_eq!(cli(&["rule", "--format", "nft"]).code, 2, "a spec is required");
}

#[test]
fn iptables_text_for_the_issue_specs() {
    assert_eq!(
        rule(&["--format", "iptables"], &["ssh", "x11/udp"]),
        "# iana-ports rule --format iptables ssh x11/udp\n\
         *filter\n\
         -A INPUT -p tcp -m multiport --dports 22 -m comment --comment \"ssh\" -j ACCEPT\n\
         -A INPUT -p udp -m multiport --dports 22,6000:6063 -m comment --comment \"ssh, x11/udp\" -j ACCEPT\n\
         -A INPUT -p sctp -m multiport --dports 22 -m comment --comment \"ssh\" -j ACCEPT\n\
         COMMIT\n"
    );
}

/// cli/README.md, `rule --help`, docs/firewall-rules.md and the front
/// page show each format's real output.
#[test]
fn documented_examples_are_the_real_output() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let help = cli(&["rule", "--help"]).out;
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/firewall-rules.md")).unwrap();
    let front = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    for (name, text, indent, at_least) in [
        ("cli/README.md", &readme, "", 4),
        ("rule --help", &help, "  ", 4),
        ("docs/firewall-rules.md", &docs, "", 4),
        ("README.md", &front, "", 1),
    ] {
        let mut shown = 0;
        for block in examples(text, indent) {
            let (command, output) = block;
            let args: Vec<&str> = command.split_whitespace().skip(1).collect();
            // A refused spec's example shows its message (stdout is empty).
            let r = cli(&args);
            let printed = if r.code == 0 { r.out } else { r.err };
            assert_eq!(printed, output, "{name}: `{command}` prints otherwise");
            shown += 1;
        }
        assert!(shown >= at_least, "{name}: {shown} examples");
    }
}

/// `$ iana-ports rule ...` lines and the output under each (less
/// `indent`), up to the next `$ ` line or the end of the block (a line of
/// three backticks, or an empty line).
fn examples(text: &str, indent: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        let line_trimmed = line.strip_prefix(indent).unwrap_or(line);
        if let Some(command) = line_trimmed.strip_prefix("$ iana-ports rule ") {
            out.extend(current.take());
            current = Some((format!("iana-ports rule {command}"), String::new()));
        } else if line_trimmed.starts_with("```") || line.trim().is_empty() {
            out.extend(current.take());
        } else if let Some((_, output)) = current.as_mut() {
            output.push_str(line_trimmed);
            output.push('\n');
        }
    }
    out.extend(current);
    out
}
