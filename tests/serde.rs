//! `Serialize` output of the public types.
#![cfg(all(feature = "serde", feature = "full"))]

use iana_ports::{Protocol, by_name, by_port};

#[test]
fn record_serializes_every_column() {
    let fed = by_name("matrix-fed").next().unwrap();
    let json = serde_json::to_value(fed).unwrap();
    assert_eq!(json["service_name"], "matrix-fed");
    assert_eq!(json["ports"], serde_json::json!({"start": 8448, "end": 8448}));
    assert_eq!(json["protocol"], "tcp");
    assert_eq!(json["status"], "Assigned");
    assert_eq!(json["contact"], serde_json::json!(["Travis_Ralston"]));
    assert_eq!(json["registration_date"], "2023-08-04");
    assert_eq!(json["service_code"], serde_json::Value::Null);
    let discard = by_port(9, Protocol::Dccp).next().unwrap();
    assert_eq!(serde_json::to_value(discard).unwrap()["service_code"], 1_145_656_131u32);
}

#[test]
fn person_and_registry_serialize() {
    let p = serde_json::to_value(iana_ports::person("_3GPP").unwrap()).unwrap();
    assert_eq!(
        p,
        serde_json::json!({"id": "_3GPP", "name": null, "org": "3GPP", "uris": ["mailto:dongwook.kim&etsi.org"], "updated": "2026-01-23"})
    );
    let r = serde_json::to_value(iana_ports::REGISTRY).unwrap();
    assert_eq!(r["updated"], "2026-08-17");
}
