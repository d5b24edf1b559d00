//! A `#![no_std]`, `#![no_main]` firmware-shaped binary using the const
//! lookups, the typed constants, `port!`, `ports!`, `PortSpec` in const and
//! `assert_unassigned!`, plus the run-time lookups, `PortSpec::parse` and
//! `suggest` (so that the tables are linked and `size -A` shows their
//! cost).

#![no_std]
#![no_main]

use core::hint::black_box;
use core::panic::PanicInfo;

use iana_ports::{PortRange, PortSpec, Protocol, SpecTarget, Status, Tcp, Udp, port, service_name, status};

// Checked while compiling: a typo or a taken port fails the build.
const HTTPS: u16 = iana_ports::port!("https/tcp");
const DOMAIN: u16 = Udp::DOMAIN;
const MATRIX: Option<u16> = port("matrix-fed", Protocol::Tcp);
const IPP: Option<&str> = service_name(631, Protocol::Tcp);
iana_ports::assert_unassigned!(50000, udp);
// A firewall allow-list, resolved while compiling.
const ALLOW: &[(Protocol, PortRange)] = iana_ports::ports!("ssh/tcp", "https/tcp", "6000-6063/tcp", "msp/tcp");
const IMAPS: u16 = match iana_ports::lookup_port("IMAPS", Protocol::Tcp) {
    Ok(port) => port,
    Err(_) => panic!("imaps"),
};
const ADDRESS: (&str, &str) = match iana_ports::split_host_port("[::1]:imaps") {
    Ok(parts) => parts,
    Err(_) => panic!("[::1]:imaps"),
};
const X11: PortSpec = match PortSpec::parse("X11/udp") {
    Ok(spec) => spec,
    Err(_) => panic!("x11/udp"),
};

const _: () = {
    assert!(HTTPS == Tcp::HTTPS && HTTPS == 443);
    assert!(DOMAIN == 53);
    assert!(matches!(MATRIX, Some(8448)));
    assert!(matches!(IPP, Some(name) if name.len() == 3));
    assert!(matches!(status(4444, Protocol::Tcp), Status::Assigned));
    assert!(Tcp::X11.start == 6000 && Tcp::X11.end == 6063);
    assert!(ALLOW.len() == 5 && ALLOW[2].1.end == 6063 && ALLOW[4].1.start == 2438);
    assert!(matches!(X11.target(), SpecTarget::Name(_)));
    assert!(IMAPS == 993 && ADDRESS.0.len() == 3 && ADDRESS.1.len() == 5);
    assert!(matches!(X11.resolve().next_entry(), Some((Protocol::Udp, PortRange { start: 6000, end: 6063 }))));
};

/// Checks a few lookups at run time; returns 0 when all hold.
fn check() -> u32 {
    let mut failures = 0;
    let port = black_box(443u16);
    if service_name(port, Protocol::Tcp) != Some("https") {
        failures += 1;
    }
    if iana_ports::port(black_box("Domain"), Protocol::Udp) != Some(iana_ports::port!("domain")) {
        failures += 1;
    }
    if let Some(record) = iana_ports::by_port(black_box(6010), Protocol::Tcp).next() {
        if record.service_name() != Some("x11") {
            failures += 1;
        }
        #[cfg(feature = "full")]
        if record.description().is_none() {
            failures += 1;
        }
    }
    // Rule text at run time: parse, resolve, and suggestions for a typo.
    match PortSpec::parse(black_box("SSH")) {
        Ok(spec) if spec.resolve().count() == 3 => {}
        _ => failures += 1,
    }
    match PortSpec::parse(black_box("htps/tcp")) {
        Err(err) if err.suggestions().next().map(|s| s.port()) == Some(443) => {}
        _ => failures += 1,
    }
    // A port as a flag or an address gives it: number or name.
    match iana_ports::split_host_port(black_box("example.com:htps")) {
        Ok((_, service)) => match iana_ports::lookup_port(service, Protocol::Tcp) {
            Err(err) if err.suggestions().next().map(|s| s.port()) == Some(443) => {}
            _ => failures += 1,
        },
        Err(_) => failures += 1,
    }
    #[cfg(feature = "serde")]
    {
        use serde::de::value::{Error, StrDeserializer};
        if iana_ports::serde::udp_port(StrDeserializer::<Error>::new(black_box("syslog"))) != Ok(514) {
            failures += 1;
        }
        let spec = <PortSpec as serde::Deserialize>::deserialize(StrDeserializer::<Error>::new(black_box("x11/udp")));
        if !matches!(spec, Ok(spec) if spec.protocol() == Some(Protocol::Udp)) {
            failures += 1;
        }
    }
    if iana_ports::suggest(black_box("dns"), None).next().map(|s| s.name()) != Some("domain") {
        failures += 1;
    }
    failures + iana_ports::search(black_box("matrix")).count() as u32 / 1000
}

/// The entry point a reset handler would jump to.
#[unsafe(no_mangle)]
pub extern "C" fn _start() -> ! {
    let failures = check();
    black_box(failures);
    loop {
        core::hint::spin_loop();
    }
}

#[panic_handler]
fn panic(_: &PanicInfo) -> ! {
    loop {
        core::hint::spin_loop();
    }
}
