#!/usr/bin/env python3
"""Runs hand-built frames through the XDP object in the kernel and checks
each verdict.

Usage: verdicts.py OBJECT BPFFS_DIR

Loads OBJECT with `bpftool prog load OBJECT DIR/NAME type xdp` (the kernel's
verifier), then runs every frame below through BPF_PROG_TEST_RUN with
`bpftool prog run pinned DIR/NAME data_in FILE repeat 1`, and compares the
return value (2 = XDP_PASS, 1 = XDP_DROP) with the expected verdict, which
comes from the issue's allow-list (ssh/tcp, https, domain/udp, x11), not
from the program. Prints a verdict table; exits 1 on any mismatch, 77 when
the kernel refuses to load programs for lack of privilege (the caller
prints SKIPPED).
"""

import os
import re
import struct
import subprocess
import sys
import tempfile

PASS, DROP = 2, 1
NAMES = {PASS: "PASS", DROP: "DROP"}

ETH_IPV4, ETH_IPV6, ETH_ARP, ETH_VLAN, ETH_QINQ = 0x0800, 0x86DD, 0x0806, 0x8100, 0x88A8
TCP, UDP, SCTP, ICMP, ICMPV6, HOPOPTS, FRAGMENT, DSTOPTS, NO_NEXT = 6, 17, 132, 1, 58, 0, 44, 60, 59


def eth(ethertype, payload, tags=()):
    """An Ethernet frame; `tags` are (TPID, VLAN id) pairs, outermost first."""
    head = bytes.fromhex("020000000002") + bytes.fromhex("020000000001")
    for tpid, vlan in tags:
        head += struct.pack("!HH", tpid, vlan)
    return head + struct.pack("!H", ethertype) + payload


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def ipv4(protocol, payload, options=b"", fragment=0, ihl=None, total=None):
    """An IPv4 header (with `options`, a multiple of 4 bytes) and payload."""
    ihl = 5 + len(options) // 4 if ihl is None else ihl
    total = 20 + len(options) + len(payload) if total is None else total
    header = struct.pack(
        "!BBHHHBBH4s4s", 0x40 | ihl, 0, total, 1, fragment, 64, protocol, 0,
        bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2]),
    ) + options
    header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
    return header + payload


def ipv6(next_header, payload):
    src = bytes.fromhex("20010db8000000000000000000000001")
    dst = bytes.fromhex("20010db8000000000000000000000002")
    return struct.pack("!IHBB16s16s", 0x60000000, len(payload), next_header, 64, src, dst) + payload


def ext(next_header, body=b"\0" * 6):
    """A hop-by-hop / routing / destination-options header: 8 bytes here."""
    return struct.pack("!BB", next_header, (2 + len(body)) // 8 - 1) + body


def tcp(port):
    return struct.pack("!HHIIBBHHH", 40000, port, 1, 0, 5 << 4, 0x02, 65535, 0, 0)


def udp(port):
    return struct.pack("!HHHH", 40000, port, 8, 0)


def sctp(port):
    return struct.pack("!HHII", 40000, port, 0, 0)


TRANSPORT = {"tcp": (TCP, tcp), "udp": (UDP, udp), "sctp": (SCTP, sctp)}


def v4(proto, port, **kw):
    number, build = TRANSPORT[proto]
    return eth(ETH_IPV4, ipv4(number, build(port), **kw))


def v6(proto, port):
    number, build = TRANSPORT[proto]
    return eth(ETH_IPV6, ipv6(number, build(port)))


ARP = eth(ETH_ARP, struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, b"\2\0\0\0\0\1", b"\xc0\0\2\1", b"\0" * 6, b"\xc0\0\2\2"))
ICMP_ECHO = struct.pack("!BBHHH", 8, 0, 0, 1, 1)


