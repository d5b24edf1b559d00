//! `iana-ports` side by side with every alternative, on one seeded query mix.
//!
//! Each divan iteration is one batch of 1,024 lookups (divan's times are per
//! batch: divide by 1,024). After divan's tables, the harness measures every
//! alternative again, interleaved round by round so that machine noise hits
//! all of them alike, and prints ns per lookup and the ratios against the
//! goals. `IANA_BENCH_RATIOS=0` skips that table.

use std::hint::black_box;
use std::sync::LazyLock;
use std::time::Instant;

use divan::Bencher;
use iana_ports::{PortClass, Protocol};
use iana_ports_benches::{
    Alternatives, BATCH, NameQuery, c_proto, glibc_name, glibc_port, name_queries, phf_name, phf_port, port_queries,
};

const SEED: u64 = 0x1A4A_5EED;

static ALT: LazyLock<Alternatives> = LazyLock::new(Alternatives::build);
static PORTS: LazyLock<Vec<(u16, Protocol)>> = LazyLock::new(|| port_queries(SEED));
static NAMES: LazyLock<Vec<NameQuery>> = LazyLock::new(|| name_queries(SEED));
static SEARCHES: [&str; 5] = ["matrix", "http", "x window system", "rfc6335", "no-such-text"];
/// Queries whose cost must stay bounded (issue 12): 1 MB and 64 KB of
/// registry words, and the longest column text of the registry itself (the
/// longest query that can still match, which must scan every row).
static LONG_SEARCHES: LazyLock<[(&str, String); 3]> = LazyLock::new(|| {
    let longest = iana_ports::records()
        .iter()
        .flat_map(|r| [r.description(), r.notes()])
        .flatten()
        .max_by_key(|t| t.len())
        .unwrap_or("")
        .to_owned();
    [
        ("1 MB", "matrix ".repeat((1 << 20) / 7)),
        ("64 KB", "matrix ".repeat((1 << 16) / 7)),
        ("longest column text", longest),
    ]
});
/// Goals of issue 12, in ns: any query, and `search("matrix")`.
const SEARCH_ANY_GOAL_NS: f64 = 3e6;
const SEARCH_MATRIX_GOAL_NS: f64 = 1e6;

// ---- the batches, shared by divan and the ratio table ----

fn port_batch(f: impl Fn(u16, Protocol) -> Option<&'static str>) {
    for &(port, proto) in black_box(&**PORTS) {
        black_box(f(port, proto));
    }
}

fn name_batch(f: impl Fn(&str) -> Option<u16>) {
    for q in black_box(&**NAMES) {
        black_box(f(&q.mixed));
    }
}

fn port_crate() {
    port_batch(iana_ports::service_name);
}
fn port_dense() {
    let alt = &*ALT;
    port_batch(|p, pr| alt.dense(p, pr));
}
fn port_hash_map() {
    let alt = &*ALT;
    port_batch(|p, pr| alt.hash_map(p, pr));
}
fn port_binary_search() {
    let alt = &*ALT;
    port_batch(|p, pr| alt.binary_search(p, pr));
}
fn port_phf() {
    port_batch(phf_port);
}
fn port_glibc() {
    for &(port, proto) in black_box(&**PORTS) {
        black_box(glibc_port(port, c_proto(proto)));
    }
}

fn name_crate() {
    name_batch(|n| iana_ports::port(n, Protocol::Tcp));
}
fn name_hash_map_exact() {
    let alt = &*ALT;
    for q in black_box(&**NAMES) {
        black_box(alt.name_exact(&q.exact));
    }
}
fn name_hash_map_lowercase() {
    let alt = &*ALT;
    name_batch(|n| alt.name_lowercased(n));
}
fn name_phf() {
    name_batch(phf_name);
}
fn name_glibc() {
    for q in black_box(&**NAMES) {
        black_box(glibc_name(&q.c_mixed, c"tcp"));
    }
}

fn status_crate() {
    for &(port, proto) in black_box(&**PORTS) {
        black_box(iana_ports::status(port, proto));
    }
}
fn by_port_crate() {
    for &(port, proto) in black_box(&**PORTS) {
        black_box(iana_ports::by_port(port, proto).filter_map(|r| r.service_name()).count());
    }
}
fn by_name_crate() {
    for q in black_box(&**NAMES) {
        black_box(iana_ports::by_name(&q.mixed).count());
    }
}

// ---- divan ----

mod port_to_name {
    use super::*;

    #[divan::bench]
    fn iana_ports_service_name(b: Bencher) {
        b.bench(port_crate);
    }
    #[divan::bench]
    fn dense_u16_65536_floor(b: Bencher) {
        LazyLock::force(&ALT);
        b.bench(port_dense);
    }
    #[divan::bench]
    fn std_hash_map(b: Bencher) {
        LazyLock::force(&ALT);
        b.bench(port_hash_map);
    }
    #[divan::bench]
    fn sorted_binary_search(b: Bencher) {
        LazyLock::force(&ALT);
        b.bench(port_binary_search);
    }
    #[divan::bench]
    fn phf(b: Bencher) {
        b.bench(port_phf);
    }
    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn glibc_getservbyport(b: Bencher) {
        b.bench(port_glibc);
    }
}

