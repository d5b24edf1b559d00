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
//!   one that said what was wrong (a closed stderr pipe keeps the status);
//! - a stream closed before the command started (`>&-`, `2>&-`) fails
//!   like `/dev/full`: the answer or message is lost, so exit status 2.

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
    stderr_closed: bool,
}

/// Whether the command was started with the stream open. Rust's runtime
/// reopens a closed standard stream on `/dev/null`, read-write, before
/// `main`; a shell opens `>/dev/null` write-only. So `/dev/null` open
/// read-write means the stream was closed (`1<>/dev/null` is taken so too).
#[cfg(unix)]
fn is_open(stream: &impl std::os::fd::AsFd) -> bool {
    use rustix::fs::{FileType, OFlags, fcntl_getfl, fstat};
    use std::os::unix::fs::MetadataExt as _;
    let fd = stream.as_fd();
    let Ok(stat) = fstat(fd) else { return false };
    let null = std::fs::metadata("/dev/null").map(|m| m.rdev()).ok();
    #[allow(clippy::unnecessary_cast)] // dev_t is u64 on Linux, not on every Unix
    let rdev = stat.st_rdev as u64;
    let is_null = FileType::from_raw_mode(stat.st_mode) == FileType::CharacterDevice && null == Some(rdev);
    let read_write = fcntl_getfl(fd).is_ok_and(|flags| flags & OFlags::RWMODE == OFlags::RDWR);
    !(is_null && read_write)
}

#[cfg(not(unix))]
fn is_open<T>(_: &T) -> bool {
    true
}

impl Streams {
    /// Both streams, nothing written yet. A stream the command was started
    /// without (`>&-`) is a write failure from the start: the standard
    /// library would drop every write to it silently, losing the answer
    /// with exit status 0.
    pub fn new() -> Streams {
        let mut streams = Streams::default();
        if !is_open(&io::stdout()) {
            streams.stdout_error = Some(io::Error::other("standard output is closed"));
        }
        streams.stderr_closed = !is_open(&io::stderr());
        streams
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
        if self.stderr_closed {
            self.stderr_failed = true;
            return;
        }
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
