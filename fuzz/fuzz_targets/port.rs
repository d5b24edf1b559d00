//! The `const fn port` called at run time on arbitrary text and every
//! protocol: never panics and agrees with `by_name` (the first row in
//! registry order with a port that applies to the protocol gives its first
//! port); the port found always has a service name on that protocol.
#![no_main]

use iana_ports::{Protocol, by_name, port, service_name};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|name: &str| {
    for proto in Protocol::ALL {
        let expected = by_name(name).find_map(|r| r.ports().filter(|_| r.applies_to(proto))).map(|r| r.start);
        let found = port(name, proto);
        assert_eq!(found, expected, "{name:?}/{proto}");
        if let Some(p) = found {
            assert!(service_name(p, proto).is_some(), "{name:?}/{proto} -> {p} has no name");
        }
    }
});
