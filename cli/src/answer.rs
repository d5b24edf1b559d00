//! The answer to a lookup or search: what the command prints on stdout
//! (tables, `--short` or `--json`) and the stderr line when nothing is
//! found. Here rather than in `main.rs`, so that unit tests reach them.

use crate::json::{self, Asked};
use crate::streams::Streams;
use crate::table::{self, Style};
use crate::{Query, Target, quoted_query, referenced_people};

/// `value` as pretty JSON on stdout, one newline after it.
pub fn emit_json(streams: &mut Streams, value: &serde_json::Value) {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    // serde_json escapes C0 controls only; DEL and the C1 controls, which
    // can only stand inside JSON strings, get JSON's `\u00XX` too.
    let mut escaped = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        match c {
            '\u{7f}'..='\u{9f}' => escaped.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => escaped.push(c),
        }
    }
    escaped.push('\n');
    streams.out(&escaped);
}

/// `did you mean domain (53), dnsix (90) or dns2go (1227)?`, or nothing.
pub fn did_you_mean(suggestions: &[iana_ports::Suggestion]) -> String {
    let names: Vec<String> = suggestions.iter().map(ToString::to_string).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => format!("did you mean {one}?"),
        [rest @ .., last] => format!("did you mean {} or {last}?", rest.join(", ")),
    }
}

/// The stderr line for a lookup that found no named row: why, and what
/// to try instead.
pub fn not_found(input: &str, query: &Query, suggestions: &[iana_ports::Suggestion]) -> String {
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
                match suggestions {
                    [] => format!(
                        "no service named {name} in the registry\niana-ports: --search {name} looks for it in every column",
                        name = quoted_query(name)
                    ),
                    _ => format!(
                        "no service named {} in the registry\niana-ports: {}",
                        quoted_query(name),
                        did_you_mean(suggestions)
                    ),
                }
            } else {
                format!(
                    "{}: {} is registered only for {}",
                    quoted_query(input),
                    quoted_query(name),
                    elsewhere.join(", ")
                )
            }
        }
        Target::Port(_) => format!("{}: no service is registered on this port", quoted_query(input)),
        Target::Range(_) => format!("{}: no service is registered in this range", quoted_query(input)),
    }
}

/// How to print an answer.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    /// `--json`.
    pub json: bool,
    /// `--short`.
    pub short: bool,
    /// Width and `--full`.
    pub style: Style,
}

/// Prints the answer to `asked` on stdout (JSON, short or tables), and on
/// stderr a note when text was cut to fit.
pub fn show(
    streams: &mut Streams,
    asked: &Asked<'_>,
    found: bool,
    statuses: &[crate::PortStatus],
    rows: &[&'static iana_ports::Record],
    suggestions: &[iana_ports::Suggestion],
    output: Output,
) {
    let people = referenced_people(rows);
    if output.json {
        emit_json(streams, &json::answer(asked, found, statuses, rows, &people, suggestions));
        return;
    }
    if output.short {
        streams.out(&table::short(rows));
        return;
    }
    let style = output.style;
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
            if style.full {
                text.push_str(&format!("{s}\n"));
            } else {
                text.push_str(&table::wrap(&s.to_string(), style.width));
            }
        }
    }
    if !people.is_empty() {
        let t = table::contacts(&people, style);
        text.push('\n');
        text.push_str(&t.text);
        cut |= t.cut;
    }
    // A found name or a search that is also a well-known misnomer: point
    // to the registered name (`--search dns` → domain).
    if found {
        let asked = match asked {
            Asked::Search(text) => text.trim(),
            Asked::Lookup(input, _) => input.trim(),
        };
        for s in suggestions {
            let line = format!("see also: {s}, the registry's name for what is often called {}", quoted_query(asked));
            text.push('\n');
            text.push_str(&if style.full { format!("{line}\n") } else { table::wrap(&line, style.width) });
        }
    }
    streams.out(&text);
    if cut {
        streams.err(&format!("iana-ports: some text was cut to fit {} columns; --full shows it all", style.width));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_lists_with_commas_and_or() {
        let picks: Vec<_> = iana_ports::suggest("htps", None).collect();
        assert!(picks.len() >= 2, "{picks:?}");
        let text = did_you_mean(&picks);
        assert!(text.starts_with("did you mean ") && text.ends_with('?') && text.contains(" or "), "{text}");
        assert_eq!(did_you_mean(&[]), "");
    }

    #[test]
    fn not_found_says_why() {
        let query = crate::parse_query("x11/sctp").unwrap();
        assert_eq!(not_found("x11/sctp", &query, &[]), "\"x11/sctp\": \"x11\" is registered only for tcp, udp");
        let query = crate::parse_query("no-such-service").unwrap();
        let text = not_found("no-such-service", &query, &[]);
        assert!(text.starts_with("no service named \"no-such-service\" in the registry"), "{text}");
        assert!(text.contains("--search"), "{text}");
        let query = crate::parse_query("65000").unwrap();
        assert_eq!(not_found("65000", &query, &[]), "\"65000\": no service is registered on this port");
    }
}
