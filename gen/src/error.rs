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
        Error { path: path.to_owned(), line: Some(line), message: message.into() }
    }

    /// An error about a whole file.
    pub fn file(path: &str, message: impl Into<String>) -> Self {
        Error { path: path.to_owned(), line: None, message: message.into() }
    }
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
