//! The registry CSV parsed independently of the generator, for tests.

#![allow(dead_code)]

use iana_ports::Protocol;

pub const CSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/registry/service-names-port-numbers.csv");
pub const XML: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/registry/service-names-port-numbers.xml");

/// One CSV row, fields as written.
#[derive(Debug, Clone)]
pub struct Row {
    pub fields: Vec<String>,
}

impl Row {
    pub fn name(&self) -> Option<&str> {
        Some(self.fields[0].as_str()).filter(|s| !s.is_empty())
    }
    pub fn ports(&self) -> Option<(u16, u16)> {
        let text = &self.fields[1];
        if text.is_empty() {
            return None;
        }
        let (a, b) = text.split_once('-').unwrap_or((text, text));
        Some((a.parse().unwrap(), b.parse().unwrap()))
    }
    pub fn protocol(&self) -> Option<Protocol> {
        Some(self.fields[2].as_str()).filter(|s| !s.is_empty()).map(|s| s.parse().unwrap())
    }
    pub fn field(&self, i: usize) -> Option<&str> {
        Some(self.fields[i].as_str()).filter(|s| !s.is_empty())
    }
    pub fn covers(&self, port: u16, proto: Protocol) -> bool {
        self.protocol().is_none_or(|p| p == proto) && self.ports().is_some_and(|(a, b)| a <= port && port <= b)
    }
}

pub fn rows() -> Vec<Row> {
    let mut reader = csv::Reader::from_path(CSV).expect("registry CSV");
    reader.records().map(|r| Row { fields: r.expect("CSV record").iter().map(str::to_owned).collect() }).collect()
}
