//! `iana-ports`: look up the IANA Service Name and Transport Protocol Port
//! Number Registry, compiled in. See `iana-ports --help`.

use std::io::IsTerminal as _;
use std::process::ExitCode;

use clap::{ArgGroup, CommandFactory as _, Parser, ValueEnum};
use iana_ports::SpecErrorKind;
use iana_ports_cli::answer::{Output, did_you_mean, emit_json, not_found, show};
use iana_ports_cli::json::{self, Asked};
use iana_ports_cli::streams::{Streams, TROUBLE};
use iana_ports_cli::table::{self, Style};
use iana_ports_cli::{
    ACCEPTED, Target, cut_quoted, etc_services, is_named, parse_query, quoted_query, shown, shown_lines,
};

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
  iana-ports diff old.csv        what changed since an older IANA CSV
  iana-ports diff /etc/services  how this machine's services file differs

OUTPUT:
  On a terminal the table fits its width (COLUMNS if set): long texts are
  cut with \"…\" and a note on stderr says so. In a pipe or a file nothing
  is cut. --width N cuts to N columns anywhere; --full never cuts and keeps
  multi-line texts on indented lines. -s/--short prints `name port/proto`
  per named row, as getent does. --json prints one
  JSON document (schema_version 1: query, found, port_status, records with
  every column and contacts resolved, contacts) documented in the crate's
  README. --etc-services prints an /etc/services file for glibc: ranges
  expanded per port, rows without a protocol given for tcp, udp, sctp and
  dccp, IANA's declared aliases as aliases, upper-case names with a
  lower-case alias, names glibc cannot read (with spaces) as `#!` comments.
  It follows IANA's order, not the traditional file's: the first line for a
  port is the registry's first row, so getservbyport() answers 2049/tcp with
  `shilp` (`nfs` follows), 113/tcp with `ident` (`auth` follows).

EXIT STATUS:
  0  found: a named row matched (or --info, --etc-services, --help)
  1  nothing found: no such name, the port is Reserved or Unassigned, or no
     row matches the search
  2  usage or input error (bad port, protocol or option); the message on
     stderr names the bad input and says what is accepted; or output that
     could not be written (a full disk, 2>/dev/full, a closed stdout >&-).
     A reader that closes the pipe early (| head) leaves the status of the
     answer.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Aligned columns for a terminal.
    Table,
    /// One JSON document (schema_version 1).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// `--version`: the command's version and the date of the registry snapshot
/// compiled in (from the data, so that it cannot go stale).
static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!("{} (IANA registry of {})", env!("CARGO_PKG_VERSION"), iana_ports::REGISTRY.updated)
});

#[derive(Debug, Parser)]
#[command(
    name = "iana-ports",
    version = VERSION.as_str(),
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = "Examples: iana-ports 8448/tcp | 443 | 6010/tcp | HTTPS/udp | --search matrix | --etc-services\n\
                  See --help for the full manual (formats, examples, exit status).",
    after_long_help = AFTER_HELP,
    arg_required_else_help = true,
    group(ArgGroup::new("mode").required(true).args(["query", "search", "etc_services", "info", "completions", "man"])),
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// What to look up: PORT, PORT/PROTO, START-END[/PROTO], NAME or NAME/PROTO.
    #[arg(value_name = "QUERY")]
    query: Option<String>,

    /// Rows whose columns contain TEXT (any case), as IANA's search box finds them.
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,

    /// Print the whole registry as an /etc/services file, in IANA's order (see --help).
    #[arg(long, conflicts_with_all = ["format", "json", "full", "width", "short"])]
    etc_services: bool,

    /// Print the snapshot date, row counts per protocol and number of contacts.
    #[arg(long, conflicts_with = "short")]
    info: bool,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    format: Format,

    /// Same as --format json.
    #[arg(long, conflicts_with = "format")]
    json: bool,

    /// One line per named row, `name port/proto`, as getent prints it.
    #[arg(short, long, conflicts_with_all = ["format", "json", "full", "width"])]
    short: bool,

    /// Show every text whole, multi-line texts on indented lines, instead of cutting to the width.
    #[arg(long)]
    full: bool,

    /// Cut the table to COLUMNS columns, even in a pipe (default: the terminal's width; no cutting in a pipe).
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(40..))]
    width: Option<u16>,

    /// Print a completion script for SHELL.
    #[arg(long, value_name = "SHELL", value_enum, exclusive = true)]
    completions: Option<Shell>,

    /// Print the manual page (roff), e.g. `iana-ports --man | man -l -`.
    #[arg(long, exclusive = true)]
    man: bool,
}

const DIFF_ABOUT: &str = "\
Compare FILE with the registry compiled into this program. FILE is IANA's
service-names-port-numbers.csv of any date (recognised by its header line),
IANA's service-names-port-numbers.xml (recognised by `<?xml`; its records read
as the CSV's rows) or an /etc/services file; `-` reads standard input.

