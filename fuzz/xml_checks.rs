//! Checks shared by the XML fuzz targets.

use iana_ports_gen::{Columns, Error, Input, generate_from_xml, read_xml_registry};

/// Lines in `bytes` as XML counts them: `\r\n`, `\n` and a lone `\r` each end one.
pub fn line_count(bytes: &[u8]) -> u64 {
    let breaks =
        bytes.iter().enumerate().filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')));
    1 + breaks.count() as u64
}

/// An error names `fuzz.xml`, a line within the file when it has one, and
/// is one short line.
pub fn located(e: &Error, bytes: &[u8]) {
    assert_eq!(e.path, "fuzz.xml");
    let lines = line_count(bytes);
    if let Some(line) = e.line {
        assert!((1..=lines).contains(&line), "error line {line} outside 1..={lines}: {e}");
    }
    let message = e.to_string();
    assert!(!message.contains(['\n', '\r']), "{message:?}");
    // `Error` cuts a message at 1,024 characters and says how many more.
    assert!(e.message.chars().count() <= 1024 + 40, "{} bytes: {message:.200}", message.len());
}

/// `read_xml_registry`, then `generate_from_xml` with all columns and the
/// minimal ones: each `Ok` or a located error.
pub fn whole_path(bytes: &[u8]) {
    let xml = Input { path: "fuzz.xml", bytes };
    match read_xml_registry(xml) {
        Err(e) => located(&e, bytes),
        Ok(_) => {
            for columns in [Columns::ALL, Columns::MINIMAL] {
                match generate_from_xml(xml, columns) {
                    Ok(output) => {
                        assert!(output.files.iter().all(|f| !f.text.is_empty()));
                        for warning in &output.warnings {
                            assert!(warning.starts_with("fuzz.xml"), "{warning}");
                            assert!(!warning.contains('\n'), "{warning}");
                        }
                    }
                    Err(e) => located(&e, bytes),
                }
            }
        }
    }
}
