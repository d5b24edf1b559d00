//! Names people type that the registry spells otherwise, each with the
//! registered name meant. `port!` offers the right one first (`dns` →
//! `domain`), and so do `iana-ports` and the run-time suggestions.
//!
//! Two sources, both checked against the shipped snapshot by the tests
//! below and in `constants`:
//! - [`NETBASE`]: a real comparison. Debian's `netbase` 6.4 `/etc/services`
//!   (the file most Linux machines have) was compared with the registry by
//!   `iana-ports diff /etc/services` (registry snapshot of 2026-02-13). Kept: every name or alias that file has and the
//!   registry does not have with a port, where the registry's service on the
//!   same port and protocol is the same service: aliases of a registered
//!   name on that line ([`NETBASE`]'s first part) and older spellings of a
//!   registered name ([`NETBASE`]'s second part: `whois` is `nicname`,
//!   `x11-1` is `x11`). Left out: names of other software the file puts on
//!   ports the registry gives to someone else (`zebra` 2601/tcp is
//!   `discp-client`), and names the registry has on another port (`dicom`).
//! - Common names from elsewhere ([`COMMON`]): product and protocol names
//!   people type (`rdp`, `vnc`, `mssql`).
//!
//! The table is data only; `constants` writes it into the runtime crate.

/// One name Debian's netbase 6.4 `/etc/services` has and the registry
/// lacks: `(name, registered name, port/protocol where netbase has it and the
/// registry has the registered name)`.
pub const NETBASE: &[(&str, &str, &str)] = &[
    // Aliases netbase gives on a registered name's line.
    ("authentication", "auth", "113/tcp"),
    ("cmd", "shell", "514/tcp"),
    ("jabber-client", "xmpp-client", "5222/tcp"),
    ("jabber-server", "xmpp-server", "5269/tcp"),
    ("kerberos-sec", "kerberos", "88/tcp"),
    ("kerberos5", "kerberos", "88/tcp"),
    ("krb5", "kerberos", "88/tcp"),
    ("krcmd", "kshell", "544/tcp"),
    ("loc-srv", "epmap", "135/tcp"),
    ("lotusnotes", "lotusnote", "1352/tcp"),
    ("lrrd", "munin", "4949/tcp"),
    ("mail", "smtp", "25/tcp"),
    ("null", "discard", "9/tcp"),
    ("old-radacct", "sa-msg-port", "1646/tcp"),
    ("pop-3", "pop3", "110/tcp"),
    ("portmapper", "sunrpc", "111/tcp"),
    ("postgres", "postgresql", "5432/tcp"),
    ("quote", "qotd", "17/tcp"),
    ("radacct", "radius-acct", "1813/tcp"),
    ("readnews", "nntp", "119/tcp"),
    ("rptp", "freeciv", "5556/tcp"),
    ("sane", "sane-port", "6566/tcp"),
    ("saned", "sane-port", "6566/tcp"),
    ("sink", "discard", "9/tcp"),
    ("smtps", "submissions", "465/tcp"),
    ("snntp", "nntps", "563/tcp"),
    ("source", "chargen", "19/tcp"),
    ("spooler", "printer", "515/tcp"),
    ("ssmtp", "submissions", "465/tcp"),
    ("subversion", "svn", "3690/tcp"),
    ("tap", "auth", "113/tcp"),
    ("timserver", "time", "37/tcp"),
    ("tsap", "iso-tsap", "102/tcp"),
    ("ttytst", "chargen", "19/tcp"),
    ("untp", "nntp", "119/tcp"),
    ("users", "systat", "11/tcp"),
    ("uucpd", "uucp", "540/tcp"),
    ("webcache", "http-alt", "8080/tcp"),
    ("whod", "who", "513/udp"),
    ("x11-0", "x11", "6000/tcp"),
    ("xfs", "font-service", "7100/tcp"),
    // Older spellings: netbase's name for the service the registry has there.
    ("imap2", "imap", "143/tcp"),
    ("kdc", "kerberos-iv", "750/udp"),
    ("kerberos4", "kerberos-iv", "750/udp"),
    ("route", "router", "520/udp"),
    ("routed", "router", "520/udp"),
    ("sip-tls", "sips", "5061/tcp"),
    ("snmp-trap", "snmptrap", "162/tcp"),
    ("whois", "nicname", "43/tcp"),
    ("x11-1", "x11", "6001/tcp"),
    ("x11-2", "x11", "6002/tcp"),
    ("x11-3", "x11", "6003/tcp"),
    ("x11-4", "x11", "6004/tcp"),
    ("x11-5", "x11", "6005/tcp"),
    ("x11-6", "x11", "6006/tcp"),
    ("x11-7", "x11", "6007/tcp"),
    ("z3950", "z39-50", "210/tcp"),
];

