//! The C API of [`iana_ports`]: `include/iana_ports.h` (generated from this
//! file by cbindgen, checked in, and checked by `tests/header.rs`).
//!
//! Every function takes any input — NULL, non-UTF-8 bytes, strings of any
//! length — allocates nothing, keeps no state and never unwinds into C:
//! each body runs inside [`std::panic::catch_unwind`], and a panic (none is
//! known: the lookups are the library's bounds-checked `const fn`s) gives
//! the function's "nothing" value. A program built with `panic = "abort"`
//! would abort instead; the default profile, which this crate's build
//! uses, unwinds.
//!
//! Protocols are IP protocol numbers: [`IANA_TCP`] (6), [`IANA_UDP`] (17),
//! [`IANA_SCTP`] (132), [`IANA_DCCP`] (33).

#![deny(missing_docs, unsafe_op_in_unsafe_fn)]
// The C names are the API.
#![allow(non_camel_case_types)]

use core::ffi::{CStr, c_char, c_int};
use core::fmt::{self, Write};
use core::ptr;
use std::panic::{AssertUnwindSafe, catch_unwind};

use iana_ports::{PortSpec, Protocol, Status};

/// IP protocol number of TCP.
pub const IANA_TCP: c_int = 6;
/// IP protocol number of UDP.
pub const IANA_UDP: c_int = 17;
/// IP protocol number of SCTP.
pub const IANA_SCTP: c_int = 132;
/// IP protocol number of DCCP.
pub const IANA_DCCP: c_int = 33;

/// `iana_status`: no row of the registry claims the port (or only rows
/// that gave it back: Unassigned, De-registered, Removed...).
pub const IANA_UNASSIGNED: c_int = 0;
/// `iana_status`: a named service holds the port.
pub const IANA_ASSIGNED: c_int = 1;
/// `iana_status`: the port is set aside without a service name.
pub const IANA_RESERVED: c_int = 2;
/// `iana_status`: the protocol is not one of the four.
pub const IANA_UNKNOWN_PROTOCOL: c_int = -1;

/// One port range a spec resolves to (`iana_resolve`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct iana_port_range {
    /// IP protocol number: `IANA_TCP`, `IANA_UDP`, `IANA_SCTP` or `IANA_DCCP`.
    pub protocol: c_int,
    /// First port.
    pub start: u16,
    /// Last port (inclusive; equal to `start` for one port).
    pub end: u16,
}

/// The protocol of an IP protocol number, if it is one of the four.
fn protocol(number: c_int) -> Option<Protocol> {
    u8::try_from(number).ok().and_then(Protocol::from_ip_number)
}

/// Runs `body`, turning a panic (none is known) into `fallback`.
fn guarded<R>(fallback: R, body: impl FnOnce() -> R) -> R {
    // Unwind-safe in effect: after a panic nothing reads the body's state
    // again; only the caller's output buffer may hold partial entries, and
    // the fallback result tells the caller to ignore it.
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

/// The bytes of a C string, or `None` for NULL.
///
/// # Safety
/// `text` is NULL or points to a NUL-terminated string that stays valid and
/// unchanged for `'a`.
unsafe fn bytes<'a>(text: *const c_char) -> Option<&'a [u8]> {
    if text.is_null() {
        return None;
    }
    // SAFETY: not NULL, and NUL-terminated and valid for 'a by the caller's
    // contract (the same as every C string function's).
    Some(unsafe { CStr::from_ptr(text) }.to_bytes())
}

/// The service name of the first named row covering `port` on `protocol`,
/// in registry order (80/tcp gives "http"): a static NUL-terminated string,
/// or NULL when no named row covers the port or the protocol is unknown.
#[unsafe(no_mangle)]
pub extern "C" fn iana_service_name(port: u16, protocol: c_int) -> *const c_char {
    guarded(ptr::null(), || match self::protocol(protocol) {
        Some(p) => iana_ports::service_name_cstr(port, p).map_or(ptr::null(), CStr::as_ptr),
        None => ptr::null(),
    })
}

/// The port of service `name` (any case) on `protocol`: the first port of
/// the first row with that name and a port there (a range gives its first
/// port). -1 when there is none, `name` is NULL or not UTF-8, or the
/// protocol is unknown.
///
/// # Safety
/// `name` is NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn iana_port(name: *const c_char, protocol: c_int) -> i32 {
    // SAFETY: the caller's contract is `bytes`'s.
    let name = unsafe { bytes(name) };
    guarded(-1, || {
        let (Some(name), Some(p)) = (name, self::protocol(protocol)) else { return -1 };
        let Ok(name) = core::str::from_utf8(name) else { return -1 };
        iana_ports::port(name, p).map_or(-1, i32::from)
    })
}

