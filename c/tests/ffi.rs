//! The C functions called from Rust with hostile input: NULL, non-UTF-8,
//! huge strings, short and NULL buffers; and agreement with the Rust API.

use std::ffi::{CStr, CString, c_char};
use std::ptr;

use iana_ports::Protocol;
use iana_ports_c::*;

fn name(port: u16, proto: i32) -> Option<&'static str> {
    let p = iana_service_name(port, proto);
    // SAFETY: NULL or a static NUL-terminated string.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_str().unwrap())
}

fn port(text: &CStr, proto: i32) -> i32 {
    // SAFETY: a valid C string.
    unsafe { iana_port(text.as_ptr(), proto) }
}

fn resolve(spec: &CStr, cap: usize) -> (usize, Vec<iana_port_range>) {
    let mut out = vec![iana_port_range { protocol: 0, start: 0, end: 0 }; cap];
    // SAFETY: a valid C string and `cap` writable entries.
    let n = unsafe { iana_resolve(spec.as_ptr(), out.as_mut_ptr(), cap) };
    out.truncate(n.min(cap));
    (n, out)
}

fn message(spec: *const c_char, size: usize) -> (usize, String) {
    let mut buf = vec![0x55u8; size];
    let ptr = if size == 0 { ptr::null_mut() } else { buf.as_mut_ptr().cast() };
    // SAFETY: `spec` is NULL or a C string the caller keeps alive; `size` bytes.
    let n = unsafe { iana_spec_error(spec, ptr, size) };
    let text =
        if size == 0 { String::new() } else { CStr::from_bytes_until_nul(&buf).unwrap().to_str().unwrap().into() };
    (n, text)
}

#[test]
fn every_port_agrees_with_the_rust_api() {
    for p in Protocol::ALL {
        let ip = i32::from(p.ip_number());
        for n in 0..=u16::MAX {
            assert_eq!(name(n, ip), iana_ports::service_name(n, p), "{n}/{p}");
            let status = match iana_ports::status(n, p) {
                iana_ports::Status::Assigned => IANA_ASSIGNED,
                iana_ports::Status::Reserved => IANA_RESERVED,
                iana_ports::Status::Unassigned => IANA_UNASSIGNED,
            };
            assert_eq!(iana_status(n, ip), status);
        }
    }
    for record in iana_ports::records() {
        let (Some(text), Some(p)) = (record.service_name(), record.protocol()) else { continue };
        let want = iana_ports::port(text, p).map_or(-1, i32::from);
        assert_eq!(port(&CString::new(text).unwrap(), i32::from(p.ip_number())), want, "{text}");
    }
}

#[test]
fn unknown_protocols() {
    for proto in [-1, 0, 1, 5, 7, 16, 18, 34, 131, 133, 256, 262, i32::MIN, i32::MAX] {
        assert_eq!(name(443, proto), None, "{proto}");
        assert_eq!(port(c"https", proto), -1);
        assert!(iana_status(443, proto) < 0);
    }
}

#[test]
fn hostile_strings() {
    // SAFETY: NULL is allowed everywhere.
    unsafe {
        assert_eq!(iana_port(ptr::null(), IANA_TCP), -1);
        assert_eq!(iana_resolve(ptr::null(), ptr::null_mut(), 0), 0);
        assert_eq!(iana_resolve(c"ssh".as_ptr(), ptr::null_mut(), 5), 3); // NULL out: nothing written
    }
    assert_eq!(port(c"\xff\xfe", IANA_TCP), -1);
    assert_eq!(resolve(c"ss\xffh", 4).0, 0);
    let huge = CString::new("a/".repeat(1 << 20)).unwrap();
    assert_eq!(port(&huge, IANA_TCP), -1);
    assert_eq!(resolve(&huge, 4).0, 0);
    let (n, text) = message(huge.as_ptr(), 200);
    assert!(n > 64 && text.len() < 200 && text.contains('…'), "{text}");
    let (_, text) = message(c"ss\xffh".as_ptr(), 100);
    assert_eq!(text, "spec is not UTF-8 (invalid byte at offset 2)");
    assert_eq!(message(ptr::null(), 100).1, "spec is NULL");
}

#[test]
fn resolve_and_messages() {
    let (n, out) = resolve(c"msp/tcp", 8);
    assert_eq!(n, 2);
    assert_eq!(
        out,
        [iana_port_range { protocol: 6, start: 18, end: 18 }, iana_port_range { protocol: 6, start: 2438, end: 2438 }]
    );
    let (n, out) = resolve(c"active-net/dccp", 1);
    assert_eq!((n, out), (1, vec![iana_port_range { protocol: 33, start: 3322, end: 3325 }]));
    assert_eq!(resolve(c"443", 2).0, 4);
    assert_eq!(resolve(c"443", 2).1.len(), 2);
    assert_eq!(message(c"443/tcp".as_ptr(), 10), (0, String::new()));
    let full = iana_ports::PortSpec::parse("htps/tcp").unwrap_err().to_string();
    assert_eq!(message(c"htps/tcp".as_ptr(), 1000), (full.len(), full.clone()));
    assert_eq!(message(c"htps/tcp".as_ptr(), 0).0, full.len());
    assert_eq!(message(c"htps/tcp".as_ptr(), 1), (full.len(), String::new()));
    assert_eq!(message(c"htps/tcp".as_ptr(), 11).1, full[..10]);
}
