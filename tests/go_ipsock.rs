//! Go's own test tables for `net.SplitHostPort`, `net.JoinHostPort` and
//! `net.LookupPort`, run against `split_host_port`, `join_host_port` and
//! `lookup_port`.
//!
//! Sources (Go is BSD-licensed, copyright The Go Authors; the rows are
//! copied as data):
//! - `src/net/ip_test.go`, `TestSplitHostPort` and `TestJoinHostPort`, at
//!   golang/go d361e0e7653b35c3504425755c3ef3ea0655dbfd. (Older Go kept the
//!   same rows as `splitJoinTests` / `splitFailureTests`; Go 1.x dropped the
//!   "missing brackets" error, so `localhost%lo0:80` now splits.) The
//!   algorithm is `SplitHostPort` in `src/net/ipsock.go`.
//! - `src/net/lookup_test.go`, `TestLookupPort` and
//!   `TestLookupPort_Minimal`, at golang/go
//!   515fa668375a17a8d79568daff0acc1fa0ce72c2.

use iana_ports::{LookupErrorKind, Protocol, SplitErrorKind, join_host_port, lookup_port, split_host_port};

/// `TestSplitHostPort`, the successes: (hostPort, host, port).
const SPLIT_OK: &[(&str, &str, &str)] = &[
    // Host name
    ("localhost:http", "localhost", "http"),
    ("localhost:80", "localhost", "80"),
    // Go-specific host name with zone identifier
    ("localhost%lo0:http", "localhost%lo0", "http"),
    ("localhost%lo0:80", "localhost%lo0", "80"),
    ("[localhost%lo0]:http", "localhost%lo0", "http"), // Go 1 behavior
    ("[localhost%lo0]:80", "localhost%lo0", "80"),     // Go 1 behavior
    // IP literal
    ("127.0.0.1:http", "127.0.0.1", "http"),
    ("127.0.0.1:80", "127.0.0.1", "80"),
    ("[::1]:http", "::1", "http"),
    ("[::1]:80", "::1", "80"),
    // IP literal with zone identifier
    ("[::1%lo0]:http", "::1%lo0", "http"),
    ("[::1%lo0]:80", "::1%lo0", "80"),
    // Go-specific wildcard for host name
    (":http", "", "http"), // Go 1 behavior
    (":80", "", "80"),     // Go 1 behavior
    // Go-specific wildcard for service name or transport port number
    ("golang.org:", "golang.org", ""), // Go 1 behavior
    ("127.0.0.1:", "127.0.0.1", ""),   // Go 1 behavior
    ("[::1]:", "::1", ""),             // Go 1 behavior
    // Opaque service name
    ("golang.org:https%foo", "golang.org", "https%foo"), // Go 1 behavior
];

/// `TestSplitHostPort`, the failures: (hostPort, Go's error).
const SPLIT_FAIL: &[(&str, &str)] = &[
    ("golang.org", "missing port in address"),
    ("127.0.0.1", "missing port in address"),
    ("[::1]", "missing port in address"),
    ("[fe80::1%lo0]", "missing port in address"),
    ("[localhost%lo0]", "missing port in address"),
    ("localhost%lo0", "missing port in address"),
    ("::1", "too many colons in address"),
    ("fe80::1%lo0", "too many colons in address"),
    ("fe80::1%lo0:80", "too many colons in address"),
    // Test cases that didn't fail in Go 1
    ("[foo:bar]", "missing port in address"),
    ("[foo:bar]baz", "missing port in address"),
    ("[foo]bar:baz", "missing port in address"),
    ("[foo]:[bar]:baz", "too many colons in address"),
    ("[foo]:[bar]baz", "unexpected '[' in address"),
    ("foo[bar]:baz", "unexpected '[' in address"),
    ("foo]bar:baz", "unexpected ']' in address"),
];

