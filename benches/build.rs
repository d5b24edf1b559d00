//! Builds the phf maps the benchmarks compare against, straight from the
//! registry CSV (the `iana-ports` tables cannot be read at build time).
//!
//! Semantics match `iana_ports::service_name` and `iana_ports::port`:
//! the first named row in registry order covering a port (rows without a
//! protocol apply to every protocol, ranges cover each of their ports), and
//! the first port of the first row with a name and a port on tcp.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::{env, fs};

const PROTOCOLS: [&str; 4] = ["tcp", "udp", "sctp", "dccp"];

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let csv_path = manifest.join("../registry/service-names-port-numbers.csv");
    println!("cargo:rerun-if-changed={}", csv_path.display());
    println!("cargo:rerun-if-changed=build.rs");
    let mut reader = csv::Reader::from_path(&csv_path).expect("registry CSV");

    // (port key, name) first-wins, and lower-cased name -> tcp port.
    let mut by_port: HashMap<u32, String> = HashMap::new();
    let mut port_order: Vec<u32> = Vec::new();
    let mut by_name: HashMap<String, u16> = HashMap::new();
    let mut name_order: Vec<String> = Vec::new();
    for record in reader.records() {
        let record = record.expect("CSV record");
        let name = record[0].to_owned();
        let ports = record[1].trim();
        let proto = record[2].trim();
        if name.is_empty() || ports.is_empty() {
            continue;
        }
        let (a, b) = match ports.split_once('-') {
            Some((a, b)) => (a.parse::<u16>().unwrap(), b.parse::<u16>().unwrap()),
            None => {
                let p = ports.parse::<u16>().unwrap();
                (p, p)
            }
        };
        for (index, p) in PROTOCOLS.iter().enumerate() {
            if !(proto.is_empty() || proto == *p) {
                continue;
            }
            for port in a..=b {
                let key = ((index as u32) << 16) | u32::from(port);
                by_port.entry(key).or_insert_with(|| {
                    port_order.push(key);
                    name.clone()
                });
            }
        }
        if proto.is_empty() || proto == "tcp" {
            let key = name.to_ascii_lowercase();
            by_name.entry(key.clone()).or_insert_with(|| {
                name_order.push(key);
                a
            });
        }
    }

    let mut ports = phf_codegen::Map::new();
    for key in &port_order {
        ports.entry(*key, format!("{:?}", by_port[key]));
    }
    let mut names = phf_codegen::Map::new();
    for key in &name_order {
        names.entry(key.as_str(), by_name[key].to_string());
    }
    let mut out = String::new();
    writeln!(
        out,
        "/// `(proto_index << 16) | port` to the first service name (phf).\n\
         pub static PHF_PORTS: phf::Map<u32, &'static str> = {};",
        ports.build()
    )
    .unwrap();
    writeln!(
        out,
        "/// Lower-cased service name to its first tcp port (phf).\n\
         pub static PHF_NAMES: phf::Map<&'static str, u16> = {};",
        names.build()
    )
    .unwrap();
    let dest = PathBuf::from(env::var("OUT_DIR").unwrap()).join("phf_maps.rs");
    fs::write(dest, out).unwrap();
}
