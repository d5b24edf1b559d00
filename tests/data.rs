//! Every CSV row, parsed here independently, is in the tables with identical
//! fields and is reachable through every lookup; plus the registry's named
//! quirks.
#![cfg(feature = "full")]

mod common;

use iana_ports::{
    PortRange, Protocol, Record, Status, by_name, by_port, person, port, records, search, service_name, status,
};

fn same(a: &Record, b: &Record) -> bool {
    core::ptr::eq(a, b)
}

fn check_fields(i: usize, row: &common::Row, rec: &Record) {
    let ctx = || format!("row {i} ({:?})", row.fields);
    assert_eq!(rec.service_name(), row.name(), "{}", ctx());
    assert_eq!(rec.ports().map(|r| (r.start, r.end)), row.ports(), "{}", ctx());
    assert_eq!(rec.protocol(), row.protocol(), "{}", ctx());
    assert_eq!(rec.description(), row.field(3), "{}", ctx());
    assert_eq!(rec.assignee().to_string(), row.fields[4], "{}", ctx());
    assert_eq!(rec.contact().to_string(), row.fields[5], "{}", ctx());
    assert_eq!(rec.registration_date(), row.field(6), "{}", ctx());
    assert_eq!(rec.modification_date(), row.field(7), "{}", ctx());
    assert_eq!(rec.reference(), row.field(8), "{}", ctx());
    assert_eq!(rec.service_code(), row.field(9).map(|c| c.parse().unwrap()), "{}", ctx());
    assert_eq!(rec.unauthorized_use(), row.field(10), "{}", ctx());
    assert_eq!(rec.notes(), row.field(11), "{}", ctx());
    for id in rec.assignee().chain(rec.contact()) {
        assert_eq!(person(id).map(|p| p.id()), Some(id), "{}: contact {id} unresolved", ctx());
    }
}

#[test]
fn every_row_is_kept_with_every_column_in_registry_order() {
    let rows = common::rows();
    assert_eq!(rows.len(), 14_533);
    assert_eq!(records().len(), rows.len());
    for (i, (row, rec)) in rows.iter().zip(records()).enumerate() {
        check_fields(i, row, rec);
    }
}

/// The port column as written, for every row; the six one-port ranges
/// written as ranges by name, and found by `search` as written.
#[test]
fn port_text_is_the_port_column_as_written() {
    let rows = common::rows();
    for (i, (row, rec)) in rows.iter().zip(records()).enumerate() {
        let text = rec.port_text();
        assert_eq!(text.map(|t| t.to_string()).as_deref(), row.field(1), "row {i} ({:?})", row.fields);
        assert_eq!(text.map(|t| t.range()), rec.ports(), "row {i}");
    }
    // The six, from the CSV alone: nameless, protocol-less Unassigned rows.
    let degenerate: Vec<&str> = rows
        .iter()
        .filter(|r| r.fields[1].split_once('-').is_some_and(|(a, b)| a == b))
        .map(|r| r.fields[1].as_str())
        .collect();
    assert_eq!(degenerate, ["4748-4748", "6345-6345", "6512-6512", "8203-8203", "9989-9989", "20047-20047"]);
    for port in degenerate {
        let hits: Vec<&Record> = search(port).collect();
        assert_eq!(hits.len(), 1, "search({port:?})");
        let rec = hits[0];
        assert_eq!(rec.port_text().unwrap().to_string(), port);
        assert!(rec.port_text().unwrap().range().is_single());
        assert_eq!((rec.service_name(), rec.protocol(), rec.description()), (None, None, Some("Unassigned")));
    }
}

#[test]
fn every_row_is_reachable_by_port_and_by_name() {
    let rows = common::rows();
    for (i, (row, rec)) in rows.iter().zip(records()).enumerate() {
        if let Some((a, b)) = row.ports() {
            let protos = row.protocol().map_or(Protocol::ALL.to_vec(), |p| vec![p]);
            for proto in protos {
                for p in [a, a + (b - a) / 2, b] {
                    assert!(by_port(p, proto).any(|r| same(r, rec)), "row {i} not found by_port({p}, {proto})");
                }
            }
        }
        if let Some(name) = row.name() {
            assert!(by_name(name).any(|r| same(r, rec)), "row {i} not found by_name({name})");
            assert!(by_name(&name.to_ascii_uppercase()).any(|r| same(r, rec)), "row {i}: upper-case {name}");
        }
    }
}

