//! Typed port constants (`iana_ports::Tcp::HTTPS`) and the const tables
//! behind `iana_ports::port!`'s messages.
//!
//! # Names → identifiers
//!
//! [`ident`] maps a registry name to a Rust identifier:
//!
//! 1. ASCII letters are upper-cased and digits kept (`https` → `HTTPS`,
//!    `BESApi` → `BESAPI`).
//! 2. Every `+` becomes the word `PLUS` (`whois++` → `WHOIS_PLUS_PLUS`, which
//!    would otherwise be `whois`'s `WHOIS`).
//! 3. Every run of any other character (`-`, `_`, `.`, `/`, `*`, space) is
//!    one `_` between words and nothing at either end (`matrix-fed` →
//!    `MATRIX_FED`, `sql*net` → `SQL_NET`, `z39.50` → `Z39_50`, `cl/1` →
//!    `CL_1`).
//! 4. A leading digit gets a `_` in front (`9pfs` → `_9PFS`, `914c/g` →
//!    `_914C_G`).
//!
//! # Collisions
//!
//! Rule 3 makes some names share an identifier (`dec-dlm` and `dec_dlm`
//! both give `DEC_DLM`). The name that is well-formed by RFC 6335 §5.1
//! ([`well_formed`]) wins; between two equally formed names, the first in
//! registry order wins. A losing name gets no constant anywhere; it stays
//! reachable by string (`port("dec_dlm", …)`, `port!("dec_dlm/tcp")`).
//! On this snapshot every loser is a historic alias whose winner is the
//! replacement IANA assigned, on the same ports.
//!
//! # Values
//!
//! A constant answers what `iana_ports::port(name, proto)` answers: the
//! first row in registry order with that name, a port, and that protocol
//! (or no protocol, which applies to all). A `u16` for a single port, a
//! `PortRange` when that row is a range (`x11` → 6000-6063). When the name
//! has further rows on the protocol, the constant's doc lists them.

use std::collections::{BTreeMap, HashMap};

use crate::model::{Proto, Registry};
use crate::rust_text::RustText;

/// RFC 6335 §5.1 syntax: 1-15 characters, letters, digits and hyphens only,
/// at least one letter, no hyphen at either end and no two in a row.
pub fn well_formed(name: &str) -> bool {
    let b = name.as_bytes();
    (1..=15).contains(&b.len())
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        && b.iter().any(u8::is_ascii_alphabetic)
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
}

/// The identifier of `name` by the rule in the module docs; `None` when no
/// letter, digit or `+` is left.
pub fn ident(name: &str) -> Option<String> {
    let mut out = String::new();
    // A `_` is due before the next letter or digit.
    let mut gap = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.push(c.to_ascii_uppercase());
        } else if c == '+' {
            if !out.is_empty() {
                out.push('_');
            }
            out.push_str("PLUS");
            gap = true;
        } else {
            gap = true;
        }
    }
    if out.is_empty() {
        return None;
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    Some(out)
}

/// One generated constant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constant {
    /// Its protocol (the type it belongs to).
    pub proto: Proto,
    /// Its identifier.
    pub ident: String,
    /// The registry name, as written.
    pub name: String,
    /// Every port range of `name` on `proto`, in registry order; the first
    /// is the constant's value.
    pub ports: Vec<(u16, u16)>,
    /// Description of the first row.
    pub description: String,
    /// Name this is a historic alias of, if any.
    pub alias_of: Option<String>,
}

/// An identifier two or more names map to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    /// The shared identifier.
    pub ident: String,
    /// The name that keeps the constants.
    pub winner: String,
    /// The names that get none, in registry order.
    pub losers: Vec<String>,
}

/// A name with a port, as the suggestion engine sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ported {
    /// The name as first written.
    pub name: String,
    /// Index of the name's first row (with or without a port) in the
    /// registry: the runtime crate identifies a suggestion by it.
    pub first_row: usize,
    /// First port per protocol (what `port()` answers; `None` without a
    /// port there).
    pub ports: [Option<u16>; 4],
}

/// What the typed constants ([`emit`]) and the suggestion tables
/// ([`crate::suggest`]) are written from.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Constants sorted by protocol, then identifier.
    pub constants: Vec<Constant>,
    /// Identifier collisions, sorted by identifier.
    pub collisions: Vec<Collision>,
    /// Every name with a port, in registry order of its first port.
    pub ported: Vec<Ported>,
    /// Names registered without any port (DNS-SD service names), sorted.
    pub portless: Vec<String>,
}

