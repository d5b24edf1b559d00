//! `iana-ports --man`: the manual page, in roff.
//!
//! clap_mangen writes the title, name, synopsis, options and version; the
//! description and the extra sections (EXAMPLES, OUTPUT, EXIT STATUS) are
//! laid out here, because clap_mangen fills the help text's aligned tables
//! into run-together lines. The text's layout is read as:
//! - a line at the left margin: prose, filled into a paragraph;
//! - a line indented by two spaces with a run of two or more spaces in it:
//!   a table row, its last column the description (`.TP`); deeper-indented
//!   lines after it continue that description;
//! - in a table, a two-space line without such a run: a row of its own
//!   (`iana-ports --json 443 | jq ...`); outside one, prose;
//! - `TITLE:` alone on a line (in the extra text): a section.
//!
//! Subcommands are listed with their summaries, never as pages of their own
//! (`iana-ports-diff(1)`), which nothing installs.

use std::fmt::Write as _;

/// The manual page of `cmd`, with `description` (the long about) and
/// `extra` (the long after-help) laid out as described in the module docs.
///
/// ```
/// let page = iana_ports_cli::man::render(
///     clap::Command::new("demo").about("A demo"),
///     "Demo does:\n  a  one thing\n  b  another",
///     "EXAMPLES:\n  demo a    does a",
/// );
/// assert!(page.contains(".SH DESCRIPTION\nDemo does:\n.TP\n\\fBa\\fR\none thing\n"));
/// assert!(page.contains(".SH EXAMPLES\n.TP\n\\fBdemo a\\fR\ndoes a\n"));
/// ```
pub fn render(cmd: clap::Command, description: &str, extra: &str) -> String {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut head = Vec::new();
    let mut tail = Vec::new();
    // Writing to a Vec does not fail.
    let _ = man.render_title(&mut head);
    let _ = man.render_name_section(&mut head);
    let _ = man.render_synopsis_section(&mut head);
    let _ = man.render_options_section(&mut head);
    // (clap_mangen panics on a command without a version.)
    if cmd.get_version().is_some() || cmd.get_long_version().is_some() {
        let _ = man.render_version_section(&mut tail);
    }
    let mut page = String::from_utf8_lossy(&head).into_owned();
    // No hyphenation (a broken word reads as two: "exit sta- tus"), and
    // lines left-aligned, not stretched around the synopsis's long words.
    page = page.replacen(".SH NAME", ".nh\n.ad l\n.SH NAME", 1);
    page.push_str(".SH DESCRIPTION\n");
    page.push_str(&blocks(description));
    let subcommands: Vec<&clap::Command> = cmd.get_subcommands().filter(|c| c.get_name() != "help").collect();
    if !subcommands.is_empty() {
        page.push_str(".SH SUBCOMMANDS\n");
        for sub in subcommands {
            let mut about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
            if !about.is_empty() && !about.ends_with('.') {
                about.push('.');
            }
            let name = format!("{} {}", cmd.get_name(), sub.get_name());
            let _ = write!(page, ".TP\n\\fB{}\\fR\n{}\n", roff(&name), roff(&about));
            let _ = writeln!(page, "See \\fB{} \\-\\-help\\fR.", roff(&name));
        }
    }
    for (title, body) in sections(extra) {
        let _ = writeln!(page, ".SH {}", roff(title));
        page.push_str(&blocks(&body));
    }
    page.push_str(&String::from_utf8_lossy(&tail));
    page
}

/// `TITLE:` lines and the text under each.
fn sections(text: &str) -> Vec<(&str, String)> {
    let mut out: Vec<(&str, String)> = Vec::new();
    for line in text.lines() {
        let title = line.strip_suffix(':').filter(|t| !t.is_empty() && !t.starts_with(' '));
        match (title, out.last_mut()) {
            (Some(title), _) if title.chars().all(|c| c.is_ascii_uppercase() || c == ' ') => {
                out.push((title, String::new()));
            }
            (_, Some((_, body))) => {
                body.push_str(line);
                body.push('\n');
            }
            (_, None) => {}
        }
    }
    out
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The columns of a table row: split at runs of two or more spaces.
fn columns(row: &str) -> Vec<&str> {
    row.trim().split("  ").map(str::trim).filter(|c| !c.is_empty()).collect()
}

/// Roff for text laid out as the module docs say.
fn blocks(text: &str) -> String {
    let mut out = String::new();
    let mut in_table = false;
    let mut prose = false;
    for line in text.lines() {
        if line.trim().is_empty() {
            (in_table, prose) = (false, false);
            continue;
        }
        let cells = columns(line);
        match indent(line) {
            0 => {
                if !prose {
                    out.push_str(if in_table || !out.is_empty() { ".PP\n" } else { "" });
                }
                out.push_str(&roff(line.trim()));
                out.push('\n');
                (in_table, prose) = (false, true);
            }
            2 if cells.len() > 1 || in_table => {
                let (tag, body) = match cells.split_last() {
                    Some((last, tag)) if !tag.is_empty() => (tag.join("  "), *last),
                    _ => (line.trim().to_owned(), ""),
                };
                let _ = write!(out, ".TP\n\\fB{}\\fR\n", roff(&tag));
                if !body.is_empty() {
                    out.push_str(&roff(body));
                    out.push('\n');
                }
                (in_table, prose) = (true, false);
            }
            2 => {
                if !prose {
                    out.push_str(".PP\n");
                }
                out.push_str(&roff(line.trim()));
                out.push('\n');
                prose = true;
            }
            _ => {
                // Continues the row above (or the paragraph).
                out.push_str(&roff(line.trim()));
                out.push('\n');
            }
        }
    }
    out
}

/// `text` as roff input: backslashes and hyphens escaped, a leading `.` or
/// `'` kept as text, other non-ASCII characters as `\[uXXXX]`.
fn roff(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.starts_with(['.', '\'']) {
        out.push_str("\\&");
    }
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            c if c.is_ascii() => out.push(c),
            c => {
                let _ = write!(out, "\\[u{:04X}]", u32::from(c));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roff_escapes() {
        assert_eq!(roff(".x -y \\ …"), "\\&.x \\-y \\e \\[u2026]");
    }

    #[test]
    fn prose_rows_and_continuations() {
        let text = "Intro line\nand more.\n  A  first\n     continued\n  B  second\nAfter.";
        assert_eq!(
            blocks(text),
            "Intro line\nand more.\n.TP\n\\fBA\\fR\nfirst\ncontinued\n.TP\n\\fBB\\fR\nsecond\n.PP\nAfter.\n"
        );
    }
}
