//! Errors that name the file and line a problem is on.

use std::fmt;

/// A problem in the registry input, located as `path:line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The file, as given to the generator (e.g. `registry/service-names-port-numbers.csv`).
    pub path: String,
    /// 1-based line, when the problem has one.
    pub line: Option<u64>,
    /// What is wrong, in a sentence without the location.
    pub message: String,
}

impl Error {
    /// An error at `path:line`.
    pub fn at(path: &str, line: u64, message: impl Into<String>) -> Self {
        Error { path: path.to_owned(), line: Some(line), message: one_line(message.into()) }
    }

    /// An error about a whole file.
    pub fn file(path: &str, message: impl Into<String>) -> Self {
        Error { path: path.to_owned(), line: None, message: one_line(message.into()) }
    }
}

/// How much of the input one quoted span (between backticks) of a message
/// shows: room for IANA's whole header line (187 characters).
const QUOTE_CHARS: usize = 256;

/// How long a message may be, in characters.
const MESSAGE_CHARS: usize = 1024;

/// `message` made one short line: every control character escaped (`\n`,
/// `\r`, `\u{0}`), each span quoted in backticks cut at [`QUOTE_CHARS`],
/// the whole at [`MESSAGE_CHARS`]. Messages quote the input (a date, a port,
/// an element's name), which may hold line breaks or be a megabyte long.
fn one_line(message: String) -> String {
    let short = message.len() <= QUOTE_CHARS;
    if short && !message.contains(char::is_control) {
        return message;
    }
    let mut out = String::with_capacity(message.len().min(MESSAGE_CHARS + 64));
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        let quoted = i % 2 == 1;
        for (n, c) in part.chars().enumerate() {
            if quoted && n == QUOTE_CHARS {
                out.push_str("...");
                break;
            }
            if c.is_control() {
                out.extend(c.escape_default());
            } else {
                out.push(c);
            }
        }
    }
    if let Some((cut, _)) = out.char_indices().nth(MESSAGE_CHARS) {
        let total = out.chars().count();
        out.truncate(cut);
        out.push_str(&format!("... ({} more characters)", total - MESSAGE_CHARS));
    }
    out
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_quoting_line_breaks_stays_one_line() {
        let error = Error::at("x.xml", 2, "registry <updated> `2026-\r02-13\n` is not YYYY-MM-DD");
        assert_eq!(error.to_string(), "x.xml:2: registry <updated> `2026-\\r02-13\\n` is not YYYY-MM-DD");
        assert_eq!(Error::file("x", "a\0b").message, "a\\u{0}b");
    }

    #[test]
    fn a_message_quoting_a_megabyte_stays_short() {
        let big = "9".repeat(1 << 20);
        let error = Error::at("x.xml", 2, format!("bad port `{big}`: expected a number 0-65535"));
        let shown = format!("x.xml:2: bad port `{}...`: expected a number 0-65535", &big[..QUOTE_CHARS]);
        assert_eq!(error.to_string(), shown);
        let error = Error::at("x.xml", 2, format!("unknown element <n{big}> in <record>"));
        assert_eq!(error.message.len(), MESSAGE_CHARS + "... (1048582 more characters)".len());
        assert!(error.message.starts_with("unknown element <n999"));
    }
}
