//! `iana-ports`: look up the IANA Service Name and Transport Protocol Port
//! Number Registry, compiled in. See `iana-ports --help`.

use std::io::Write as _;
use std::process::ExitCode;

use clap::{ArgGroup, Parser, ValueEnum};
use iana_ports_cli::json::{self, Asked};
use iana_ports_cli::table::{self, Style};
use iana_ports_cli::{ACCEPTED, Query, Target, etc_services, is_named, parse_query, referenced_people};

const ABOUT: &str = "Look up ports and service names in the IANA Service Name and Transport Protocol Port Number \
Registry, compiled in: no network, no /etc/services needed.";

const LONG_ABOUT: &str = "\
Look up ports and service names in the IANA Service Name and Transport
Protocol Port Number Registry. The whole registry (every row and column, and
its table of contacts) is compiled into the program: it needs no network and
no /etc/services.

QUERY is one of:
  PORT              443        every row covering the port, on every protocol
  PORT/PROTO        8448/tcp   the same on one protocol (6010/tcp finds the
                               x11 range 6000-6063)
  START-END[/PROTO] 6000-6010  every row overlapping the range
  NAME              https      every row with that service name, in any case
  NAME/PROTO        HTTPS/udp  the same on one protocol
PROTO is tcp, udp, sctp or dccp, in any case. PORT is 0-65535. A name that
itself holds a `/` (cl/1, 914c/g) is found as typed.

Rows are shown in registry order with every column: the table gives service
name, port, protocol, status and description, and under each row the other
columns (assignee, contact, dates, reference, service code, alias, notes).
A port no named row covers is reported as Reserved or Unassigned. A
\"Contact Information\" table of the people the rows reference follows, as on
IANA's page.";

const AFTER_HELP: &str = "\
EXAMPLES:
  iana-ports 8448/tcp            matrix-fed, with every column and its contact
  iana-ports 443                 https on tcp, udp and sctp; dccp is unassigned
  iana-ports 6010/tcp            the x11 range 6000-6063
  iana-ports HTTPS/udp           a name, in any case, on one protocol
  iana-ports 4/tcp               says the port is Unassigned (exit status 1)
  iana-ports --search matrix     what IANA's search box finds for \"matrix\"
  iana-ports --json 443 | jq -r '.records[].service_name'
  iana-ports --etc-services > services && sudo cp services /etc/services
  iana-ports --info              snapshot date and row counts

OUTPUT:
  The table fits --width columns (80): long texts are cut with \"…\" and a
  note on stderr says so; --full shows every text whole. --json prints one
  JSON document (schema_version 1: query, found, port_status, records with
  every column and contacts resolved, contacts) documented in the crate's
  README. --etc-services prints an /etc/services file for glibc: ranges
  expanded per port, rows without a protocol given for tcp, udp, sctp and
  dccp, IANA's declared aliases as aliases, upper-case names with a
  lower-case alias, names glibc cannot read (with spaces) as `#!` comments.

EXIT STATUS:
  0  found: a named row matched (or --info, --etc-services, --help)
  1  nothing found: no such name, the port is Reserved or Unassigned, or no
     row matches the search
  2  usage or input error (bad port, protocol or option); the message on
     stderr names the bad input and says what is accepted";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Aligned columns for a terminal.
    Table,
    /// One JSON document (schema_version 1).
    Json,
}

#[derive(Debug, Parser)]
#[command(
    name = "iana-ports",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = "Examples: iana-ports 8448/tcp | 443 | 6010/tcp | HTTPS/udp | --search matrix | --etc-services\n\
                  See --help for the full manual (formats, examples, exit status).",
    after_long_help = AFTER_HELP,
    arg_required_else_help = true,
    group(ArgGroup::new("mode").required(true).args(["query", "search", "etc_services", "info"])),
)]
struct Cli {
    /// What to look up: PORT, PORT/PROTO, START-END[/PROTO], NAME or NAME/PROTO.
    #[arg(value_name = "QUERY")]
    query: Option<String>,

    /// Rows whose columns contain TEXT (any case), as IANA's search box finds them.
    #[arg(short, long, value_name = "TEXT")]
    search: Option<String>,

    /// Print the whole registry as an /etc/services file.
    #[arg(long, conflicts_with_all = ["format", "json", "full", "width"])]
    etc_services: bool,

