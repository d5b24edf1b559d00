//! `HostPort` against real sockets: loopback only.
#![cfg(feature = "std")]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream, ToSocketAddrs, UdpSocket};

use iana_ports::{HostPort, HostPortError, LookupErrorKind, Protocol, SplitErrorKind};

#[test]
fn connects_through_a_host_port() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let text = format!("127.0.0.1:{port}");
    let mut client = TcpStream::connect(HostPort::parse(&text, Protocol::Tcp).unwrap()).unwrap();
    let (mut server, _) = listener.accept().unwrap();
    client.write_all(b"ping").unwrap();
    let mut got = [0; 4];
    server.read_exact(&mut got).unwrap();
    assert_eq!(&got, b"ping");
}

#[test]
fn binds_and_sends_udp_through_a_host_port() {
    let server = UdpSocket::bind(HostPort::parse("127.0.0.1:0", Protocol::Udp).unwrap()).unwrap();
    let port = server.local_addr().unwrap().port();
    let client = UdpSocket::bind("127.0.0.1:0").unwrap();
    client.send_to(b"hi", HostPort::parse(&format!("127.0.0.1:{port}"), Protocol::Udp).unwrap()).unwrap();
    let mut got = [0; 2];
    let (n, from) = server.recv_from(&mut got).unwrap();
    assert_eq!((&got[..n], from), (&b"hi"[..], client.local_addr().unwrap()));
}

#[test]
fn resolves_names_on_the_protocol_and_writes_back() {
    let imaps = HostPort::parse("example.com:IMAPS", Protocol::Tcp).unwrap();
    assert_eq!((imaps.host(), imaps.port(), imaps.to_string()), ("example.com", 993, "example.com:993".to_string()));
    let v6 = HostPort::parse("[::1]:imaps", Protocol::Tcp).unwrap();
    assert_eq!((v6.host(), v6.to_string()), ("::1", "[::1]:993".to_string()));
    let addrs: Vec<_> = v6.to_socket_addrs().unwrap().collect();
    assert_eq!(addrs, ["[::1]:993".parse().unwrap()]);
    assert_eq!(HostPort::parse("[fe80::1%lo]:ssh", Protocol::Tcp).unwrap().to_string(), "[fe80::1%lo]:22");
    // An empty host: every local address.
    let any: Vec<_> = HostPort::parse(":syslog", Protocol::Udp).unwrap().to_socket_addrs().unwrap().collect();
    assert_eq!(any, ["0.0.0.0:514".parse().unwrap(), "[::]:514".parse().unwrap()]);
}

#[test]
fn errors_say_which_part_and_suggest() {
    let err = |s: &str| HostPort::parse(s, Protocol::Tcp).unwrap_err();
    assert!(matches!(err("example.com"), HostPortError::Split(e) if e.kind() == SplitErrorKind::MissingPort));
    assert!(matches!(err("::1:80"), HostPortError::Split(e) if e.kind() == SplitErrorKind::TooManyColons));
    assert!(matches!(err("example.com:"), HostPortError::Port(e) if e.kind() == LookupErrorKind::InvalidPort));
    assert!(matches!(err("example.com:65536"), HostPortError::Port(e) if e.kind() == LookupErrorKind::InvalidPort));
    let typo = err("example.com:imapss");
    assert!(matches!(typo, HostPortError::Port(e) if e.kind() == LookupErrorKind::UnknownPort));
    assert!(typo.to_string().starts_with("\"imapss\": unknown port on tcp"), "{typo}");
    assert!(typo.to_string().contains("did you mean `imaps/tcp` (993)"), "{typo}");
    assert!(std::error::Error::source(&typo).is_some());
    // `?` into io::Result.
    let io = || -> std::io::Result<TcpStream> { TcpStream::connect(HostPort::parse("localhost:htps", Protocol::Tcp)?) };
    let e = io().unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput);
    assert!(e.to_string().contains("did you mean `https/tcp` (443)"), "{e}");
}
