//! The HTML pages and what browsers fetch besides them: join and embed pages, share pages, the
//! index, static assets, health probes and metrics.

pub mod assets;
pub mod health;
pub mod index;
pub mod join;
mod qr;
pub mod share;

use actix_web::HttpResponse;

use super::error::WebError;

/// An HTML page that is never cached: pages carry room codes or per-visitor data.
fn html(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(body)
}

pub async fn not_found() -> Result<HttpResponse, WebError> {
    Err(WebError::NotFound)
}
