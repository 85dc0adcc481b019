//! Framings a browser will refuse, noticed when the page is asked for. A browser that wants a
//! page for a frame says so (`Sec-Fetch-Dest: iframe`) and, under the default referrer policy,
//! which site's page frames it (the `Referer`'s origin). Browsers report the refusal afterwards
//! (CSP `report-uri`/`report-to`) but leave the framing site out of the report (Chromium
//! names only the refused page's own origin), so the site is named here. One header lookup per
//! page view; the rest only for framed requests.

use actix_web::http::header::{HeaderMap, HeaderName, REFERER};

use super::state::AppState;

/// Looked up by a name made once: a `&str` name is parsed (checked, lowered, hashed) per call.
const SEC_FETCH_DEST: HeaderName = HeaderName::from_static("sec-fetch-dest");
const SEC_FETCH_SITE: HeaderName = HeaderName::from_static("sec-fetch-site");

/// Notes `path`, asked for a frame of a site that may not frame it (`room`: the room's own
/// framing sites, CSP text; else the portal's).
pub fn note_framing(state: &AppState, headers: &HeaderMap, path: &str, room: Option<&str>) {
    let Some(destination) = headers.get(SEC_FETCH_DEST) else {
        return;
    };
    if !matches!(
        destination.as_bytes(),
        b"iframe" | b"frame" | b"embed" | b"object"
    ) {
        return;
    }
    if headers
        .get(SEC_FETCH_SITE)
        .is_some_and(|site| site.as_bytes() == b"same-origin")
    {
        return;
    }
    let Some(framing) = headers
        .get(REFERER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| url::Url::parse(value).ok())
    else {
        return;
    };
    if !state.security.frames_allowed(&framing, room) {
        let origin = framing.origin().ascii_serialization();
        state.portal.framing_refused(&origin, path);
    }
}