fn index_of(r: &Record) -> usize {
    (r as *const Record as usize - records().as_ptr() as usize) / size_of::<Record>()
}

#[test]
fn by_port_is_exactly_the_covering_rows_for_every_port() {
    let rows = common::rows();
    for proto in Protocol::ALL {
        // Expected rows per port, from the CSV alone, in registry order.
        let mut expected: Vec<Vec<usize>> = vec![Vec::new(); 65_536];
        for (i, row) in rows.iter().enumerate() {
            if let Some((a, b)) = row.ports().filter(|_| row.protocol().is_none_or(|p| p == proto)) {
                for port in a..=b {
                    expected[usize::from(port)].push(i);
                }
            }
        }
        for port in 0..=u16::MAX {
            let want = &expected[usize::from(port)];
            let got: Vec<usize> = by_port(port, proto).map(index_of).collect();
            assert_eq!(&got, want, "{port}/{proto}");
            let first_name = want.iter().find_map(|&i| rows[i].name());
            assert_eq!(service_name(port, proto), first_name, "{port}/{proto}");
        }
    }
}

#[test]
fn by_name_is_exactly_the_rows_of_that_name() {
    let rows = common::rows();
    let mut names: Vec<&str> = rows.iter().filter_map(|r| r.name()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), 7_327);
    let mut by_lower: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        if let Some(n) = row.name() {
            by_lower.entry(n.to_ascii_lowercase()).or_default().push(i);
        }
    }
    for name in names {
        let expected = &by_lower[&name.to_ascii_lowercase()];
        let got: Vec<usize> = by_name(name).map(index_of).collect();
        assert_eq!(&got, expected, "{name}");
    }
}

#[test]
fn protocol_counts() {
    let count = |p: Option<Protocol>| records().iter().filter(|r| r.protocol() == p).count();
    assert_eq!(count(Some(Protocol::Tcp)), 6_606);
    assert_eq!(count(Some(Protocol::Udp)), 6_356);
    assert_eq!(count(Some(Protocol::Sctp)), 93);
    assert_eq!(count(Some(Protocol::Dccp)), 11);
    assert_eq!(count(None), 1_467);
    assert_eq!(records().iter().filter(|r| r.ports().is_none()).count(), 1_070);
    // 766 rows write a range; six of them are degenerate (`4748-4748`).
    assert_eq!(records().iter().filter(|r| r.ports().is_some_and(|p| !p.is_single())).count(), 760);
}

#[test]
fn several_names_on_one_port_keep_registry_order() {
    let names = |p, proto| by_port(p, proto).filter_map(|r| r.service_name()).collect::<Vec<_>>();
    assert_eq!(names(80, Protocol::Tcp), ["http", "www", "www-http"]);
    assert_eq!(service_name(80, Protocol::Tcp), Some("http"));
    assert_eq!(service_name(631, Protocol::Tcp), Some("ipp"));
    assert_eq!(service_name(625, Protocol::Tcp), Some("dec-dlm"));
    assert_eq!(service_name(914, Protocol::Tcp), None);
    assert_eq!(service_name(914, Protocol::Udp), Some("rift-lies"));
}

#[test]
fn x11_range_ends() {
    for proto in [Protocol::Tcp, Protocol::Udp] {
        assert_eq!(service_name(6000, proto), Some("x11"));
        assert_eq!(service_name(6063, proto), Some("x11"));
        assert_ne!(service_name(6064, proto), Some("x11"));
        assert_eq!(service_name(5999, proto).filter(|n| *n == "x11"), None);
    }
    let x11 = by_name("x11").next().unwrap();
    assert_eq!(x11.ports(), Some(PortRange { start: 6000, end: 6063 }));
    assert_eq!(x11.unauthorized_use(), Some("Known Unauthorized Use on port 6003"));
    assert_eq!(port("x11", Protocol::Udp), Some(6000));
    assert_eq!(by_port(6667, Protocol::Tcp).filter_map(|r| r.service_name()).next(), Some("ircu"));
}

