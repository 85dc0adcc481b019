//! CSV downloads (the text is written by `portal::csv`).

use actix_web::HttpResponse;
use actix_web::http::header;

/// A download of `rows` (the first is the header) as `file_name`.
pub fn download<R: AsRef<[String]>>(rows: &[R], file_name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .body(crate::portal::csv::write(rows))
}
