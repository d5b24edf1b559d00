//! The generator's XML path on a small valid registry (`fixtures/records.xml`:
//! people, six records, ranges, aliases, `<br/>`) with the fuzzer's edits
//! applied: every 4 input bytes are one edit (position, operation, byte), so
//! most inputs stay close to a real file and reach the record checks. The
//! same checks as `gen_xml`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../xml_checks.rs"]
mod xml_checks;

const XML: &[u8] = include_bytes!("../fixtures/records.xml");

/// Markup the edits may insert whole, so that tags and entities appear.
const PIECES: [&[u8]; 16] = [
    b"<",
    b">",
    b"</",
    b"/>",
    b"&amp;",
    b"&#0;",
    b"&#x10FFFF;",
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"-->",
    b"<?pi?>",
    b"<number>1</number>",
    b"<record>",
    b"</record>",
    b"\r",
];

fuzz_target!(|edits: &[u8]| {
    let mut xml = XML.to_vec();
    for edit in edits.chunks_exact(4) {
        let at = usize::from(u16::from_le_bytes([edit[0], edit[1]])) % (xml.len() + 1);
        let (op, byte) = (edit[2], edit[3]);
        match op % 4 {
            0 if at < xml.len() => xml[at] = byte,
            1 => xml.insert(at, byte),
            2 if at < xml.len() => drop(xml.drain(at..(at + usize::from(byte % 16) + 1).min(xml.len()))),
            _ => {
                let piece = PIECES[usize::from(byte) % PIECES.len()];
                xml.splice(at..at, piece.iter().copied());
            }
        }
    }
    xml_checks::whole_path(&xml);
});
