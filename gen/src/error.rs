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

/// `message` with every control character escaped (`\n`, `\r`, `\u{0}`):
/// a message that quotes the input (a date, an id) stays one line, whatever
/// the input holds.
fn one_line(message: String) -> String {
    if !message.contains(char::is_control) {
        return message;
    }
    message.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect()
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
}
