//! `search` on arbitrary text: never panics, yields rows in registry order,
//! the same set forwards and backwards, and a row whose service name contains
//! the query (ASCII case-insensitively) is always among them.
#![no_main]

use iana_ports::{records, search};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|query: &str| {
    // Every row is scanned per query: keep long inputs from slowing the run
    // without finding anything a shorter one would not.
    if query.len() > 256 {
        return;
    }
    let hits: Vec<_> = search(query).collect();
    let mut back: Vec<_> = search(query).rev().collect();
    back.reverse();
    assert_eq!(hits, back);
    if query.is_empty() {
        assert_eq!(hits.len(), records().len());
    }
    let lower = query.to_ascii_lowercase();
    let mut expected =
        records().iter().filter(|r| r.service_name().is_some_and(|n| n.to_ascii_lowercase().contains(&lower)));
    // Name matches are a subsequence of the hits (both in registry order).
    let mut it = hits.iter();
    for want in &mut expected {
        assert!(it.any(|h| core::ptr::eq(*h, want)), "{query:?} misses {:?}", want.service_name());
    }
});