/// Common names that are not IANA's and not in netbase's file:
/// `(name, registered name)`.
pub const COMMON: &[(&str, &str)] = &[
    ("cups", "ipp"),
    ("cvs", "cvspserver"),
    ("dhcp", "bootps"),
    ("dns", "domain"),
    ("http-proxy", "http-alt"),
    ("ircs", "ircs-u"),
    ("jabber", "xmpp-client"),
    ("lpd", "printer"),
    ("memcached", "memcache"),
    ("mongo", "mongodb"),
    ("mqtts", "secure-mqtt"),
    ("mssql", "ms-sql-s"),
    ("netbios", "netbios-ns"),
    ("pg", "postgresql"),
    ("rdp", "ms-wbt-server"),
    ("smb", "microsoft-ds"),
    ("vnc", "rfb"),
    ("xmpp", "xmpp-client"),
];

/// Every hint, [`NETBASE`] and [`COMMON`] together, sorted by name (the
/// `port!` engine scans it in `const`).
pub const HINTS: &[(&str, &str)] = &[
    ("authentication", "auth"),
    ("cmd", "shell"),
    ("cups", "ipp"),
    ("cvs", "cvspserver"),
    ("dhcp", "bootps"),
    ("dns", "domain"),
    ("http-proxy", "http-alt"),
    ("imap2", "imap"),
    ("ircs", "ircs-u"),
    ("jabber", "xmpp-client"),
    ("jabber-client", "xmpp-client"),
    ("jabber-server", "xmpp-server"),
    ("kdc", "kerberos-iv"),
    ("kerberos-sec", "kerberos"),
    ("kerberos4", "kerberos-iv"),
    ("kerberos5", "kerberos"),
    ("krb5", "kerberos"),
    ("krcmd", "kshell"),
    ("loc-srv", "epmap"),
    ("lotusnotes", "lotusnote"),
    ("lpd", "printer"),
    ("lrrd", "munin"),
    ("mail", "smtp"),
    ("memcached", "memcache"),
    ("mongo", "mongodb"),
    ("mqtts", "secure-mqtt"),
    ("mssql", "ms-sql-s"),
    ("netbios", "netbios-ns"),
    ("null", "discard"),
    ("old-radacct", "sa-msg-port"),
    ("pg", "postgresql"),
    ("pop-3", "pop3"),
    ("portmapper", "sunrpc"),
    ("postgres", "postgresql"),
    ("quote", "qotd"),
    ("radacct", "radius-acct"),
    ("rdp", "ms-wbt-server"),
    ("readnews", "nntp"),
    ("route", "router"),
    ("routed", "router"),
    ("rptp", "freeciv"),
    ("sane", "sane-port"),
    ("saned", "sane-port"),
    ("sink", "discard"),
    ("sip-tls", "sips"),
    ("smb", "microsoft-ds"),
    ("smtps", "submissions"),
    ("snmp-trap", "snmptrap"),
    ("snntp", "nntps"),
    ("source", "chargen"),
    ("spooler", "printer"),
    ("ssmtp", "submissions"),
    ("subversion", "svn"),
    ("tap", "auth"),
    ("timserver", "time"),
    ("tsap", "iso-tsap"),
    ("ttytst", "chargen"),
    ("untp", "nntp"),
    ("users", "systat"),
    ("uucpd", "uucp"),
    ("vnc", "rfb"),
    ("webcache", "http-alt"),
    ("whod", "who"),
    ("whois", "nicname"),
    ("x11-0", "x11"),
    ("x11-1", "x11"),
    ("x11-2", "x11"),
    ("x11-3", "x11"),
    ("x11-4", "x11"),
    ("x11-5", "x11"),
    ("x11-6", "x11"),
    ("x11-7", "x11"),
    ("xfs", "font-service"),
    ("xmpp", "xmpp-client"),
    ("z3950", "z39-50"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Proto;

    use crate::shipped_registry as shipped;

    #[test]
    fn hints_is_netbase_and_common_sorted() {
        let mut all: Vec<(&str, &str)> =
            NETBASE.iter().map(|&(f, t, _)| (f, t)).chain(COMMON.iter().copied()).collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all, HINTS, "HINTS must be exactly NETBASE and COMMON, sorted");
        assert!(HINTS.windows(2).all(|w| w[0].0 < w[1].0), "one hint per name");
    }

    /// The comparison as recorded: on the port and protocol where netbase
    /// has the name, the registry has the hinted service and not the name.
    #[test]
    fn netbase_hints_match_the_registry_on_their_port() {
        let registry = shipped();
        for &(from, to, at) in NETBASE {
            let (port, proto) = at.split_once('/').unwrap();
            let port: u16 = port.parse().unwrap();
            let proto = Proto::ALL.into_iter().find(|p| p.as_str() == proto).unwrap();
            let names: Vec<&str> =
                registry.rows.iter().filter(|r| r.covers(port, proto)).filter_map(|r| r.name.as_deref()).collect();
            assert!(names.iter().any(|n| n.eq_ignore_ascii_case(to)), "{to} is not on {at}: {names:?}");
            assert!(!names.iter().any(|n| n.eq_ignore_ascii_case(from)), "{from} is registered on {at}");
        }
    }
}
