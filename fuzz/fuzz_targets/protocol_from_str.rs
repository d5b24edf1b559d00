//! `Protocol::from_str` and the `const fn Protocol::parse` on arbitrary text:
//! never panic, agree with each other, and accept exactly the four names in
//! any ASCII case.
#![no_main]

use iana_ports::Protocol;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let parsed = text.parse::<Protocol>().ok();
    assert_eq!(parsed, Protocol::parse(text));
    let expected = Protocol::ALL.into_iter().find(|p| p.as_str().eq_ignore_ascii_case(text));
    assert_eq!(parsed, expected, "{text:?}");
    if let Some(p) = parsed {
        assert_eq!(p.to_string(), text.to_ascii_lowercase());
    }
});