    /// Print the snapshot date, row counts per protocol and number of contacts.
    #[arg(long)]
    info: bool,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    format: Format,

    /// Same as --format json.
    #[arg(long, conflicts_with = "format")]
    json: bool,

    /// Show every text whole instead of cutting it to the width.
    #[arg(long)]
    full: bool,

    /// Width of the table in columns.
    #[arg(long, value_name = "COLUMNS", default_value_t = 80, value_parser = clap::value_parser!(u16).range(40..))]
    width: u16,
}

/// Writes to stdout; a closed pipe (`| head`) ends the program quietly.
fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("iana-ports: cannot write output: {e}");
            std::process::exit(2);
        }
        std::process::exit(0);
    }
}

fn emit_json(value: &serde_json::Value) {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    emit(&text);
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("iana-ports: error: {message}");
    eprintln!("iana-ports: {ACCEPTED}");
    eprintln!("Try 'iana-ports --help' for more information.");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json || cli.format == Format::Json;
    let style = Style { width: usize::from(cli.width), full: cli.full };

    if cli.etc_services {
        let (text, _) = etc_services::render();
        emit(&text);
        return ExitCode::SUCCESS;
    }
    if cli.info {
        let info = iana_ports_cli::info();
        if json {
            emit_json(&json::info(&info))
        } else {
            emit(&table::info(&info))
        }
        return ExitCode::SUCCESS;
    }
    if let Some(text) = &cli.search {
        if text.trim().is_empty() {
            eprintln!("iana-ports: error: empty search text: --search needs a word to look for (e.g. --search matrix)");
            return ExitCode::from(2);
        }
        let rows: Vec<_> = iana_ports::search(text).collect();
        let found = !rows.is_empty();
        if !found {
            eprintln!("iana-ports: no registry row matches {text:?}");
        }
        show(&Asked::Search(text), found, &[], &rows, json, style);
        return if found { ExitCode::SUCCESS } else { ExitCode::from(1) };
    }
    let input = cli.query.as_deref().unwrap_or_default();
    let query = match parse_query(input) {
        Ok(q) => q,
        Err(e) => return usage_error(&e.to_string()),
    };
    let rows = query.rows();
    let found = rows.iter().any(|r| is_named(r));
    let statuses = query.port_status();
    if !found {
        eprintln!("iana-ports: {}", not_found(input.trim(), &query));
    }
    show(&Asked::Lookup(input, &query), found, &statuses, &rows, json, style);
    if found { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

fn not_found(input: &str, query: &Query) -> String {
    match &query.target {
        Target::Name(name) => {
            let elsewhere: Vec<String> = iana_ports::by_name(name)
                .map(|r| r.protocol().map_or("every protocol", |p| p.as_str()).to_owned())
                .fold(Vec::new(), |mut v, p| {
                    if !v.contains(&p) {
                        v.push(p);
                    }
                    v
                });
            if elsewhere.is_empty() {
                format!("no service named {name:?} in the registry (try --search {name:?})")
            } else {
                format!("{input:?}: {name:?} is registered only for {}", elsewhere.join(", "))
            }
        }
        Target::Port(_) => format!("{input:?}: no service is registered on this port"),
        Target::Range(_) => format!("{input:?}: no service is registered in this range"),
    }
}

fn show(
    asked: &Asked<'_>,
    found: bool,
    statuses: &[iana_ports_cli::PortStatus],
    rows: &[&'static iana_ports::Record],
    json: bool,
    style: Style,
) {
    let people = referenced_people(rows);
    if json {
        emit_json(&json::answer(asked, found, statuses, rows, &people));
        return;
    }
    let mut text = String::new();
    let mut cut = false;
    if !rows.is_empty() {
        let t = table::records(rows, style);
        text.push_str(&t.text);
        cut |= t.cut;
    }
    let unassigned: Vec<_> = statuses.iter().filter(|s| s.status != iana_ports::Status::Assigned).collect();
    if !unassigned.is_empty() {
        if !text.is_empty() {
            text.push('\n');
        }
        for s in unassigned {
            text.push_str(&s.to_string());
            text.push('\n');
        }
    }
    if !people.is_empty() {
        let t = table::contacts(&people, style);
        text.push('\n');
        text.push_str(&t.text);
        cut |= t.cut;
    }
    emit(&text);
    if cut {
        eprintln!("iana-ports: some text was cut to fit {} columns; --full shows it all", style.width);
    }
}
