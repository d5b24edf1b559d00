//! The range figures of `docs/how-it-works.md` and `docs/speed-and-size.md`
//! come from the code: counted here from the compiled-in snapshot, so a
//! registry update that changes them fails until the docs say so.
//! (Issue 25: the docs said 768 ranges, `--info` 756, the table has 763
//! entries; each counts something else, and the docs now say which.)

use std::path::Path;

/// `14499` as `14,499`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn doc(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join(name)).unwrap()
}

#[test]
fn range_counts_in_the_docs_are_the_snapshots() {
    let rows = iana_ports::records();
    // Written `START-END` (RANGE_END holds these, after entry 0 for one port).
    let written_as_range = rows.iter().filter(|r| r.port_text().is_some_and(|p| p.to_string().contains('-'))).count();
    // Of two or more ports: what `iana-ports --info` calls port ranges.
    let ranges = rows.iter().filter(|r| r.ports().is_some_and(|p| !p.is_single())).count();
    let how = doc("how-it-works.md").split_whitespace().collect::<Vec<_>>().join(" ");
    for figure in [
        format!("{} rows keep no last port for the {written_as_range} written as a range", thousands(rows.len())),
        format!("{ranges} ranges of two or more ports, which `--info` counts as \"port ranges\""),
        format!("and {} of one port written `N-N`", written_as_range - ranges),
        format!("`RANGE_END` has {} entries", written_as_range + 1),
        format!("the list of the {written_as_range} ranges in registry order"),
    ] {
        assert!(how.contains(&figure), "docs/how-it-works.md does not say: {figure}");
    }
    // docs/speed-and-size.md's figures are measured steps of an earlier
    // snapshot, and say which; only a stale 768 is refused there.
    let size = doc("speed-and-size.md");
    assert!(!how.contains("768") && !size.contains("768"), "a stale 768");
}
