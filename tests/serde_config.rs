//! Reading config files with serde: `Protocol`, `PortRange`, `PortSpec`
//! and the `iana_ports::serde` helpers, through real TOML and JSON.
#![cfg(feature = "serde")]

use iana_ports::{PortRange, PortSpec, Protocol, SpecTarget};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, PartialEq, Deserialize, Serialize)]
struct Server {
    #[serde(deserialize_with = "iana_ports::serde::tcp_port", serialize_with = "iana_ports::serde::tcp_name")]
    listen: u16,
    proto: Protocol,
    #[serde(serialize_with = "iana_ports::serde::range_text")]
    range: PortRange,
    allow: Vec<PortSpec>,
}

/// The config of issue 22's "Done means".
const CONFIG: &str = r#"listen = "https"
proto = "udp"
range = "6000-6063"
allow = ["ssh", "x11/udp"]
"#;

#[test]
fn toml_config_reads_and_writes_back_unchanged() {
    let server: Server = toml::from_str(CONFIG).unwrap();
    assert_eq!(server.listen, 443);
    assert_eq!(server.proto, Protocol::Udp);
    assert_eq!(server.range, PortRange { start: 6000, end: 6063 });
    assert_eq!(server.allow, [PortSpec::parse("ssh").unwrap(), PortSpec::parse("x11/udp").unwrap()]);
    assert_eq!(toml::to_string(&server).unwrap(), CONFIG);
}

#[test]
fn json_config_reads_and_writes_back_unchanged() {
    let text = r#"{"listen":"https","proto":"udp","range":"6000-6063","allow":["ssh","x11/udp"]}"#;
    let server: Server = serde_json::from_str(text).unwrap();
    assert_eq!(server, toml::from_str(CONFIG).unwrap());
    assert_eq!(serde_json::to_string(&server).unwrap(), text);
}

#[test]
fn other_spellings_read_and_write_back_normalised() {
    let server: Server = toml::from_str(
        "listen = 8448\nproto = \"UDP\"\nrange = 443\nallow = [\"SSH/TCP\", \"0443\", \"6000-6063/Udp\"]\n",
    )
    .unwrap();
    assert_eq!((server.listen, server.proto, server.range), (8448, Protocol::Udp, PortRange { start: 443, end: 443 }));
    assert_eq!(
        toml::to_string(&server).unwrap(),
        "listen = \"matrix-fed\"\nproto = \"udp\"\nrange = 443\nallow = [\"ssh/tcp\", \"443\", \"6000-6063/udp\"]\n"
    );
    // Numbers as text, leading sign and zeros as Go reads them.
    for (text, port) in [("\"8448\"", 8448), ("\"+80\"", 80), ("\"0080\"", 80), ("0", 0), ("65535", 65535)] {
        let server: Server = toml::from_str(&CONFIG.replace("\"https\"", text)).unwrap();
        assert_eq!(server.listen, port, "{text}");
    }
}

/// The error of reading `CONFIG` with `from` replaced by `to`, in TOML.
fn toml_error(from: &str, to: &str) -> String {
    let text = CONFIG.replace(from, to);
    assert_ne!(text, CONFIG, "{from} is not in the config");
    toml::from_str::<Server>(&text).unwrap_err().to_string()
}

