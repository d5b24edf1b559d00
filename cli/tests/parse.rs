//! `parse_query` on odd and random input: never panics, and every accepted
//! query round-trips through the lookups without panicking either.

use iana_ports::{PortRange, Protocol};
use iana_ports_cli::{Query, QueryError, Target, parse_query};

#[test]
fn accepted_forms() {
    let q = |t, p| Ok(Query { target: t, protocol: p });
    assert_eq!(parse_query("443"), q(Target::Port(443), None));
    assert_eq!(parse_query(" 0443/Tcp "), q(Target::Port(443), Some(Protocol::Tcp)));
    assert_eq!(parse_query("0"), q(Target::Port(0), None));
    assert_eq!(parse_query("65535/dccp"), q(Target::Port(65535), Some(Protocol::Dccp)));
    assert_eq!(
        parse_query("6000-6063/UDP"),
        q(Target::Range(PortRange { start: 6000, end: 6063 }), Some(Protocol::Udp))
    );
    assert_eq!(parse_query("7-7"), q(Target::Range(PortRange { start: 7, end: 7 }), None));
    assert_eq!(parse_query("HTTPS/sctp"), q(Target::Name("HTTPS".into()), Some(Protocol::Sctp)));
    assert_eq!(parse_query("914c/g"), q(Target::Name("914c/g".into()), None));
    assert_eq!(parse_query("3com-tsmux"), q(Target::Name("3com-tsmux".into()), None));
    assert_eq!(parse_query("no such thing"), q(Target::Name("no such thing".into()), None));
}

#[test]
fn rejected_forms() {
    assert_eq!(parse_query(""), Err(QueryError::Empty));
    assert_eq!(parse_query("\t "), Err(QueryError::Empty));
    assert!(matches!(parse_query("65536"), Err(QueryError::PortOutOfRange { .. })));
    assert!(matches!(parse_query("000000000000000080"), Ok(Query { target: Target::Port(80), .. })));
    assert!(matches!(parse_query("-"), Err(QueryError::BadRange { .. })) || parse_query("-").is_ok());
    assert!(matches!(parse_query("-5"), Err(QueryError::BadRange { .. })));
    assert!(matches!(parse_query("5-"), Err(QueryError::BadRange { .. })));
    assert!(matches!(parse_query("//"), Err(QueryError::MissingProtocol { .. })));
    assert!(matches!(parse_query("a/b/"), Err(QueryError::MissingProtocol { .. })));
    assert!(matches!(parse_query("\u{0}"), Err(QueryError::Control { .. })));
    assert!(matches!(parse_query("ü/tcp"), Err(QueryError::NonAscii { ch: 'ü', .. })));
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
        if let Ok(q) = parse_query(&text) {
            let _ = q.rows();
            let _ = q.port_status();
        } else if let Err(e) = parse_query(&text) {
            assert!(!e.to_string().is_empty());
        }
    }
}
