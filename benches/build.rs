//! Builds the phf maps the benchmarks compare against, from the registry
//! as the generator reads it (`iana_ports_gen::read_xml_rows`; the
//! `iana-ports` tables cannot be read at build time).
//!
//! Semantics match `iana_ports::service_name` and `iana_ports::port`:
//! the first named row in registry order covering a port (rows without a
//! protocol apply to every protocol, ranges cover each of their ports), and
//! the first port of the first row with a name and a port on tcp.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::{env, fs};

use iana_ports_gen::Input;
use iana_ports_gen::model::Proto;

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let xml_path = manifest.join("../registry/service-names-port-numbers.xml");
    println!("cargo:rerun-if-changed={}", xml_path.display());
    println!("cargo:rerun-if-changed=build.rs");
    let bytes = fs::read(&xml_path).expect("registry XML");
    // The generator's own reader: one reading of the registry for the crate and its rivals.
    let rows = iana_ports_gen::read_xml_rows(Input { path: "registry/service-names-port-numbers.xml", bytes: &bytes })
        .unwrap_or_else(|e| panic!("{e}"));

    // (port key, name) first-wins, and lower-cased name -> tcp port.
    let mut by_port: HashMap<u32, String> = HashMap::new();
    let mut port_order: Vec<u32> = Vec::new();
    let mut by_name: HashMap<String, u16> = HashMap::new();
    let mut name_order: Vec<String> = Vec::new();
    for row in &rows {
        let (Some(name), Some((a, b))) = (&row.name, row.ports) else { continue };
        for proto in Proto::ALL {
            if row.proto.is_some_and(|p| p != proto) {
                continue;
            }
            for port in a..=b {
                let key = ((proto.index() as u32) << 16) | u32::from(port);
                by_port.entry(key).or_insert_with(|| {
                    port_order.push(key);
                    name.clone()
                });
            }
        }
        if row.proto.is_none_or(|p| p == Proto::Tcp) {
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