/// `TestJoinHostPort`: (host, port, hostPort).
const JOIN: &[(&str, &str, &str)] = &[
    // Host name
    ("localhost", "http", "localhost:http"),
    ("localhost", "80", "localhost:80"),
    // Go-specific host name with zone identifier
    ("localhost%lo0", "http", "localhost%lo0:http"),
    ("localhost%lo0", "80", "localhost%lo0:80"),
    // IP literal
    ("127.0.0.1", "http", "127.0.0.1:http"),
    ("127.0.0.1", "80", "127.0.0.1:80"),
    ("::1", "http", "[::1]:http"),
    ("::1", "80", "[::1]:80"),
    // IP literal with zone identifier
    ("::1%lo0", "http", "[::1%lo0]:http"),
    ("::1%lo0", "80", "[::1%lo0]:80"),
    // Go-specific wildcard for host name
    ("", "http", ":http"), // Go 1 behavior
    ("", "80", ":80"),     // Go 1 behavior
    // Go-specific wildcard for service name or transport port number
    ("golang.org", "", "golang.org:"), // Go 1 behavior
    ("127.0.0.1", "", "127.0.0.1:"),   // Go 1 behavior
    ("::1", "", "[::1]:"),             // Go 1 behavior
    // Opaque service name
    ("golang.org", "https%foo", "golang.org:https%foo"), // Go 1 behavior
];

#[test]
fn go_split_host_port_successes() {
    for &(hostport, host, port) in SPLIT_OK {
        assert_eq!(split_host_port(hostport), Ok((host, port)), "{hostport:?}");
    }
}

#[test]
fn go_split_host_port_failures_with_go_words() {
    for &(hostport, why) in SPLIT_FAIL {
        let err = split_host_port(hostport).expect_err(hostport);
        assert_eq!(err.kind().as_str(), why, "{hostport:?}");
        assert_eq!(err.input(), hostport);
        assert_eq!(err.to_string(), format!("\"{hostport}\": {why}"));
    }
    // The one error word Go's table does not reach.
    let err = split_host_port("[::1:80").unwrap_err();
    assert_eq!((err.kind(), err.kind().as_str()), (SplitErrorKind::MissingCloseBracket, "missing ']' in address"));
}

#[test]
fn go_join_host_port() {
    for &(host, port, hostport) in JOIN {
        assert_eq!(join_host_port(host, port).to_string(), hostport, "{host:?} {port:?}");
    }
    // And every successful split joins back to an address that splits alike.
    for &(hostport, host, port) in SPLIT_OK {
        let joined = join_host_port(host, port).to_string();
        assert_eq!(split_host_port(&joined), Ok((host, port)), "{hostport:?} -> {joined:?}");
    }
}

#[test]
fn go_lookup_port() {
    use Protocol::{Tcp, Udp};
    // TestLookupPort (the bad network row has no counterpart: a Protocol
    // cannot be one), then TestLookupPort_Minimal.
    let ok = [
        (Tcp, "0", 0),
        (Udp, "0", 0),
        (Udp, "domain", 53),
        (Tcp, "http", 80),
        (Tcp, "HTTP", 80), // case shouldn't matter
        (Tcp, "https", 443),
        (Tcp, "ssh", 22),
        (Tcp, "gopher", 70),
    ];
    for (proto, service, port) in ok {
        assert_eq!(lookup_port(service, proto), Ok(port), "{service:?}/{proto}");
    }
    let bad = [
        (Tcp, "--badport--", LookupErrorKind::UnknownPort),
        (Tcp, "-1", LookupErrorKind::InvalidPort),
        (Tcp, "65536", LookupErrorKind::InvalidPort),
        (Udp, "-1", LookupErrorKind::InvalidPort),
        (Udp, "65536", LookupErrorKind::InvalidPort),
        (Tcp, "123456789", LookupErrorKind::InvalidPort),
    ];
    for (proto, service, kind) in bad {
        assert_eq!(lookup_port(service, proto).map_err(|e| e.kind()), Err(kind), "{service:?}/{proto}");
    }
    // Go's "Issue 13610" rows, `{"tcp", "", 0, true}` and the same for udp:
    // the one deliberate departure (see `lookup_port`). An empty port is
    // refused, not port 0.
    for proto in [Tcp, Udp] {
        assert_eq!(lookup_port("", proto).map_err(|e| e.kind()), Err(LookupErrorKind::InvalidPort));
    }
}