IANA's CSV or XML: rows are keyed by (service name in any case, port or range as
written, protocol) and counted as a multiset. The output starts with
`N added, N removed, N changed`, then lists the rows: added are in the
built-in snapshot and not in FILE, removed are in FILE and not in the
snapshot, changed share a key and differ in the named columns (FILE's value
-> the snapshot's).

/etc/services: every name and alias gets a verdict: registered (the registry
has the name on a row covering that port for that protocol, or for every
protocol), elsewhere (the name is registered, not there), unregistered (not a
registry name) or other-protocol (ddp...). The output gives a summary line,
then the entries that are not registered, with the names the registry has on
that port.

--json prints {\"added\", \"removed\", \"changed\": [{\"before\", \"after\",
\"columns\"}]} or {\"entries\": [{\"name\", \"port\", \"protocol\", \"verdict\",
\"registry\"}]}, records as in the lookup's JSON (see the crate's README).

FILE is read up to 16 MiB (IANA's registry is about 1.2 MB as CSV, 4 MB as
XML); a larger FILE, a CSV of more than 65,535 rows or an /etc/services of
more than 262,144 names is refused where it crosses the limit.

EXIT STATUS (as diff(1)): 0 the same (every entry registered), 1 different,
2 trouble (FILE unreadable, malformed or too large: the message names the line).";

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Compare IANA's CSV or XML of another date, or an /etc/services file, with the compiled-in snapshot.
    #[command(long_about = DIFF_ABOUT)]
    Diff {
        /// IANA's CSV or XML, or an /etc/services file (`-`: standard input).
        #[arg(value_name = "FILE")]
        file: std::path::PathBuf,
        /// Print one JSON document.
        #[arg(long)]
        json: bool,
    },
    /// Firewall rules (nft, iptables, firewalld, pf) accepting the ports of port specs.
    Rule(iana_ports_cli::rule::RuleArgs),
}

/// The most `diff` reads from FILE: IANA's registry is about 1.2 MB as CSV
/// and 4 MB as XML, so 16 MiB leaves room for years of growth, while a
/// wrong FILE (`/dev/zero`, a disk image) is refused as soon as it crosses
/// it, never held whole in memory.
const DIFF_MAX_BYTES: u64 = 16 << 20;

/// FILE's bytes (`-`: standard input), at most [`DIFF_MAX_BYTES`].
fn read_bounded(file: &std::path::Path) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let reader: Box<dyn std::io::Read> = match file.as_os_str() == "-" {
        true => Box::new(std::io::stdin().lock()),
        false => Box::new(std::fs::File::open(file).map_err(|e| format!("cannot read: {e}"))?),
    };
    let mut bytes = Vec::new();
    reader.take(DIFF_MAX_BYTES + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > DIFF_MAX_BYTES {
        return Err(format!(
            "larger than {} MiB, the most diff reads (IANA's registry is about 1.2 MB as CSV, 4 MB as XML): \
             not a registry or services file",
            DIFF_MAX_BYTES >> 20
        ));
    }
    Ok(bytes)
}

fn diff(file: &std::path::Path, json: bool, streams: &mut Streams) -> u8 {
    // Every message names FILE escaped: a path is text the command did not write.
    let shown = shown(&file.display().to_string());
    let bytes = match read_bounded(file) {
        Ok(b) => b,
        Err(e) => {
            streams.err(&format!("iana-ports: diff: {shown}: {e}"));
            return TROUBLE;
        }
    };
    match iana_ports_cli::diff::diff(&shown, &bytes) {
        Ok(report) => {
            if json {
                emit_json(streams, &report.json());
            } else {
                streams.out(&report.text());
            }
            if report.same() { 0 } else { 1 }
        }
        Err(e) => {
            // The message may quote FILE's text (a bad header, a bad field).
            streams.err(&format!("iana-ports: diff: {}", shown_lines(&e.to_string())));
            TROUBLE
        }
    }
}

fn usage_error(streams: &mut Streams, message: &str) -> u8 {
    streams.err(&format!(
        "iana-ports: error: {message}\niana-ports: {ACCEPTED}\nTry 'iana-ports --help' for more information."
    ));
    TROUBLE
}

fn main() -> ExitCode {
    let mut streams = Streams::new();
    let status = match Cli::try_parse() {
        Ok(cli) => run(&cli, &mut streams),
        Err(e) => {
            // clap's own `exit` ignores write errors: print through `streams`.
            // Its error messages quote the arguments: escaped like any input.
            if let Some(message) = misplaced_words(&e) {
                let status = usage_error(&mut streams, &message);
                return streams.finish(status);
            }
            // --help and --version (stdout) are the command's own text.
            let text = e.render().to_string();
            if e.use_stderr() {
                streams.err(&shown_lines(&cut_quoted(&text)))
            } else {
                streams.out(&text)
            }
            u8::try_from(e.exit_code()).unwrap_or(TROUBLE)
        }
    };
    streams.finish(status)
}

/// The real reason behind clap's "the subcommand 'x' cannot be used with"
/// (which clap says when a second word follows the query): options before
/// a subcommand (`--json diff FILE`), or a second query (`443 extra`).
fn misplaced_words(e: &clap::Error) -> Option<String> {
    if e.kind() != clap::error::ErrorKind::ArgumentConflict || !e.to_string().contains("the subcommand") {
        return None;
    }
    let mut words = Vec::new();
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        let arg = arg.to_string_lossy().into_owned();
        match arg.as_str() {
            "--search" | "--width" | "--format" | "-f" | "--completions" => _ = args.next(),
            "--" => words.extend(args.by_ref().map(|a| a.to_string_lossy().into_owned())),
            a if a.starts_with('-') && a.len() > 1 => {}
            _ => words.push(arg),
        }
    }
    let subcommands: Vec<String> = Cli::command().get_subcommands().map(|c| c.get_name().to_owned()).collect();
    Some(match words.iter().find(|w| subcommands.contains(w)) {
        Some(sub) => format!(
            "`{sub}` comes first: its options go after it (iana-ports {sub} [OPTIONS] ...; see iana-ports {sub} --help)"
        ),
        None => match words.as_slice() {
            [first, second, ..] => format!(
                "one QUERY per call: {} and {} given (run iana-ports once per query)",
                quoted_query(first),
                quoted_query(second)
            ),
            _ => return None,
        },
    })
}