def cases():
    """(description, frame, expected verdict)."""
    # Point 1 of the issue, on both IP versions: the allow-list's edges.
    ports = [
        ("tcp", 22, PASS, "ssh/tcp"),
        ("udp", 22, DROP, "ssh is allowed on tcp only"),
        ("sctp", 22, DROP, "ssh is allowed on tcp only"),
        ("tcp", 443, PASS, "https"),
        ("udp", 443, PASS, "https"),
        ("sctp", 443, PASS, "https, registered on sctp too"),
        ("udp", 53, PASS, "domain/udp"),
        ("tcp", 53, DROP, "domain is allowed on udp only"),
        ("tcp", 5999, DROP, "below x11's range"),
        ("tcp", 6000, PASS, "x11, first port"),
        ("tcp", 6063, PASS, "x11, last port"),
        ("tcp", 6064, DROP, "past x11's range"),
        ("udp", 6000, PASS, "x11, first port"),
        ("udp", 6063, PASS, "x11, last port"),
        ("udp", 6064, DROP, "past x11's range"),
        ("sctp", 6000, DROP, "x11 has no sctp row"),
        ("tcp", 80, DROP, "not in the list"),
    ]
    for proto, port, verdict, why in ports:
        yield f"IPv4 {proto} {port} ({why})", v4(proto, port), verdict
        yield f"IPv6 {proto} {port} ({why})", v6(proto, port), verdict

    # Everything else passes.
    yield "ARP request", ARP, PASS
    yield "IPv4 ICMP echo", eth(ETH_IPV4, ipv4(ICMP, ICMP_ECHO)), PASS
    yield "IPv6 ICMPv6 echo", eth(ETH_IPV6, ipv6(ICMPV6, struct.pack("!BBHHH", 128, 0, 0, 1, 1))), PASS

    # IPv4 options (IHL > 5): the port is read after them. The options
    # spell port 22 where a program ignoring IHL would look for the port.
    decoy = b"\x01\x01\x00\x16"  # NOP NOP, then 0x0016
    yield "IPv4 IHL=6 tcp 23 (options hold 22)", v4("tcp", 23, options=decoy), DROP
    yield "IPv4 IHL=6 tcp 22", v4("tcp", 22, options=decoy), PASS
    yield "IPv4 IHL=15 udp 53", v4("udp", 53, options=b"\x01" * 40), PASS
    yield "IPv4 IHL=15 udp 54", v4("udp", 54, options=b"\x01" * 40), DROP
    yield "IPv4 IHL=4 (invalid) tcp 22", v4("tcp", 22, ihl=4), DROP

    # Truncated headers: the frame is shorter than the header it claims.
    full4 = v4("tcp", 22)
    yield "IPv4 header cut at 19 bytes", full4[: 14 + 19], DROP
    yield "IPv4 IHL=15 claims 60 bytes, frame holds 40", eth(ETH_IPV4, ipv4(TCP, tcp(22), ihl=15)), DROP
    yield "IPv4 IHL=15 ICMP, frame holds 28 IP bytes", eth(ETH_IPV4, ipv4(ICMP, ICMP_ECHO, ihl=15)), DROP
    yield "IPv4 tcp header cut at 19 bytes", full4[: 14 + 20 + 19], DROP
    yield "IPv4 udp header cut at 7 bytes", v4("udp", 53)[: 14 + 20 + 7], DROP
    yield "IPv4 sctp header cut at 11 bytes", v4("sctp", 443)[: 14 + 20 + 11], DROP
    full6 = v6("tcp", 22)
    yield "IPv6 header cut at 39 bytes", full6[: 14 + 39], DROP
    yield "IPv6 tcp header cut at 19 bytes", full6[: 14 + 40 + 19], DROP
    yield "IPv6 udp header cut at 7 bytes", v6("udp", 53)[: 14 + 40 + 7], DROP
    yield "IPv6 sctp header cut at 11 bytes", v6("sctp", 443)[: 14 + 40 + 11], DROP
    yield "VLAN tag cut short", eth(ETH_VLAN, b"\x00")[:16], DROP

    # VLAN, IPv6 extension headers, fragments.
    vlan, qinq = [(ETH_VLAN, 7)], [(ETH_QINQ, 5), (ETH_VLAN, 7)]
    yield "802.1Q VLAN IPv4 tcp 22", eth(ETH_IPV4, ipv4(TCP, tcp(22)), vlan), PASS
    yield "802.1Q VLAN IPv4 tcp 23", eth(ETH_IPV4, ipv4(TCP, tcp(23)), vlan), DROP
    yield "802.1ad+802.1Q IPv6 udp 53", eth(ETH_IPV6, ipv6(UDP, udp(53)), qinq), PASS
    yield "802.1ad+802.1Q IPv6 udp 54", eth(ETH_IPV6, ipv6(UDP, udp(54)), qinq), DROP
    yield "three VLAN tags, IPv4 tcp 22 inside", eth(ETH_IPV4, ipv4(TCP, tcp(22)), qinq + vlan), DROP
    yield "802.1Q VLAN ARP", eth(ETH_ARP, ARP[14:], vlan), PASS
    yield "IPv6 hop-by-hop + tcp 22", eth(ETH_IPV6, ipv6(HOPOPTS, ext(TCP) + tcp(22))), PASS
    yield "IPv6 hop-by-hop + tcp 23", eth(ETH_IPV6, ipv6(HOPOPTS, ext(TCP) + tcp(23))), DROP
    four = ext(DSTOPTS) + ext(DSTOPTS) + ext(DSTOPTS) + ext(TCP)
    yield "IPv6 4 extension headers + tcp 22", eth(ETH_IPV6, ipv6(HOPOPTS, four + tcp(22))), PASS
    yield "IPv6 4 extension headers + tcp 23", eth(ETH_IPV6, ipv6(HOPOPTS, four + tcp(23))), DROP
    chain = ext(DSTOPTS) + ext(DSTOPTS) + ext(DSTOPTS) + ext(DSTOPTS) + ext(TCP)
    yield "IPv6 5 extension headers + tcp 22", eth(ETH_IPV6, ipv6(HOPOPTS, chain + tcp(22))), DROP
    hop16 = struct.pack("!BB", ICMPV6, 1) + b"\0" * 6  # claims 16 bytes, holds 8
    yield "IPv6 hop-by-hop claims 16 bytes, frame holds 8", eth(ETH_IPV6, ipv6(HOPOPTS, hop16)), DROP
    yield "IPv6 no next header (59), no payload", eth(ETH_IPV6, ipv6(NO_NEXT, b"")), PASS
    frag_first = struct.pack("!BBHI", TCP, 0, 0x0001, 7)  # offset 0, more fragments
    frag_later = struct.pack("!BBHI", TCP, 0, 0x00B9, 7)  # offset 23 (x8), more
    yield "IPv6 first fragment tcp 23", eth(ETH_IPV6, ipv6(FRAGMENT, frag_first + tcp(23))), DROP
    yield "IPv6 later fragment (no tcp header)", eth(ETH_IPV6, ipv6(FRAGMENT, frag_later + b"\0" * 16)), PASS
    yield "IPv4 later fragment (no tcp header)", eth(ETH_IPV4, ipv4(TCP, b"\0" * 16, fragment=0x2017)), PASS


