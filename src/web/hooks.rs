//! `POST /hooks/100ms`: 100ms's webhooks. The secret header (and the sender's address, when
//! `hms.webhook_sources` is set) are checked before the body is read; the body is capped at
//! 64 KiB; each event is kept once by its id. Answers: 200 (kept, or seen before), 400 (not an
//! event), 401 (no or wrong secret), 403 (sender not allowed), 413, 429, and 503 only when the
//! store cannot keep it, so that 100ms retries.

use actix_web::{HttpRequest, HttpResponse, web};
use serde_json::json;

use crate::web::error::{ApiError, WebError};
use crate::web::state::AppState;

pub async fn hms_hook(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Result<web::Bytes, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    let attendance = state.portal.attendance();
    if !attendance.hooks_on() {
        return Err(ApiError(WebError::NotFound));
    }
    let source = state.client_address.of(req.headers(), req.peer_addr());
    let secret = req
        .headers()
        .get(attendance.hook_header())
        .map(|value| value.as_bytes());
    attendance.admit_hook(secret, source)?;
    let body = body.map_err(|_| ApiError(WebError::TooLarge))?;
    let fresh = attendance.receive(&body).await?;
    Ok(HttpResponse::Ok().json(json!({ "received": true, "duplicate": !fresh })))
}
