//! `--etc-services`: the registry as an `/etc/services` file (services(5))
//! that glibc's `nss_files` parser reads as intended.
//!
//! The rules (also in `cli/README.md`):
//! - Every row with a service name and a port gives one line per port (a
//!   range is expanded: `x11` 6000-6063 gives 64 lines per protocol) and
//!   per protocol, in registry order, so the first line for a port/protocol
//!   is [`iana_ports::service_name`]'s answer, as `getservbyport` returns
//!   the first match. A row without a protocol gives lines for tcp, udp,
//!   sctp and dccp (glibc takes any protocol word).
//! - A row that IANA's notes declare an alias of another name
//!   ([`iana_ports::Record::alias_of`]) on the same port and protocol
//!   becomes an alias on that name's line (`http 80/tcp www www-http`), as
//!   in the traditional file; any other name sharing a port gets its own
//!   line, with its own description.
//! - glibc compares names case-sensitively: a name with upper case
//!   (`BESApi`) also gets its lower-case form as an alias. (No two
//!   registry names collide when lower-cased.)
//! - glibc splits a line at whitespace and drops everything from a `#`:
//!   a name holding either cannot be written. Such rows are kept as
//!   comment lines starting `#!`, which every parser ignores.
//! - The description follows as a `#` comment, on one line.
//! - Port-less rows (DNS-SD names) and nameless rows (Reserved,
//!   Unassigned) have nothing to give and are left out.

use std::collections::HashMap;
use std::fmt::Write as _;

use iana_ports::{Protocol, Record};

/// Why glibc could not read `name` as a service name, if it could not.
pub fn glibc_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("empty name")
    } else if name.chars().any(char::is_whitespace) {
        Some("glibc splits fields at whitespace")
    } else if name.contains('#') {
        Some("glibc reads `#` as the start of a comment")
    } else if name.chars().any(char::is_control) {
        Some("control character")
    } else {
        None
    }
}

struct Line {
    name: &'static str,
    port: u16,
    proto: Protocol,
    aliases: Vec<String>,
    comment: String,
}

fn lower_alias(name: &str, aliases: &mut Vec<String>) {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        let lower = name.to_ascii_lowercase();
        if !aliases.contains(&lower) {
            aliases.push(lower);
        }
    }
}

/// Counts of what [`render`] wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Service lines.
    pub lines: usize,
    /// Names written as aliases of another name.
    pub merged_aliases: usize,
    /// Rows left as `#!` comments because glibc cannot read their name.
    pub commented_rows: usize,
}

/// The whole file.
pub fn render() -> (String, Stats) {
    let mut lines: Vec<Line> = Vec::new();
    // Entries written, (lower-cased name, port, protocol) -> line index.
    let mut index: HashMap<(String, u16, Protocol), usize> = HashMap::new();
    let mut stats = Stats::default();
    let mut skipped: Vec<(usize, String)> = Vec::new();
    for record in iana_ports::records() {
        let (Some(name), Some(range)) = (record.service_name(), record.ports()) else {
            continue;
        };
        let protos: Vec<Protocol> = record.protocol().map_or_else(|| Protocol::ALL.to_vec(), |p| vec![p]);
        if let Some(problem) = glibc_name_problem(name) {
            stats.commented_rows += 1;
            let protos: Vec<&str> = protos.iter().map(|p| p.as_str()).collect();
            skipped.push((
                lines.len(),
                format!(
                    "#! \"{}\" {range}/{} left out: {problem}. {}",
                    iana_ports::Escaped::new(name).quoted(),
                    protos.join(","),
                    comment(record)
                ),
            ));
            continue;
        }
        let target = record.alias_of().map(str::to_ascii_lowercase);
        for proto in protos {
            for port in range.start..=range.end {
                if let Some(&at) = target.as_ref().and_then(|t| index.get(&(t.clone(), port, proto))) {
                    let aliases = &mut lines[at].aliases;
                    if !aliases.iter().any(|a| a == name) {
                        aliases.push(name.to_owned());
                    }
                    lower_alias(name, aliases);
                    stats.merged_aliases += 1;
                    continue;
                }
                let mut aliases = Vec::new();
                lower_alias(name, &mut aliases);
                index.entry((name.to_ascii_lowercase(), port, proto)).or_insert(lines.len());
                lines.push(Line { name, port, proto, aliases, comment: comment(record) });
            }
        }
    }
    stats.lines = lines.len();

    let mut out = String::with_capacity(lines.len() * 64);
    let r = iana_ports::REGISTRY;
    let _ = writeln!(out, "# /etc/services: network services, from the IANA {}", crate::shown(r.title));
    let _ =
        writeln!(out, "# as updated by IANA on {}; written by iana-ports {}.", r.updated, env!("CARGO_PKG_VERSION"));
    out.push_str(
        "#\n# name  port/protocol  [aliases ...]  [# description]   (services(5))\n\
         # One line per name, port and protocol, in registry order: ranges are\n\
         # expanded and rows without a protocol are given for tcp, udp, sctp and dccp.\n\
         # The first line for a port/protocol is the registry's first name for it.\n\
         # Names IANA lists as aliases of another name on the same port follow it;\n\
         # names with upper case also carry their lower-case form as an alias.\n\
         # Lines starting `#!` are registry rows whose name glibc cannot read.\n#\n",
    );
    let mut skipped = skipped.into_iter().peekable();
    for (i, line) in lines.iter().enumerate() {
        while let Some((_, text)) = skipped.next_if(|(at, _)| *at <= i) {
            out.push_str(&text);
            out.push('\n');
        }
        let port = format!("{}/{}", line.port, line.proto);
        let _ = write!(out, "{:<15} {port:<10}", line.name);
        for alias in &line.aliases {
            let _ = write!(out, " {alias}");
        }
        if !line.comment.is_empty() {
            let _ = write!(out, " # {}", line.comment);
        }
        // Trailing padding when there is neither alias nor comment.
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
    }
    for (_, text) in skipped {
        out.push_str(&text);
        out.push('\n');
    }
    (out, stats)
}

/// The description on one line, escaped: a snapshot's free text reaches
/// whoever reads the file.
fn comment(record: &Record) -> String {
    record.description().map(|d| crate::shown(&crate::table::one_line(d))).unwrap_or_default()
}