fn run(cli: &Cli, streams: &mut Streams) -> u8 {
    if let Some(Command::Diff { file, json }) = &cli.command {
        return diff(file, *json, streams);
    }
    if let Some(Command::Rule(args)) = &cli.command {
        return iana_ports_cli::rule::run(args, streams);
    }
    let json = cli.json || cli.format == Format::Json;
    let terminal = std::io::stdout().is_terminal();
    let terminal_width = || terminal_size::terminal_size().map(|(w, _)| w.0);
    let columns = std::env::var("COLUMNS").ok();
    let style =
        Style::choose(cli.width, cli.full, terminal, columns.as_deref(), terminal.then(terminal_width).flatten());

    if let Some(shell) = cli.completions {
        let mut script = Vec::new();
        let generator = match shell {
            Shell::Bash => clap_complete::Shell::Bash,
            Shell::Zsh => clap_complete::Shell::Zsh,
            Shell::Fish => clap_complete::Shell::Fish,
        };
        clap_complete::generate(generator, &mut Cli::command(), "iana-ports", &mut script);
        streams.out(&String::from_utf8_lossy(&script));
        return 0;
    }
    if cli.man {
        streams.out(&iana_ports_cli::man::render(Cli::command(), LONG_ABOUT, AFTER_HELP));
        return 0;
    }
    if cli.etc_services {
        let (text, _) = etc_services::render();
        streams.out(&text);
        return 0;
    }
    if cli.info {
        let info = iana_ports_cli::info();
        if json {
            emit_json(streams, &json::info(&info));
        } else {
            streams.out(&table::info(&info));
        }
        return 0;
    }
    let output = Output { json, short: cli.short, style };
    if let Some(text) = &cli.search {
        if text.trim().is_empty() {
            streams
                .err("iana-ports: error: empty search text: --search needs a word to look for (e.g. --search matrix)");
            return TROUBLE;
        }
        let rows: Vec<_> = iana_ports::search(text).collect();
        let found = !rows.is_empty();
        let see_also: Vec<_> = iana_ports_cli::misnomer(text, None).into_iter().collect();
        if !found {
            let mut message = format!("iana-ports: no registry row matches {}", quoted_query(text));
            if !see_also.is_empty() {
                message.push_str(&format!("\niana-ports: {}", did_you_mean(&see_also)));
            }
            streams.err(&message);
        }
        show(streams, &Asked::Search(text), found, &[], &rows, &see_also, output);
        return if found { 0 } else { 1 };
    }
    let input = cli.query.as_deref().unwrap_or_default();
    let query = match parse_query(input) {
        Ok(q) => q,
        Err(e) => return usage_error(streams, &e.to_string()),
    };
    let rows = query.rows();
    let found = rows.iter().any(|r| is_named(r));
    let statuses = query.port_status();
    // Not registered: the engine's suggestions (as `port!` gives them);
    // found: a see-also when the name is a well-known misnomer (`rdp`).
    let suggestions: Vec<_> = match (&query.target, query.refused) {
        (_, Some(refused)) if refused.kind() == SpecErrorKind::UnknownName => refused.suggestions().collect(),
        (Target::Name(name), _) => iana_ports_cli::misnomer(name, query.protocol).into_iter().collect(),
        _ => Vec::new(),
    };
    if !found {
        streams.err(&format!("iana-ports: {}", not_found(input.trim(), &query, &suggestions)));
    }
    show(streams, &Asked::Lookup(input, &query), found, &statuses, &rows, &suggestions, output);
    if found { 0 } else { 1 }
}
