//! Whether a state-changing request comes from the portal's own pages: the browser's
//! `Sec-Fetch-Site`, else its `Origin` against the `Host` it asked (a request with neither is
//! not from a browser: a script or curl carries no one's cookies by accident), and the form's
//! token (see `portal::FormTokens`).

use actix_web::HttpRequest;
use actix_web::http::header::{HOST, ORIGIN};

use super::state::AppState;

/// Whether `req`, a form posted with `body`, comes from the portal's own page of the form that
/// does `form`: same origin, with a token issued for it.
pub fn from_own_form(state: &AppState, req: &HttpRequest, body: &[u8], form: &str) -> bool {
    let token = url::form_urlencoded::parse(body)
        .find(|(key, _)| key == "form_token")
        .map(|(_, value)| value.into_owned());
    is_same_origin(req) && state.portal.forms().check(form, token.as_deref())
}

pub fn is_same_origin(req: &HttpRequest) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site") {
        // `none`: typed or bookmarked by the person themselves.
        return matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    let Some(origin) = headers.get(ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers.get(HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'));
    origin_host.is_some() && origin_host == host
}
