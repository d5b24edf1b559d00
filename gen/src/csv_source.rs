//! Reads IANA's CSV into rows of twelve strings, checking its structure.
//!
//! The `csv` crate is lenient by design: it accepts a stray quote or a short
//! record without complaint. A registry build must not guess, so this layer
//! adds the checks that make every structural fault an error with a line.

use crate::error::Error;

/// The header IANA's CSV has had since 2011; any other layout is refused
/// rather than read column by column under the wrong names.
pub const HEADER: [&str; 12] = [
    "Service Name",
    "Port Number",
    "Transport Protocol",
    "Description",
    "Assignee",
    "Contact",
    "Registration Date",
    "Modification Date",
    "Reference",
    "Service Code",
    "Unauthorized Use Reported",
    "Assignment Notes",
];

/// One CSV record: its first line in the file and its twelve fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRow {
    /// 1-based line on which the record starts.
    pub line: u64,
    /// The fields, in [`HEADER`] order, exactly as written (quotes undone).
    pub fields: [String; 12],
}

/// Parses `bytes` (the contents of `path`) into rows, header excluded.
pub fn read_rows(path: &str, bytes: &[u8]) -> Result<Vec<CsvRow>, Error> {
    if bytes.is_empty() {
        return Err(Error::file(path, "file is empty: expected the CSV header line"));
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut rows = Vec::new();
    let mut first = true;
    // Lines are counted here: the record's own position is in bytes, and
    // a multi-line field makes line and record numbers differ.
    let mut line = 1u64;
    let mut counted_to = 0usize;
    loop {
        let more =
            reader.read_byte_record(&mut record).map_err(|e| Error::at(path, line, format!("cannot read CSV: {e}")))?;
        if !more {
            break;
        }
        // The record spans from where the previous read stopped (blank
        // lines before it hold no quotes) to where this one stopped.
        let start = counted_to;
        let end = reader.position().byte() as usize;
        let skipped = bytes[start..end].iter().take_while(|&&b| b == b'\r' || b == b'\n');
        let record_line = line + skipped.filter(|&&b| b == b'\n').count() as u64;
        line += count_newlines(&bytes[start..end]);
        counted_to = end;
        let line = record_line;
        if count_quotes(&bytes[start..end]) % 2 == 1 {
            return Err(Error::at(path, line, "unbalanced quote: a quoted field is opened here and never closed"));
        }
        if first {
            first = false;
            check_header(path, line, &record)?;
            continue;
        }
        if record.len() != 12 {
            return Err(Error::at(
                path,
                line,
                format!("expected 12 fields, found {} (a comma or quote out of place?)", record.len()),
            ));
        }
        let mut fields: [String; 12] = Default::default();
        for (i, raw) in record.iter().enumerate() {
            fields[i] = match std::str::from_utf8(raw) {
                Ok(text) => text.to_owned(),
                Err(e) => {
                    return Err(Error::at(
                        path,
                        line,
                        format!(
                            "field `{}` is not valid UTF-8 (bad byte at offset {} of the field)",
                            HEADER[i],
                            e.valid_up_to()
                        ),
                    ));
                }
            };
        }
        rows.push(CsvRow { line, fields });
    }
    Ok(rows)
}

fn check_header(path: &str, line: u64, record: &csv::ByteRecord) -> Result<(), Error> {
    let found: Vec<String> = record.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect();
    if found.iter().map(String::as_str).eq(HEADER.iter().copied()) {
        return Ok(());
    }
    Err(Error::at(path, line, format!("wrong header: expected `{}`, found `{}`", HEADER.join(","), found.join(","))))
}

fn count_newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// A record's raw bytes must hold an even number of `"`: an odd count means
/// a quote was opened and never closed (or a stray quote sits in an unquoted
/// field), and the `csv` crate would silently swallow the rest of the file
/// into one field.
fn count_quotes(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'"').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes\r\n";

    #[test]
    fn reads_crlf_and_multiline_fields_with_start_lines() {
        let text = format!("{HEAD}a,1,tcp,\"two\r\nlines\",,,,,,,,\r\nb,2,udp,\"say \"\"hi\"\"\",,,,,,,,\r\n");
        let rows = read_rows("x.csv", text.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].fields[3], "two\r\nlines");
        assert_eq!(rows[1].line, 4);
        assert_eq!(rows[1].fields[3], "say \"hi\"");
    }

    #[test]
    fn refuses_wrong_field_count_with_line() {
        let text = format!("{HEAD}a,1,tcp,d,,,,,,,\r\n");
        let err = read_rows("x.csv", text.as_bytes()).unwrap_err();
        assert_eq!(err.to_string(), "x.csv:2: expected 12 fields, found 11 (a comma or quote out of place?)");
    }

    #[test]
    fn refuses_unclosed_quote() {
        let text = format!("{HEAD}a,1,tcp,d,,,,,,,,\r\nb,2,tcp,\"open,,,,,,,,\r\nc,3,tcp,d,,,,,,,,\r\n");
        let err = read_rows("x.csv", text.as_bytes()).unwrap_err();
        assert!(err.to_string().starts_with("x.csv:3: "), "{err}");
    }

    #[test]
    fn refuses_bad_utf8_naming_the_field() {
        let mut bytes = HEAD.as_bytes().to_vec();
        bytes.extend_from_slice(b"a,1,tcp,caf\xe9,,,,,,,,\r\n");
        let err = read_rows("x.csv", &bytes).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("`Description` is not valid UTF-8"), "{err}");
    }

    #[test]
    fn refuses_wrong_header() {
        let err = read_rows("x.csv", b"Name,Port\r\n").unwrap_err();
        assert_eq!(err.line, Some(1));
        assert!(err.message.starts_with("wrong header"));
    }

    #[test]
    fn refuses_empty_file() {
        assert!(read_rows("x.csv", b"").unwrap_err().to_string().contains("empty"));
    }
}
