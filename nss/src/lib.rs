//! `libnss_iana.so.2`: a glibc Name Service Switch module for the services
//! database. With `services: files iana` (or `services: iana`) in
//! `/etc/nsswitch.conf`, `getservbyname`, `getservbyport` and
//! `getservent` answer from the compiled-in IANA registry exactly as
//! glibc's files backend answers over the `iana-ports --etc-services`
//! export (see [`lines`] for the rules), without reading any file.
//!
//! The entry points follow glibc's NSS contract (`nss/nss.h`): results go
//! into the caller's `struct servent` and buffer; a buffer too small gives
//! `NSS_STATUS_TRYAGAIN` with `*errnop = ERANGE` (glibc retries with a
//! larger one), no match `NSS_STATUS_NOTFOUND` with `ENOENT`. Nothing is
//! ever written past `buflen`.

#![deny(missing_docs)]
#![deny(clippy::undocumented_unsafe_blocks)]

use core::ffi::{CStr, c_char, c_int};
use std::sync::{Mutex, PoisonError};

use iana_ports::Protocol;

pub mod lines;

use lines::{Cursor, Line};

/// glibc's `enum nss_status` (`nss/nss.h`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NssStatus {
    /// The buffer is too small (with `ERANGE`), or a temporary failure.
    TryAgain = -2,
    /// The service is not available.
    Unavail = -1,
    /// No entry.
    NotFound = 0,
    /// Found; the result is filled in.
    Success = 1,
}

/// `struct servent` (`<netdb.h>`).
#[repr(C)]
#[derive(Debug)]
pub struct Servent {
    /// Official service name.
    pub s_name: *mut c_char,
    /// NULL-terminated list of aliases.
    pub s_aliases: *mut *mut c_char,
    /// Port, in network byte order.
    pub s_port: c_int,
    /// Protocol name.
    pub s_proto: *mut c_char,
}

/// Linux's `ERANGE` and `ENOENT` (glibc only runs NSS modules there and on
/// the Hurd, whose numbers differ; this module is built for Linux).
const ERANGE: c_int = 34;
const ENOENT: c_int = 2;

/// The caller's buffer cannot hold the line.
struct TooSmall;

/// The bytes `fill` writes for `line` into a buffer starting at address
/// `buffer_at` (the pointer array's padding depends on it), or `None` past
/// `usize`.
fn required_len(line: &Line, buffer_at: usize) -> Option<usize> {
    const PTR: usize = core::mem::size_of::<*mut c_char>();
    let mut strings = line.name.len() + 1 + line.proto.as_str().len() + 1;
    let mut count = 0usize;
    for alias in line.aliases() {
        strings = strings.checked_add(alias.len() + 1)?;
        count += 1;
    }
    let end = buffer_at.checked_add(strings)?;
    let pad = end.next_multiple_of(core::mem::align_of::<*mut c_char>()) - end;
    strings.checked_add(pad)?.checked_add(count.checked_add(1)?.checked_mul(PTR)?)
}

/// Writes `line` into `result` and `buffer`: the name, protocol and
/// aliases, each NUL-terminated, then (aligned) the alias pointer array.
fn fill(line: &Line, result: &mut Servent, buffer: &mut [u8]) -> Result<(), TooSmall> {
    const PTR: usize = core::mem::size_of::<*mut c_char>();
    let mut at = 0;
    let mut put = |bytes: &mut dyn ExactSizeIterator<Item = u8>| -> Result<usize, TooSmall> {
        let start = at;
        let past = start + bytes.len();
        let place = buffer.get_mut(start..=past).ok_or(TooSmall)?;
        for (slot, b) in place.iter_mut().zip(bytes.chain([0])) {
            *slot = b;
        }
        at = past + 1;
        Ok(start)
    };
    let name_at = put(&mut line.name.bytes())?;
    let proto_at = put(&mut line.proto.as_str().bytes())?;
    let aliases_at = proto_at + line.proto.as_str().len() + 1;
    let mut count = 0;
    for alias in line.aliases() {
        put(&mut alias.bytes())?;
        count += 1;
    }
    let strings_end = at;
    let pad = buffer.as_ptr().wrapping_add(strings_end).align_offset(core::mem::align_of::<*mut c_char>());
    let slots_at = strings_end.checked_add(pad).ok_or(TooSmall)?;
    let need = slots_at.checked_add((count + 1) * PTR).ok_or(TooSmall)?;
    if need > buffer.len() {
        return Err(TooSmall);
    }
    // The pointers, from one base pointer taken after the last write
    // through the slice; each alias starts past the previous one's NUL.
    let base = buffer.as_mut_ptr();
    let slots = base.wrapping_add(slots_at).cast::<*mut c_char>();
    let mut offset = aliases_at;
    for i in 0..count {
        // SAFETY: slot i < count lies in buffer[slots_at .. need], inside
        // the buffer (checked above), aligned for a pointer by `pad`.
        unsafe { slots.add(i).write(base.wrapping_add(offset).cast()) };
        // SAFETY: `offset` is the start of alias i, a NUL-terminated string
        // written above inside buffer[.. strings_end].
        offset += unsafe { CStr::from_ptr(base.wrapping_add(offset).cast()) }.to_bytes().len() + 1;
    }
    // SAFETY: slot `count`, the terminator, is the last one before `need`.
    unsafe { slots.add(count).write(core::ptr::null_mut()) };
    result.s_name = base.wrapping_add(name_at).cast();
    result.s_aliases = slots;
    result.s_port = c_int::from(line.port.to_be());
    result.s_proto = base.wrapping_add(proto_at).cast();
    Ok(())
}

