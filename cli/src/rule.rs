//! `iana-ports rule`: firewall rules (nft, iptables-restore, firewalld, pf)
//! that accept the ports port specs name.
//!
//! The specs are read by [`PortSpec`] and resolved by [`PortSpec::resolve`];
//! per protocol the ranges are sorted and merged (overlapping and adjacent
//! ones become one), so `5060-5061 sips/tcp` gives one tcp range 5060-5061.
//! The output holds numbers only, never names, so no firewall's own name
//! list (nft's built-in one, `/etc/services`) can read them otherwise; each
//! rule carries a comment naming the specs it came from.
//!
//! ```
//! use iana_ports_cli::rule::Ports;
//! let ports = Ports::parse(&["ssh/tcp", "x11/udp"]).unwrap();
//! assert_eq!(ports.pf(), "\
//! ## iana-ports rule --format pf ssh/tcp x11/udp
//! pass in proto tcp to port { 22 }  # ssh/tcp
//! pass in proto udp to port { 6000:6063 }  # x11/udp
//! ");
//! ```

use core::fmt::Write as _;
use std::collections::HashMap;

use iana_ports::{PortRange, PortSpec, Protocol, SpecError};
use serde_json::{Value, json};

use crate::streams::{Streams, TROUBLE};

/// The longest comment nft stores on a rule (`NFTNL_UDATA_COMMENT_MAXLEN`).
pub const NFT_COMMENT_MAX: usize = 128;
/// The longest comment iptables' `comment` match takes (`XT_MAX_COMMENT_LEN`
/// less its NUL).
pub const IPTABLES_COMMENT_MAX: usize = 255;
/// How many ports one iptables `multiport` match takes (`XT_MULTI_PORTS`);
/// a range counts as two.
pub const MULTIPORT_MAX: usize = 15;

/// One merged range of one protocol and the specs that gave ports in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedRange {
    /// The ports, inclusive.
    pub range: PortRange,
    /// Indices into [`Ports::specs`], ascending, each once.
    pub specs: Vec<usize>,
}

impl MergedRange {
    /// How many of multiport's 15 slots the range takes: one port 1, a range 2.
    pub fn multiport_slots(&self) -> usize {
        if self.range.is_single() { 1 } else { 2 }
    }
}

/// The merged ranges of one protocol, sorted, none overlapping or adjacent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtocolSet {
    /// The protocol.
    pub protocol: Protocol,
    /// Sorted by start; between two of them at least one port is left out.
    pub ranges: Vec<MergedRange>,
}

/// The ports a list of specs resolves to, merged per protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ports {
    /// The specs in their normalised form (`PortSpec`'s `Display`), in the
    /// order given, each once.
    pub specs: Vec<String>,
    /// One set per protocol that has ports, in the order tcp, udp, sctp, dccp.
    pub sets: Vec<ProtocolSet>,
}

/// The nft table, chain and family (`--table`, `--chain`, `--family`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NftTarget {
    /// `inet`, `ip` or `ip6`.
    pub family: Family,
    /// The table's name.
    pub table: String,
    /// The chain's name; a base chain on the input hook.
    pub chain: String,
}

/// An nft address family the rules can be written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Family {
    /// IPv4 and IPv6.
    Inet,
    /// IPv4 only.
    Ip,
    /// IPv6 only.
    Ip6,
}

impl Family {
    /// nft's keyword.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Inet => "inet",
            Family::Ip => "ip",
            Family::Ip6 => "ip6",
        }
    }
}

impl Default for NftTarget {
    fn default() -> NftTarget {
        NftTarget { family: Family::Inet, table: "iana_ports".into(), chain: "input".into() }
    }
}

