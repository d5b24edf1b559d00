//! Every lookup path agrees with every other.
//!
//! The exhaustive parts are plain loops over all 65,536 ports × 4 protocols
//! and over every registered name: each index (`by_port`, `service_name`,
//! `status`, `by_name`, `port`) is compared with a reference built here
//! from nothing but `records()` and the documented rules. The `const` path
//! is compared with the run-time path on tables evaluated by the compiler.
//! Arbitrary text (any case, Unicode, long, empty, with `/`) is left to
//! proptest at the end.

use std::collections::HashMap;
use std::sync::OnceLock;

use iana_ports::{Protocol, Record, Status, by_name, by_port, port, records, service_name, service_name_cstr, status};
use proptest::prelude::*;

/// Position of `r` in `records()` (every record handed out lives there).
fn index_of(r: &Record) -> usize {
    let base = records().as_ptr() as usize;
    let at = (r as *const Record as usize - base) / size_of::<Record>();
    assert!(std::ptr::eq(&records()[at], r), "record outside records()");
    at
}

/// For one protocol, the indices of the rows covering each port, in
/// registry order: the definition of `by_port`, built by a sweep.
fn covering(proto: Protocol) -> Vec<Vec<u32>> {
    let mut out = vec![Vec::new(); 65_536];
    for (i, r) in records().iter().enumerate() {
        if let Some(range) = r.ports().filter(|_| r.applies_to(proto)) {
            for p in range.start..=range.end {
                out[usize::from(p)].push(i as u32);
            }
        }
    }
    out
}

/// The documented port rule (see `Status`): Assigned if a named row covers
/// the port, else Reserved if a Reserved row does, else Unassigned.
fn status_rule(rows: &[u32]) -> Status {
    let all = records();
    if rows.iter().any(|&i| all[i as usize].service_name().is_some()) {
        Status::Assigned
    } else if rows.iter().any(|&i| all[i as usize].status() == Status::Reserved) {
        Status::Reserved
    } else {
        Status::Unassigned
    }
}

#[test]
fn by_port_service_name_and_status_agree_with_records_for_every_port() {
    for proto in Protocol::ALL {
        let expected = covering(proto);
        for (p, want) in expected.iter().enumerate() {
            let p = p as u16;
            let got: Vec<u32> = by_port(p, proto).map(|r| index_of(r) as u32).collect();
            assert_eq!(&got, want, "by_port({p}, {proto})");
            assert_eq!(by_port(p, proto).len(), want.len(), "by_port({p}, {proto}).len()");
            let mut rest = by_port(p, proto);
            rest.next();
            assert_eq!(rest.count(), want.len().saturating_sub(1), "by_port({p}, {proto}) count after one");
            let back: Vec<u32> = by_port(p, proto).rev().map(|r| index_of(r) as u32).collect();
            assert!(back.iter().rev().eq(want.iter()), "by_port({p}, {proto}).rev()");

            let first_named = want.iter().find_map(|&i| records()[i as usize].service_name());
            assert_eq!(service_name(p, proto), first_named, "service_name({p}, {proto})");
            assert_eq!(
                service_name(p, proto),
                by_port(p, proto).find_map(|r| r.service_name()),
                "service_name({p}, {proto}) vs by_port"
            );

            assert_eq!(status(p, proto), status_rule(want), "status({p}, {proto})");
        }
    }
}