mod name_to_port {
    use super::*;

    #[divan::bench]
    fn iana_ports_port_mixed_case(b: Bencher) {
        b.bench(name_crate);
    }
    #[divan::bench]
    fn std_hash_map_exact_case_bar(b: Bencher) {
        LazyLock::force(&ALT);
        b.bench(name_hash_map_exact);
    }
    #[divan::bench]
    fn std_hash_map_lowercasing(b: Bencher) {
        LazyLock::force(&ALT);
        b.bench(name_hash_map_lowercase);
    }
    #[divan::bench]
    fn phf_lowercasing_stack_buffer(b: Bencher) {
        b.bench(name_phf);
    }
    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn glibc_getservbyname(b: Bencher) {
        b.bench(name_glibc);
    }
}

mod other {
    use super::*;

    #[divan::bench]
    fn status(b: Bencher) {
        b.bench(status_crate);
    }
    #[divan::bench]
    fn by_port_iterate_names(b: Bencher) {
        b.bench(by_port_crate);
    }
    #[divan::bench]
    fn by_name_count(b: Bencher) {
        b.bench(by_name_crate);
    }
    /// One full `search()` scan per query word (5 per iteration, not 1,024).
    #[divan::bench(args = SEARCHES)]
    fn search(b: Bencher, query: &str) {
        b.bench(|| iana_ports::search(black_box(query)).count());
    }
    /// The bounded-cost queries of `LONG_SEARCHES`, by label.
    #[divan::bench(args = [0, 1, 2])]
    fn search_long(b: Bencher, which: usize) {
        let query = LONG_SEARCHES[which].1.as_str();
        b.bench(|| iana_ports::search(black_box(query)).count());
    }
}

/// The `const fn`s, called at run time: the same code as in `const` items.
mod const_fns_at_run_time {
    use super::*;

    #[divan::bench]
    fn protocol_parse(b: Bencher) {
        let words = ["tcp", "UDP", "Sctp", "dccp", "quic"];
        b.bench(|| {
            for i in 0..BATCH {
                black_box(Protocol::parse(black_box(words[i % words.len()])));
            }
        });
    }
    #[divan::bench]
    fn port_class_of(b: Bencher) {
        b.bench(|| {
            for &(port, _) in black_box(&**PORTS) {
                black_box(PortClass::of(port));
            }
        });
    }
    /// A `const` item: what a compile-time lookup costs at run time (nothing).
    #[divan::bench]
    fn const_item_baseline(b: Bencher) {
        const HTTPS: Option<u16> = iana_ports::port("HTTPS", Protocol::Tcp);
        b.bench(|| {
            for _ in 0..BATCH {
                black_box(HTTPS);
            }
        });
    }
}

// ---- the ratio table ----

/// Median ns per lookup of each function, sampled round-robin.
fn interleaved(fns: &[(&str, fn())], rounds: usize, reps: usize) -> Vec<f64> {
    let mut samples = vec![Vec::with_capacity(rounds); fns.len()];
    for (_, f) in fns {
        f(); // warm up
    }
    for _ in 0..rounds {
        for (i, (_, f)) in fns.iter().enumerate() {
            f(); // refill the caches the previous alternative evicted
            let start = Instant::now();
            for _ in 0..reps {
                f();
            }
            samples[i].push(start.elapsed().as_nanos() as f64 / (reps * BATCH) as f64);
        }
    }
    samples
        .into_iter()
        .map(|mut s| {
            s.sort_by(f64::total_cmp);
            s[s.len() / 2]
        })
        .collect()
}

fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "NOT met" }
}

fn check_agreement() {
    let alt = &*ALT;
    for p in Protocol::ALL {
        for port in 0..=u16::MAX {
            let want = iana_ports::service_name(port, p);
            assert_eq!(alt.dense(port, p), want, "dense {port}/{p}");
            assert_eq!(phf_port(port, p), want, "phf {port}/{p}");
        }
    }
    for q in &**NAMES {
        let want = iana_ports::port(&q.mixed, Protocol::Tcp);
        assert_eq!(alt.name_exact(&q.exact), want, "HashMap exact {}", q.exact);
        assert_eq!(alt.name_lowercased(&q.mixed), want, "HashMap lower {}", q.mixed);
        assert_eq!(phf_name(&q.mixed), want, "phf {}", q.mixed);
    }
}

