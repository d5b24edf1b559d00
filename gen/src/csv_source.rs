//! Reads IANA's CSV into rows of twelve strings, checking its structure.
//!
//! CSV is lenient by design (so is the `csv` crate, whose reading this
//! follows): a stray quote or a short record passes without complaint. A
//! registry build must not guess, so this layer adds the checks that make
//! every structural fault an error with a line.

use crate::error::Error;

/// The twelve columns of IANA's CSV, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// `Service Name`
    ServiceName,
    /// `Port Number`
    PortNumber,
    /// `Transport Protocol`
    TransportProtocol,
    /// `Description`
    Description,
    /// `Assignee`
    Assignee,
    /// `Contact`
    Contact,
    /// `Registration Date`
    RegistrationDate,
    /// `Modification Date`
    ModificationDate,
    /// `Reference`
    Reference,
    /// `Service Code`
    ServiceCode,
    /// `Unauthorized Use Reported`
    UnauthorizedUse,
    /// `Assignment Notes`
    AssignmentNotes,
}

impl Column {
    /// All twelve, in file order.
    pub const ALL: [Column; 12] = [
        Column::ServiceName,
        Column::PortNumber,
        Column::TransportProtocol,
        Column::Description,
        Column::Assignee,
        Column::Contact,
        Column::RegistrationDate,
        Column::ModificationDate,
        Column::Reference,
        Column::ServiceCode,
        Column::UnauthorizedUse,
        Column::AssignmentNotes,
    ];

    /// The column's title in the header line.
    pub fn title(self) -> &'static str {
        HEADER[self as usize]
    }

    /// Whether IANA writes prose here, which may span lines; every other
    /// column is a one-line token or list.
    pub fn is_free_text(self) -> bool {
        matches!(self, Column::Description | Column::Reference | Column::UnauthorizedUse | Column::AssignmentNotes)
    }
}

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

/// One CSV record: its first line in the file and its twelve fields, each
/// exactly as written (quotes undone), named by column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvRow {
    /// 1-based line on which the record starts.
    pub line: u64,
    /// `Service Name`.
    pub service_name: String,
    /// `Port Number` (`80`, `6000-6063` or empty).
    pub port_number: String,
    /// `Transport Protocol`.
    pub transport_protocol: String,
    /// `Description`.
    pub description: String,
    /// `Assignee` (`[Id][Id]`).
    pub assignee: String,
    /// `Contact` (`[Id][Id]`).
    pub contact: String,
    /// `Registration Date`.
    pub registration_date: String,
    /// `Modification Date`.
    pub modification_date: String,
    /// `Reference`.
    pub reference: String,
    /// `Service Code`.
    pub service_code: String,
    /// `Unauthorized Use Reported`.
    pub unauthorized_use: String,
    /// `Assignment Notes`.
    pub assignment_notes: String,
}

impl CsvRow {
    /// The field of `column`.
    pub fn get(&self, column: Column) -> &str {
        self.fields()[column as usize].1
    }

    /// Every field with its column, in file order.
    pub fn fields(&self) -> [(Column, &str); 12] {
        let values = [
            &self.service_name,
            &self.port_number,
            &self.transport_protocol,
            &self.description,
            &self.assignee,
            &self.contact,
            &self.registration_date,
            &self.modification_date,
            &self.reference,
            &self.service_code,
            &self.unauthorized_use,
            &self.assignment_notes,
        ];
        Column::ALL.map(|column| (column, values[column as usize].as_str()))
    }

    fn field_mut(&mut self, column: Column) -> &mut String {
        match column {
            Column::ServiceName => &mut self.service_name,
            Column::PortNumber => &mut self.port_number,
            Column::TransportProtocol => &mut self.transport_protocol,
            Column::Description => &mut self.description,
            Column::Assignee => &mut self.assignee,
            Column::Contact => &mut self.contact,
            Column::RegistrationDate => &mut self.registration_date,
            Column::ModificationDate => &mut self.modification_date,
            Column::Reference => &mut self.reference,
            Column::ServiceCode => &mut self.service_code,
            Column::UnauthorizedUse => &mut self.unauthorized_use,
            Column::AssignmentNotes => &mut self.assignment_notes,
        }
    }
}

/// One record as split by [`Records`]: its fields (quotes undone) and the
/// span of its bytes in the file.
struct RawRecord {
    fields: Vec<Vec<u8>>,
    start: usize,
    end: usize,
}

/// Splits CSV text into records as the `csv` crate does (RFC 4180, any of
/// `\r\n`, `\n`, `\r` ending a record, blank lines skipped, a leading
/// UTF-8 BOM dropped, and its leniencies: a quote inside an unquoted field
/// is kept, text after a closing quote is appended to the field, a quote
/// left open runs to the end of the file). Written here rather than taken
/// from `csv`, which would make every dependent of `iana-ports` compile
/// serde for the build script; `csv` itself checks it in the tests.
struct Records<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Records<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        let at = if bytes.starts_with("\u{feff}".as_bytes()) { 3 } else { 0 };
        Records { bytes, at }
    }
}

