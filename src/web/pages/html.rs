use actix_web::HttpResponse;

/// An HTML page that is never cached: pages carry room codes or per-visitor data.
pub(super) fn html(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(body)
}
