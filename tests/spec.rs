//! `PortSpec`: every error case, and `resolve()` for every registered name
//! against an oracle written from the CSV (not from the tables).

mod common;

use std::collections::HashMap;

use iana_ports::{PortRange, PortSpec, Protocol, SpecErrorKind, SpecTarget};
use proptest::prelude::*;

fn r(start: u16, end: u16) -> PortRange {
    PortRange { start, end }
}

fn resolved(spec: &str) -> Vec<(Protocol, PortRange)> {
    PortSpec::parse(spec).unwrap_or_else(|e| panic!("{spec}: {e}")).resolve().collect()
}

fn error(spec: &str) -> iana_ports::SpecError {
    PortSpec::parse(spec).expect_err(spec)
}

#[test]
fn the_issue_examples() {
    use Protocol::*;
    assert_eq!(resolved("SSH"), [(Tcp, r(22, 22)), (Udp, r(22, 22)), (Sctp, r(22, 22))]);
    assert_eq!(resolved("msp/tcp"), [(Tcp, r(18, 18)), (Tcp, r(2438, 2438))]);
    assert_eq!(resolved("x11/udp"), [(Udp, r(6000, 6063))]);
    assert_eq!(resolved("active-net/dccp"), [(Dccp, r(3322, 3325))]);
    assert_eq!(resolved("443"), Protocol::ALL.map(|p| (p, r(443, 443))));
    assert_eq!(resolved("443/sctp"), [(Sctp, r(443, 443))]);
    assert_eq!(resolved("6000-6063/TCP"), [(Tcp, r(6000, 6063))]);
    assert_eq!(resolved("6000-6063"), Protocol::ALL.map(|p| (p, r(6000, 6063))));
}

#[test]
fn grammar() {
    let target = |s: &str| PortSpec::parse(s).unwrap().target();
    assert_eq!(target("0"), SpecTarget::Port(0));
    assert_eq!(target("65535/udp"), SpecTarget::Port(65535));
    assert_eq!(target("0443"), SpecTarget::Port(443));
    assert_eq!(target("4748-4748"), SpecTarget::Port(4748));
    assert_eq!(target("0-65535"), SpecTarget::Range(r(0, 65535)));
    assert_eq!(target("HtTpS"), SpecTarget::Name("https"));
    assert_eq!(target("BESAPI/udp"), SpecTarget::Name("BESApi"));
    // Names holding `/`.
    assert_eq!(target("cl/1"), SpecTarget::Name("cl/1"));
    assert_eq!(target("CL/1/tcp"), SpecTarget::Name("cl/1"));
    assert_eq!(target("914c/g"), SpecTarget::Name("914c/g"));
    assert_eq!(target("914c/g/udp"), SpecTarget::Name("914c/g"));
    assert_eq!(target("\t ssh/TCP \n"), SpecTarget::Name("ssh"));
    assert_eq!(PortSpec::parse("914c/g/Udp").unwrap().protocol(), Some(Protocol::Udp));
    assert_eq!(PortSpec::parse("cl/1").unwrap().protocol(), None);
}

#[test]
fn every_error_case() {
    use SpecErrorKind::*;
    let cases: &[(&str, SpecErrorKind, &str)] = &[
        ("", Empty, ""),
        ("   ", Empty, ""),
        ("/", MissingTarget, ""),
        ("/tcp", MissingTarget, ""),
        ("70000", BadPort, "70000"),
        ("70000/tcp", BadPort, "70000"),
        ("1-70000", BadPort, "70000"),
        ("99999999999999999999999", BadPort, "99999999999999999999999"),
        ("1-2-3", BadPort, "1-2-3"),
        ("-5", BadPort, "-5"),
        ("5-", BadPort, "5-"),
        ("10-1", ReversedRange, "10-1"),
        ("10-1/tcp", ReversedRange, "10-1"),
        ("443/", MissingProtocol, ""),
        ("ssh/", MissingProtocol, ""),
        ("443/tcpp", UnknownProtocol, "tcpp"),
        ("ssh/quic", UnknownProtocol, "quic"),
        ("443/ tcp", UnknownProtocol, " tcp"),
        ("ssh/tcp/udp", TrailingText, "/udp"),
        ("443/udp/tcp", TrailingText, "/tcp"),
        ("443/udp/", TrailingText, "/"),
        ("cl/1/tcp/x", TrailingText, "/x"),
        ("htps", UnknownName, "htps"),
        ("htps/tcp", UnknownName, "htps"),
        ("dns", UnknownName, "dns"),
        ("ssh tcp", UnknownName, "ssh tcp"),
        ("café", UnknownName, "café"),
        ("matrix", NoPort, "matrix"),
        ("MATRIX/tcp", NoPort, "matrix"),
        ("rift-lies/tcp", NoPort, "rift-lies"),
    ];
    for &(input, kind, part) in cases {
        let err = error(input);
        assert_eq!((err.kind(), err.part()), (kind, part), "{input:?}: {err}");
        assert_eq!(err.input(), input.trim(), "{input:?}");
        assert!(err.to_string().starts_with(&format!("{:?}: ", input.trim())), "{err}");
    }
}

