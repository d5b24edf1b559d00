//! The module's entry points called from Rust: what `lines` relies on in
//! the runtime crate, and no allocation on the lookup path.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::ffi::{CString, c_char, c_int};

use iana_ports::{Protocol, records};
use nss_iana::{NssStatus, Servent};

/// Counts the allocations this thread makes while `COUNTING` is set.
struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; the counters are thread-local
// `Cell`s with const initializers, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            ALLOCATIONS.with(|n| n.set(n.get() + 1));
        }
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn index_of(record: &'static iana_ports::Record) -> usize {
    (record as *const _ as usize - records().as_ptr() as usize) / size_of::<iana_ports::Record>()
}

#[test]
fn by_port_yields_in_registry_order() {
    for port in 0..=u16::MAX {
        for proto in Protocol::ALL {
            let indices: Vec<usize> = iana_ports::by_port(port, proto).map(index_of).collect();
            assert!(indices.windows(2).all(|w| w[0] < w[1]), "{port}/{proto}: {indices:?}");
        }
    }
}

#[test]
fn lookups_and_enumeration_allocate_nothing() {
    let names: Vec<CString> = ["http", "BESApi", "besapi", "matrix_vnet", "x11", "no-such", "ethernet/ip-1"]
        .into_iter()
        .map(|n| CString::new(n).unwrap())
        .collect();
    let mut result = Servent {
        s_name: std::ptr::null_mut(),
        s_aliases: std::ptr::null_mut(),
        s_port: 0,
        s_proto: std::ptr::null_mut(),
    };
    let mut buffer = [0u64; 128];
    let (buf, len) = (buffer.as_mut_ptr().cast::<c_char>(), size_of_val(&buffer));
    let mut errno: c_int = 0;
    COUNTING.with(|c| c.set(true));
    // The counter sees this thread's allocations.
    drop(std::hint::black_box(Box::new(1u8)));
    assert_eq!(ALLOCATIONS.with(|n| n.replace(0)), 1);
    let mut found = 0;
    for name in &names {
        for proto in [c"tcp".as_ptr(), c"udp".as_ptr(), std::ptr::null()] {
            // SAFETY: valid strings, result, buffer of `len` bytes, errno.
            let status =
                unsafe { nss_iana::_nss_iana_getservbyname_r(name.as_ptr(), proto, &mut result, buf, len, &mut errno) };
            found += usize::from(status == NssStatus::Success);
        }
    }
    for port in (0..=u16::MAX).step_by(7) {
        // SAFETY: as above.
        let status = unsafe {
            nss_iana::_nss_iana_getservbyport_r(
                c_int::from(port.to_be()),
                std::ptr::null(),
                &mut result,
                buf,
                len,
                &mut errno,
            )
        };
        found += usize::from(status == NssStatus::Success);
    }
    nss_iana::_nss_iana_setservent(0);
    // SAFETY: as above.
    while unsafe { nss_iana::_nss_iana_getservent_r(&mut result, buf, len, &mut errno) } == NssStatus::Success {
        found += 1;
    }
    nss_iana::_nss_iana_endservent();
    COUNTING.with(|c| c.set(false));
    assert!(found > 12_000, "{found}");
    assert_eq!(ALLOCATIONS.with(Cell::get), 0);
}
