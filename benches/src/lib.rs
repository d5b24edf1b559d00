//! Shared pieces of the `iana-ports` benchmarks: the alternatives built at
//! start-up, the phf maps built by `build.rs`, glibc wrappers and the seeded
//! query mix. See `benches/lookups.rs` and `ratios.sh`.

use std::collections::HashMap;
use std::ffi::{CStr, CString};

use iana_ports::{Protocol, records};

include!(concat!(env!("OUT_DIR"), "/phf_maps.rs"));

/// Lookups per batch: divan's per-iteration time divided by this is the time
/// per lookup.
pub const BATCH: usize = 1024;

/// A small deterministic generator (SplitMix64): the same mix on every run.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// Seeded generator.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }
}

fn proto_index(p: Protocol) -> usize {
    p as usize
}

/// `(port, proto)` queries: 90 % a port of a random registry row with a port
/// (a random port inside ranges) on that row's protocol (tcp or udp for rows
/// without one), 10 % a uniformly random port on tcp or udp (mostly misses).
pub fn port_queries(seed: u64) -> Vec<(u16, Protocol)> {
    let mut rng = Rng::new(seed);
    let rows: Vec<_> = records().iter().filter(|r| r.ports().is_some()).collect();
    (0..BATCH)
        .map(|_| {
            if rng.below(10) == 0 {
                let proto = if rng.below(2) == 0 { Protocol::Tcp } else { Protocol::Udp };
                return (rng.next_u64() as u16, proto);
            }
            let row = rows[rng.below(rows.len())];
            let range = row.ports().unwrap_or(iana_ports::PortRange { start: 0, end: 0 });
            let port = range.start + rng.below(range.len() as usize) as u16;
            let proto = row.protocol().unwrap_or(if rng.below(2) == 0 { Protocol::Tcp } else { Protocol::Udp });
            (port, proto)
        })
        .collect()
}

/// One name query: the registered spelling (for the case-sensitive bar),
/// the same name in random case (for everything else), and a NUL-terminated
/// copy of the mixed spelling for glibc.
#[derive(Debug, Clone)]
pub struct NameQuery {
    /// As registered (`BESApi`), or the miss text.
    pub exact: String,
    /// Random case (`bEsApI`).
    pub mixed: String,
    /// `mixed` for C.
    pub c_mixed: CString,
}

