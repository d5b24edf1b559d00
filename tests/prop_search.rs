//! `search` against a reference written from its documentation: a row
//! matches when one of its own columns (as the public accessors return them,
//! the port as the CSV writes it) contains the query, ASCII
//! case-insensitively; columns left out by Cargo features are not searched.
//! Queries are arbitrary text and pieces of real columns with their case
//! scrambled, so that most cases have hits.

use std::sync::OnceLock;

use iana_ports::{Record, records, search};
use proptest::prelude::*;

/// The text of every column `search` documents for `r`.
fn columns(r: &Record) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(r.service_name().map(str::to_owned));
    out.extend(r.port_text().map(|p| p.to_string()));
    out.extend(r.protocol().map(|p| p.as_str().to_owned()));
    #[cfg(feature = "descriptions")]
    out.extend(r.description().map(str::to_owned));
    #[cfg(feature = "contacts")]
    out.extend([r.assignee().to_string(), r.contact().to_string()]);
    #[cfg(feature = "dates")]
    out.extend([r.registration_date(), r.modification_date()].into_iter().flatten().map(str::to_owned));
    #[cfg(feature = "references")]
    {
        out.extend(r.reference().map(str::to_owned));
        out.extend(r.service_code().map(|c| c.to_string()));
    }
    #[cfg(feature = "notes")]
    out.extend([r.unauthorized_use(), r.notes()].into_iter().flatten().map(str::to_owned));
    out
}

/// Every row's columns, lower-cased once.
fn lowered() -> &'static [Vec<String>] {
    static LOWERED: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    LOWERED
        .get_or_init(|| records().iter().map(|r| columns(r).iter().map(|c| c.to_ascii_lowercase()).collect()).collect())
}

fn reference(query: &str) -> Vec<usize> {
    let needle = query.to_ascii_lowercase();
    lowered().iter().enumerate().filter(|(_, cols)| cols.iter().any(|c| c.contains(&needle))).map(|(i, _)| i).collect()
}

fn index_of(r: &Record) -> usize {
    (r as *const Record as usize - records().as_ptr() as usize) / size_of::<Record>()
}

/// A piece of a real column, its ASCII case scrambled.
fn piece_of_a_column() -> impl Strategy<Value = String> {
    (0..records().len(), any::<prop::sample::Index>(), any::<prop::sample::Index>(), 1usize..12, any::<u64>()).prop_map(
        |(row, column, start, len, bits)| {
            let cols: Vec<String> = columns(&records()[row]).into_iter().filter(|c| !c.is_empty()).collect();
            let text = &cols[column.index(cols.len())];
            let chars: Vec<char> = text.chars().collect();
            let from = start.index(chars.len());
            chars[from..(from + len).min(chars.len())]
                .iter()
                .enumerate()
                .map(|(i, c)| if bits >> (i % 64) & 1 == 1 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
                .collect()
        },
    )
}

fn query() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => piece_of_a_column(),
        2 => "\\PC{0,8}",
        1 => any::<String>(),
        1 => "[0-9]{1,5}(-[0-9]{0,5})?",
        1 => "\\[[A-Za-z_]{0,10}\\]?",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn search_matches_its_documentation(q in query()) {
        let got: Vec<usize> = search(&q).map(index_of).collect();
        prop_assert_eq!(&got, &reference(&q), "search({:?})", q);
        let mut back: Vec<usize> = search(&q).rev().map(index_of).collect();
        back.reverse();
        prop_assert_eq!(&back, &got);
        // Both ends at once meet in the middle without loss or repeat.
        let mut both = search(&q);
        let (mut front, mut tail) = (Vec::new(), Vec::new());
        while let Some(r) = both.next() {
            front.push(index_of(r));
            match both.next_back() {
                Some(r) => tail.push(index_of(r)),
                None => break,
            }
        }
        front.extend(tail.into_iter().rev());
        prop_assert_eq!(&front, &got);
    }
}

#[test]
fn empty_query_matches_every_row() {
    assert_eq!(search("").count(), records().len());
}
