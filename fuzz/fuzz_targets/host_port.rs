//! `split_host_port`, `join_host_port`, `lookup_port` and `HostPort::parse`
//! on arbitrary text: never panic; a split joins back to an address that
//! splits the same; a port is what the decimal text says; errors quote at
//! most 64 bytes of the input and offer at most three names.
#![no_main]

use iana_ports::{HostPort, Protocol, join_host_port, lookup_port, split_host_port};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let split = split_host_port(text);
    match split {
        Ok((host, port)) => {
            let joined = join_host_port(host, port).to_string();
            assert_eq!(split_host_port(&joined), Ok((host, port)), "{text:?} -> {joined:?}");
        }
        Err(err) => {
            assert!(err.to_string().starts_with('"') && err.input().len() <= 64);
        }
    }
    for proto in Protocol::ALL {
        match lookup_port(text, proto) {
            Ok(port) => {
                let digits = text.trim_start_matches(['+', '-']);
                if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                    assert_eq!(digits.trim_start_matches('0').parse::<u16>().unwrap_or(0), port, "{text:?}");
                } else {
                    assert_eq!(iana_ports::port(text, proto), Some(port), "{text:?}");
                }
            }
            Err(err) => {
                assert!(err.to_string().starts_with('"') && err.input().len() <= 64);
                assert!(err.suggestions().len() <= 3);
            }
        }
        let parsed = HostPort::parse(text, proto);
        match split {
            Ok((host, port)) => {
                let looked = lookup_port(port, proto);
                assert_eq!(parsed.is_ok(), looked.is_ok(), "{text:?}");
                if let (Ok(hp), Ok(port)) = (parsed, looked) {
                    assert_eq!((hp.host(), hp.port()), (host, port));
                }
            }
            Err(_) => assert!(parsed.is_err()),
        }
    }
});
