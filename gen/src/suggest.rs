//! The suggestion engine's tables (`iana_ports::suggest`, `port!`'s "did
//! you mean"): every name with a port, by length, with its character mask;
//! the hints of [`crate::hints`]. Written to `$OUT_DIR/suggest.rs`.

use crate::constants::Ported;
use crate::hints::HINTS;
use crate::rust_text::{Kind, RustText, str_literal};

/// The suggestion engine's character mask, shared verbatim with the runtime
/// crate (written beside the tables as `char_mask.rs`).
pub mod char_mask {
    include!("char_mask.rs");
}

/// The source of `$OUT_DIR/suggest.rs`: `SUGGEST_ROW`, `SUGGEST_MASK`,
/// `SUGGEST_LEN_START` and `HINTS`, from every name with a port.
pub fn emit(ported: &[Ported]) -> String {
    // By name length and then registry order, so that a query scans only
    // names of about its length.
    let mut by_len: Vec<&Ported> = ported.iter().collect();
    by_len.sort_by_key(|p| (p.name.len(), p.first_row));
    // `model::build` rejects registries of more than u16::MAX rows.
    let rows: Vec<u16> = by_len.iter().map(|p| u16::try_from(p.first_row).expect("row index fits in u16")).collect();
    let masks: Vec<u32> = by_len
        .iter()
        .map(|p| {
            let protos = p.ports.iter().enumerate().filter(|(_, port)| port.is_some());
            let protos = protos.fold(0u32, |bits, (i, _)| bits | 1 << (char_mask::PROTO_SHIFT + i as u32));
            char_mask::char_mask(p.name.as_bytes()) | protos
        })
        .collect();
    let longest = by_len.last().map_or(0, |p| p.name.len());
    let len_start: Vec<u16> = (0..=longest + 1)
        .map(|len| u16::try_from(by_len.partition_point(|p| p.name.len() < len)).expect("row count fits in u16"))
        .collect();
    let hints: Vec<String> =
        HINTS.iter().map(|(from, to)| format!("({}, {})", str_literal(from), str_literal(to))).collect();
    let mut out = RustText::default();
    out.array(
        "The first row (registry index) of every name with a port, sorted by name length, then registry order: \
         the suggestion engine's candidates.",
        Kind::Static,
        "SUGGEST_ROW",
        "u16",
        &rows,
    )
    .array(
        "Per entry of `SUGGEST_ROW`: `char_mask::char_mask` of the name, and above `char_mask::PROTO_SHIFT` one \
         bit per protocol (tcp, udp, sctp, dccp) the name has a port on.",
        Kind::Static,
        "SUGGEST_MASK",
        "u32",
        &masks,
    )
    .array(
        "`SUGGEST_ROW[SUGGEST_LEN_START[n]..SUGGEST_LEN_START[n + 1]]` are the names of `n` bytes.",
        Kind::Static,
        "SUGGEST_LEN_START",
        "u16",
        &len_start,
    )
    .array(
        "Common names that are not IANA's → the registered name meant.",
        Kind::Static,
        "HINTS",
        "(&str, &str)",
        &hints,
    );
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constants::plan;
    use crate::shipped_registry as shipped;

    #[test]
    fn char_mask_bits() {
        use char_mask::char_mask;
        assert_eq!(char_mask(b""), 0);
        assert_eq!(char_mask(b"Ab"), 0b11);
        assert_eq!(char_mask(b"aB"), char_mask(b"ba"));
        assert_eq!(char_mask(b"z9"), 1 << 25 | 1 << 26);
        assert_eq!(char_mask(b"0-_/*"), 1 << 26 | 1 << 27);
        assert!(char_mask(&[0xFF, b'.']) < 1 << char_mask::CHAR_BITS);
    }

    #[test]
    fn suggestion_tables() {
        let registry = shipped();
        let plan = plan(&registry);
        let x11 = plan.ported.iter().find(|p| p.name == "x11").unwrap();
        assert_eq!(registry.rows[x11.first_row].name.as_deref(), Some("x11"));
        assert_eq!(x11.ports, [Some(6000), Some(6000), None, None]);
        // A name's first row may have no port; it is still the name's id.
        let source = emit(&plan.ported);
        let file = syn::parse_file(&source).unwrap();
        assert_eq!(file.items.len(), 4);
        assert!(source.contains("static SUGGEST_ROW"), "{source:.200}");
        assert!(!source.contains("&str, u64"), "no string reference per name");
    }
}