impl Ports {
    /// Parses every spec; the first refused one is the error (with its
    /// suggestions, as [`SpecError`]'s `Display` gives them).
    ///
    /// ```
    /// use iana_ports_cli::rule::Ports;
    /// let err = Ports::parse(&["ssh", "htps/tcp"]).unwrap_err();
    /// assert_eq!(err.suggestions().next().unwrap().name(), "https");
    /// ```
    pub fn parse<S: AsRef<str>>(texts: &[S]) -> Result<Ports, SpecError> {
        let specs = texts.iter().map(|t| PortSpec::parse(t.as_ref())).collect::<Result<Vec<_>, _>>()?;
        Ok(Ports::of(&specs))
    }

    /// Resolves and merges `specs` (a spec given twice counts once).
    ///
    /// ```
    /// use iana_ports::{PortRange, PortSpec, Protocol};
    /// use iana_ports_cli::rule::Ports;
    /// let specs = ["5060-5061", "sips/tcp"].map(|s| PortSpec::parse(s).unwrap());
    /// let ports = Ports::of(&specs);
    /// assert_eq!(ports.sets[0].protocol, Protocol::Tcp);
    /// assert_eq!(ports.sets[0].ranges[0].range, PortRange { start: 5060, end: 5061 });
    /// assert_eq!(ports.sets[0].ranges[0].specs, [0, 1]);
    /// ```
    pub fn of(specs: &[PortSpec]) -> Ports {
        // Linear in the number of specs and entries, however many are given.
        let mut names: Vec<String> = Vec::new();
        let mut index_of: HashMap<String, usize> = HashMap::new();
        let mut entries: Vec<(Protocol, PortRange, usize)> = Vec::new();
        for spec in specs {
            let name = spec.to_string();
            let index = *index_of.entry(name.clone()).or_insert_with(|| {
                names.push(name);
                names.len() - 1
            });
            entries.extend(spec.resolve().map(|(protocol, range)| (protocol, range, index)));
        }
        entries.sort_by_key(|&(protocol, range, index)| (protocol, range.start, range.end, index));
        let mut sets: Vec<ProtocolSet> = Vec::new();
        for (protocol, range, index) in entries {
            if sets.last().is_none_or(|s| s.protocol != protocol) {
                sets.push(ProtocolSet { protocol, ranges: Vec::new() });
            }
            let ranges = &mut sets.last_mut().expect("pushed above").ranges;
            match ranges.last_mut() {
                // Overlapping or adjacent (u32: 65535 + 1 does not wrap).
                Some(last) if u32::from(range.start) <= u32::from(last.range.end) + 1 => {
                    last.range.end = last.range.end.max(range.end);
                    last.specs.push(index);
                }
                _ => ranges.push(MergedRange { range, specs: vec![index] }),
            }
        }
        for merged in sets.iter_mut().flat_map(|s| s.ranges.iter_mut()) {
            merged.specs.sort_unstable();
            merged.specs.dedup();
        }
        Ports { specs: names, sets }
    }

