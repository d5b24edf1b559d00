//! Size probe: the same program without `iana-ports` and with it, used one
//! way per Cargo feature (see `scripts/size-report.sh`). Every run-time
//! lookup is called on an input the optimiser cannot see, so every table
//! that use reaches is linked, and no other.

#![cfg_attr(target_os = "none", no_std, no_main)]

#[cfg(feature = "const-lookups")]
include!("consts.rs");

/// Uses every lookup on `seed`; returns something that depends on all.
#[cfg(feature = "minimal")]
fn work(seed: u32) -> u32 {
    use iana_ports::{Protocol, by_name, by_port, port, search, service_name, status};
    const NAMES: [&str; 4] = ["http", "Domain", "x11", "matrix-fed"];
    let p = seed as u16;
    let name = NAMES[seed as usize % NAMES.len()];
    let mut acc = service_name(p, Protocol::Tcp).map_or(0, str::len) as u32;
    acc += status(p, Protocol::Udp) as u32;
    acc += port(name, Protocol::Tcp).unwrap_or(0) as u32;
    for record in by_port(p, Protocol::Tcp).chain(by_name(name)) {
        acc += record.service_name().map_or(0, str::len) as u32;
        acc += record.alias_of().map_or(0, str::len) as u32;
        #[cfg(feature = "full")]
        {
            acc += record.description().map_or(0, str::len) as u32;
            acc += record.assignee().people().count() as u32;
            acc += record.contact().map(str::len).sum::<usize>() as u32;
            acc += record.registration_date().map_or(0, str::len) as u32;
            acc += record.modification_date().map_or(0, str::len) as u32;
            acc += record.reference().map_or(0, str::len) as u32;
            acc += record.service_code().unwrap_or(0);
            acc += record.unauthorized_use().map_or(0, str::len) as u32;
            acc += record.notes().map_or(0, str::len) as u32;
        }
        #[cfg(feature = "full-people")]
        for person in record.assignee().people().chain(record.contact().people()) {
            acc += person.name().map_or(0, str::len) as u32;
            acc += person.org().map_or(0, str::len) as u32;
            acc += person.uris().map(str::len).sum::<usize>() as u32;
            acc += person.updated().map_or(0, str::len) as u32;
        }
    }
    acc += search(name).count() as u32;
    #[cfg(feature = "const-lookups")]
    {
        acc += CONSTS.iter().map(|&c| c as u32).sum::<u32>();
    }
    acc
}

/// `const` u16 lookups only: typed constants, `port!` and a `const` `port()`.
#[cfg(all(feature = "const-u16", not(feature = "minimal")))]
fn work(seed: u32) -> u32 {
    use iana_ports::{Protocol, Tcp, port};
    const MATRIX: u16 = match port("matrix-fed", Protocol::Tcp) {
        Some(p) => p,
        None => 0,
    };
    const PORTS: [u16; 3] = [Tcp::HTTPS, iana_ports::port!("ssh/tcp"), MATRIX];
    PORTS[seed as usize % PORTS.len()] as u32
}

/// One `const` service name: the text it points at is all that is kept.
#[cfg(all(feature = "const-name", not(feature = "minimal")))]
fn work(seed: u32) -> u32 {
    use iana_ports::{Protocol, service_name};
    const NAME: Option<&str> = service_name(8448, Protocol::Tcp);
    let name = core::hint::black_box(NAME).unwrap_or("");
    name.as_bytes().get(seed as usize).copied().unwrap_or(0) as u32
}

/// `service_name` at run time, nothing else.
#[cfg(all(feature = "service-name", not(feature = "minimal")))]
fn work(seed: u32) -> u32 {
    use iana_ports::{Protocol, service_name};
    let proto = Protocol::ALL[seed as usize % 4];
    service_name(seed as u16, proto).map_or(0, str::len) as u32
}

/// The same shape without the crate.
#[cfg(not(any(feature = "minimal", feature = "const-u16", feature = "const-name", feature = "service-name")))]
fn work(seed: u32) -> u32 {
    seed.wrapping_mul(0x9E37_79B9).rotate_left(7)
}

#[cfg(not(target_os = "none"))]
fn main() {
    let seed = std::env::args().count() as u32;
    println!("{}", work(core::hint::black_box(seed)));
}

/// Entry point of the bare-metal build (no runtime, no linker script needed).
#[cfg(target_os = "none")]
#[unsafe(no_mangle)]
pub extern "C" fn _start() -> ! {
    core::hint::black_box(work(core::hint::black_box(7)));
    loop {}
}

#[cfg(target_os = "none")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
