//! The default output: aligned columns that fit a terminal width (80 by
//! default), long text cut with `…` unless `full` is set.

use std::fmt::Write as _;

use iana_ports::{Protocol, Record};

use crate::{Contact, Info};

/// How to lay out text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Target line width in characters.
    pub width: usize,
    /// Show every text in full instead of cutting it to `width`.
    pub full: bool,
}

impl Default for Style {
    fn default() -> Style {
        Style { width: 80, full: false }
    }
}

/// Rendered text and whether anything was cut to fit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The lines, each ending in `\n`.
    pub text: String,
    /// Whether some text was cut (so `--full` would show more).
    pub cut: bool,
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Collapses every run of whitespace (line ends included) to one space.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cuts `s` to at most `width` characters, ending in `…` when cut.
fn cut(s: &str, width: usize, was_cut: &mut bool) -> String {
    if chars(s) <= width {
        return s.to_owned();
    }
    *was_cut = true;
    if width == 0 {
        return String::new();
    }
    let mut out: String = s.chars().take(width - 1).collect();
    out.push('…');
    out
}

struct Column {
    header: &'static str,
    /// Columns are cut in ascending `shrink` order, each down to `min`
    /// before the next is touched; `None`: never cut.
    shrink: Option<u8>,
    min: usize,
}

/// A grid of cells with optional extra lines under each row.
struct Row {
    cells: Vec<String>,
    after: Vec<String>,
}

fn grid(columns: &[Column], rows: &[Row], style: Style, out: &mut Rendered) {
    let mut widths: Vec<usize> = columns.iter().map(|c| chars(c.header)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(&row.cells) {
            *w = (*w).max(chars(cell));
        }
    }
    if !style.full {
        let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
        while total(&widths) > style.width {
            let next = (0..columns.len())
                .filter(|&i| columns[i].shrink.is_some() && widths[i] > columns[i].min.max(chars(columns[i].header)))
                .min_by_key(|&i| columns[i].shrink);
            match next {
                Some(i) => widths[i] -= 1,
                None => break,
            }
        }
    }
    let line = |cells: &mut dyn Iterator<Item = String>, out: &mut Rendered| {
        let mut text = String::new();
        for (i, cell) in cells.enumerate() {
            let cell = if style.full { cell } else { cut(&cell, widths[i], &mut out.cut) };
            if i > 0 {
                text.push_str("  ");
            }
            if i + 1 < widths.len() {
                let _ = write!(text, "{cell:<w$}", w = widths[i]);
            } else {
                text.push_str(&cell);
            }
        }
        out.text.push_str(text.trim_end());
        out.text.push('\n');
    };
    line(&mut columns.iter().map(|c| c.header.to_owned()), out);
    for row in rows {
        line(&mut row.cells.iter().cloned(), out);
        for extra in &row.after {
            out.text.push_str(extra);
            out.text.push('\n');
        }
    }
}

/// Packs `key: value` items into indented lines of at most `style.width`
/// characters; `long` items get lines of their own.
fn details(short: &[(&str, String)], long: &[(&str, String)], style: Style, was_cut: &mut bool) -> Vec<String> {
    const INDENT: &str = "    ";
    let room = style.width.saturating_sub(INDENT.len()).max(20);
    let mut lines = Vec::new();
    let mut current = String::new();
    for (key, value) in short.iter().filter(|(_, v)| !v.is_empty()) {
        let item = format!("{key}: {value}");
        let item = if style.full { item } else { cut(&item, room, was_cut) };
        if !current.is_empty() && chars(&current) + 3 + chars(&item) > room {
            lines.push(format!("{INDENT}{current}"));
            current.clear();
        }
        if !current.is_empty() {
            current.push_str("   ");
        }
        current.push_str(&item);
    }
    if !current.is_empty() {
        lines.push(format!("{INDENT}{current}"));
    }
    for (key, value) in long.iter().filter(|(_, v)| !v.is_empty()) {
        if style.full {
            let text = value.replace("\r\n", "\n").replace('\r', "\n");
            let mut parts = text.split('\n');
            lines.push(format!("{INDENT}{key}: {}", parts.next().unwrap_or("").trim_end()));
            for part in parts {
                lines.push(format!("{INDENT}  {}", part.trim_end()));
            }
        } else {
            lines.push(format!("{INDENT}{}", cut(&format!("{key}: {}", one_line(value)), room, was_cut)));
        }
    }
    lines
}