    /// The specs that gave ports to `ranges`, in the order given, joined
    /// by `, ` and cut at a spec (`… and N more`) to fit `max` bytes.
    fn comment<'a>(&self, ranges: impl IntoIterator<Item = &'a MergedRange>, max: usize) -> String {
        let mut indices: Vec<usize> = ranges.into_iter().flat_map(|r| r.specs.iter().copied()).collect();
        indices.sort_unstable();
        indices.dedup();
        let names: Vec<String> = indices.iter().map(|&i| comment_safe(&self.specs[i])).collect();
        // `joined[k]`: the length of the first k names joined by `, `.
        let mut joined = vec![0];
        for (k, name) in names.iter().enumerate() {
            joined.push(joined[k] + name.len() + if k == 0 { 0 } else { 2 });
        }
        if joined[names.len()] <= max {
            return names.join(", ");
        }
        // Keep as many specs as fit beside the count of those left out.
        let kept = (0..names.len())
            .rev()
            .find(|&k| joined[k] + format!(" and {} more", names.len() - k).len() <= max)
            .unwrap_or(0);
        format!("{} and {} more", names[..kept].join(", "), names.len() - kept)
    }

    /// The first line of every format: the command that makes the file
    /// (`options`: those given other than their defaults, each with a
    /// trailing space).
    fn header(&self, format: &str, options: &str) -> String {
        format!(
            "# iana-ports rule --format {format} {options}{}\n",
            self.specs.iter().map(|s| comment_safe(s)).collect::<Vec<_>>().join(" ")
        )
    }

    /// An nft file (`nft -f`): a table with a base chain on the input hook
    /// and, per protocol, one rule matching an anonymous interval set.
    /// The chain's policy is left as it is (accept for a new chain).
    ///
    /// ```
    /// use iana_ports_cli::rule::{NftTarget, Ports};
    /// let nft = Ports::parse(&["x11/udp"]).unwrap().nft(&NftTarget::default());
    /// assert!(nft.contains("\t\tudp dport { 6000-6063 } accept comment \"x11/udp\"\n"));
    /// ```
    pub fn nft(&self, target: &NftTarget) -> String {
        let (family, table, chain) = (target.family.as_str(), &target.table, &target.chain);
        let defaults = NftTarget::default();
        let mut options = String::new();
        for (given, default, option) in [
            (family, defaults.family.as_str(), "family"),
            (table, &defaults.table, "table"),
            (chain, &defaults.chain, "chain"),
        ] {
            if given != default {
                let _ = write!(options, "--{option} {given} ");
            }
        }
        let mut out = self.header("nft", &options);
        let _ = writeln!(out, "table {family} {table} {{");
        let _ = writeln!(out, "\tchain {chain} {{");
        out.push_str("\t\ttype filter hook input priority filter;\n");
        for set in &self.sets {
            let elements: Vec<String> = set.ranges.iter().map(|r| range_text(r.range, '-')).collect();
            let _ = writeln!(
                out,
                "\t\t{} dport {{ {} }} accept comment \"{}\"",
                set.protocol,
                elements.join(", "),
                self.comment(&set.ranges, NFT_COMMENT_MAX)
            );
        }
        out.push_str("\t}\n}\n");
        out
    }

    /// An `iptables-restore` file that `ip6tables-restore` takes too: a
    /// `*filter` table, `multiport` rules of at most 15 ports (a range counts
    /// as two) with a `comment` each, `COMMIT`. A chain other than INPUT,
    /// FORWARD or OUTPUT is declared, which creates it, or empties it when
    /// it exists, so loading again replaces its rules; built-in chains keep
    /// their policy and rules (with `iptables-restore -n`).
    ///
    /// ```
    /// use iana_ports_cli::rule::Ports;
    /// let text = Ports::parse(&["x11/udp"]).unwrap().iptables("INPUT");
    /// assert!(text.contains("\n-A INPUT -p udp -m multiport --dports 6000:6063 -m comment --comment \"x11/udp\" -j ACCEPT\n"));
    /// ```
    pub fn iptables(&self, chain: &str) -> String {
        let options = if chain == "INPUT" { String::new() } else { format!("--chain {chain} ") };
        let mut out = self.header("iptables", &options);
        out.push_str("*filter\n");
        if !matches!(chain, "INPUT" | "FORWARD" | "OUTPUT") {
            let _ = writeln!(out, ":{chain} - [0:0]");
        }
        for set in &self.sets {
            for chunk in multiport_chunks(&set.ranges) {
                let ports: Vec<String> = chunk.iter().map(|r| range_text(r.range, ':')).collect();
                let _ = writeln!(
                    out,
                    "-A {chain} -p {} -m multiport --dports {} -m comment --comment \"{}\" -j ACCEPT",
                    set.protocol,
                    ports.join(","),
                    self.comment(chunk, IPTABLES_COMMENT_MAX)
                );
            }
        }
        out.push_str("COMMIT\n");
        out
    }

    /// A firewalld service (`/etc/firewalld/services/NAME.xml`): `<short>`,
    /// `<description>`, and one `<port>` per merged range, each after an
    /// XML comment naming its specs.
    ///
    /// ```
    /// use iana_ports_cli::rule::Ports;
    /// let xml = Ports::parse(&["x11/udp"]).unwrap().firewalld();
    /// assert!(xml.contains("  <!-- x11/udp -->\n  <port protocol=\"udp\" port=\"6000-6063\"/>\n"));
    /// ```
    pub fn firewalld(&self) -> String {
        let specs = xml_escape(&self.specs.join(", "));
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        // `--` may not appear in an XML comment: `-f`, not `--format`.
        let made_by = self.header("firewalld", "").replace("--format", "-f").replace("--", "- -");
        let _ = writeln!(out, "<!-- {} -->", made_by.trim_start_matches("# ").trim_end());
        out.push_str("<service>\n");
        let _ = writeln!(out, "  <short>{specs}</short>");
        let _ = writeln!(
            out,
            "  <description>Ports of {specs} in the IANA Service Name and Transport Protocol Port Number \
             Registry.</description>"
        );
        for set in &self.sets {
            for r in &set.ranges {
                let _ = writeln!(out, "  <!-- {} -->", self.comment([r], usize::MAX).replace("--", "- -"));
                let _ = writeln!(out, "  <port protocol=\"{}\" port=\"{}\"/>", set.protocol, range_text(r.range, '-'));
            }
        }
        out.push_str("</service>\n");
        out
    }

    /// pf.conf lines: `pass in proto P to port { … }` with `a:b` ranges
    /// (pf's inclusive range) and a comment. pf matches ports on tcp and
    /// udp (FreeBSD's also on sctp, OpenBSD's not), so sctp and dccp rules
    /// are written commented out, saying why.
    ///
    /// ```
    /// use iana_ports_cli::rule::Ports;
    /// let pf = Ports::parse(&["ssh"]).unwrap().pf();
    /// assert!(pf.contains("\npass in proto udp to port { 22 }  # ssh\n"));
    /// assert!(pf.contains("\n# pass in proto sctp to port { 22 }  # ssh"));
    /// ```
    pub fn pf(&self) -> String {
        let mut out = self.header("pf", "");
        for set in &self.sets {
            let ports: Vec<String> = set.ranges.iter().map(|r| range_text(r.range, ':')).collect();
            let rule = format!("pass in proto {} to port {{ {} }}", set.protocol, ports.join(" "));
            let comment = self.comment(&set.ranges, usize::MAX);
            match set.protocol {
                Protocol::Tcp | Protocol::Udp => {
                    let _ = writeln!(out, "{rule}  # {comment}");
                }
                Protocol::Sctp => {
                    let _ =
                        writeln!(out, "# {rule}  # {comment} (FreeBSD 14 and later; OpenBSD's pf has no sctp ports)");
                }
                Protocol::Dccp => {
                    let _ = writeln!(out, "# {rule}  # {comment} (pf matches no dccp ports)");
                }
            }
        }
        out
    }

    /// The merged sets as JSON: `{"specs": [...], "sets": [{"protocol",
    /// "ranges": [{"start", "end", "specs"}]}]}`.
    ///
    /// ```
    /// use iana_ports_cli::rule::Ports;
    /// let v = Ports::parse(&["x11/udp"]).unwrap().json();
    /// assert_eq!(v["sets"][0]["ranges"][0]["end"], 6063);
    /// ```
    pub fn json(&self) -> Value {
        let sets: Vec<Value> = self
            .sets
            .iter()
            .map(|set| {
                let ranges: Vec<Value> = set
                    .ranges
                    .iter()
                    .map(|r| {
                        let specs: Vec<&str> = r.specs.iter().map(|&i| self.specs[i].as_str()).collect();
                        json!({ "start": r.range.start, "end": r.range.end, "specs": specs })
                    })
                    .collect();
                json!({ "protocol": set.protocol.as_str(), "ranges": ranges })
            })
            .collect();
        json!({ "specs": self.specs, "sets": sets })
    }
}

