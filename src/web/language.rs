//! A request's language, read from its headers, and the `?lang=` choice kept in a cookie.
//! (`Vary` is among every page's headers: `SecurityHeaders`.)

use actix_web::HttpRequest;
use actix_web::http::header::{self, HeaderMap, HeaderValue};

use super::i18n::{Asked, LANGUAGE_COOKIE, Speech, cookie_value};
use super::state::AppState;

/// What the request's headers and query ask for. One walk over the headers (a request has a
/// handful) costs less than two hashed look-ups, on every view of the hottest page.
pub fn asked<'a>(headers: &'a HeaderMap, query: &'a str) -> Asked<'a> {
    let mut asked = Asked {
        query,
        ..Asked::default()
    };
    for (name, value) in headers.iter() {
        if *name == header::COOKIE {
            asked.cookie_header = value.to_str().ok();
        } else if *name == header::ACCEPT_LANGUAGE {
            asked.accept_language = value.to_str().ok();
        }
    }
    asked
}

/// The language of a page for `req`.
pub fn speech<'a>(state: &'a AppState, req: &'a HttpRequest) -> Speech<'a> {
    speech_of(state, req.headers(), req.query_string(), None)
}

/// The same, for a signed-in person whose provider gave a `locale` claim.
pub fn speech_of<'a>(
    state: &'a AppState,
    headers: &'a HeaderMap,
    query: &'a str,
    claim: Option<&'a str>,
) -> Speech<'a> {
    let asked = Asked {
        claim,
        ..asked(headers, query)
    };
    let language = state.languages.negotiate(asked);
    state.languages.speech(language, query)
}

/// A page answering `?lang=`: the visitor's choice kept in a cookie (when the cookie does not
/// say so already).
pub fn mark(state: &AppState, query: &str, request: &HeaderMap, response: &mut HeaderMap) {
    let Some(chosen) = state.languages.chosen_in_query(query) else {
        return;
    };
    let is_page = response
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if !is_page {
        return;
    }
    let kept = asked(request, "")
        .cookie_header
        .and_then(|cookies| cookie_value(cookies, LANGUAGE_COOKIE));
    if kept == Some(chosen.tag()) {
        return;
    }
    let cookie = state.cookies.language(chosen);
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        response.append(header::SET_COOKIE, value);
    }
}
