//! `/api/v1/links`: signed, expiring links.

use actix_web::web;

use super::input::Body;

use super::openapi::{AdminErrors, BodyErrors, HmsErrors, NotFound, Refused};
use super::types::NewLink;
use crate::domain::{JoinOptions, PageKind, RoleName, RoomName};
use crate::portal::Actor;
use crate::portal::{LinkRequest, SignedLink};
use crate::web::error::ApiError;
use crate::web::state::AppState;

/// Make a signed link that opens one role until it expires, exactly as made.
#[utoipa::path(
    post, path = "/api/v1/links", tag = "links", request_body = NewLink,
    responses(
        (status = 200, description = "The signed link", body = SignedLink),
        AdminErrors, BodyErrors, HmsErrors, NotFound, Refused,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn sign(
    state: web::Data<AppState>,
    body: Body<NewLink>,
) -> Result<web::Json<SignedLink>, ApiError> {
    let request = body.0;
    let skip_preview = request.skip_preview.map(|s| if s { "1" } else { "0" });
    let link = LinkRequest {
        kind: if request.embed == Some(true) {
            PageKind::Embed
        } else {
            PageKind::Join
        },
        room: RoomName::parse(&request.room)?,
        role: RoleName::parse(&request.role)?,
        options: JoinOptions {
            lobby: request.lobby == Some(true),
            ..JoinOptions::parse(
                request.name.as_deref(),
                request.user_id.as_deref(),
                skip_preview,
            )?
        },
        expires_in: request.expires_in,
    };
    Ok(web::Json(
        state.portal.links().sign(&link, Actor::AdminApi).await?,
    ))
}