/// `ranges` cut into runs that fit one `multiport` match (15 slots).
pub fn multiport_chunks(ranges: &[MergedRange]) -> Vec<&[MergedRange]> {
    let mut chunks = Vec::new();
    let (mut start, mut slots) = (0, 0);
    for (i, r) in ranges.iter().enumerate() {
        if slots + r.multiport_slots() > MULTIPORT_MAX {
            chunks.push(&ranges[start..i]);
            (start, slots) = (i, 0);
        }
        slots += r.multiport_slots();
    }
    if start < ranges.len() {
        chunks.push(&ranges[start..]);
    }
    chunks
}

/// `22`, or `6000-6063` / `6000:6063` with `separator`.
fn range_text(range: PortRange, separator: char) -> String {
    match range.is_single() {
        true => range.start.to_string(),
        false => format!("{}{separator}{}", range.start, range.end),
    }
}

/// A spec as a comment may hold it in every format: printable ASCII without
/// quotes or backslashes (registry names have none; this only guards).
fn comment_safe(spec: &str) -> String {
    spec.chars().map(|c| if c.is_ascii_graphic() && !matches!(c, '"' | '\\' | '\'') { c } else { '?' }).collect()
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The output formats of `iana-ports rule`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An nft file (`nft -f FILE`).
    Nft,
    /// An iptables-restore file (`iptables-restore -n FILE`, `ip6tables-restore -n FILE`).
    Iptables,
    /// A firewalld service XML.
    Firewalld,
    /// pf.conf rules.
    Pf,
}