/// What the registry says about `port` on `protocol`: `IANA_ASSIGNED`,
/// `IANA_RESERVED` or `IANA_UNASSIGNED`; `IANA_UNKNOWN_PROTOCOL` (negative)
/// for a protocol other than the four.
#[unsafe(no_mangle)]
pub extern "C" fn iana_status(port: u16, protocol: c_int) -> c_int {
    guarded(IANA_UNKNOWN_PROTOCOL, || match self::protocol(protocol) {
        Some(p) => match iana_ports::status(port, p) {
            Status::Assigned => IANA_ASSIGNED,
            Status::Reserved => IANA_RESERVED,
            Status::Unassigned => IANA_UNASSIGNED,
        },
        None => IANA_UNKNOWN_PROTOCOL,
    })
}

/// Resolves a port spec (`"ssh"`, `"https/tcp"`, `"6000-6063/udp"`, `"443"`)
/// to every (protocol, port range) it means: protocol by protocol (tcp,
/// udp, sctp, dccp), and for a name every row with a port in registry
/// order. Writes the first `cap` entries to `out` and returns how many
/// there are in all (call again with a larger buffer if that is more than
/// `cap`). A bad spec (or NULL, or not UTF-8) returns 0: see
/// `iana_spec_error` for why.
///
/// `cap` is how many entries `out` holds. Only the entries that exist are
/// written (the smaller of `cap` and the returned count), so `SIZE_MAX`
/// may be passed for a buffer known to be large enough. The spec is read
/// whole before `out` is written: it may lie inside `out`.
///
/// # Safety
/// `spec` is NULL or a NUL-terminated string; `out` points to `cap`
/// writable entries, or to at least as many as the spec resolves to, or
/// `cap` is 0 (`out` may then be NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn iana_resolve(spec: *const c_char, out: *mut iana_port_range, cap: usize) -> usize {
    // SAFETY: the caller's contract is `bytes`'s.
    let spec = unsafe { bytes(spec) };
    guarded(0, move || {
        let Some(Ok(spec)) = spec.map(core::str::from_utf8) else { return 0 };
        let Ok(spec) = PortSpec::parse(spec) else { return 0 };
        // `spec` owns what it needs: the caller's text is not read again,
        // so `out` may overlap it.
        let count = spec.resolve().count();
        let len = cap.min(count);
        if out.is_null() || len == 0 {
            return count;
        }
        // SAFETY: `out` is non-NULL and points to `cap` writable entries,
        // or to as many as the spec resolves to, by the caller's contract:
        // `len` is at most both (so the slice is not larger than the
        // buffer, however large `cap` claims to be), and nothing else
        // borrows them during the call.
        let out = unsafe { core::slice::from_raw_parts_mut(out, len) };
        for (slot, (p, range)) in out.iter_mut().zip(spec.resolve()) {
            *slot = iana_port_range { protocol: c_int::from(p.ip_number()), start: range.start, end: range.end };
        }
        count
    })
}

/// The longest message `iana_spec_error` writes: a `SpecError`'s message
/// is at most 1,024 bytes (its const buffer), the others are short.
const MESSAGE_BYTES: usize = 1024;

