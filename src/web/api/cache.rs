//! `/api/v1/cache/purge`: forget cached codes.

use actix_web::web;

use super::input::from_json;
use super::openapi::{AdminErrors, NotFound};
use super::types::{PurgeRequest, PurgeResult};
use crate::domain::RoomName;
use crate::portal::Actor;
use crate::web::error::ApiError;
use crate::web::state::AppState;

/// Forget cached codes, so the next visit asks 100ms again.
#[utoipa::path(
    post, path = "/api/v1/cache/purge", tag = "cache",
    request_body(content = Option<PurgeRequest>, description = "Optional; an empty body purges everything"),
    responses(
        (status = 200, description = "What was purged", body = PurgeResult),
        AdminErrors, NotFound,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn purge(
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<web::Json<PurgeResult>, ApiError> {
    let request: PurgeRequest = if body.iter().all(u8::is_ascii_whitespace) {
        PurgeRequest::default()
    } else {
        // Only `null` or an object: serde would also read a struct from an array.
        match from_json::<serde_json::Value>(&body)? {
            serde_json::Value::Null => PurgeRequest::default(),
            serde_json::Value::Object(_) => from_json(&body)?,
            _ => return Err(ApiError::bad_request("expected a JSON object")),
        }
    };
    let room = request.room.as_deref().map(RoomName::parse).transpose()?;
    state
        .portal
        .rooms()
        .purge(room.as_ref(), Actor::AdminApi)
        .await?;
    Ok(web::Json(PurgeResult {
        room: room.map(|r| r.to_string()),
    }))
}