impl Iterator for Records<'_> {
    type Item = RawRecord;

    fn next(&mut self) -> Option<RawRecord> {
        let bytes = self.bytes;
        let is_end = |b: u8| b == b'\r' || b == b'\n';
        while self.at < bytes.len() && is_end(bytes[self.at]) {
            self.at += 1;
        }
        if self.at == bytes.len() {
            return None;
        }
        let start = self.at;
        let mut fields = Vec::new();
        let mut field = Vec::new();
        let mut at = start;
        loop {
            // At the start of a field.
            if bytes.get(at) == Some(&b'"') {
                at += 1;
                loop {
                    match bytes.get(at) {
                        None => break,
                        Some(b'"') if bytes.get(at + 1) == Some(&b'"') => {
                            field.push(b'"');
                            at += 2;
                        }
                        Some(b'"') => {
                            at += 1;
                            break;
                        }
                        Some(&b) => {
                            field.push(b);
                            at += 1;
                        }
                    }
                }
            }
            // Unquoted text, or what follows a closing quote.
            while let Some(&b) = bytes.get(at) {
                if b == b',' || is_end(b) {
                    break;
                }
                field.push(b);
                at += 1;
            }
            fields.push(std::mem::take(&mut field));
            match bytes.get(at) {
                Some(b',') => at += 1,
                _ => break,
            }
        }
        // One line end belongs to the record (`\r\n` counts as one).
        self.at = match &bytes[at..] {
            [b'\r', b'\n', ..] => at + 2,
            [b, ..] if is_end(*b) => at + 1,
            _ => at,
        };
        Some(RawRecord { fields, start, end: self.at })
    }
}

/// Parses `bytes` (the contents of `path`) into rows, header excluded.
pub fn read_rows(path: &str, bytes: &[u8]) -> Result<Vec<CsvRow>, Error> {
    if bytes.is_empty() {
        return Err(Error::file(path, "file is empty: expected the CSV header line"));
    }
    let mut rows = Vec::new();
    let mut first = true;
    // Lines are counted here: a multi-line field makes line and record
    // numbers differ.
    let mut line = 1u64;
    let mut counted_to = 0usize;
    for record in Records::new(bytes) {
        line += count_newlines(&bytes[counted_to..record.start]);
        let record_line = line;
        line += count_newlines(&bytes[record.start..record.end]);
        counted_to = record.end;
        let line = record_line;
        if count_quotes(&bytes[record.start..record.end]) % 2 == 1 {
            return Err(Error::at(path, line, "unbalanced quote: a quoted field is opened here and never closed"));
        }
        if first {
            first = false;
            check_header(path, line, &record.fields)?;
            continue;
        }
        if record.fields.len() != 12 {
            return Err(Error::at(
                path,
                line,
                format!("expected 12 fields, found {} (a comma or quote out of place?)", record.fields.len()),
            ));
        }
        // Refused where the limit is crossed, not after reading the rest.
        if rows.len() == usize::from(u16::MAX) {
            return Err(Error::at(
                path,
                line,
                format!("more than {} rows: the tables hold at most {} (not IANA's registry?)", u16::MAX, u16::MAX),
            ));
        }
        let mut row = CsvRow { line, ..CsvRow::default() };
        for (column, raw) in Column::ALL.into_iter().zip(record.fields) {
            *row.field_mut(column) = String::from_utf8(raw).map_err(|e| {
                Error::at(
                    path,
                    line,
                    format!(
                        "field `{}` is not valid UTF-8 (bad byte at offset {} of the field)",
                        column.title(),
                        e.utf8_error().valid_up_to()
                    ),
                )
            })?;
        }
        rows.push(row);
    }
    if first {
        return Err(Error::file(path, "the file holds only line ends: expected the CSV header line"));
    }
    if rows.is_empty() {
        // Located at the file's last line, where the rows should have begun.
        return Err(Error::at(
            path,
            1 + count_newlines(bytes),
            "the CSV has its header and no rows (cut short?): download IANA's CSV again, whole",
        ));
    }
    Ok(rows)
}

fn check_header(path: &str, line: u64, fields: &[Vec<u8>]) -> Result<(), Error> {
    let found: Vec<String> = fields.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect();
    if found.iter().map(String::as_str).eq(HEADER.iter().copied()) {
        return Ok(());
    }
    // What was found, shown on one line and cut short: the first record of
    // a wrong file may be a megabyte, or a quoted field with line breaks.
    let found = found.join(",");
    // (`Error` escapes the line breaks.)
    let mut shown: String = found.chars().take(200).collect();
    if found.chars().nth(200).is_some() {
        shown.push_str("...");
    }
    Err(Error::at(path, line, format!("wrong header: expected `{}`, found `{shown}`", HEADER.join(","))))
}