def bpftool(*args):
    return subprocess.run(["bpftool", *args], capture_output=True, text=True)


def main():
    obj, fs = sys.argv[1], sys.argv[2]
    pin = os.path.join(fs, f"iana_ports_xdp_{os.getpid()}")
    load = bpftool("prog", "load", obj, pin, "type", "xdp")
    if load.returncode != 0:
        err = (load.stderr + load.stdout).strip()
        refusals = [line for line in err.splitlines() if "Operation not permitted" in line or "EPERM" in line]
        if refusals:
            print(f"the kernel refused to load the program: {refusals[0]}")
            return 77
        print(f"bpftool prog load failed:\n{err}", file=sys.stderr)
        return 1
    failures = 0
    rows = []
    try:
        # The loaded program as the kernel holds it (xlated and JITed sizes).
        shown = bpftool("prog", "show", "pinned", pin).stdout.split()
        if "xlated" in shown:
            at = shown.index("xlated")
            print("loaded:", " ".join(shown[at : at + 4]))
        with tempfile.TemporaryDirectory() as tmp:
            for n, (what, frame, want) in enumerate(cases()):
                path = os.path.join(tmp, f"frame{n}")
                with open(path, "wb") as f:
                    f.write(frame)
                run = bpftool("prog", "run", "pinned", pin, "data_in", path, "repeat", "1")
                found = re.search(r"Return value: (\d+)", run.stdout + run.stderr)
                got = int(found.group(1)) if found else None
                ok = got == want
                failures += not ok
                shown = NAMES.get(got, f"error: {(run.stderr or run.stdout).strip()}" if got is None else str(got))
                rows.append((what, len(frame), NAMES[want], shown, "ok" if ok else "MISMATCH"))
    finally:
        os.unlink(pin)
    width = max(len(r[0]) for r in rows)
    print(f"| {'frame':<{width}} | bytes | expected | kernel | result |")
    print(f"|{'-' * (width + 2)}|------:|----------|--------|--------|")
    for what, size, want, got, ok in rows:
        print(f"| {what:<{width}} | {size:>5} | {want:<8} | {got:<6} | {ok:<6} |")
    print(f"{len(rows) - failures}/{len(rows)} frames got their verdict")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
