//! Looks up a port (`8448/tcp`, `443`), a range port (`6010/tcp`) or a
//! service name (`https`, `HTTPS/udp`) and prints every matching row.
//!
//! `cargo run --example lookup -- 8448/tcp`

use iana_ports::{Protocol, Record, by_name, by_port, status};

fn show(record: &Record) {
    let ports = record.ports().map_or_else(|| "-".to_owned(), |r| r.to_string());
    let proto = record.protocol().map_or("any", Protocol::as_str);
    let name = record.service_name().unwrap_or("(none)");
    println!("{name:<16} {ports:>11}/{proto:<4}  {}", record.description().unwrap_or(""));
}

fn main() {
    let Some(query) = std::env::args().nth(1) else {
        eprintln!("usage: lookup <port>[/<proto>] | <name>[/<proto>]");
        std::process::exit(2);
    };
    let (what, proto) = match query.split_once('/') {
        Some((what, p)) => match p.parse::<Protocol>() {
            Ok(p) => (what, Some(p)),
            Err(e) => {
                eprintln!("`{p}`: {e}");
                std::process::exit(2);
            }
        },
        None => (query.as_str(), None),
    };
    let protos: Vec<Protocol> = proto.map_or(Protocol::ALL.to_vec(), |p| vec![p]);
    let mut found = false;
    if let Ok(port) = what.parse::<u16>() {
        for p in protos {
            for record in by_port(port, p) {
                found |= record.service_name().is_some();
                show(record);
            }
            if by_port(port, p).len() == 0 {
                println!("{port}/{p}: {} (no row covers it)", status(port, p));
            }
        }
    } else {
        for record in by_name(what).filter(|r| proto.is_none_or(|p| r.applies_to(p))) {
            found = true;
            show(record);
        }
    }
    std::process::exit(if found { 0 } else { 1 });
}