/// The rows as a table (SERVICE, PORT, PROTO, STATUS, DESCRIPTION), each
/// followed by indented lines with the row's other non-empty columns.
pub fn records(rows: &[&Record], style: Style) -> Rendered {
    let mut out = Rendered::default();
    let columns = [
        Column { header: "SERVICE", shrink: None, min: 0 },
        Column { header: "PORT", shrink: None, min: 0 },
        Column { header: "PROTO", shrink: None, min: 0 },
        Column { header: "STATUS", shrink: None, min: 0 },
        Column { header: "DESCRIPTION", shrink: Some(0), min: 12 },
    ];
    let mut was_cut = false;
    let table: Vec<Row> = rows
        .iter()
        .map(|r| {
            let opt = |v: Option<&str>| v.unwrap_or("").to_owned();
            let short = [
                ("assignee", r.assignee().to_string()),
                ("contact", r.contact().to_string()),
                ("registered", opt(r.registration_date())),
                ("modified", opt(r.modification_date())),
                ("reference", opt(r.reference())),
                ("service code", r.service_code().map(|c| c.to_string()).unwrap_or_default()),
                ("alias of", opt(r.alias_of())),
            ];
            let long = [("unauthorized use", opt(r.unauthorized_use())), ("notes", opt(r.notes()))];
            Row {
                cells: vec![
                    r.service_name().unwrap_or("-").to_owned(),
                    r.ports().map_or_else(|| "-".to_owned(), |p| p.to_string()),
                    r.protocol().map_or("any", Protocol::as_str).to_owned(),
                    r.status().as_str().to_owned(),
                    r.description().map(|d| if style.full { d.to_owned() } else { one_line(d) }).unwrap_or_default(),
                ],
                after: details(&short, &long, style, &mut was_cut),
            }
        })
        .collect();
    grid(&columns, &table, style, &mut out);
    out.cut |= was_cut;
    out
}

/// The "Contact Information" table: ID, NAME, ORGANIZATION, URI, UPDATED.
pub fn contacts(people: &[Contact], style: Style) -> Rendered {
    let mut out = Rendered { text: "Contact Information\n".to_owned(), cut: false };
    let columns = [
        Column { header: "ID", shrink: Some(1), min: 16 },
        Column { header: "NAME", shrink: Some(3), min: 12 },
        Column { header: "ORGANIZATION", shrink: Some(0), min: 12 },
        Column { header: "URI", shrink: Some(2), min: 18 },
        Column { header: "UPDATED", shrink: None, min: 0 },
    ];
    let rows: Vec<Row> = people
        .iter()
        .map(|c| {
            let p = c.person;
            let text =
                |f: fn(&iana_ports::Person) -> Option<&'static str>| p.and_then(f).map(one_line).unwrap_or_default();
            Row {
                cells: vec![
                    format!("[{}]", c.id),
                    text(iana_ports::Person::name),
                    text(iana_ports::Person::org),
                    p.map(|p| p.uris().collect::<Vec<_>>().join(" ")).unwrap_or_default(),
                    text(iana_ports::Person::updated),
                ],
                after: Vec::new(),
            }
        })
        .collect();
    grid(&columns, &rows, style, &mut out);
    out
}

/// `--info` as text.
pub fn info(i: &Info) -> String {
    let mut s = String::new();
    let r = iana_ports::REGISTRY;
    let _ = writeln!(s, "{}", r.title);
    let _ = writeln!(s, "snapshot (IANA last updated)  {}", r.updated);
    let _ = writeln!(s, "rows                          {}", i.rows);
    for (p, n) in Protocol::ALL.iter().zip(i.per_protocol) {
        let _ = writeln!(s, "  {:<28}{n}", p.as_str());
    }
    let _ = writeln!(s, "  {:<28}{}", "no protocol (all)", i.no_protocol);
    let _ = writeln!(s, "  {:<28}{}", "with a service name", i.named);
    let _ = writeln!(s, "  {:<28}{}", "without a port", i.without_port);
    let _ = writeln!(s, "  {:<28}{}", "port ranges", i.ranges);
    let _ = writeln!(s, "  {:<28}{}", "Assigned", i.per_status[0]);
    let _ = writeln!(s, "  {:<28}{}", "Reserved", i.per_status[1]);
    let _ = writeln!(s, "  {:<28}{}", "Unassigned", i.per_status[2]);
    let _ = writeln!(s, "distinct service names        {}", i.distinct_names);
    let _ = writeln!(s, "contacts (people table)       {}", i.people);
    let _ = writeln!(s, "contact ids used by rows      {}", i.referenced_ids);
    s
}
