//! CSV downloads (RFC 4180), written here since a row of strings needs nothing more. A cell a
//! spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, or a tab or carriage
//! return) gets a leading `'`, so opening the export runs nothing (OWASP's advice on CSV
//! injection).

use actix_web::HttpResponse;
use actix_web::http::header;

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

/// A download of `rows` (the first is the header) as `file_name`.
pub fn download<R: AsRef<[String]>>(rows: &[R], file_name: &str) -> HttpResponse {
    let mut body = String::new();
    for row in rows {
        let cells: Vec<String> = row.as_ref().iter().map(|c| cell(c)).collect();
        body.push_str(&cells.join(","));
        body.push_str("\r\n");
    }
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .body(body)
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
