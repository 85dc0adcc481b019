use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder};

use crate::web::middleware::{NO_STORE, PAGE_TYPE};

/// An HTML page that is never cached: pages carry room codes or per-visitor data. Built
/// without the response builder, whose own head and header parsing cost more than the page.
pub(crate) fn html(body: impl actix_web::body::MessageBody + 'static) -> HttpResponse {
    let mut response = HttpResponse::with_body(StatusCode::OK, body).map_into_boxed_body();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PAGE_TYPE));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_STORE));
    response
}

/// 303 to `location`, never cached (where a browser is sent next can carry a pass or a state);
/// callers add cookies, then `finish`.
pub(crate) fn see_other(location: &str) -> HttpResponseBuilder {
    let mut response = HttpResponse::SeeOther();
    // A location that cannot be a header value (callers build them from parsed parts, so
    // never expected) sends the browser to the index rather than failing the response.
    let location =
        HeaderValue::from_str(location).unwrap_or_else(|_| HeaderValue::from_static("/"));
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
