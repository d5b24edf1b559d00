//! Every lookup runs without touching the allocator.
//!
//! A counting `#[global_allocator]` counts the allocations the measuring
//! thread makes while the lookups run. The flag is thread-local: the test
//! harness's main thread may still be doing its own bookkeeping (it
//! allocates) when the test thread starts measuring.
#![cfg(feature = "full")]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

thread_local! {
    static ARMED: Cell<bool> = const { Cell::new(false) };
}
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Counts an allocation if this thread is measuring. A `const`-initialised
/// thread-local needs no allocation to read.
fn count() {
    if ARMED.try_with(Cell::get).unwrap_or(false) {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(work: impl FnOnce() -> usize) -> (usize, usize) {
    ALLOCATIONS.store(0, Ordering::SeqCst);
    ARMED.with(|a| a.set(true));
    let checksum = std::hint::black_box(work());
    ARMED.with(|a| a.set(false));
    (ALLOCATIONS.load(Ordering::SeqCst), checksum)
}

#[test]
fn lookups_do_not_allocate() {
    use iana_ports::*;
    // A sanity check that the counter works at all.
    let (n, _) = allocations_during(|| std::hint::black_box(vec![1u8; 16]).len());
    assert_eq!(n, 1, "the counting allocator does not count");

    let names = ["http", "HTTPS", "BESApi", "x11", "whois++", "914c/g", "rdp", "no-such", "", "ümlaut"];
    let (n, sum) = allocations_during(|| {
        let mut sum = 0usize;
        for proto in Protocol::ALL {
            for p in (0..=u16::MAX).step_by(7) {
                sum += service_name(p, proto).map_or(0, str::len);
                sum += status(p, proto) as usize;
                sum += by_port(p, proto).count();
                sum += PortClass::of(p) as usize;
            }
            for name in names {
                sum += port(name, proto).map_or(0, usize::from);
            }
        }
        for name in names {
            for r in by_name(name) {
                sum += r.service_name().map_or(0, str::len) + r.ports().map_or(0, |p| p.len() as usize);
                sum += r.description().map_or(0, str::len) + r.notes().map_or(0, str::len);
                sum += r.assignee().count() + r.contact().people().count();
                sum += r.alias_of().map_or(0, str::len) + r.service_code().map_or(0, |c| c as usize);
                sum += r.registration_date().map_or(0, str::len) + r.reference().map_or(0, str::len);
            }
            sum += "tcp".parse::<Protocol>().is_ok() as usize + Protocol::parse(name).is_some() as usize;
        }
        sum += search("matrix").count() + search("RFC").count();
        sum += person("Jon_Postel").map_or(0, |p| p.uris().count());
        sum += records().len();
        for text in ["443", "+80", "0080", "65536", "", "https", "HTTPS", "htps", "matrix", "rift-lies", "ümlaut"] {
            for proto in Protocol::ALL {
                match lookup_port(text, proto) {
                    Ok(port) => sum += usize::from(port),
                    Err(e) => sum += e.input().len() + e.suggestions().count() + written(&e),
                }
            }
        }
        for text in ["example.com:imaps", "[fe80::1%lo0]:80", ":0", "::1", "[::1]", "[::1:80", "a[b]:c", "a]b:c"] {
            match split_host_port(text) {
                Ok((host, port)) => sum += host.len() + port.len(),
                Err(e) => sum += e.input().len() + written(&e),
            }
        }
        sum += written(&join_host_port("::1", "imaps"));
        sum
    });
    assert!(sum > 0);
    assert_eq!(n, 0, "lookups allocated {n} times");
}

/// Formats `value` into a sink that only counts bytes: `Display` of the
/// error types and of `join_host_port` needs no allocation.
fn written(value: &dyn std::fmt::Display) -> usize {
    struct Count(usize);
    impl std::fmt::Write for Count {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 += s.len();
            Ok(())
        }
    }
    let mut count = Count(0);
    std::fmt::write(&mut count, format_args!("{value}")).unwrap();
    count.0
}

/// The serde impls and helpers, on the success paths (serde's own
/// `value::Error` allocates its message, so refusals are left out).
#[cfg(feature = "serde")]
#[test]
fn deserializing_does_not_allocate() {
    use iana_ports::{PortRange, PortSpec, Protocol};
    use serde::Deserialize;
    use serde::de::value::{Error, StrDeserializer, U64Deserializer};

    let text = |s| StrDeserializer::<Error>::new(s);
    let (n, sum) = allocations_during(|| {
        let mut sum = 0usize;
        sum += usize::from(iana_ports::serde::tcp_port(text("https")).unwrap());
        sum += usize::from(iana_ports::serde::udp_port(U64Deserializer::<Error>::new(514)).unwrap());
        sum += Protocol::deserialize(text("UDP")).unwrap() as usize;
        sum += PortRange::deserialize(text("6000-6063")).unwrap().len() as usize;
        sum += PortSpec::deserialize(text("x11/udp")).unwrap().resolve().count();
        sum
    });
    assert_eq!(sum, 443 + 514 + 1 + 64 + 1);
    assert_eq!(n, 0, "deserializing allocated {n} times");
}