#[test]
fn refusals_quote_the_input_and_suggest() {
    let e = toml_error("\"https\"", "\"htps\"");
    assert!(e.contains("\"htps\": unknown port on tcp") && e.contains("did you mean `https/tcp` (443)"), "{e}");
    let e = toml_error("\"https\"", "70000");
    assert!(e.contains("\"70000\": invalid port (expected 0-65535 or a service name)"), "{e}");
    let e = toml_error("\"https\"", "-1");
    assert!(e.contains("\"-1\": invalid port"), "{e}");
    let e = toml_error("\"https\"", "\"\"");
    assert!(e.contains("\"\": invalid port"), "{e}");
    let e = toml_error("\"https\"", "\"matrix\"");
    assert!(e.contains("\"matrix\": unknown port on tcp: registered without a port"), "{e}");
    let e = toml_error("\"https\"", "\"rift-lies\"");
    assert!(e.contains("`rift-lies` is registered as `rift-lies/udp` (914)"), "{e}");

    let e = toml_error("\"udp\"", "\"tcpp\"");
    assert!(e.contains("\"tcpp\": unknown transport protocol (expected tcp, udp, sctp or dccp, in any case)"), "{e}");

    let e = toml_error("\"6000-6063\"", "\"9-3\"");
    assert!(e.contains("\"9-3\": range `9-3` is reversed"), "{e}");
    let e = toml_error("\"6000-6063\"", "70000");
    assert!(e.contains("\"70000\": `70000` is not a port 0-65535"), "{e}");
    let e = toml_error("\"6000-6063\"", "\"1-70000\"");
    assert!(e.contains("`70000` is not a port 0-65535"), "{e}");
    let e = toml_error("\"6000-6063\"", "\"ssh\"");
    assert!(e.contains("\"ssh\": expected a port 0-65535 or a range START-END, not a service name"), "{e}");
    let e = toml_error("\"6000-6063\"", "\"22/tcp\"");
    assert!(e.contains("\"22/tcp\": expected a port 0-65535 or a range START-END, without a protocol"), "{e}");
    let e = toml_error("\"6000-6063\"", "{ start = 9, end = 3 }");
    assert!(e.contains("\"9-3\": range `9-3` is reversed"), "{e}");

    let e = toml_error("\"x11/udp\"", "\"htps/tcp\"");
    assert!(e.contains("\"htps/tcp\": no service `htps` on tcp") && e.contains("`https/tcp` (443)"), "{e}");
    let e = toml_error("\"x11/udp\"", "\"ssh/tcp/udp\"");
    assert!(e.contains("\"ssh/tcp/udp\": unexpected `/udp` after the protocol"), "{e}");
    let e = toml_error("\"x11/udp\"", "\"matrix\"");
    assert!(e.contains("\"matrix\": `matrix` is registered without a port"), "{e}");

    // JSON says the same, and where.
    let e = serde_json::from_str::<Server>(r#"{"listen":"htps","proto":"udp","range":1,"allow":[]}"#).unwrap_err();
    assert!(e.to_string().contains("did you mean `https/tcp` (443)") && e.to_string().contains("line 1"), "{e}");
}

#[test]
fn every_protocol_helper_reads_its_protocol() {
    #[derive(Debug, Deserialize)]
    struct Ports {
        #[serde(deserialize_with = "iana_ports::serde::tcp_port")]
        tcp: u16,
        #[serde(deserialize_with = "iana_ports::serde::udp_port")]
        udp: u16,
        #[serde(deserialize_with = "iana_ports::serde::sctp_port")]
        sctp: u16,
        #[serde(deserialize_with = "iana_ports::serde::dccp_port")]
        dccp: u16,
    }
    // raid-am is 2013/tcp and 2007/udp.
    let p: Ports =
        serde_json::from_str(r#"{"tcp":"raid-am","udp":"raid-am","sctp":"diameter","dccp":"discard"}"#).unwrap();
    assert_eq!((p.tcp, p.udp, p.sctp, p.dccp), (2013, 2007, 3868, 9));
    let e = serde_json::from_str::<Ports>(r#"{"tcp":1,"udp":"rift-lies","sctp":"rift-lies","dccp":1}"#).unwrap_err();
    assert!(e.to_string().contains("\"rift-lies\": unknown port on sctp"), "{e}");
}

#[test]
fn protocol_in_any_case_and_as_written() {
    for (text, p) in [
        ("\"tcp\"", Protocol::Tcp),
        ("\"UDP\"", Protocol::Udp),
        ("\"Sctp\"", Protocol::Sctp),
        ("\"dCcP\"", Protocol::Dccp),
    ] {
        assert_eq!(serde_json::from_str::<Protocol>(text).unwrap(), p);
    }
    for p in Protocol::ALL {
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<Protocol>(&json).unwrap(), p);
    }
    // As a map key, too.
    let map: std::collections::BTreeMap<Protocol, u16> = serde_json::from_str(r#"{"TCP": 1, "udp": 2}"#).unwrap();
    assert_eq!(map[&Protocol::Tcp] + map[&Protocol::Udp], 3);
}

#[test]
fn port_range_reads_every_form_and_its_own_output() {
    let r = |start, end| PortRange { start, end };
    for (json, range) in [
        ("443", r(443, 443)),
        ("\"443\"", r(443, 443)),
        ("\" 6000-6063 \"", r(6000, 6063)),
        (r#"{"start":1,"end":2}"#, r(1, 2)),
    ] {
        assert_eq!(serde_json::from_str::<PortRange>(json).unwrap(), range, "{json}");
    }
    for range in [r(0, 0), r(6000, 6063), r(0, 65535)] {
        let json = serde_json::to_string(&range).unwrap();
        assert!(json.starts_with("{\"start\""), "Serialize keeps its shape: {json}");
        assert_eq!(serde_json::from_str::<PortRange>(&json).unwrap(), range);
    }
    assert!(serde_json::from_str::<PortRange>(r#"{"start":1,"end":2,"x":3}"#).is_err());
    assert!(serde_json::from_str::<PortRange>(r#"{"start":1}"#).is_err());
    assert!(serde_json::from_str::<PortRange>("1.5").is_err());
}

/// Every spec form: a port, a range, or a registered name (any of the
/// registry's names with a port), each with or without a protocol.
fn any_spec() -> impl Strategy<Value = PortSpec> {
    let names: Vec<&'static str> =
        iana_ports::records().iter().filter(|r| r.ports().is_some()).filter_map(|r| r.service_name()).collect();
    let target = prop_oneof![
        any::<u16>().prop_map(|p| p.to_string()),
        (any::<u16>(), any::<u16>()).prop_map(|(a, b)| format!("{}-{}", a.min(b), a.max(b))),
        prop::sample::select(names).prop_map(str::to_string),
    ];
    let proto = prop::option::of(prop::sample::select(Protocol::ALL.to_vec()));
    (target, proto).prop_filter_map("a name without a port on that protocol", |(target, proto)| {
        let text = match proto {
            Some(p) => format!("{target}/{p}"),
            None => target,
        };
        PortSpec::parse(&text).ok()
    })
}

proptest! {
    #[test]
    fn every_spec_round_trips_through_json_and_toml(spec in any_spec()) {
        let json = serde_json::to_string(&spec).unwrap();
        prop_assert_eq!(&json, &format!("\"{spec}\""));
        prop_assert_eq!(serde_json::from_str::<PortSpec>(&json).unwrap(), spec);

        #[derive(Debug, PartialEq, Deserialize, Serialize)]
        struct Rule { allow: PortSpec }
        let toml = toml::to_string(&Rule { allow: spec }).unwrap();
        prop_assert_eq!(toml::from_str::<Rule>(&toml).unwrap(), Rule { allow: spec });
        // A range without a protocol reads as a PortRange too.
        if let (SpecTarget::Range(range), None) = (spec.target(), spec.protocol()) {
            prop_assert_eq!(serde_json::from_str::<PortRange>(&json).unwrap(), range);
        }
    }
}

#[test]
fn every_registered_name_round_trips_on_each_of_its_protocols() {
    let mut checked = 0;
    for name in iana_ports::records().iter().filter(|r| r.ports().is_some()).filter_map(|r| r.service_name()) {
        for proto in Protocol::ALL.into_iter().filter(|&p| iana_ports::port(name, p).is_some()) {
            let spec = PortSpec::parse(&format!("{name}/{proto}")).unwrap();
            let json = serde_json::to_string(&spec).unwrap();
            assert_eq!(serde_json::from_str::<PortSpec>(&json).unwrap(), spec, "{json}");
            checked += 1;
        }
    }
    assert!(checked > 10_000, "{checked}");
}
