//! An XDP firewall whose allow-list is `iana_ports::ports!`, evaluated at
//! compile time: the object carries a handful of `(protocol, port range)`
//! pairs and no registry table.
//!
//! Verdicts, per frame:
//! - TCP, UDP or SCTP over IPv4 or IPv6 (behind up to two VLAN tags):
//!   `XDP_PASS` when the destination port is in [`ALLOW`], else `XDP_DROP`.
//! - A frame too short for a header it claims (Ethernet, VLAN tag, IPv4 by
//!   its IHL, IPv6, an IPv6 extension header by its length, TCP, UDP,
//!   SCTP), an IPv4 header length under 20 bytes, or more than two VLAN
//!   tags: `XDP_DROP`.
//! - Everything else (ARP, ICMP, ICMPv6, DCCP, IPv4 fragments after the
//!   first, IPv6 fragments after the first, other EtherTypes): `XDP_PASS`.
//!
//! IPv6 extension headers (hop-by-hop, routing, fragment, destination
//! options) are walked, at most [`MAX_IPV6_EXTENSIONS`] of them; a chain
//! longer than that is dropped, so a port cannot hide behind it.
#![no_std]
#![no_main]

use aya_ebpf::bindings::xdp_action::{XDP_DROP, XDP_PASS};
use aya_ebpf::macros::xdp;
use aya_ebpf::programs::XdpContext;
use iana_ports::{PortRange, Protocol};

/// The allow-list: one edit here changes what the firewall lets through.
/// Resolved by the compiler (a misspelt name fails the build); the object
/// holds only the resulting pairs.
const ALLOW: &[(Protocol, PortRange)] = iana_ports::ports!("ssh/tcp", "https", "domain/udp", "x11");

const ETH_HEADER: usize = 14;
const VLAN_TAG: usize = 4;
const ETHERTYPE_IPV4: u16 = 0x0800;
const ETHERTYPE_IPV6: u16 = 0x86dd;
const ETHERTYPE_VLAN: u16 = 0x8100;
const ETHERTYPE_QINQ: u16 = 0x88a8;
const IPV4_MIN_HEADER: usize = 20;
const IPV6_HEADER: usize = 40;
const IPPROTO_HOPOPTS: u8 = 0;
const IPPROTO_TCP: u8 = 6;
const IPPROTO_UDP: u8 = 17;
const IPPROTO_ROUTING: u8 = 43;
const IPPROTO_FRAGMENT: u8 = 44;
const IPPROTO_DSTOPTS: u8 = 60;
const IPPROTO_SCTP: u8 = 132;
/// IPv6 extension headers walked before giving up (and dropping).
const MAX_IPV6_EXTENSIONS: usize = 4;

/// The program: `XDP_PASS` (2) or `XDP_DROP` (1).
#[xdp]
pub fn iana_ports_xdp(ctx: XdpContext) -> u32 {
    match verdict(&ctx) {
        Verdict::Pass => XDP_PASS,
        Verdict::Drop => XDP_DROP,
    }
}

enum Verdict {
    Pass,
    Drop,
}

/// Whether the allow-list holds `port` on `protocol`: a loop bounded by the
/// list's constant length, which the verifier accepts (and LLVM may unroll).
#[inline(always)]
fn allowed(protocol: Protocol, port: u16) -> bool {
    let mut i = 0;
    while i < ALLOW.len() {
        let (p, range) = ALLOW[i];
        if p == protocol && range.contains(port) {
            return true;
        }
        i += 1;
    }
    false
}

/// The `N` bytes at `offset` into the frame, or `None` past its end. Every
/// read goes through here, checked against `data_end` in the shape the
/// verifier follows (`data + offset + N > data_end`, with `N` > 1: a
/// one-byte check compiles to `>=`, from which the verifier learns nothing).
#[inline(always)]
fn read<const N: usize>(ctx: &XdpContext, offset: usize) -> Option<[u8; N]> {
    let at = ctx.data() + offset;
    if at + N > ctx.data_end() {
        return None;
    }
    // SAFETY: the N bytes at `at` lie inside the packet, [data, data_end),
    // checked above; `[u8; N]` has no alignment or validity requirement.
    Some(unsafe { (at as *const [u8; N]).read_unaligned() })
}

/// Whether the frame holds at least `len` bytes from `offset` on.
#[inline(always)]
fn holds(ctx: &XdpContext, offset: usize, len: usize) -> bool {
    ctx.data() + offset + len <= ctx.data_end()
}

