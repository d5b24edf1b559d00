//! The generator's CSV reader on arbitrary bytes: returns rows or an error,
//! never panics; rows come with non-decreasing lines within the file (a bare
//! CR ends a record without starting a new `\n` line, so two rows may share
//! one), and an error names the path and, when it has one, a line within the
//! file.
#![no_main]

use iana_ports_gen::csv_source::read_rows;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match read_rows("fuzz.csv", bytes) {
        Ok(rows) => {
            let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            let mut last = 1;
            for row in rows {
                assert!(row.line >= last && row.line <= lines, "row line {} outside {last}..={lines}", row.line);
                last = row.line;
            }
        }
        Err(e) => {
            assert_eq!(e.path, "fuzz.csv");
            let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            if let Some(line) = e.line {
                assert!((1..=lines).contains(&line), "error line {line} outside 1..={lines}: {e}");
            }
        }
    }
});