/// Why `spec` is not a valid port spec, as one line (for example
/// `"htps/tcp": no service `htps` on tcp in the IANA registry; did you
/// mean `https/tcp` (443), ...?`), written like `snprintf`: at most
/// `size - 1` bytes (cut at a UTF-8 character boundary) and a NUL to
/// `buf`, returning the whole message's length without the NUL. Returns 0,
/// and writes an empty string, when the spec is valid. `buf` may be NULL
/// when `size` is 0, to ask for the length. Control characters of the spec
/// are escaped (`\x1b`, `\u{9b}`), and the message is at most 1,024 bytes.
///
/// `size` is how many bytes `buf` holds. Only the message and its NUL are
/// written (the smaller of `size` and the returned length + 1), so
/// `SIZE_MAX` may be passed for a buffer known to hold 1,025 bytes. The
/// message is composed before `buf` is written: `spec` may lie inside
/// `buf`.
///
/// # Safety
/// `spec` is NULL or a NUL-terminated string; `buf` points to `size`
/// writable bytes, or to at least the message's length + 1, or `size` is 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn iana_spec_error(spec: *const c_char, buf: *mut c_char, size: usize) -> usize {
    // SAFETY: the caller's contract is `bytes`'s.
    let spec = unsafe { bytes(spec) };
    guarded(0, move || {
        // The whole message first, in a buffer of our own: `spec` is not
        // read after this, so `buf` may overlap it.
        let mut message = [0u8; MESSAGE_BYTES + 1];
        let mut composed = Truncating::new(&mut message);
        // Writing to `Truncating` never fails.
        let _ = match spec.map(core::str::from_utf8) {
            None => composed.write_str("spec is NULL"),
            Some(Err(e)) => write!(composed, "spec is not UTF-8 (invalid byte at offset {})", e.valid_up_to()),
            Some(Ok(text)) => match PortSpec::parse(text) {
                Ok(_) => Ok(()),
                Err(err) => write!(composed, "{err}"),
            },
        };
        composed.finish();
        // Up to its NUL (the message holds none: a SpecError escapes it).
        let end = message.iter().position(|&b| b == 0).unwrap_or(MESSAGE_BYTES);
        let text = core::str::from_utf8(&message[..end]).unwrap_or_default();
        let len = size.min(text.len() + 1);
        if buf.is_null() || len == 0 {
            return text.len();
        }
        // SAFETY: `buf` is non-NULL and points to `size` writable bytes, or
        // to the message's length + 1, by the caller's contract: `len` is
        // at most both (the slice is never larger than the buffer, however
        // large `size` claims to be); `c_char` and `u8` have the same
        // layout; nothing else borrows them during the call.
        let buf = unsafe { core::slice::from_raw_parts_mut(buf.cast::<u8>(), len) };
        let mut out = Truncating::new(buf);
        let _ = out.write_str(text);
        out.finish()
    })
}

/// A `snprintf`-style writer: keeps what fits (whole characters) and a NUL,
/// counts everything.
struct Truncating<'a> {
    buf: &'a mut [u8],
    kept: usize,
    total: usize,
    full: bool,
}

impl<'a> Truncating<'a> {
    fn new(buf: &'a mut [u8]) -> Truncating<'a> {
        Truncating { buf, kept: 0, total: 0, full: false }
    }

    /// NUL-terminates what was kept; returns the whole length.
    fn finish(self) -> usize {
        if let Some(end) = self.buf.get_mut(self.kept) {
            *end = 0;
        }
        self.total
    }
}

impl Write for Truncating<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.total += s.len();
        // Room for the text, one byte kept for the NUL.
        let room = self.buf.len().saturating_sub(1 + self.kept);
        if self.full {
            return Ok(());
        }
        let mut take = s.len().min(room);
        while !s.is_char_boundary(take) {
            take -= 1;
        }
        self.buf[self.kept..self.kept + take].copy_from_slice(&s.as_bytes()[..take]);
        self.kept += take;
        // Once a character was cut, nothing after it is kept.
        self.full = take < s.len();
        Ok(())
    }
}

const UPDATED_LEN: usize = iana_ports::REGISTRY.updated.len();

/// `REGISTRY.updated` with a NUL, built while compiling.
static UPDATED: [u8; UPDATED_LEN + 1] = {
    let text = iana_ports::REGISTRY.updated.as_bytes();
    let mut out = [0; UPDATED_LEN + 1];
    let mut i = 0;
    while i < text.len() {
        assert!(text[i] != 0, "the registry date holds a NUL");
        out[i] = text[i];
        i += 1;
    }
    out
};

/// The date IANA last updated the compiled-in registry, `"YYYY-MM-DD"`: a
/// static NUL-terminated string.
#[unsafe(no_mangle)]
pub extern "C" fn iana_registry_updated() -> *const c_char {
    UPDATED.as_ptr().cast()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncating_keeps_whole_characters_and_counts_all() {
        let mut buf = [0xAAu8; 5];
        let mut w = Truncating::new(&mut buf);
        w.write_str("ab").unwrap();
        w.write_str("cé").unwrap(); // 'é' is 2 bytes: only "c" fits before the NUL
        w.write_str("d").unwrap();
        assert_eq!(w.finish(), 6);
        assert_eq!(&buf[..4], b"abc\0");
        let mut w = Truncating::new(&mut []);
        w.write_str("xyz").unwrap();
        assert_eq!(w.finish(), 3);
    }

    #[test]
    fn updated_is_the_registry_date() {
        // SAFETY: a static NUL-terminated string.
        let date = unsafe { CStr::from_ptr(iana_registry_updated()) };
        assert_eq!(date.to_str(), Ok(iana_ports::REGISTRY.updated));
    }
}