/// A name for `--table` and `--chain` that nft and iptables both take: a
/// letter or `_`, then letters, digits, `_` or `-`; 28 bytes at most
/// (iptables' limit for a chain).
///
/// ```
/// assert!(iana_ports_cli::rule::check_name("iana_ports").is_ok());
/// assert!(iana_ports_cli::rule::check_name("a b").is_err());
/// ```
pub fn check_name(name: &str) -> Result<String, String> {
    let b = name.as_bytes();
    let first_ok = b.first().is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_');
    let rest_ok = b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-'));
    match first_ok && rest_ok && b.len() <= 28 {
        true => Ok(name.to_owned()),
        false => Err("expected a letter or `_`, then letters, digits, `_` or `-`; 28 characters at most".into()),
    }
}

/// `iana-ports rule`'s options.
#[derive(Debug, Clone, clap::Args)]
#[command(long_about = LONG_ABOUT, after_long_help = AFTER_LONG_HELP, term_width = 0)]
pub struct RuleArgs {
    /// The firewall to write for.
    #[arg(short, long, value_enum, required_unless_present = "json")]
    pub format: Option<Format>,
    /// Print the merged port sets as JSON instead of rules.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// nft: the address family.
    #[arg(long, value_enum, default_value_t = Family::Inet)]
    pub family: Family,
    /// nft: the table's name.
    #[arg(long, value_name = "NAME", default_value = "iana_ports", value_parser = check_name)]
    pub table: String,
    /// nft: the chain's name (default input); iptables: the chain to append to (default INPUT).
    #[arg(long, value_name = "NAME", value_parser = check_name)]
    pub chain: Option<String>,
    /// PORT, START-END or NAME, each optionally /PROTO (tcp, udp, sctp, dccp).
    #[arg(value_name = "SPEC", required = true)]
    pub specs: Vec<String>,
}

const LONG_ABOUT: &str = "\
Write firewall rules that accept the ports SPECs name, for nft, iptables
(an iptables-restore file that ip6tables-restore takes too), firewalld (a
service XML) or pf. Each SPEC is PORT, START-END or NAME (a registered
service name, in any case), optionally /PROTO; a name means every port the
registry gives it on each protocol. Per protocol the ports are sorted and
merged (overlapping and adjacent ranges become one); the rules hold numbers
only, never names, and each carries a comment naming the specs it came
from. iptables' multiport takes 15 ports (a range counts as two): longer
lists are split over several rules. --json prints the merged sets.";

const AFTER_LONG_HELP: &str = include_str!("rule_examples.txt");

