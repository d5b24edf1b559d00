//! Writing to stdout and stderr without panicking, and the exit status
//! that write failures lead to.
//!
//! `print!`/`eprintln!` panic when a write fails (`2>/dev/full`, a full
//! disk), so the command writes through [`Streams`], which remembers what
//! went wrong:
//! - stdout closed by its reader (`| head -1`): the rest of the output is
//!   dropped quietly and the exit status is the one the answer had (the
//!   reader chose to stop; `yes | head` works the same way);
//! - any other failure on stdout (`>/dev/full`): one message on stderr and
//!   exit status 2 ("trouble", as diff(1) and grep(1) use it);
//! - a failure on stderr: exit status 2 as well, the lost message being the
//!   one that said what was wrong (a closed stderr pipe keeps the status).

use std::io::{self, Write};
use std::process::ExitCode;

/// The exit status for trouble: an input, usage or write error.
pub const TROUBLE: u8 = 2;

/// stdout and stderr, with what went wrong on each.
#[derive(Debug, Default)]
pub struct Streams {
    stdout_closed: bool,
    stdout_error: Option<io::Error>,
    stderr_failed: bool,
}

impl Streams {
    /// Both streams, nothing written yet.
    pub fn new() -> Streams {
        Streams::default()
    }

    /// Writes `text` to stdout and flushes it. After a failure nothing more
    /// is written there.
    pub fn out(&mut self, text: &str) {
        if self.stdout_closed || self.stdout_error.is_some() {
            return;
        }
        let mut stdout = io::stdout().lock();
        if let Err(e) = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
            match e.kind() {
                io::ErrorKind::BrokenPipe => self.stdout_closed = true,
                _ => self.stdout_error = Some(e),
            }
        }
    }

    /// Writes `text` to stderr (a line end is added when missing).
    pub fn err(&mut self, text: &str) {
        let mut stderr = io::stderr().lock();
        let line_end = if text.ends_with('\n') { "" } else { "\n" };
        let written = stderr.write_all(text.as_bytes()).and_then(|()| stderr.write_all(line_end.as_bytes()));
        if let Err(e) = written.and_then(|()| stderr.flush()) {
            if e.kind() != io::ErrorKind::BrokenPipe {
                self.stderr_failed = true;
            }
        }
    }

    /// The exit status: `status` when every write succeeded or stdout was
    /// closed by its reader, [`TROUBLE`] after any other write failure
    /// (reported on stderr if stderr still works).
    pub fn finish(mut self, status: u8) -> ExitCode {
        ExitCode::from(self.status(status))
    }

    fn status(&mut self, status: u8) -> u8 {
        if let Some(e) = self.stdout_error.take() {
            self.err(&format!("iana-ports: cannot write output: {e}"));
            return TROUBLE;
        }
        if self.stderr_failed { TROUBLE } else { status }
    }
}