fn ratio_table() {
    check_agreement();
    let hits = NAMES.iter().filter(|q| iana_ports::port(&q.mixed, Protocol::Tcp).is_some()).count();
    let named = PORTS.iter().filter(|&&(p, pr)| iana_ports::service_name(p, pr).is_some()).count();
    println!();
    println!("## Interleaved run (seed {SEED:#x}; {BATCH} lookups a batch; median of 201 rounds x 8 batches)");
    println!("port mix: {named}/{BATCH} named; name mix: {hits}/{BATCH} with a tcp port, mixed case");
    let ports: [(&str, fn()); 5] = [
        ("iana-ports `service_name`", port_crate),
        ("dense `[u16; 65536]` per protocol (floor)", port_dense),
        ("std `HashMap<(u16, u8), &str>`", port_hash_map),
        ("sorted array, binary search", port_binary_search),
        ("phf (build.rs, phf_codegen)", port_phf),
    ];
    let names: [(&str, fn()); 4] = [
        ("iana-ports `port`, mixed case", name_crate),
        ("std `HashMap<&str, u16>`, exact case (bar)", name_hash_map_exact),
        ("std `HashMap`, lower-casing to a `String`", name_hash_map_lowercase),
        ("phf, lower-casing to a stack buffer", name_phf),
    ];
    let others: [(&str, fn()); 3] = [
        ("iana-ports `status`", status_crate),
        ("iana-ports `by_port` + names", by_port_crate),
        ("iana-ports `by_name` count", by_name_crate),
    ];
    let p = interleaved(&ports, 201, 8);
    let n = interleaved(&names, 201, 8);
    let o = interleaved(&others, 101, 4);
    let g = interleaved(&[("glibc getservbyport", port_glibc), ("glibc getservbyname", name_glibc)], 3, 1);
    println!();
    println!("| (port, proto) -> first name | ns/lookup | x crate |");
    println!("|---|---:|---:|");
    for (i, (label, _)) in ports.iter().enumerate() {
        println!("| {label} | {:.2} | {:.2} |", p[i], p[i] / p[0]);
    }
    println!("| glibc `getservbyport` (361-line /etc/services) | {:.0} | {:.0} |", g[0], g[0] / p[0]);
    println!();
    println!("| name -> port | ns/lookup | x crate |");
    println!("|---|---:|---:|");
    for (i, (label, _)) in names.iter().enumerate() {
        println!("| {label} | {:.2} | {:.2} |", n[i], n[i] / n[0]);
    }
    println!("| glibc `getservbyname` (case-sensitive) | {:.0} | {:.0} |", g[1], g[1] / n[0]);
    println!();
    println!("| other | ns/lookup |");
    println!("|---|---:|");
    for (i, (label, _)) in others.iter().enumerate() {
        println!("| {label} | {:.2} |", o[i]);
    }
    // Best of 20 runs each: the goal is a bound, and noise only adds time.
    let search_ns = |q: &str| {
        (0..20)
            .map(|_| {
                let start = Instant::now();
                black_box(iana_ports::search(black_box(q)).count());
                start.elapsed().as_nanos() as f64
            })
            .fold(f64::INFINITY, f64::min)
    };
    let mut slowest: f64 = 0.0;
    let mut matrix = f64::INFINITY;
    for q in SEARCHES {
        let ns = search_ns(q);
        slowest = slowest.max(ns);
        if q == "matrix" {
            matrix = ns;
        }
        println!("| iana-ports `search({q:?})`, whole scan | {ns:.0} |");
    }
    for (label, q) in &*LONG_SEARCHES {
        let ns = search_ns(q);
        slowest = slowest.max(ns);
        println!("| iana-ports `search(..)` of {label} ({} bytes) | {ns:.0} |", q.len());
    }
    println!();
    println!("| goal | ratio | verdict |");
    println!("|---|---:|---|");
    let dense = p[0] / p[1];
    let hash = p[2] / p[0];
    let name = n[0] / n[1];
    // Bounds of issue 9 (no speed regression while the tables shrink).
    println!("| (port, proto): crate / dense <= 2.5 | {dense:.2} | {} |", verdict(dense <= 2.5));
    println!("| (port, proto): HashMap / crate >= 3 | {hash:.2} | {} |", verdict(hash >= 3.0));
    println!("| name, any case: crate / exact-case HashMap hit <= 0.75 | {name:.2} | {} |", verdict(name <= 0.75));
    println!("| `status` <= 20 ns | {:.2} | {} |", o[0], verdict(o[0] <= 20.0));
    println!("| `by_port` + names <= 20 ns | {:.2} | {} |", o[1], verdict(o[1] <= 20.0));
    println!(
        "| `search`, slowest query (incl. 1 MB) <= 3 ms | {:.2} ms | {} |",
        slowest / 1e6,
        verdict(slowest <= SEARCH_ANY_GOAL_NS)
    );
    println!(
        "| `search(\"matrix\")` <= 1 ms | {:.2} ms | {} |",
        matrix / 1e6,
        verdict(matrix <= SEARCH_MATRIX_GOAL_NS)
    );
}

fn main() {
    divan::main();
    let testing = std::env::args().any(|a| a == "--test" || a == "--list");
    if !testing && std::env::var("IANA_BENCH_RATIOS").as_deref() != Ok("0") {
        ratio_table();
    }
}