/// Works out every constant, collision and table of the registry.
pub fn plan(registry: &Registry) -> Plan {
    // (lower-case name) → (name, per protocol: description, alias, ports)
    type PerProto = [Option<(String, Option<String>, Vec<(u16, u16)>)>; 4];
    let mut order: Vec<String> = Vec::new();
    let mut names: HashMap<String, (String, PerProto)> = HashMap::new();
    let mut all_names: BTreeMap<String, String> = BTreeMap::new();
    let mut first_row: HashMap<String, usize> = HashMap::new();
    for (index, row) in registry.rows.iter().enumerate() {
        let Some(name) = &row.name else { continue };
        all_names.entry(name.to_ascii_lowercase()).or_insert_with(|| name.clone());
        first_row.entry(name.to_ascii_lowercase()).or_insert(index);
        let Some(ports) = row.ports else { continue };
        let key = name.to_ascii_lowercase();
        let entry = names.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            (name.clone(), Default::default())
        });
        for proto in row.proto.map_or(Proto::ALL.to_vec(), |p| vec![p]) {
            let slot = entry.1[proto.index()]
                .get_or_insert_with(|| (row.description.clone(), row.alias_of.clone(), Vec::new()));
            slot.2.push(ports);
        }
    }
    // Collisions: group ported names by identifier, in registry order.
    let mut by_ident: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for key in &order {
        let name = &names[key].0;
        if let Some(id) = ident(name) {
            by_ident.entry(id).or_default().push(name.clone());
        }
    }
    let mut plan = Plan::default();
    for (id, group) in &by_ident {
        let winner = group.iter().find(|n| well_formed(n)).unwrap_or(&group[0]).clone();
        if group.len() > 1 {
            let losers = group.iter().filter(|n| **n != winner).cloned().collect();
            plan.collisions.push(Collision { ident: id.clone(), winner: winner.clone(), losers });
        }
        let (name, per_proto) = &names[&winner.to_ascii_lowercase()];
        for proto in Proto::ALL {
            if let Some((description, alias_of, ports)) = &per_proto[proto.index()] {
                plan.constants.push(Constant {
                    proto,
                    ident: id.clone(),
                    name: name.clone(),
                    ports: ports.clone(),
                    description: description.clone(),
                    alias_of: alias_of.clone(),
                });
            }
        }
    }
    plan.constants.sort_by(|a, b| (a.proto, &a.ident).cmp(&(b.proto, &b.ident)));
    for key in &order {
        let (name, per_proto) = &names[key];
        let first = |p: Proto| per_proto[p.index()].as_ref().map(|s| s.2[0].0);
        plan.ported.push(Ported { name: name.clone(), first_row: first_row[key], ports: Proto::ALL.map(first) });
    }
    plan.portless = all_names.iter().filter(|(k, _)| !names.contains_key(*k)).map(|(_, n)| n.clone()).collect();
    plan
}