/// The C strings are the same names, NUL-terminated, for every port x
/// protocol and every record.
#[test]
fn c_string_names_equal_the_str_names() {
    let as_str = |c: &'static std::ffi::CStr| c.to_str().expect("names are ASCII");
    for proto in Protocol::ALL {
        for p in 0..=u16::MAX {
            assert_eq!(service_name_cstr(p, proto).map(as_str), service_name(p, proto), "{p}/{proto}");
        }
    }
    for (i, r) in records().iter().enumerate() {
        let c = r.service_name_cstr();
        assert_eq!(c.map(as_str), r.service_name(), "record {i}");
        // The terminating NUL is the byte right after the name, and the
        // C string is compiled in (the same bytes each call), not built.
        if let (Some(c), Some(name)) = (c, r.service_name()) {
            assert_eq!(c.to_bytes_with_nul().len(), name.len() + 1);
            let again = r.service_name_cstr().map(|c| c.as_ptr());
            assert_eq!(again, Some(c.as_ptr()), "record {i}: the C string is the compiled-in one");
        }
    }
    const FED: Option<&std::ffi::CStr> = service_name_cstr(8448, Protocol::Tcp);
    assert_eq!(FED, Some(c"matrix-fed"));
}

#[test]
fn every_row_status_follows_the_documented_rule() {
    for (i, r) in records().iter().enumerate() {
        assert!(r.service_name().is_some() || r.ports().is_some(), "row {i} has neither name nor port");
        if r.service_name().is_some() {
            assert_eq!(r.status(), Status::Assigned, "named row {i}: {r:?}");
            continue;
        }
        assert_ne!(r.status(), Status::Assigned, "nameless row {i}: {r:?}");
        #[cfg(feature = "descriptions")]
        {
            let text = r.description().unwrap_or("").trim().to_ascii_lowercase();
            // The words `Status` documents, plus the registry's own
            // misspelling `Decomissioned` (one row), which the generator
            // also reads as freed.
            let freed = [
                "unassigned",
                "(unassigned)",
                "de-registered",
                "removed",
                "deprecated",
                "decommissioned",
                "de-commissioned",
                "decomissioned",
            ];
            let want = if freed.iter().any(|w| text.starts_with(w)) { Status::Unassigned } else { Status::Reserved };
            assert_eq!(r.status(), want, "nameless row {i}: {r:?}");
        }
    }
}

/// Lower-cased name → indices of its rows, in registry order.
fn names() -> &'static HashMap<String, Vec<usize>> {
    static NAMES: OnceLock<HashMap<String, Vec<usize>>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut map: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in records().iter().enumerate() {
            if let Some(name) = r.service_name() {
                map.entry(name.to_ascii_lowercase()).or_default().push(i);
            }
        }
        map
    })
}

/// The documented `port` rule over `by_name`'s rows.
fn port_rule(rows: &[usize], proto: Protocol) -> Option<u16> {
    rows.iter()
        .map(|&i| &records()[i])
        .find(|r| r.ports().is_some() && r.applies_to(proto))
        .map(|r| r.ports().unwrap().start)
}