#[inline(always)]
fn verdict(ctx: &XdpContext) -> Verdict {
    // Ethernet, then up to two VLAN tags (802.1ad outer, 802.1Q inner).
    let mut offset = ETH_HEADER;
    let Some(mut ethertype) = read(ctx, offset - 2).map(u16::from_be_bytes) else {
        return Verdict::Drop;
    };
    let mut tags = 0;
    while tags < 2 && (ethertype == ETHERTYPE_VLAN || ethertype == ETHERTYPE_QINQ) {
        offset += VLAN_TAG;
        ethertype = match read(ctx, offset - 2) {
            Some(t) => u16::from_be_bytes(t),
            None => return Verdict::Drop,
        };
        tags += 1;
    }
    match ethertype {
        ETHERTYPE_IPV4 => ipv4(ctx, offset),
        ETHERTYPE_IPV6 => ipv6(ctx, offset),
        // A third tag could hide an IP packet: not judged, so not passed.
        ETHERTYPE_VLAN | ETHERTYPE_QINQ => Verdict::Drop,
        _ => Verdict::Pass,
    }
}

#[inline(always)]
fn ipv4(ctx: &XdpContext, ip: usize) -> Verdict {
    let Some(header) = read::<IPV4_MIN_HEADER>(ctx, ip) else {
        return Verdict::Drop;
    };
    let fragment = u16::from_be_bytes([header[6], header[7]]);
    let protocol = header[9];
    let header = usize::from(header[0] & 0x0f) * 4;
    if header < IPV4_MIN_HEADER || !holds(ctx, ip, header) {
        return Verdict::Drop;
    }
    // A fragment after the first has no transport header; the first one,
    // which does, is judged (and dropped when blocked).
    if fragment & 0x1fff != 0 {
        return Verdict::Pass;
    }
    transport(ctx, protocol, ip + header)
}

#[inline(always)]
fn ipv6(ctx: &XdpContext, ip: usize) -> Verdict {
    if !holds(ctx, ip, IPV6_HEADER) {
        return Verdict::Drop;
    }
    let Some([_, _, _, _, _, _, mut next, _]) = read::<8>(ctx, ip) else {
        return Verdict::Drop;
    };
    let mut offset = ip + IPV6_HEADER;
    let mut walked = 0;
    while walked < MAX_IPV6_EXTENSIONS {
        if !is_ipv6_extension(next) {
            return transport(ctx, next, offset);
        }
        // Every extension header starts with its next header and a length
        // (in 8-byte units after the first 8) or, for a fragment header,
        // a reserved byte and the fragment offset.
        let Some([following, units, fragment_high, fragment_low]) = read::<4>(ctx, offset) else {
            return Verdict::Drop;
        };
        let length = if next == IPPROTO_FRAGMENT {
            if u16::from_be_bytes([fragment_high, fragment_low]) & 0xfff8 != 0 {
                return Verdict::Pass;
            }
            8
        } else {
            (usize::from(units) + 1) * 8
        };
        if !holds(ctx, offset, length) {
            return Verdict::Drop;
        }
        next = following;
        offset += length;
        walked += 1;
    }
    if is_ipv6_extension(next) { Verdict::Drop } else { transport(ctx, next, offset) }
}

/// Whether `next` (an IPv6 next-header value) is an extension header this
/// program walks past.
#[inline(always)]
fn is_ipv6_extension(next: u8) -> bool {
    matches!(next, IPPROTO_HOPOPTS | IPPROTO_ROUTING | IPPROTO_FRAGMENT | IPPROTO_DSTOPTS)
}

/// Judges the transport header at `offset`: the protocols the allow-list
/// speaks for are checked (their whole minimal header must be present),
/// the others pass.
#[inline(always)]
fn transport(ctx: &XdpContext, ip_protocol: u8, offset: usize) -> Verdict {
    let (protocol, header) = match ip_protocol {
        IPPROTO_TCP => (Protocol::Tcp, 20),
        IPPROTO_UDP => (Protocol::Udp, 8),
        IPPROTO_SCTP => (Protocol::Sctp, 12),
        _ => return Verdict::Pass,
    };
    if !holds(ctx, offset, header) {
        return Verdict::Drop;
    }
    // TCP, UDP and SCTP all carry the destination port at bytes 2..4.
    match read::<4>(ctx, offset) {
        Some([_, _, high, low]) if allowed(protocol, u16::from_be_bytes([high, low])) => Verdict::Pass,
        _ => Verdict::Drop,
    }
}

#[cfg(not(test))]
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo) -> ! {
    // The verifier rejects a program that could reach here (no loop without
    // an exit); every index above is bounded, so nothing does.
    loop {}
}