/// Markdown-escapes registry text for a doc line (one line, no markup).
fn doc_text(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#' | '!') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

fn range_text((start, end): (u16, u16)) -> String {
    if start == end { start.to_string() } else { format!("{start}-{end}") }
}

/// The doc comment of one constant.
pub fn doc(c: &Constant) -> String {
    let proto = c.proto.as_str();
    let mut doc = format!("`{}`, {}/{proto}", c.name, range_text(c.ports[0]));
    if !c.description.trim().is_empty() {
        doc.push_str(": ");
        doc.push_str(&doc_text(&c.description));
    }
    if !doc.ends_with('.') {
        doc.push('.');
    }
    if let Some(target) = &c.alias_of {
        doc.push_str(&format!(" Historic alias of `{target}`."));
    }
    if c.ports.len() > 1 {
        let others: Vec<String> = c.ports[1..].iter().map(|&r| range_text(r)).collect();
        doc.push_str(&format!(
            "\n\nThe first of {} registrations of `{}` on {proto}, as `iana_ports::port` answers; also {}.",
            c.ports.len(),
            c.name,
            others.join(", ")
        ));
    }
    doc
}

/// The source of `$OUT_DIR/constants.rs`: `impl Tcp { pub const … }` per
/// protocol.
pub fn emit(plan: &Plan) -> String {
    let mut out = RustText::default();
    for proto in Proto::ALL {
        out.line(format_args!("impl {} {{", ["Tcp", "Udp", "Sctp", "Dccp"][proto.index()]));
        for c in plan.constants.iter().filter(|c| c.proto == proto) {
            let (start, end) = c.ports[0];
            out.doc(&doc(c));
            if start == end {
                out.line(format_args!("pub const {}: u16 = {start};", c.ident));
            } else {
                out.line(format_args!(
                    "pub const {}: crate::PortRange = crate::PortRange {{ start: {start}, end: {end} }};",
                    c.ident
                ));
            }
        }
        out.line(format_args!("}}"));
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::shipped_registry as shipped;

    #[test]
    fn identifier_rule() {
        let cases = [
            ("https", "HTTPS"),
            ("matrix-fed", "MATRIX_FED"),
            ("BESApi", "BESAPI"),
            ("9pfs", "_9PFS"),
            ("914c/g", "_914C_G"),
            ("3Com-nsd", "_3COM_NSD"),
            ("whois++", "WHOIS_PLUS_PLUS"),
            ("a+b", "A_PLUS_B"),
            ("surplusx", "SURPLUSX"),
            ("+a", "PLUS_A"),
            ("sql*net", "SQL_NET"),
            ("z39.50", "Z39_50"),
            ("cl/1", "CL_1"),
            ("novell-lu6.2", "NOVELL_LU6_2"),
            ("dec_dlm", "DEC_DLM"),
            ("two  words", "TWO_WORDS"),
            ("-x-", "X"),
        ];
        for (name, want) in cases {
            assert_eq!(ident(name).as_deref(), Some(want), "{name}");
        }
        assert_eq!(ident("-._"), None);
    }

    #[test]
    fn rfc6335_syntax() {
        assert!(well_formed("dec-dlm") && well_formed("BESApi") && well_formed("9pfs"));
        assert!(!well_formed("dec_dlm") && !well_formed("z39.50") && !well_formed("a--b"));
        assert!(!well_formed("-a") && !well_formed("123") && !well_formed("sixteen-letters1"));
    }

    #[test]
    fn every_identifier_parses() {
        let plan = plan(&shipped());
        assert!(plan.constants.len() > 11_000, "{}", plan.constants.len());
        for c in &plan.constants {
            let parsed: syn::Ident = syn::parse_str(&c.ident).unwrap_or_else(|e| panic!("{}: {e}", c.ident));
            assert_eq!(parsed, c.ident);
        }
        // No protocol has one identifier twice.
        for pair in plan.constants.windows(2) {
            assert!((pair[0].proto, &pair[0].ident) != (pair[1].proto, &pair[1].ident), "{}", pair[0].ident);
        }
    }

    #[test]
    fn the_generated_source_parses() {
        let file = syn::parse_file(&emit(&plan(&shipped()))).unwrap();
        assert_eq!(file.items.len(), 4); // four impls
    }

    #[test]
    fn values_and_docs() {
        let plan = plan(&shipped());
        let find = |p: Proto, id: &str| plan.constants.iter().find(|c| c.proto == p && c.ident == id).unwrap();
        assert_eq!(find(Proto::Tcp, "HTTPS").ports[0], (443, 443));
        assert_eq!(find(Proto::Udp, "DOMAIN").ports[0], (53, 53));
        assert_eq!(find(Proto::Tcp, "X11").ports[0], (6000, 6063));
        assert_eq!(find(Proto::Dccp, "ACTIVE_NET").ports[0], (3322, 3325)); // no protocol: all four
        assert_eq!(doc(find(Proto::Tcp, "HTTPS")), "`https`, 443/tcp: http protocol over TLS/SSL.");
        assert_eq!(
            doc(find(Proto::Tcp, "MSP")),
            "`msp`, 18/tcp: Message Send Protocol (historic).\n\nThe first of 2 registrations of `msp` on tcp, as `iana_ports::port` answers; also 2438."
        );
        assert_eq!(doc(find(Proto::Tcp, "X11")), "`x11`, 6000-6063/tcp: X Window System.");
        assert_eq!(
            doc(find(Proto::Tcp, "WHOIS_PLUS_PLUS")),
            "`whois++`, 63/tcp: whois++. Historic alias of `whoispp`."
        );
        assert_eq!(doc_text("a <b> [c]_*\n d"), "a \\<b\\> \\[c\\]\\_\\* d");
    }

    /// Every identifier collision of the shipped snapshot: (identifier,
    /// winner, loser). Each loser is a historic alias of its winner.
    const COLLISIONS: &[(&str, &str, &str)] = &[
        ("ACMAINT_DBD", "acmaint-dbd", "acmaint_dbd"),
        ("ACMAINT_TRANSD", "acmaint-transd", "acmaint_transd"),
        ("ATEX_ELMD", "atex-elmd", "atex_elmd"),
        ("AVANTI_CDP", "avanti-cdp", "avanti_cdp"),
        ("BADM_PRIV", "badm-priv", "badm_priv"),
        ("BADM_PUB", "badm-pub", "badm_pub"),
        ("BDIR_PRIV", "bdir-priv", "bdir_priv"),
        ("BDIR_PUB", "bdir-pub", "bdir_pub"),
        ("BMC_CTD_LDAP", "bmc-ctd-ldap", "bmc_ctd_ldap"),
        ("BMC_PATROLDB", "bmc-patroldb", "bmc_patroldb"),
        ("BOKS_CLNTD", "boks-clntd", "boks_clntd"),
        ("BOKS_SERVC", "boks-servc", "boks_servc"),
        ("BOKS_SERVM", "boks-servm", "boks_servm"),
        ("BROKER_SERVICE", "broker-service", "broker_service"),
        ("BUES_SERVICE", "bues-service", "bues_service"),
        ("CANIT_STORE", "canit-store", "canit_store"),
        ("CEDROS_FDS", "cedros-fds", "cedros_fds"),
        ("CL_1", "cl-1", "cl/1"),
        ("CONTAMAC_ICM", "contamac-icm", "contamac_icm"),
        ("COREL_VNCADMIN", "corel-vncadmin", "corel_vncadmin"),
        ("CSC_PROXY", "csc-proxy", "csc_proxy"),
        ("CVC_HOSTD", "cvc-hostd", "cvc_hostd"),
        ("DBCONTROL_AGENT", "dbcontrol-agent", "dbcontrol_agent"),
        ("DEC_DLM", "dec-dlm", "dec_dlm"),
        ("DL_AGENT", "dl-agent", "dl_agent"),
        ("DOCUMENTUM_S", "documentum-s", "documentum_s"),
        ("DSMETER_IATC", "dsmeter-iatc", "dsmeter_iatc"),
        ("DSX_MONITOR", "dsx-monitor", "dsx_monitor"),
        ("ELPRO_TUNNEL", "elpro-tunnel", "elpro_tunnel"),
        ("ELVIN_CLIENT", "elvin-client", "elvin_client"),
        ("ELVIN_SERVER", "elvin-server", "elvin_server"),
        ("ENCRYPTED_ADMIN", "encrypted-admin", "encrypted_admin"),
        ("ERUNBOOK_AGENT", "erunbook-agent", "erunbook_agent"),
        ("ERUNBOOK_SERVER", "erunbook-server", "erunbook_server"),
        ("ESRI_SDE", "esri-sde", "esri_sde"),
        ("ETHERNET_IP_1", "EtherNet-IP-1", "EtherNet/IP-1"),
        ("ETHERNET_IP_2", "EtherNet-IP-2", "EtherNet/IP-2"),
        ("EVENT_LISTENER", "event-listener", "event_listener"),
        ("FLR_AGENT", "flr-agent", "flr_agent"),
        ("GDS_DB", "gds-db", "gds_db"),
        ("IBM_WRLESS_LAN", "ibm-wrless-lan", "ibm_wrless_lan"),
        ("ICEEDCP_RX", "iceedcp-rx", "iceedcp_rx"),
        ("ICEEDCP_TX", "iceedcp-tx", "iceedcp_tx"),
        ("ICLCNET_SVINFO", "iclcnet-svinfo", "iclcnet_svinfo"),
        ("IDIG_MUX", "idig-mux", "idig_mux"),
        ("IFE_ICORP", "ife-icorp", "ife_icorp"),
        ("INSTL_BOOTC", "instl-bootc", "instl_bootc"),
        ("INSTL_BOOTS", "instl-boots", "instl_boots"),
        ("INTEL_RCI", "intel-rci", "intel_rci"),
        ("INTERHDL_ELMD", "interhdl-elmd", "interhdl_elmd"),
        ("LAN900_REMOTE", "lan900-remote", "lan900_remote"),
        ("LIEBDEVMGMT_A", "LiebDevMgmt-A", "LiebDevMgmt_A"),
        ("LIEBDEVMGMT_C", "LiebDevMgmt-C", "LiebDevMgmt_C"),
        ("LIEBDEVMGMT_DM", "LiebDevMgmt-DM", "LiebDevMgmt_DM"),
        ("MAPPER_WS_ETHD", "mapper-ws-ethd", "mapper-ws_ethd"),
        ("MATRIX_VNET", "matrix-vnet", "matrix_vnet"),
        ("MDBS_DAEMON", "mdbs-daemon", "mdbs_daemon"),
        ("MENANDMICE_NOH", "menandmice-noh", "menandmice_noh"),
        ("MSL_LMD", "msl-lmd", "msl_lmd"),
        ("NBURN_ID", "nburn-id", "nburn_id"),
        ("NCR_CCL", "ncr-ccl", "ncr_ccl"),
        ("NDS_SSO", "nds-sso", "nds_sso"),
        ("NETMAP_LM", "netmap-lm", "netmap_lm"),
        ("NMS_TOPO_SERV", "nms-topo-serv", "nms_topo_serv"),
        ("NOTIFY_SRVR", "notify-srvr", "notify_srvr"),
        ("NOVELL_LU6_2", "novell-lu6-2", "novell-lu6.2"),
        ("NUTS_BOOTP", "nuts-bootp", "nuts_bootp"),
        ("NUTS_DEM", "nuts-dem", "nuts_dem"),
        ("OCS_AMU", "ocs-amu", "ocs_amu"),
        ("OCS_CMU", "ocs-cmu", "ocs_cmu"),
        ("PIPE_SERVER", "pipe-server", "pipe_server"),
        ("PRA_ELMD", "pra-elmd", "pra_elmd"),
        ("PRINTER_AGENT", "printer-agent", "printer_agent"),
        ("REDSTORM_DIAG", "redstorm-diag", "redstorm_diag"),
        ("REDSTORM_FIND", "redstorm-find", "redstorm_find"),
        ("REDSTORM_INFO", "redstorm-info", "redstorm_info"),
        ("REDSTORM_JOIN", "redstorm-join", "redstorm_join"),
        ("RESOURCE_MGR", "resource-mgr", "resource_mgr"),
        ("RMONITOR_SECURE", "rmonitor-secure", "rmonitor_secure"),
        ("RSVP_TUNNEL", "rsvp-tunnel", "rsvp_tunnel"),
        ("SGE_EXECD", "sge-execd", "sge_execd"),
        ("SGE_QMASTER", "sge-qmaster", "sge_qmaster"),
        ("SHIVA_CONFSRVR", "shiva-confsrvr", "shiva_confsrvr"),
        ("SQL_NET", "sql-net", "sql*net"),
        ("SRVC_REGISTRY", "srvc-registry", "srvc_registry"),
        ("STM_PPROC", "stm-pproc", "stm_pproc"),
        ("SUBNTBCST_TFTP", "subntbcst-tftp", "subntbcst_tftp"),
        ("UDT_OS", "udt-os", "udt_os"),
        ("UNIVERSE_SUITE", "universe-suite", "universe_suite"),
        ("VERITAS_PBX", "veritas-pbx", "veritas_pbx"),
        ("VISION_ELMD", "vision-elmd", "vision_elmd"),
        ("VISION_SERVER", "vision-server", "vision_server"),
        ("WRS_REGISTRY", "wrs-registry", "wrs_registry"),
        ("Z39_50", "z39-50", "z39.50"),
        ("_914C_G", "914c-g", "914c/g"),
    ];

    #[test]
    fn every_collision() {
        let registry = shipped();
        let plan = plan(&registry);
        let found: Vec<(&str, &str, &str)> = plan
            .collisions
            .iter()
            .flat_map(|c| c.losers.iter().map(move |l| (c.ident.as_str(), c.winner.as_str(), l.as_str())))
            .collect();
        assert_eq!(found, COLLISIONS);
        // Each loser is an alias of its winner: nothing unreachable but by string.
        for (_, winner, loser) in COLLISIONS {
            let row = registry.rows.iter().find(|r| r.name.as_deref() == Some(loser)).unwrap();
            assert_eq!(row.alias_of.as_deref(), Some(*winner), "{loser}");
        }
    }

    #[test]
    fn hints_point_from_unported_to_ported_names() {
        let plan = plan(&shipped());
        let ported = |n: &str| plan.ported.iter().any(|p| p.name.eq_ignore_ascii_case(n));
        for (from, to) in crate::hints::HINTS {
            assert!(!ported(from), "{from} is registered with a port");
            assert!(ported(to), "{to} has no port");
        }
        assert!(plan.portless.contains(&"rdp".to_owned()));
        assert!(crate::hints::HINTS.windows(2).all(|w| w[0].0 < w[1].0), "keep HINTS sorted");
    }
}
