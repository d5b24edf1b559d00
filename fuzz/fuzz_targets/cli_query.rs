//! The CLI's query grammar (`iana_ports_cli::parse_query`) on arbitrary
//! text: never panics; an accepted query re-parses from its canonical
//! spelling to the same query and its lookups run; a refusal displays.
#![no_main]

use iana_ports_cli::{Query, Target, parse_query};
use libfuzzer_sys::fuzz_target;

fn canonical(q: &Query) -> String {
    let head = match &q.target {
        Target::Port(p) => p.to_string(),
        Target::Range(r) => format!("{}-{}", r.start, r.end),
        Target::Name(n) => n.clone(),
    };
    match q.protocol {
        Some(p) => format!("{head}/{p}"),
        None => head,
    }
}

fuzz_target!(|text: &str| {
    match parse_query(text) {
        Ok(q) => {
            if let Target::Range(r) = &q.target {
                assert!(r.start <= r.end, "{text:?} gave {r:?}");
            }
            if let Target::Name(n) = &q.target {
                assert!(!n.is_empty() && n.is_ascii(), "{text:?} gave name {n:?}");
            }
            // A name such as `cl/1` may carry its own `/`: it spells itself.
            let again = parse_query(&canonical(&q)).expect("canonical spelling refused");
            assert_eq!(again, q, "{text:?}");
            let _ = q.rows();
            let _ = q.port_status();
        }
        Err(e) => {
            assert!(!e.to_string().is_empty());
        }
    }
});
