//! The default output: aligned columns. On a terminal they fit its width,
//! long text cut with `…`; in a pipe or a file nothing is cut (see
//! [`Style::choose`]).

use std::fmt::Write as _;

use iana_ports::{Protocol, Record};

use crate::{Contact, Info, shown, shown_lines};

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

/// The narrowest table `--width` accepts and `COLUMNS` is raised to.
pub const MIN_WIDTH: usize = 40;

impl Style {
    /// The layout for the command's flags and where stdout goes:
    /// - `--width N` cuts to N columns, wherever the output goes;
    /// - otherwise a terminal is filled to its width, from `COLUMNS` when that
    ///   holds a number, else from the terminal itself (`terminal_width`),
    ///   else 80; raised to [`MIN_WIDTH`];
    /// - a pipe or a file is never cut: every text is whole, laid out for 80
    ///   columns;
    /// - `--full` never cuts.
    ///
    /// ```
    /// use iana_ports_cli::table::Style;
    /// // A pipe: nothing cut.
    /// assert_eq!(Style::choose(None, false, false, Some("100"), None), Style { width: 80, full: true });
    /// // A terminal: COLUMNS first, then the terminal's own width.
    /// assert_eq!(Style::choose(None, false, true, Some("100"), Some(120)), Style { width: 100, full: false });
    /// assert_eq!(Style::choose(None, false, true, None, Some(120)), Style { width: 120, full: false });
    /// // --width, even in a pipe.
    /// assert_eq!(Style::choose(Some(50), false, false, None, None), Style { width: 50, full: false });
    /// ```
    pub fn choose(
        width_flag: Option<u16>,
        full_flag: bool,
        stdout_is_terminal: bool,
        columns_env: Option<&str>,
        terminal_width: Option<u16>,
    ) -> Style {
        let terminal = || {
            let columns = columns_env.and_then(|c| c.trim().parse::<usize>().ok()).filter(|&c| c > 0);
            columns.or(terminal_width.map(usize::from).filter(|&w| w > 0)).unwrap_or(80).max(MIN_WIDTH)
        };
        match width_flag {
            Some(width) => Style { width: usize::from(width), full: full_flag },
            None if stdout_is_terminal => Style { width: terminal(), full: full_flag },
            None => Style { width: 80, full: true },
        }
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

/// A registry text as the table shows it, escaped ([`shown`]): whole, line
/// by line (`full`), or on one line.
fn shown_text(text: &str, full: bool) -> String {
    match full {
        true => shown_lines(&text.replace("\r\n", "\n").replace('\r', "\n")),
        false => shown(&one_line(text)),
    }
}

/// Breaks `text` into lines of at most `width` characters at spaces (a
/// word longer than `width` stays whole); every line ends in `\n`.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && chars(&line) + 1 + chars(word) > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        } else if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
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

/// Column widths that fit `style.width`, shrinking columns in `shrink`
/// order down to their minimum; `None` when even the minimums are too wide.
fn fit(columns: &[Column], rows: &[Row], style: Style) -> Option<Vec<usize>> {
    let mut widths: Vec<usize> = columns.iter().map(|c| chars(c.header)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(&row.cells) {
            *w = (*w).max(cell.lines().map(chars).max().unwrap_or(0));
        }
    }
    if style.full {
        return Some(widths);
    }
    let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
    while total(&widths) > style.width {
        let next = (0..columns.len())
            .filter(|&i| columns[i].shrink.is_some() && widths[i] > columns[i].min.max(chars(columns[i].header)))
            .min_by_key(|&i| columns[i].shrink)?;
        widths[next] -= 1;
    }
    Some(widths)
}

/// Writes the header and the rows in `widths`; in full style the last cell
/// may hold several lines, continued under its own column.
fn grid(columns: &[Column], widths: &[usize], rows: &[Row], style: Style, out: &mut Rendered) {
    let last_column_at: usize = widths.iter().take(widths.len().saturating_sub(1)).map(|w| w + 2).sum();
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
                let mut parts = cell.lines();
                text.push_str(parts.next().unwrap_or(""));
                for part in parts {
                    let _ = write!(text, "\n{:last_column_at$}{}", "", part.trim_end());
                }
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

/// The detail items shown whole at any width: they hold contact ids.
const NEVER_CUT: [&str; 2] = ["assignee", "contact"];

/// Packs `key: value` items into indented lines of at most `style.width`
/// characters; `long` items get lines of their own.
fn details(short: &[(&str, String)], long: &[(&str, String)], style: Style, was_cut: &mut bool) -> Vec<String> {
    const INDENT: &str = "    ";
    let room = style.width.saturating_sub(INDENT.len()).max(20);
    let mut lines = Vec::new();
    let mut current = String::new();
    for (key, value) in short.iter().filter(|(_, v)| !v.is_empty()) {
        let item = format!("{key}: {}", shown(value));
        if NEVER_CUT.contains(key) && !style.full && chars(&item) > room {
            // Too long for a line: one id per line, each whole.
            if !current.is_empty() {
                lines.push(format!("{INDENT}{current}"));
                current.clear();
            }
            lines.push(format!("{INDENT}{key}:"));
            lines.extend(shown(value).split_inclusive(']').map(|id| format!("{INDENT}  {id}")));
            continue;
        }
        // Contact ids join rows to people: never cut, whatever the width.
        let item = if style.full || NEVER_CUT.contains(key) { item } else { cut(&item, room, was_cut) };
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
            let text = shown_text(value, true);
            let mut parts = text.split('\n');
            lines.push(format!("{INDENT}{key}: {}", parts.next().unwrap_or("").trim_end()));
            for part in parts {
                lines.push(format!("{INDENT}  {}", part.trim_end()));
            }
        } else {
            lines.push(format!("{INDENT}{}", cut(&format!("{key}: {}", shown_text(value, false)), room, was_cut)));
        }
    }
    lines
}

/// A row's protocol as the tables show it: `-` when the row names none
/// (it then applies to every protocol; IANA's page leaves the cell empty).
pub fn protocol_cell(record: &Record) -> &'static str {
    record.protocol().map_or("-", Protocol::as_str)
}

/// The rows as a table (SERVICE, PORT, PROTO, STATUS, DESCRIPTION), each
/// followed by indented lines with the row's other non-empty columns. When
/// the width leaves the description less than 12 columns, it moves to a line
/// of its own under the row.
pub fn records(rows: &[&Record], style: Style) -> Rendered {
    let columns = [
        Column { header: "SERVICE", shrink: None, min: 0 },
        Column { header: "PORT", shrink: None, min: 0 },
        Column { header: "PROTO", shrink: None, min: 0 },
        Column { header: "STATUS", shrink: None, min: 0 },
        Column { header: "DESCRIPTION", shrink: Some(0), min: 12 },
    ];
    let build = |description_inline: bool, was_cut: &mut bool| -> Vec<Row> {
        rows.iter()
            .map(|r| {
                let opt = |v: Option<&str>| v.unwrap_or("").to_owned();
                let description = r.description().map(|d| shown_text(d, style.full));
                let short = [
                    ("assignee", r.assignee().to_string()),
                    ("contact", r.contact().to_string()),
                    ("registered", opt(r.registration_date())),
                    ("modified", opt(r.modification_date())),
                    ("reference", opt(r.reference())),
                    ("service code", r.service_code().map(|c| c.to_string()).unwrap_or_default()),
                    ("alias of", opt(r.alias_of())),
                ];
                let mut long = vec![("unauthorized use", opt(r.unauthorized_use())), ("notes", opt(r.notes()))];
                let mut cells = vec![
                    shown(r.service_name().unwrap_or("-")),
                    r.port_text().map_or_else(|| "-".to_owned(), |p| p.to_string()),
                    protocol_cell(r).to_owned(),
                    r.status().as_str().to_owned(),
                ];
                match description_inline {
                    true => cells.push(description.unwrap_or_default()),
                    false => long.insert(0, ("description", description.unwrap_or_default())),
                }
                Row { cells, after: details(&short, &long, style, was_cut) }
            })
            .collect()
    };
    let mut was_cut = false;
    let table = build(true, &mut was_cut);
    let mut out = Rendered::default();
    match fit(&columns, &table, style) {
        Some(widths) => grid(&columns, &widths, &table, style, &mut out),
        None => {
            // Too narrow for a description column: the four key columns,
            // the service name cut first if even they do not fit.
            let mut was_cut_narrow = false;
            let table = build(false, &mut was_cut_narrow);
            was_cut = was_cut_narrow;
            let columns = [
                Column { header: "SERVICE", shrink: Some(0), min: 8 },
                Column { header: "PORT", shrink: None, min: 0 },
                Column { header: "PROTO", shrink: None, min: 0 },
                Column { header: "STATUS", shrink: None, min: 0 },
            ];
            let widths =
                fit(&columns, &table, style).unwrap_or_else(|| fit(&columns, &table, FULL).unwrap_or_default());
            grid(&columns, &widths, &table, style, &mut out);
        }
    }
    out.cut |= was_cut;
    out
}

/// Layout without any cutting, for the widths of cells as they are.
const FULL: Style = Style { width: usize::MAX, full: true };

/// The "Contact Information" table: ID, NAME, ORGANIZATION, URI, UPDATED.
/// Below the width that holds its columns, each person is a block of lines
/// instead.
pub fn contacts(people: &[Contact], style: Style) -> Rendered {
    let mut out = Rendered { text: "Contact Information\n".to_owned(), cut: false };
    let columns = [
        // Never cut: the id joins a row to its person.
        Column { header: "ID", shrink: None, min: 0 },
        Column { header: "NAME", shrink: Some(3), min: 12 },
        Column { header: "ORGANIZATION", shrink: Some(0), min: 12 },
        Column { header: "URI", shrink: Some(2), min: 18 },
        Column { header: "UPDATED", shrink: None, min: 0 },
    ];
    let rows: Vec<Row> = people
        .iter()
        .map(|c| {
            let p = c.person;
            let text = |f: fn(&iana_ports::Person) -> Option<&'static str>| {
                p.and_then(f).map(|t| shown_text(t, false)).unwrap_or_default()
            };
            Row {
                cells: vec![
                    format!("[{}]", shown(c.id)),
                    text(iana_ports::Person::name),
                    text(iana_ports::Person::org),
                    p.map(|p| shown(&p.uris().collect::<Vec<_>>().join(" "))).unwrap_or_default(),
                    text(iana_ports::Person::updated),
                ],
                after: Vec::new(),
            }
        })
        .collect();
    match fit(&columns, &rows, style) {
        Some(widths) => grid(&columns, &widths, &rows, style, &mut out),
        None => {
            for row in &rows {
                // The id whole; the name after it when 12 columns are left,
                // else on a line of its own.
                let (id, name) = (&row.cells[0], &row.cells[1]);
                let room = style.width.saturating_sub(chars(id) + 2);
                let name_beside = !name.is_empty() && room >= 12;
                match name_beside {
                    true => _ = write!(out.text, "{id}  {}", cut(name, room, &mut out.cut)),
                    false => out.text.push_str(id),
                }
                out.text.push('\n');
                let name_below = if name_beside { "" } else { name.as_str() };
                let items = [
                    ("name", name_below),
                    ("organization", &row.cells[2]),
                    ("uri", &row.cells[3]),
                    ("updated", &row.cells[4]),
                ];
                let items: Vec<(&str, String)> = items.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
                for line in details(&[], &items, style, &mut out.cut) {
                    out.text.push_str(&line);
                    out.text.push('\n');
                }
            }
        }
    }
    out
}

/// `--info` as text.
pub fn info(i: &Info) -> String {
    let mut s = String::new();
    let r = iana_ports::REGISTRY;
    let _ = writeln!(s, "{}", shown(r.title));
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

/// `--short`: one line per named row, `name port/proto` as `getent
/// services` prints it (`ssh                   22/tcp`). A range is written
/// `6000-6063/tcp`; a row without a port gives `-` for it, a row without a
/// protocol (it applies to all) leaves out the `/proto`.
pub fn short(rows: &[&Record]) -> String {
    let mut s = String::new();
    for r in rows {
        let Some(name) = r.service_name() else { continue };
        let ports = r.port_text().map_or_else(|| "-".to_owned(), |p| p.to_string());
        match r.protocol() {
            Some(p) => _ = writeln!(s, "{name:<21} {ports}/{p}"),
            None => _ = writeln!(s, "{name:<21} {ports}"),
        }
    }
    s
}