/// Fills the caller's result for `line` (or reports no line), setting
/// `*errnop` as glibc expects.
///
/// # Safety
/// `result`, `buffer` (for `buflen` bytes) and `errnop` are NULL or valid.
unsafe fn answer(
    line: Option<Line>,
    result: *mut Servent,
    buffer: *mut c_char,
    buflen: usize,
    errnop: *mut c_int,
) -> NssStatus {
    let (status, errno) = match line {
        None => (NssStatus::NotFound, ENOENT),
        Some(_) if result.is_null() => (NssStatus::Unavail, ENOENT),
        Some(line) => {
            // The slice covers only the bytes written (never `buflen` as
            // given: a `SIZE_MAX` length would be no valid slice).
            let need = required_len(&line, buffer as usize).filter(|&need| need <= buflen);
            let buffer: &mut [u8] = match need {
                Some(need) if !buffer.is_null() => {
                    // SAFETY: the caller gives `buflen` writable bytes at
                    // `buffer`, and `need <= buflen`.
                    unsafe { core::slice::from_raw_parts_mut(buffer.cast::<u8>(), need) }
                }
                _ => &mut [],
            };
            // SAFETY: `result` is non-NULL and points to the caller's servent.
            let result = unsafe { &mut *result };
            match fill(&line, result, buffer) {
                Ok(()) => (NssStatus::Success, 0),
                Err(TooSmall) => (NssStatus::TryAgain, ERANGE),
            }
        }
    };
    if status != NssStatus::Success && !errnop.is_null() {
        // SAFETY: `errnop` is non-NULL and points to the caller's errno.
        unsafe { *errnop = errno };
    }
    status
}

/// The protocol glibc's files backend would match `proto` against: a line's
/// protocol is one of four lower-case words, compared with `strcmp`.
/// `Ok(None)` for NULL (any protocol), `Err` for a word no line has.
///
/// # Safety
/// `proto` is NULL or a NUL-terminated string.
unsafe fn protocol(proto: *const c_char) -> Result<Option<Protocol>, ()> {
    if proto.is_null() {
        return Ok(None);
    }
    // SAFETY: non-NULL, NUL-terminated by the caller's contract.
    let text = unsafe { CStr::from_ptr(proto) }.to_bytes();
    Protocol::ALL.into_iter().find(|p| p.as_str().as_bytes() == text).map(Some).ok_or(())
}

/// `getservbyname_r` for this module: the first line of the export on
/// `proto` (any if NULL) naming `name` as its name or an alias.
///
/// # Safety
/// glibc's contract: `name` and `proto` are NULL or NUL-terminated;
/// `result`, `buffer` (`buflen` bytes) and `errnop` are valid or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _nss_iana_getservbyname_r(
    name: *const c_char,
    proto: *const c_char,
    result: *mut Servent,
    buffer: *mut c_char,
    buflen: usize,
    errnop: *mut c_int,
) -> NssStatus {
    let line = if name.is_null() {
        None
    } else {
        // SAFETY: non-NULL and NUL-terminated by the caller's contract.
        let name = unsafe { CStr::from_ptr(name) }.to_str().ok();
        // SAFETY: as for `name`.
        let proto = unsafe { protocol(proto) };
        match (name, proto) {
            (Some(name), Ok(proto)) => lines::by_name(name, proto),
            _ => None,
        }
    };
    // SAFETY: forwarded from the caller's contract.
    unsafe { answer(line, result, buffer, buflen, errnop) }
}

/// `getservbyport_r` for this module: the first line of the export on
/// `port` (network byte order, as glibc passes it) and `proto` (any if
/// NULL).
///
/// # Safety
/// As for [`_nss_iana_getservbyname_r`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _nss_iana_getservbyport_r(
    port: c_int,
    proto: *const c_char,
    result: *mut Servent,
    buffer: *mut c_char,
    buflen: usize,
    errnop: *mut c_int,
) -> NssStatus {
    // The files backend compares the whole int with `htons(port)`: a value
    // outside 0..=65535 matches no line.
    // SAFETY: `proto` is NULL or NUL-terminated by the caller's contract.
    let line = match (u16::try_from(port), unsafe { protocol(proto) }) {
        (Ok(port), Ok(proto)) => lines::by_port(u16::from_be(port), proto),
        _ => None,
    };
    // SAFETY: forwarded from the caller's contract.
    unsafe { answer(line, result, buffer, buflen, errnop) }
}

/// Where `getservent` stands; one per process, as in glibc's backends.
static ENUMERATION: Mutex<Cursor> = Mutex::new(Cursor::START);

/// `setservent`: enumeration starts again from the first line.
#[unsafe(no_mangle)]
pub extern "C" fn _nss_iana_setservent(_stayopen: c_int) -> NssStatus {
    *ENUMERATION.lock().unwrap_or_else(PoisonError::into_inner) = Cursor::START;
    NssStatus::Success
}

/// `endservent`: as [`_nss_iana_setservent`] (there is nothing to close).
#[unsafe(no_mangle)]
pub extern "C" fn _nss_iana_endservent() -> NssStatus {
    _nss_iana_setservent(0)
}

/// `getservent_r`: the next line of the export. On `ERANGE` the same line
/// comes again with the larger buffer glibc retries with.
///
/// # Safety
/// `result`, `buffer` (`buflen` bytes) and `errnop` are valid or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _nss_iana_getservent_r(
    result: *mut Servent,
    buffer: *mut c_char,
    buflen: usize,
    errnop: *mut c_int,
) -> NssStatus {
    let mut cursor = ENUMERATION.lock().unwrap_or_else(PoisonError::into_inner);
    let next = cursor.next_line();
    // SAFETY: forwarded from the caller's contract.
    let status = unsafe { answer(next.map(|(line, _)| line), result, buffer, buflen, errnop) };
    if let (NssStatus::Success, Some((_, past))) = (status, next) {
        *cursor = past;
    }
    status
}