#[test]
fn errors_carry_suggestions() {
    let names = |s: &str| error(s).suggestions().map(|s| s.name()).collect::<Vec<_>>();
    assert_eq!(names("htps")[0], "https");
    assert_eq!(names("htps/tcp")[0], "https");
    assert!(names("htps").len() <= 3);
    assert_eq!(names("dns"), ["domain"].iter().chain(&names("dns")[1..]).copied().collect::<Vec<_>>());
    assert_eq!(names("rift-lies/tcp"), ["rift-lies"]);
    assert_eq!(names("ssh/tcpp"), ["ssh", "ssh", "ssh"]);
    assert!(names("443/tcpp").is_empty());
    assert_eq!(error("htps/tcp").protocol(), Some(Protocol::Tcp));
    let msg = error("htps/tcp").to_string();
    assert!(msg.contains("did you mean `https/tcp` (443)"), "{msg}");
}

#[test]
fn hostile_inputs_are_bounded() {
    let huge = "a/".repeat(500_000);
    let err = error(&huge);
    assert_eq!(err.input().len(), 64);
    assert!(err.to_string().contains('…'));
    let digits = "9".repeat(1 << 20);
    assert_eq!(error(&digits).kind(), SpecErrorKind::BadPort);
    let slashes = "/".repeat(1 << 20);
    assert_eq!(error(&slashes).kind(), SpecErrorKind::MissingTarget);
    assert_eq!(error("ssh\0").kind(), SpecErrorKind::UnknownName);
    let msg = error("ssh\0").to_string();
    assert!(
        msg.starts_with("\"ssh\\x00\": no service `ssh\\x00` in the IANA registry; did you mean `ssh` (22)"),
        "{msg}"
    );
}

/// A CSV row as `resolve` sees it: protocol and ports.
type CsvRow = (Option<Protocol>, Option<(u16, u16)>);

/// Per lower-case name: its spelling and CSV rows, in order.
fn csv_names() -> HashMap<String, (String, Vec<CsvRow>)> {
    let mut names: HashMap<String, (String, Vec<_>)> = HashMap::new();
    for row in common::rows() {
        if let Some(name) = row.name() {
            let entry = names.entry(name.to_ascii_lowercase()).or_insert_with(|| (name.to_owned(), Vec::new()));
            entry.1.push((row.protocol(), row.ports()));
        }
    }
    names
}

/// The oracle: the rule of `resolve`, from the CSV rows.
fn oracle(rows: &[CsvRow], only: Option<Protocol>) -> Vec<(Protocol, PortRange)> {
    let mut out = Vec::new();
    for p in Protocol::ALL {
        if only.is_some_and(|o| o != p) {
            continue;
        }
        for (proto, ports) in rows {
            if let Some((a, b)) = ports {
                if proto.is_none_or(|q| q == p) {
                    out.push((p, r(*a, *b)));
                }
            }
        }
    }
    out
}

