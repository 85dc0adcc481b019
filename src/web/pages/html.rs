use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder};

/// An HTML page that is never cached: pages carry room codes or per-visitor data.
pub(super) fn html(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(body)
}

/// 303 to `location`, never cached (where a browser is sent next can carry a pass or a state);
/// callers add cookies, then `finish`.
pub(super) fn see_other(location: &str) -> HttpResponseBuilder {
    let mut response = HttpResponse::SeeOther();
    response
        .insert_header((header::LOCATION, location))
        .insert_header((header::CACHE_CONTROL, "no-store"));
    response
}

/// The request's path and query, as asked for (a place to come back to).
pub(super) fn path_and_query(req: &HttpRequest) -> String {
    let mut path = req.path().to_owned();
    if !req.query_string().is_empty() {
        path.push('?');
        path.push_str(req.query_string());
    }
    path
}
