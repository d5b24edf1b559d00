//! `parse_query`: the library's `PortSpec` grammar, with unknown and
//! port-less names kept as lookups; never panics on odd or random input,
//! and every accepted query's lookups run without panicking either.

use iana_ports::{PortRange, PortSpec, Protocol, SpecErrorKind};
use iana_ports_cli::{Target, parse_query};

fn accepted(text: &str) -> (Target, Option<Protocol>) {
    let q = parse_query(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    (q.target, q.protocol)
}

#[test]
fn accepted_forms() {
    assert_eq!(accepted("443"), (Target::Port(443), None));
    assert_eq!(accepted(" 0443/Tcp "), (Target::Port(443), Some(Protocol::Tcp)));
    assert_eq!(accepted("0"), (Target::Port(0), None));
    assert_eq!(accepted("65535/dccp"), (Target::Port(65535), Some(Protocol::Dccp)));
    assert_eq!(accepted("6000-6063/UDP"), (Target::Range(PortRange { start: 6000, end: 6063 }), Some(Protocol::Udp)));
    assert_eq!(accepted("7-7"), (Target::Port(7), None));
    assert_eq!(accepted("HTTPS/sctp"), (Target::Name("https".into()), Some(Protocol::Sctp)));
    assert_eq!(accepted("914c/g"), (Target::Name("914c/g".into()), None));
    assert_eq!(accepted("3com-tsmux"), (Target::Name("3com-tsmux".into()), None));
    assert_eq!(accepted("000000000000000080"), (Target::Port(80), None));
    // Refused by PortSpec as names, kept as lookups, as typed.
    assert_eq!(accepted("no such thing"), (Target::Name("no such thing".into()), None));
    assert_eq!(accepted("Matrix/TCP"), (Target::Name("Matrix".into()), Some(Protocol::Tcp)));
    assert_eq!(parse_query("Matrix/TCP").unwrap().refused.unwrap().kind(), SpecErrorKind::NoPort);
    assert_eq!(parse_query("htps").unwrap().refused.unwrap().kind(), SpecErrorKind::UnknownName);
    assert_eq!(parse_query("https").unwrap().refused, None);
}

#[test]
fn rejected_forms_are_port_spec_errors() {
    let kind = |text: &str| parse_query(text).unwrap_err().kind();
    assert_eq!(kind(""), SpecErrorKind::Empty);
    assert_eq!(kind("\t "), SpecErrorKind::Empty);
    assert_eq!(kind("65536"), SpecErrorKind::BadPort);
    assert_eq!(kind("-5"), SpecErrorKind::BadPort);
    assert_eq!(kind("5-"), SpecErrorKind::BadPort);
    assert_eq!(kind("10-5"), SpecErrorKind::ReversedRange);
    assert_eq!(kind("//"), SpecErrorKind::MissingTarget);
    assert_eq!(kind("a/b/"), SpecErrorKind::UnknownProtocol);
    assert_eq!(kind("443/udp/tcp"), SpecErrorKind::TrailingText);
    // Every refusal is the library's, word for word.
    for text in ["", "65536", "10-5", "443/tcpp", "443/udp/tcp", "/tcp"] {
        assert_eq!(parse_query(text).unwrap_err(), PortSpec::parse(text).unwrap_err(), "{text:?}");
    }
}

#[test]
fn random_input_never_panics() {
    let alphabet: Vec<char> = "0123456789-/ tcpudsTCPUDSabxyz._+*#\t\u{0}é€\u{10FFFF}".chars().collect();
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..20_000 {
        let len = (next() % 14) as usize;
        let text: String = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
        match parse_query(&text) {
            Ok(q) => {
                let _ = q.rows();
                let _ = q.port_status();
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
}
