//! `by_name` on arbitrary text: never panics; every row it yields carries
//! that name (ASCII case-insensitively), in registry order, and the iterator
//! agrees with itself forwards, backwards and by its length.
#![no_main]

use iana_ports::{by_name, records};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|name: &str| {
    let rows: Vec<_> = by_name(name).collect();
    assert_eq!(rows.len(), by_name(name).len());
    let mut back: Vec<_> = by_name(name).rev().collect();
    back.reverse();
    assert_eq!(rows, back);
    let mut last = None;
    for row in &rows {
        let found = row.service_name().expect("by_name yielded a nameless row");
        assert!(found.eq_ignore_ascii_case(name), "{name:?} found {found:?}");
        let at = records().iter().position(|r| core::ptr::eq(r, *row)).expect("row outside records()");
        assert!(last.is_none_or(|l| l < at), "by_name({name:?}) out of registry order");
        last = Some(at);
    }
});
