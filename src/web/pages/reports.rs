//! `POST /csp-reports`: what browsers report when they refused to show a portal page, in both
//! formats they send (`report-uri`: `{"csp-report": {…}}`; `report-to`: `[{"type":
//! "csp-violation", "body": {…}}]`). Framing refusals reach the portal, which logs each framing
//! site once with the setting that would allow it. Bodies are capped at 8 KiB, reports are rate
//! limited per client, and nothing here answers a 5xx.

use actix_web::{HttpRequest, HttpResponse, web};
use serde_json::Value;

use crate::web::error::WebError;
use crate::web::state::AppState;

/// Largest report body read.
pub const REPORT_LIMIT: usize = 8 * 1024;

pub async fn csp_report(
    state: web::Data<AppState>,
    body: web::Bytes,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let parsed: Value = serde_json::from_slice(&body)
        .map_err(|_| WebError::BadRequest("a report is JSON".into()))?;
    let refusals: Vec<(String, String)> = match &parsed {
        Value::Array(reports) => reports
            .iter()
            .filter(|r| r["type"] == "csp-violation")
            .filter_map(|r| {
                framing(
                    &r["body"],
                    "effectiveDirective",
                    "blockedURL",
                    "documentURL",
                )
            })
            .collect(),
        Value::Object(_) => framing(
            &parsed["csp-report"],
            "effective-directive",
            "blocked-uri",
            "document-uri",
        )
        .into_iter()
        .collect(),
        _ => Vec::new(),
    };
    // Browsers may name the refused page's own origin instead of the framing site's.
    let own = state.portal.base_url().origin().ascii_serialization();
    let refusals: Vec<(String, String)> = refusals
        .into_iter()
        .map(|(origin, page)| (if origin == own { String::new() } else { origin }, page))
        .collect();
    let client = state.client_address.of(req.headers(), req.peer_addr());
    state.portal.framing_reported(client, &refusals)?;
    Ok(HttpResponse::NoContent().finish())
}

/// A framing refusal: (the framing site's origin, the refused page's path).
fn framing(
    body: &Value,
    directive: &str,
    blocked: &str,
    document: &str,
) -> Option<(String, String)> {
    let directive = body[directive]
        .as_str()
        .or_else(|| body["violated-directive"].as_str())?;
    if !directive.starts_with("frame-ancestors") {
        return None;
    }
    let blocked = body[blocked].as_str().unwrap_or_default();
    let origin = url::Url::parse(blocked)
        .map(|url| url.origin().ascii_serialization())
        .unwrap_or_else(|_| blocked.to_owned());
    // The path only: a query can hold a signed link's signature or a name.
    let page = body[document]
        .as_str()
        .and_then(|url| url::Url::parse(url).ok())
        .map(|url| url.path().to_owned())
        .unwrap_or_default();
    Some((origin, page))
}