#[test]
fn protocol_less_rows_apply_to_every_protocol() {
    let active = by_name("active-net").next().unwrap();
    assert_eq!(active.protocol(), None);
    assert_eq!(active.ports(), Some(PortRange { start: 3322, end: 3325 }));
    for proto in Protocol::ALL {
        assert_eq!(service_name(3323, proto), Some("active-net"), "{proto}");
        assert_eq!(port("active-net", proto), Some(3322));
    }
}

#[test]
fn names_are_case_insensitive_and_keep_their_case() {
    let besapi: Vec<_> = by_name("besapi").collect();
    assert_eq!(besapi.len(), 2);
    assert_eq!(besapi[0].service_name(), Some("BESApi"));
    assert_eq!(port("BESAPI", Protocol::Udp), Some(3408));
    assert_eq!(service_name(3408, Protocol::Tcp), Some("BESApi"));
}

#[test]
fn odd_names() {
    assert_eq!(port("9pfs", Protocol::Tcp), Some(564));
    assert_eq!(by_name("9pfs").next().unwrap().description(), Some("plan 9 file service"));
    for name in ["whois++", "z39.50", "914c/g", "sql*net", "cl/1"] {
        assert!(by_name(name).next().is_some(), "{name}");
        assert!(port(name, Protocol::Tcp).is_some(), "{name}");
    }
    assert_eq!(port("whois++", Protocol::Tcp), Some(63));
}

#[test]
fn port_less_dns_sd_names() {
    let rdp: Vec<_> = by_name("rdp").collect();
    assert_eq!(rdp.len(), 2);
    assert!(rdp.iter().all(|r| r.ports().is_none() && r.protocol().is_none()));
    assert_eq!(rdp[0].description(), Some("Reliable Data Protocol"));
    assert_eq!(rdp[1].description(), Some("Windows Remote Desktop Protocol"));
    assert_eq!(port("rdp", Protocol::Tcp), None);
    // A port-less row may carry a protocol.
    assert!(by_name("https").any(|r| r.ports().is_none() && r.protocol() == Some(Protocol::Tcp)));
}

#[test]
fn historic_aliases() {
    let alias = by_name("matrix_vnet").next().unwrap();
    assert_eq!(alias.alias_of(), Some("matrix-vnet"));
    assert_eq!(by_name("matrix-vnet").next().unwrap().alias_of(), None);
    let aliases = records().iter().filter(|r| r.alias_of().is_some()).count();
    // 185 notes mention "alias"; one is a TXT key list (`cgi-alias`).
    assert_eq!(aliases, 184);
    for r in records().iter().filter(|r| r.alias_of().is_some()) {
        let target = r.alias_of().unwrap();
        assert!(by_name(target).next().is_some(), "{target}");
        assert!(r.notes().unwrap().contains(&format!("alias to \"{target}\"")), "{r:?}");
    }
}

#[test]
fn dccp_service_code_and_finger() {
    let discard = by_port(9, Protocol::Dccp).next().unwrap();
    assert_eq!(discard.service_name(), Some("discard"));
    assert_eq!(discard.service_code(), Some(1_145_656_131));
    assert_eq!(records().iter().filter(|r| r.service_code().is_some()).count(), 4);
    let finger = by_name("finger").next().unwrap();
    assert_eq!(finger.unauthorized_use(), Some("Unauthorized use by some mail users (see [RFC4146] for details)"));
    assert_eq!(records().iter().filter(|r| r.unauthorized_use().is_some()).count(), 112);
}

#[test]
fn dates_as_written() {
    let mcp = by_name("mcp").next().unwrap();
    assert_eq!(mcp.registration_date(), Some("2006-12"));
    assert_eq!(by_name("matrix-fed").next().unwrap().registration_date(), Some("2023-08-04"));
}

#[test]
fn non_ascii_text_survives() {
    let forte = records().iter().find(|r| r.description().is_some_and(|d| d.contains("FORTÉ"))).unwrap();
    assert_eq!(forte.assignee().to_string(), "[FORTÉ]");
    assert_eq!(person("FORTÉ").map(|p| p.id()), Some("FORTÉ"));
}

#[test]
fn multi_line_fields_survive() {
    let vnet = by_name("matrix-vnet").next().unwrap();
    assert!(vnet.description().unwrap().contains('\n'));
    let multi = records().iter().filter(|r| r.notes().is_some_and(|n| n.contains('\n'))).count();
    assert!(multi > 150, "{multi}");
}

