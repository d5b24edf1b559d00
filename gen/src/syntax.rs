//! The registry's small written forms, parsed: dates, port numbers and
//! ranges, bracketed id lists. A leaf: used by `xml_source` and `model`,
//! depending on neither.

/// `YYYY-MM` or `YYYY-MM-DD` with a real month and day.
pub fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
                && (1..=31).contains(&d.parse::<u32>().unwrap_or(0))
        }
        _ => false,
    }
}

/// A `Port Number` field: `None` when empty, else the inclusive range
/// (`80` is `80-80`). The error is a message without a location.
pub fn parse_ports(text: &str) -> Result<Option<(u16, u16)>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    let number = |s: &str| -> Result<u16, String> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("bad port `{text}`: expected a number 0-65535 or a range like 6000-6063"));
        }
        s.parse::<u16>().map_err(|_| format!("bad port `{text}`: {s} is outside 0-65535"))
    };
    let (start, end) = match text.split_once('-') {
        Some((a, b)) => (number(a)?, number(b)?),
        None => {
            let p = number(text)?;
            (p, p)
        }
    };
    if start > end {
        return Err(format!("bad port range `{text}`: it starts after it ends"));
    }
    Ok(Some((start, end)))
}

/// An `Assignee`/`Contact` field (`[A][B_c]`) as ids without brackets;
/// `column` names the field in the error.
pub fn parse_ids(column: &str, text: &str) -> Result<Vec<String>, String> {
    let mut ids = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let inner = rest
            .strip_prefix('[')
            .and_then(|r| r.split_once(']'))
            .filter(|(id, _)| !id.is_empty() && !id.contains('['));
        match inner {
            Some((id, after)) => {
                ids.push(id.to_owned());
                rest = after;
            }
            None => return Err(format!("{column} `{text}` is not a list of [id]s")),
        }
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_date("2006-12"));
        assert!(is_date("2023-08-04"));
        assert!(!is_date("2023-13"));
        assert!(!is_date("2023-8-04"));
        assert!(!is_date("20230804"));
        assert!(!is_date(""));
    }

    #[test]
    fn ports() {
        assert_eq!(parse_ports("6000-6063"), Ok(Some((6000, 6063))));
        assert_eq!(parse_ports("4748-4748"), Ok(Some((4748, 4748))));
        assert_eq!(parse_ports(""), Ok(None));
        assert!(parse_ports("70000").unwrap_err().contains("outside 0-65535"));
        assert!(parse_ports("12-3").unwrap_err().contains("starts after it ends"));
        assert!(parse_ports("x").is_err());
        assert!(parse_ports("1-").is_err());
    }

    #[test]
    fn ids() {
        assert_eq!(parse_ids("Contact", "[A][B_c]").unwrap(), ["A", "B_c"]);
        assert!(parse_ids("Contact", "[A").is_err());
        assert!(parse_ids("Contact", "A").is_err());
        assert!(parse_ids("Contact", "[]").is_err());
    }
}