/// Three spellings of a name: as registered, upper case, and alternating.
fn spellings(name: &str) -> [String; 3] {
    let mixed = name
        .chars()
        .enumerate()
        .map(|(i, c)| if i % 2 == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
        .collect();
    [name.to_owned(), name.to_ascii_uppercase(), mixed]
}

#[test]
fn by_name_and_port_agree_with_records_for_every_name() {
    let map = names();
    assert!(map.len() > 5_000, "only {} distinct names", map.len());
    for (lower, want) in map {
        let registered = records()[want[0]].service_name().unwrap();
        for spelling in spellings(registered) {
            let got: Vec<usize> = by_name(&spelling).map(index_of).collect();
            assert_eq!(&got, want, "by_name({spelling:?}) (key {lower:?})");
            assert_eq!(by_name(&spelling).len(), want.len());
            let mut rest = by_name(&spelling);
            rest.next_back();
            assert_eq!(rest.count(), want.len() - 1, "by_name({spelling:?}) count after one from the back");
            let back: Vec<usize> = by_name(&spelling).rev().map(index_of).collect();
            assert!(back.iter().rev().eq(want.iter()), "by_name({spelling:?}).rev()");
            // Both ends at once: front, back, front, ... meet in the middle.
            let mut both = by_name(&spelling);
            let (mut front, mut tail) = (Vec::new(), Vec::new());
            // At most `want.len()` steps, so an over-reported len() fails
            // instead of looping.
            for _ in 0..want.len() {
                if both.len() == 0 {
                    break;
                }
                front.extend(both.next().map(index_of));
                tail.extend(both.next_back().map(index_of));
            }
            assert_eq!(both.len(), 0, "by_name({spelling:?}) len after both ends");
            assert!(both.next().is_none() && both.next_back().is_none());
            front.extend(tail.iter().rev());
            assert_eq!(&front, want, "by_name({spelling:?}) from both ends");
            for proto in Protocol::ALL {
                assert_eq!(port(&spelling, proto), port_rule(want, proto), "port({spelling:?}, {proto})");
                if let Some(p) = port(&spelling, proto) {
                    // The port found is covered by a named row on `proto`.
                    assert!(service_name(p, proto).is_some(), "{spelling}/{proto} -> {p}");
                    assert!(by_port(p, proto).any(|r| r.service_name() == Some(registered)));
                }
            }
        }
    }
}

#[test]
fn nameless_and_unknown_lookups_are_empty() {
    for text in
        ["", " ", "/", "no-such-service", "http ", " http", "http/tcp", "ｈｔｔｐ", "\0", "x".repeat(10_000).as_str()]
    {
        assert_eq!(by_name(text).len(), 0, "{text:?}");
        for proto in Protocol::ALL {
            assert_eq!(port(text, proto), None, "{text:?}");
        }
    }
}

#[test]
fn protocol_parsing_paths_agree() {
    for p in Protocol::ALL {
        for spelling in spellings(p.as_str()) {
            assert_eq!(Protocol::parse(&spelling), Some(p));
            assert_eq!(spelling.parse::<Protocol>(), Ok(p));
        }
        assert_eq!(p.to_string(), p.as_str());
    }
}

// ---- const path vs run-time path -------------------------------------

const PORTS: usize = 1024;
/// A spread of ports over the whole `u16` range: the first 1024, then one
/// in every 61 (61 is prime to 64 and 256, so word and block offsets vary).
const fn sample_port(i: usize) -> u16 {
    if i < PORTS { i as u16 } else { ((i - PORTS) * 61 + PORTS) as u16 }
}
const SAMPLES: usize = PORTS + (65_536 - PORTS) / 61;

/// `service_name` and `status` of every sampled port on every protocol,
/// computed by the compiler (a `static`'s initializer is const-evaluated).
#[allow(clippy::type_complexity)]
static CONST_LOOKUPS: ([[Option<&str>; SAMPLES]; 4], [[Status; SAMPLES]; 4]) = {
    let mut names = [[None; SAMPLES]; 4];
    let mut statuses = [[Status::Unassigned; SAMPLES]; 4];
    let mut pr = 0;
    while pr < 4 {
        let mut i = 0;
        while i < SAMPLES {
            names[pr][i] = service_name(sample_port(i), Protocol::ALL[pr]);
            statuses[pr][i] = status(sample_port(i), Protocol::ALL[pr]);
            i += 1;
        }
        pr += 1;
    }
    (names, statuses)
};

/// Names looked up by the compiler: odd spellings, ranges, port-less names,
/// aliases, names absent from one protocol, and names that are not there.
const NAMES: [&str; 16] = [
    "http",
    "HTTPS",
    "Domain",
    "x11",
    "X11",
    "BESApi",
    "besapi",
    "rdp",
    "matrix-fed",
    "matrix_vnet",
    "discard",
    "active-net",
    "rift-lies",
    "no-such-service",
    "",
    "tcpmux",
];

const CONST_PORTS: [[Option<u16>; 4]; NAMES.len()] = {
    let mut out = [[None; 4]; NAMES.len()];
    let mut n = 0;
    while n < NAMES.len() {
        let mut pr = 0;
        while pr < 4 {
            out[n][pr] = port(NAMES[n], Protocol::ALL[pr]);
            pr += 1;
        }
        n += 1;
    }
    out
};

const CONST_PROTOCOLS: [Option<Protocol>; 6] = [
    Protocol::parse("tcp"),
    Protocol::parse("UDP"),
    Protocol::parse("Sctp"),
    Protocol::parse("dCCP"),
    Protocol::parse("tcpp"),
    Protocol::parse(""),
];

const CONST_RECORD_COUNT: usize = records().len();

#[test]
fn const_evaluation_matches_run_time() {
    use std::hint::black_box;
    for (pr, proto) in Protocol::ALL.into_iter().enumerate() {
        for i in 0..SAMPLES {
            let p = black_box(sample_port(i));
            assert_eq!(CONST_LOOKUPS.0[pr][i], service_name(p, black_box(proto)), "service_name({p}, {proto})");
            assert_eq!(CONST_LOOKUPS.1[pr][i], status(p, black_box(proto)), "status({p}, {proto})");
        }
    }
    for (n, name) in NAMES.into_iter().enumerate() {
        for (pr, proto) in Protocol::ALL.into_iter().enumerate() {
            assert_eq!(CONST_PORTS[n][pr], port(black_box(name), proto), "port({name:?}, {proto})");
            assert_eq!(CONST_PORTS[n][pr], port_rule(&by_name(name).map(index_of).collect::<Vec<_>>(), proto));
        }
    }
    let texts = ["tcp", "UDP", "Sctp", "dCCP", "tcpp", ""];
    for (text, want) in texts.into_iter().zip(CONST_PROTOCOLS) {
        assert_eq!(Protocol::parse(black_box(text)), want);
        assert_eq!(black_box(text).parse::<Protocol>().ok(), want);
    }
    assert_eq!(CONST_RECORD_COUNT, records().len());
    assert_eq!(CONST_RECORD_COUNT, iana_ports::REGISTRY.records);
    // A few fixed points, so that a table wrong in both paths still fails.
    assert_eq!(CONST_PORTS[0][0], Some(80));
    assert_eq!(CONST_LOOKUPS.0[0][443], Some("https"));
    assert_eq!(CONST_LOOKUPS.1[0][0], Status::Reserved);
}

// ---- arbitrary text ---------------------------------------------------

/// Registered names with their case scrambled and text spliced in, so that
/// proptest spends its cases near the names as well as far from them.
fn near_names() -> impl Strategy<Value = String> {
    let all: Vec<&'static str> = records().iter().filter_map(Record::service_name).collect();
    (
        proptest::sample::select(all),
        any::<u64>(),
        prop_oneof![Just(String::new()), "[/ \\-_]", "\\PC{0,3}"],
        any::<bool>(),
    )
        .prop_map(|(name, bits, extra, before)| {
            let scrambled: String = name
                .chars()
                .enumerate()
                .map(|(i, c)| if bits >> (i % 64) & 1 == 1 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
                .collect();
            if before { format!("{extra}{scrambled}") } else { format!("{scrambled}{extra}") }
        })
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "\\PC{0,20}",
        2 => any::<String>(),
        2 => near_names(),
        1 => "[a-zA-Z0-9/_.-]{0,16}",
        1 => "(tcp|udp|sctp|dccp|TCP|Udp|SCTP|dCcP)",
        1 => "[a-z]{200,2000}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_lookups_agree(text in any_text()) {
        let map = names();
        let want = map.get(&text.to_ascii_lowercase()).cloned().unwrap_or_default();
        let got: Vec<usize> = by_name(&text).map(index_of).collect();
        prop_assert_eq!(&got, &want);
        for proto in Protocol::ALL {
            prop_assert_eq!(port(&text, proto), port_rule(&want, proto));
        }
        let parsed = Protocol::parse(&text);
        prop_assert_eq!(parsed, text.parse::<Protocol>().ok());
        prop_assert_eq!(parsed, Protocol::ALL.into_iter().find(|p| p.as_str().eq_ignore_ascii_case(&text)));
    }
}