fn count_newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// A record's raw bytes must hold an even number of `"`: an odd count means
/// a quote was opened and never closed (or a stray quote sits in an unquoted
/// field), and the rest of the file would silently become one field.
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
        assert_eq!(rows[0].description, "two\r\nlines");
        assert_eq!(rows[1].line, 4);
        assert_eq!(rows[1].get(Column::Description), "say \"hi\"");
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
    fn a_wrong_header_is_shown_on_one_short_line() {
        // The whole first record used to be quoted: a megabyte, line breaks too.
        let text = format!("\"Name\r\n{}\",Port\r\n", "x".repeat(1 << 20));
        let message = read_rows("x.csv", text.as_bytes()).unwrap_err().to_string();
        assert!(message.len() < 600 && !message.contains(['\r', '\n']), "{} bytes: {message:.300}", message.len());
        assert!(message.contains("found `Name\\r\\nxxxxxxxxxx"), "{message:.300}");
        assert!(message.ends_with("...`"), "{message:.300}");
    }

    #[test]
    fn line_ends_alone_are_no_header() {
        // It used to say "the CSV has its header and no rows".
        let err = read_rows("x.csv", "\r\n\n\r".repeat(1000).as_bytes()).unwrap_err();
        assert_eq!(err.to_string(), "x.csv: the file holds only line ends: expected the CSV header line");
    }

    #[test]
    fn refuses_wrong_header() {
        let err = read_rows("x.csv", b"Name,Port\r\n").unwrap_err();
        assert_eq!(err.line, Some(1));
        assert!(err.message.starts_with("wrong header"));
    }

    #[test]
    fn reads_lf_line_ends_and_a_utf8_bom() {
        let lf = format!("{HEAD}a,1,tcp,\"two\nlines\",,,,,,,,\nb,2,udp,d,,,,,,,,\n").replace("\r\n", "\n");
        for text in [
            lf.clone(),
            format!("\u{feff}{lf}"),
            format!("\u{feff}{HEAD}a,1,tcp,\"two\r\nlines\",,,,,,,,\r\nb,2,udp,d,,,,,,,,\r\n"),
        ] {
            let rows = read_rows("x.csv", text.as_bytes()).unwrap_or_else(|e| panic!("{e}: {text:?}"));
            assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4], "{text:?}");
            assert_eq!(rows[0].service_name, "a");
            assert_eq!(rows[1].transport_protocol, "udp");
        }
    }

    #[test]
    fn refuses_a_header_without_rows() {
        let err = read_rows("x.csv", HEAD.as_bytes()).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("has its header and no rows"), "{err}");
    }

    /// The `csv` crate's records of `bytes` (flexible, no header).
    fn oracle(bytes: &[u8]) -> Vec<Vec<Vec<u8>>> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
        reader.byte_records().map(|r| r.unwrap().iter().map(<[u8]>::to_vec).collect()).collect()
    }

    fn split(bytes: &[u8]) -> Vec<Vec<Vec<u8>>> {
        Records::new(bytes).map(|r| r.fields).collect()
    }

    #[test]
    fn splits_the_shipped_csv_as_the_csv_crate_does() {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../registry/service-names-port-numbers.csv"));
        // The registry may be XML only (then there is no CSV to compare).
        if let Ok(bytes) = bytes {
            assert_eq!(split(&bytes), oracle(&bytes));
        }
    }

    #[test]
    fn splits_odd_text_as_the_csv_crate_does() {
        for text in [
            "",
            "\r\n\n",
            "a",
            "a,",
            ",",
            "\"\"",
            "\"",
            "a\"b,c",
            "\"ab\"cd,e",
            "\"a\"\"\"",
            "\"a\"\"",
            "\"x\ny\"\rz",
            "a\r\rb\n\r\nc",
            "\u{feff}a,b",
            "\u{feff}",
            "a,\"b\"\"c\"d\"e,f\n",
            "\"\"\"\"\"",
            "a,,\r\n,,b",
        ] {
            assert_eq!(split(text.as_bytes()), oracle(text.as_bytes()), "{text:?}");
        }
        // Every string of up to six bytes from the characters that matter.
        let alphabet = [b'a', b',', b'"', b'\r', b'\n'];
        for len in 0..=6u32 {
            for mut n in 0..alphabet.len().pow(len) {
                let mut text = Vec::new();
                for _ in 0..len {
                    text.push(alphabet[n % alphabet.len()]);
                    n /= alphabet.len();
                }
                assert_eq!(split(&text), oracle(&text), "{:?}", String::from_utf8_lossy(&text));
            }
        }
    }

    #[test]
    fn refuses_empty_file() {
        assert!(read_rows("x.csv", b"").unwrap_err().to_string().contains("empty"));
    }
}