/// Name queries: 90 % registered names (every distinct name equally likely,
/// with or without a tcp port) in random case, 10 % misses (a registered
/// name with a suffix, or random letters).
pub fn name_queries(seed: u64) -> Vec<NameQuery> {
    let mut rng = Rng::new(seed);
    let mut names: Vec<&'static str> = records().iter().filter_map(|r| r.service_name()).collect();
    names.sort_unstable();
    names.dedup();
    (0..BATCH)
        .map(|_| {
            let exact = if rng.below(10) == 0 {
                if rng.below(2) == 0 {
                    format!("{}-x", names[rng.below(names.len())])
                } else {
                    (0..3 + rng.below(10)).map(|_| (b'a' + rng.below(26) as u8) as char).collect()
                }
            } else {
                names[rng.below(names.len())].to_owned()
            };
            let mixed: String = exact
                .chars()
                .map(|c| if rng.below(2) == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
                .collect();
            let c_mixed = CString::new(mixed.clone()).unwrap_or_default();
            NameQuery { exact, mixed, c_mixed }
        })
        .collect()
}

/// Every alternative, built once at start-up from `iana_ports::records()`.
pub struct Alternatives {
    /// Distinct names; index 0 unused (0 = no name in `dense`).
    pub names: Vec<&'static str>,
    /// One `[u16; 65536]` per protocol: index into `names` (the floor).
    pub dense: Vec<[u16; 65536]>,
    /// `(port, proto index)` to first name.
    pub port_map: HashMap<(u16, u8), &'static str>,
    /// Sorted `(proto << 16 | port, name)` for binary search.
    pub sorted: Vec<(u32, &'static str)>,
    /// Registered spelling to first tcp port (case-sensitive: the bar).
    pub name_map: HashMap<&'static str, u16>,
    /// Lower-cased name to first tcp port (queries lower-cased first).
    pub lower_map: HashMap<String, u16>,
}

impl Alternatives {
    /// Builds every table from the crate's records.
    pub fn build() -> Alternatives {
        let mut names: Vec<&'static str> = vec![""];
        let mut ids: HashMap<&'static str, u16> = HashMap::new();
        let mut dense = vec![[0u16; 65536]; 4];
        let mut name_map = HashMap::new();
        let mut lower_map = HashMap::new();
        for row in records() {
            let (Some(name), Some(range)) = (row.service_name(), row.ports()) else {
                continue;
            };
            let id = *ids.entry(name).or_insert_with(|| {
                names.push(name);
                (names.len() - 1) as u16
            });
            for p in Protocol::ALL {
                if !row.applies_to(p) {
                    continue;
                }
                for port in range.start..=range.end {
                    let slot = &mut dense[proto_index(p)][usize::from(port)];
                    if *slot == 0 {
                        *slot = id;
                    }
                }
            }
            if row.applies_to(Protocol::Tcp) {
                name_map.entry(name).or_insert(range.start);
                lower_map.entry(name.to_ascii_lowercase()).or_insert(range.start);
            }
        }
        let mut port_map = HashMap::new();
        let mut sorted = Vec::new();
        for (p, table) in dense.iter().enumerate() {
            for (port, &id) in table.iter().enumerate() {
                if id != 0 {
                    port_map.insert((port as u16, p as u8), names[usize::from(id)]);
                    sorted.push((((p as u32) << 16) | port as u32, names[usize::from(id)]));
                }
            }
        }
        Alternatives { names, dense, port_map, sorted, name_map, lower_map }
    }

    /// Dense index lookup (the floor).
    #[inline]
    pub fn dense(&self, port: u16, proto: Protocol) -> Option<&'static str> {
        let id = self.dense[proto_index(proto)][usize::from(port)];
        if id == 0 { None } else { Some(self.names[usize::from(id)]) }
    }

    /// std `HashMap` lookup.
    #[inline]
    pub fn hash_map(&self, port: u16, proto: Protocol) -> Option<&'static str> {
        self.port_map.get(&(port, proto as u8)).copied()
    }

    /// Binary search over the sorted array.
    #[inline]
    pub fn binary_search(&self, port: u16, proto: Protocol) -> Option<&'static str> {
        let key = ((proto as u32) << 16) | u32::from(port);
        self.sorted.binary_search_by_key(&key, |e| e.0).ok().map(|i| self.sorted[i].1)
    }

    /// Case-sensitive name hit (the bar: queries use the registered spelling).
    #[inline]
    pub fn name_exact(&self, name: &str) -> Option<u16> {
        self.name_map.get(name).copied()
    }

    /// Lower-cases into a `String`, then a std `HashMap` lookup.
    #[inline]
    pub fn name_lowercased(&self, name: &str) -> Option<u16> {
        self.lower_map.get(&name.to_ascii_lowercase()).copied()
    }
}

/// phf lookup by `(port, proto)`.
#[inline]
pub fn phf_port(port: u16, proto: Protocol) -> Option<&'static str> {
    PHF_PORTS.get(&(((proto as u32) << 16) | u32::from(port))).copied()
}

/// phf lookup by name: lower-cased into a stack buffer first (no allocation).
#[inline]
pub fn phf_name(name: &str) -> Option<u16> {
    let mut buf = [0u8; 32];
    let bytes = name.as_bytes();
    if bytes.len() > buf.len() {
        return None;
    }
    let lower = &mut buf[..bytes.len()];
    lower.copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    let key = std::str::from_utf8(lower).ok()?;
    PHF_NAMES.get(key).copied()
}

/// glibc `getservbyport` (reads `/etc/services` on every call).
pub fn glibc_port(port: u16, proto: &CStr) -> Option<String> {
    // SAFETY: FFI call with a valid NUL-terminated protocol; the returned
    // entry (static storage inside glibc) is read at once, single-threaded.
    unsafe {
        let entry = libc::getservbyport(i32::from(port.to_be()), proto.as_ptr());
        if entry.is_null() { None } else { Some(CStr::from_ptr((*entry).s_name).to_string_lossy().into_owned()) }
    }
}

/// glibc `getservbyname` (case-sensitive; reads `/etc/services` every call).
pub fn glibc_name(name: &CStr, proto: &CStr) -> Option<u16> {
    // SAFETY: as in `glibc_port`.
    unsafe {
        let entry = libc::getservbyname(name.as_ptr(), proto.as_ptr());
        if entry.is_null() { None } else { Some(u16::from_be((*entry).s_port as u16)) }
    }
}

/// NUL-terminated protocol names for glibc.
pub fn c_proto(proto: Protocol) -> &'static CStr {
    match proto {
        Protocol::Tcp => c"tcp",
        Protocol::Udp => c"udp",
        Protocol::Sctp => c"sctp",
        Protocol::Dccp => c"dccp",
    }
}
