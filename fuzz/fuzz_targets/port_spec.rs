//! `PortSpec::parse` and `suggest` on arbitrary text: never panics; a spec
//! prints a normalised form that parses back to itself and resolves to at
//! least one entry on its protocol; an error quotes the input and offers
//! at most three names, none of them the input itself.
#![no_main]

use iana_ports::{PortSpec, suggest};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match PortSpec::parse(text) {
        Ok(spec) => {
            let shown = spec.to_string();
            assert_eq!(PortSpec::parse(&shown), Ok(spec), "{text:?} -> {shown:?}");
            let mut entries = 0;
            for (proto, range) in spec.resolve() {
                assert!(spec.protocol().is_none_or(|p| p == proto));
                assert!(range.start <= range.end);
                entries += 1;
            }
            assert!(entries > 0, "{text:?} resolves to nothing");
        }
        Err(err) => {
            assert!(err.to_string().starts_with('"'));
            assert!(err.suggestions().len() <= 3);
            assert!(err.input().len() <= 64 && err.part().len() <= 32);
        }
    }
    let picks = suggest(text, None);
    assert!(picks.len() <= 3);
    for pick in picks {
        assert!(!pick.name().eq_ignore_ascii_case(text), "{text:?} suggested itself");
    }
});
