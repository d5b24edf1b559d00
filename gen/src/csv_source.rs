//! Reads IANA's CSV into rows of twelve strings, checking its structure.
//!
//! The `csv` crate is lenient by design: it accepts a stray quote or a short
//! record without complaint. A registry build must not guess, so this layer
//! adds the checks that make every structural fault an error with a line.

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
        // Refused where the limit is crossed, not after reading the rest.
        if rows.len() == usize::from(u16::MAX) {
            return Err(Error::at(
                path,
                line,
                format!("more than {} rows: the tables hold at most {} (not IANA's registry?)", u16::MAX, u16::MAX),
            ));
        }
        let mut row = CsvRow { line, ..CsvRow::default() };
        for (column, raw) in Column::ALL.into_iter().zip(record.iter()) {
            *row.field_mut(column) = match std::str::from_utf8(raw) {
                Ok(text) => text.to_owned(),
                Err(e) => {
                    return Err(Error::at(
                        path,
                        line,
                        format!(
                            "field `{}` is not valid UTF-8 (bad byte at offset {} of the field)",
                            column.title(),
                            e.valid_up_to()
                        ),
                    ));
                }
            };
        }
        rows.push(row);
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

    #[test]
    fn refuses_empty_file() {
        assert!(read_rows("x.csv", b"").unwrap_err().to_string().contains("empty"));
    }
}
