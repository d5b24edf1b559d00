//! The CLI's query reading (`iana_ports_cli::parse_query`, the library's
//! `PortSpec` with unknown and port-less names kept as lookups) on
//! arbitrary text: never panics; an accepted query re-parses from its
//! canonical spelling to the same target and protocol and its lookups run;
//! a refusal is `PortSpec`'s own and displays.
#![no_main]

use iana_ports::PortSpec;
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
                assert!(r.start < r.end, "{text:?} gave {r:?}");
            }
            if let Target::Name(n) = &q.target {
                assert!(!n.is_empty(), "{text:?} gave an empty name");
            }
            // A name such as `cl/1` may carry its own `/`: it spells itself.
            let again = parse_query(&canonical(&q)).expect("canonical spelling refused");
            assert_eq!((&again.target, again.protocol), (&q.target, q.protocol), "{text:?}");
            let _ = q.rows();
            let _ = q.port_status();
        }
        Err(e) => {
            assert_eq!(Err(e), PortSpec::parse(text), "{text:?}");
            assert!(!e.to_string().is_empty());
        }
    }
});