#[test]
fn resolve_agrees_with_the_csv_for_every_name_and_protocol() {
    let names = csv_names();
    assert!(names.len() > 6000);
    for (name, rows) in names.values() {
        for only in [None, Some(Protocol::Tcp), Some(Protocol::Udp), Some(Protocol::Sctp), Some(Protocol::Dccp)] {
            let text = match only {
                Some(p) => format!("{}/{p}", name.to_ascii_uppercase()),
                None => name.clone(),
            };
            let want = oracle(rows, only);
            match PortSpec::parse(&text) {
                Ok(spec) => {
                    assert!(matches!(spec.target(), SpecTarget::Name(n) if n == name), "{text}");
                    assert_eq!(spec.resolve().collect::<Vec<_>>(), want, "{text}");
                    assert!(!want.is_empty());
                }
                Err(err) => {
                    assert!(want.is_empty(), "{text}: {err}");
                    assert_eq!(err.kind(), SpecErrorKind::NoPort, "{text}");
                }
            }
        }
    }
}

#[test]
fn resolve_agrees_with_by_name() {
    for record in iana_ports::records() {
        let Some(name) = record.service_name() else { continue };
        let Ok(spec) = PortSpec::parse(name) else { continue };
        // Each resolved entry is a row of the name that applies to its protocol.
        for (p, range) in spec.resolve() {
            assert!(iana_ports::by_name(name).any(|r| r.ports() == Some(range) && r.applies_to(p)), "{name}");
        }
        // The first entry per protocol is what `port()` answers.
        for p in Protocol::ALL {
            let first = spec.resolve().find(|(q, _)| *q == p).map(|(_, r)| r.start);
            assert_eq!(first, iana_ports::port(name, p), "{name}/{p}");
        }
    }
}

fn spec_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9]{0,6}(-[0-9]{0,6})?(/[a-zA-Z]{0,5})?(/[a-z]{0,4})?",
        "[a-zA-Z0-9/_.+*-]{0,20}",
        prop::sample::select(vec!["ssh", "cl/1", "914c/g", "x11", "https", "matrix", "domain"])
            .prop_flat_map(|n| (Just(n), "(/(tcp|UDP|sctp|dccp|tcpp|))?(/udp)?"))
            .prop_map(|(n, tail)| format!("{n}{tail}")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// Never panics; a spec's Display parses back to the same spec; an
    /// error's Display starts with the input.
    #[test]
    fn parse_never_panics_and_display_round_trips(text in spec_text()) {
        match PortSpec::parse(&text) {
            Ok(spec) => {
                let shown = spec.to_string();
                prop_assert_eq!(PortSpec::parse(&shown), Ok(spec), "{:?} -> {:?}", text, shown);
                prop_assert_eq!(shown.parse::<PortSpec>().map(|s| s.to_string()), Ok(shown.clone()));
                prop_assert!(spec.resolve().count() > 0);
            }
            Err(err) => {
                prop_assert!(err.to_string().starts_with('"'));
                prop_assert!(err.suggestions().len() <= 3);
                prop_assert!(err.input().len() <= 64 && err.part().len() <= 32);
            }
        }
    }
}

/// `ports!` gives exactly the resolved entries of its specs, in order.
#[test]
fn ports_macro_is_resolve_in_order() {
    const ALLOW: &[(Protocol, PortRange)] = iana_ports::ports!("ssh/tcp", "https/tcp", "6000-6063/tcp");
    assert_eq!(ALLOW, [(Protocol::Tcp, r(22, 22)), (Protocol::Tcp, r(443, 443)), (Protocol::Tcp, r(6000, 6063))]);
    static MANY: &[(Protocol, PortRange)] =
        iana_ports::ports!("SSH", "msp/tcp", "x11/udp", "active-net/dccp", "443", "cl/1", "914c/g/udp",);
    let specs = ["SSH", "msp/tcp", "x11/udp", "active-net/dccp", "443", "cl/1", "914c/g/udp"];
    let want: Vec<_> = specs.iter().flat_map(|s| resolved(s)).collect();
    assert_eq!(MANY, want);
    let local = iana_ports::ports!("domain/udp");
    assert_eq!(local, &[(Protocol::Udp, r(53, 53))]);
    const NONE: &[(Protocol, PortRange)] = iana_ports::ports!();
    assert!(NONE.is_empty());
}
