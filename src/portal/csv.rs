//! CSV (RFC 4180) for reports and exports, written here since a row of strings needs nothing
//! more. A cell a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, or a
//! tab or carriage return) gets a leading `'`, so opening the export runs nothing (OWASP's
//! advice on CSV injection).

/// One CSV cell.
pub fn cell(text: &str) -> String {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let text = if risky {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) || risky {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// `rows` (the first is the header) as CSV text.
pub fn write<R: AsRef<[String]>>(rows: &[R]) -> String {
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row.as_ref().iter().map(|c| cell(c)).collect();
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("room.created"), "room.created");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("a,b"), "\"a,b\"");
    }
}
