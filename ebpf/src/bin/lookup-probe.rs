//! Not a firewall: a probe that the crate's run-time lookups get through
//! the BPF backend (issue 23, point 4). `cargo build` for
//! `bpfel-unknown-none` only writes LLVM bitcode into the rlib; the backend
//! first sees the crate's code when bpf-linker links a program that calls
//! it. This one calls the lookups with inputs read from the packet, so
//! nothing is folded at compile time. It is linked, never loaded: it
//! carries the registry tables, and the verifier would refuse their loops.
#![no_std]
#![no_main]

use aya_ebpf::macros::xdp;
use aya_ebpf::programs::XdpContext;
use iana_ports::{Protocol, Status};

#[xdp]
pub fn iana_ports_lookup_probe(ctx: XdpContext) -> u32 {
    let at = ctx.data();
    if at + 4 > ctx.data_end() {
        return 0;
    }
    // SAFETY: the 4 bytes at `at` lie inside the packet, checked above.
    let [high, low, proto, name_len] = unsafe { (at as *const [u8; 4]).read_unaligned() };
    let port = u16::from_be_bytes([high, low]);
    let proto = Protocol::ALL[usize::from(proto & 3)];
    let mut score = 0u32;
    if let Some(name) = iana_ports::service_name(port, proto) {
        score += name.len() as u32;
    }
    if iana_ports::status(port, proto) == Status::Assigned {
        score += 1;
    }
    if let Some(range) = iana_ports::by_port(port, proto).next().and_then(|r| r.ports()) {
        score += u32::from(range.start);
    }
    let names = ["http", "ssh", "matrix-fed", "x11"];
    if let Some(p) = iana_ports::port(names[usize::from(name_len & 3)], proto) {
        score += u32::from(p);
    }
    score
}

#[cfg(not(test))]
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo) -> ! {
    loop {}
}