/// Runs `iana-ports rule`: the rules on stdout and status 0, or a message
/// on stderr, nothing on stdout and [`TROUBLE`] (2).
pub fn run(args: &RuleArgs, streams: &mut Streams) -> u8 {
    let ports = match Ports::parse(&args.specs) {
        Ok(ports) => ports,
        Err(e) => {
            streams.err(&format!("iana-ports: rule: {e}"));
            return TROUBLE;
        }
    };
    let nft_only = [(args.family != Family::Inet, "--family"), (args.table != "iana_ports", "--table")];
    if let Some((_, option)) = nft_only.iter().find(|(given, _)| *given).filter(|_| args.format != Some(Format::Nft)) {
        streams.err(&format!("iana-ports: rule: {option} is for --format nft only"));
        return TROUBLE;
    }
    if args.chain.is_some() && !matches!(args.format, Some(Format::Nft | Format::Iptables)) {
        streams.err("iana-ports: rule: --chain is for --format nft or iptables only");
        return TROUBLE;
    }
    let text = match args.format {
        None => {
            let mut text = serde_json::to_string_pretty(&ports.json()).unwrap_or_default();
            text.push('\n');
            text
        }
        Some(Format::Nft) => ports.nft(&NftTarget {
            family: args.family,
            table: args.table.clone(),
            chain: args.chain.clone().unwrap_or_else(|| "input".into()),
        }),
        Some(Format::Iptables) => ports.iptables(args.chain.as_deref().unwrap_or("INPUT")),
        Some(Format::Firewalld) => ports.firewalld(),
        Some(Format::Pf) => ports.pf(),
    };
    streams.out(&text);
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(start: u16, end: u16) -> PortRange {
        PortRange { start, end }
    }

    fn ranges(ports: &Ports, protocol: Protocol) -> Vec<(u16, u16)> {
        ports
            .sets
            .iter()
            .filter(|s| s.protocol == protocol)
            .flat_map(|s| s.ranges.iter().map(|m| (m.range.start, m.range.end)))
            .collect()
    }

    #[test]
    fn overlapping_and_adjacent_ranges_merge_per_protocol() {
        let ports =
            Ports::parse(&["10-20/tcp", "15-30/tcp", "31/tcp", "33/tcp", "21/udp", "65535/tcp", "65534/tcp"]).unwrap();
        assert_eq!(ranges(&ports, Protocol::Tcp), [(10, 31), (33, 33), (65534, 65535)]);
        assert_eq!(ranges(&ports, Protocol::Udp), [(21, 21)]);
        assert_eq!(ports.sets[0].ranges[0].specs, [0, 1, 2]);
        assert_eq!(ports.sets.iter().map(|s| s.protocol).collect::<Vec<_>>(), [Protocol::Tcp, Protocol::Udp]);
    }

    #[test]
    fn a_range_inside_another_keeps_the_outer_end() {
        let ports = Ports::parse(&["1-100/udp", "5-6/udp"]).unwrap();
        assert_eq!(ranges(&ports, Protocol::Udp), [(1, 100)]);
        assert_eq!(ports.sets[0].ranges[0].specs, [0, 1]);
    }

    #[test]
    fn the_issue_example_merges_sips_into_5060_5061() {
        let ports =
            Ports::parse(&["ssh", "x11/udp", "matrix-fed", "1900-1901/udp", "domain/tcp", "5060-5061", "sips/tcp"])
                .unwrap();
        assert_eq!(ranges(&ports, Protocol::Tcp), [(22, 22), (53, 53), (5060, 5061), (8448, 8448)]);
        assert_eq!(ranges(&ports, Protocol::Udp), [(22, 22), (1900, 1901), (5060, 5061), (6000, 6063)]);
        assert_eq!(ranges(&ports, Protocol::Sctp), [(22, 22), (5060, 5061)]);
        assert_eq!(ranges(&ports, Protocol::Dccp), [(5060, 5061)]);
        let sip = &ports.sets[0].ranges[2];
        assert_eq!(sip.specs.iter().map(|&i| ports.specs[i].as_str()).collect::<Vec<_>>(), ["5060-5061", "sips/tcp"]);
    }

    #[test]
    fn a_spec_given_twice_counts_once() {
        let ports = Ports::parse(&["SSH/tcp", "ssh/TCP"]).unwrap();
        assert_eq!(ports.specs, ["ssh/tcp"]);
        assert_eq!(ports.sets[0].ranges, [MergedRange { range: r(22, 22), specs: vec![0] }]);
    }

    #[test]
    fn multiport_takes_fifteen_slots_a_range_two() {
        let m = |start, end| MergedRange { range: r(start, end), specs: vec![0] };
        let singles: Vec<_> = (1..=16).map(|p| m(p * 2, p * 2)).collect();
        let sizes: Vec<usize> = multiport_chunks(&singles).iter().map(|c| c.len()).collect();
        assert_eq!(sizes, [15, 1]);
        // 7 ranges (14 slots), then a range does not fit but a port does.
        let mut mixed: Vec<_> = (1..=7).map(|p| m(p * 10, p * 10 + 1)).collect();
        mixed.push(m(100, 101));
        let sizes: Vec<usize> = multiport_chunks(&mixed).iter().map(|c| c.len()).collect();
        assert_eq!(sizes, [7, 1]);
        mixed.insert(7, m(90, 90));
        let sizes: Vec<usize> = multiport_chunks(&mixed).iter().map(|c| c.len()).collect();
        assert_eq!(sizes, [8, 1]);
        assert!(multiport_chunks(&[]).is_empty());
    }

    #[test]
    fn a_long_comment_is_cut_at_a_spec() {
        let specs: Vec<String> = (1000..1040).map(|p| format!("{p}/tcp")).collect();
        let ports = Ports::parse(&specs).unwrap();
        let comment = ports.comment(&ports.sets[0].ranges, NFT_COMMENT_MAX);
        assert!(comment.len() <= NFT_COMMENT_MAX, "{comment}");
        assert!(comment.starts_with("1000/tcp, 1001/tcp, ") && comment.ends_with(" more"), "{comment}");
        let kept = comment.matches("/tcp").count();
        assert!(comment.ends_with(&format!(" and {} more", 40 - kept)), "{comment}");
    }

    #[test]
    fn the_first_bad_spec_is_the_error() {
        let err = Ports::parse(&["ssh", "70000", "htps"]).unwrap_err();
        assert_eq!(err.input(), "70000");
    }

    #[test]
    fn the_header_names_the_options_given() {
        let ports = Ports::parse(&["ssh/tcp"]).unwrap();
        let target = NftTarget { family: Family::Ip6, chain: "in6".into(), ..NftTarget::default() };
        assert!(ports.nft(&target).starts_with("# iana-ports rule --format nft --family ip6 --chain in6 ssh/tcp\n"));
        assert!(ports.nft(&NftTarget::default()).starts_with("# iana-ports rule --format nft ssh/tcp\n"));
        assert!(
            ports
                .iptables("MINE")
                .starts_with("# iana-ports rule --format iptables --chain MINE ssh/tcp\n*filter\n:MINE - [0:0]\n")
        );
        assert!(ports.iptables("INPUT").starts_with("# iana-ports rule --format iptables ssh/tcp\n*filter\n-A INPUT "));
    }

    #[test]
    fn names_are_checked() {
        assert!(check_name("INPUT").is_ok());
        assert!(check_name("my-chain_2").is_ok());
        for bad in ["", "-x", "1abc", "a\"b", "a;b", "a b", &"x".repeat(29)] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn comments_hold_no_quotes() {
        assert_eq!(comment_safe("a\"b\\c d'é"), "a?b?c?d??");
        assert_eq!(xml_escape("<a&\"b\">"), "&lt;a&amp;&quot;b&quot;&gt;");
    }
}