#[test]
fn status_rule_over_every_port() {
    let rows = common::rows();
    for proto in Protocol::ALL {
        for p in 0..=u16::MAX {
            let covering: Vec<&Record> = by_port(p, proto).collect();
            let expected = if covering.iter().any(|r| r.service_name().is_some()) {
                Status::Assigned
            } else if covering.iter().any(|r| r.status() == Status::Reserved) {
                Status::Reserved
            } else {
                Status::Unassigned
            };
            assert_eq!(status(p, proto), expected, "{p}/{proto}");
        }
    }
    assert_eq!(status(0, Protocol::Tcp), Status::Reserved);
    assert_eq!(status(4, Protocol::Tcp), Status::Unassigned);
    assert_eq!(status(8448, Protocol::Udp), Status::Reserved);
    assert_eq!(status(8449, Protocol::Dccp), Status::Unassigned);
    assert_eq!(status(50000, Protocol::Tcp), Status::Unassigned);
    // The nameless one-offs map by the documented rule.
    let nameless =
        |text: &str| rows.iter().zip(records()).find(|(r, _)| r.name().is_none() && r.fields[3] == text).unwrap().1;
    assert_eq!(nameless("De-registered").status(), Status::Unassigned);
    assert_eq!(nameless("Removed").status(), Status::Unassigned);
    assert_eq!(nameless("any private mail system").status(), Status::Reserved);
}

#[test]
fn search_matches_like_iana() {
    let hits: Vec<_> = search("matrix").map(|r| r.service_name().unwrap_or("")).collect();
    assert_eq!(
        hits,
        [
            "ahsp",
            "ahsp",
            "ahsp",
            "matrix-vnet",
            "matrix_vnet",
            "mcp",
            "mcp",
            "mtl8000-matrix",
            "mtl8000-matrix",
            "matrix-fed",
            "matrix",
            "mxs"
        ]
    );
    assert_eq!(search("MATRIX").count(), 12);
    assert!(search("6000-6063").any(|r| r.service_name() == Some("x11")));
    assert!(search("[RFC9110]").any(|r| r.service_name() == Some("http")));
    assert_eq!(search("no such text anywhere").count(), 0);
    assert_eq!(search("").count(), records().len());
    assert_eq!(search("matrix").rev().count(), 12);
}

#[test]
fn contact_ids_iterate_both_ways_and_resolve() {
    for rec in records() {
        for ids in [rec.assignee(), rec.contact()] {
            let forward: Vec<&str> = ids.collect();
            let mut back: Vec<&str> = ids.rev().collect();
            back.reverse();
            assert_eq!(forward, back);
            assert_eq!(ids.len(), forward.len());
            assert_eq!(ids.is_empty(), forward.is_empty());
            assert_eq!(ids.people().map(|p| p.id()).collect::<Vec<_>>(), forward);
            assert_eq!(format!("{ids:?}"), format!("{forward:?}"));
        }
    }
}

#[test]
fn search_matches_contact_ids_with_their_brackets() {
    let holds = |r: &Record, q: &str| {
        [r.assignee().to_string(), r.contact().to_string()].iter().any(|t| t.to_ascii_lowercase().contains(q))
    };
    // Within one id, with brackets, across two ids of one list, in any case.
    let multi = records().iter().find(|r| r.assignee().len() >= 2).expect("a row with two assignees");
    let text = multi.assignee().to_string();
    let junction = text.find("][").unwrap();
    let across = text[junction - 2..junction + 4].to_ascii_uppercase();
    for query in ["QuantuMatriX", "[Jon_Postel]", "[jon_postel]", "_Postel]", &across] {
        let q = query.to_ascii_lowercase();
        let hits: Vec<&Record> = search(query).filter(|r| holds(r, &q)).collect();
        assert!(!hits.is_empty(), "{query}");
        // Every row whose assignee or contact text holds the query is found.
        let want = records().iter().filter(|r| holds(r, &q)).count();
        assert_eq!(hits.len(), want, "{query}");
    }
    assert!(search(&across).any(|r| same(r, multi)));
    assert!(by_name("ahsp").all(|r| r.assignee().to_string() == "[QuantuMatriX_Technologies]"));
}
