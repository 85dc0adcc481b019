//! `/api/v1/rooms…`: create a room, read a room's links, rotate a role's code.

use actix_web::web;

use super::input::{Body, Params};

use super::openapi::{AdminErrors, BodyErrors, HmsErrors, NotFound, Refused, StoreErrors};
use super::types::{CodesQuery, NewRoom, RolePath, RoomPath};
use crate::domain::{RoleName, RoomName};
use crate::portal::Actor;
use crate::portal::{Revoked, RoleLink, RoomLinks, RoomRequest};
use crate::web::error::ApiError;
use crate::web::state::AppState;

/// Create a room in 100ms (or adopt the existing room of that name), keep it so every replica
/// serves it, and answer every role's links.
#[utoipa::path(
    post, path = "/api/v1/rooms", tag = "rooms", request_body = NewRoom, params(CodesQuery),
    responses(
        (status = 200, description = "The room and its links", body = RoomLinks),
        AdminErrors, BodyErrors, HmsErrors, NotFound, Refused,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn create(
    state: web::Data<AppState>,
    query: Params<CodesQuery>,
    body: Body<NewRoom>,
) -> Result<web::Json<RoomLinks>, ApiError> {
    let NewRoom {
        name,
        template_id,
        description,
        title,
        listed,
        access,
    } = body.0;
    let room = RoomName::parse(&name)?;
    if template_id.as_deref().is_some_and(|t| {
        t.is_empty() || t.len() > 64 || !t.bytes().all(|b| b.is_ascii_alphanumeric())
    }) {
        return Err(ApiError::bad_request(
            "template_id must be a 100ms template id",
        ));
    }
    if description
        .as_deref()
        .is_some_and(|d| d.chars().count() > 1000)
    {
        return Err(ApiError::bad_request(
            "description can be at most 1000 characters long",
        ));
    }
    if title.as_deref().is_some_and(|t| {
        t.trim().is_empty() || t.chars().count() > 200 || t.chars().any(char::is_control)
    }) {
        return Err(ApiError::bad_request(
            "title must be 1 to 200 characters long, without control characters",
        ));
    }
    let request = RoomRequest {
        room,
        template_id,
        description,
        title,
        listed: listed.unwrap_or(false),
        access: access.unwrap_or_default(),
    };
    let links = state
        .portal
        .rooms()
        .create_room(request, query.codes(), Actor::AdminApi)
        .await?;
    Ok(web::Json(links))
}

/// Every role's current code and links for an existing room.
#[utoipa::path(
    get, path = "/api/v1/rooms/{room}/links", tag = "rooms", params(RoomPath, CodesQuery),
    responses(
        (status = 200, description = "The room and its links", body = RoomLinks),
        AdminErrors, HmsErrors, NotFound,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn links(
    state: web::Data<AppState>,
    path: web::Path<RoomPath>,
    query: Params<CodesQuery>,
) -> Result<web::Json<RoomLinks>, ApiError> {
    let room = RoomName::parse(&path.room)?;
    Ok(web::Json(
        state
            .portal
            .rooms()
            .room_links(&room, query.codes())
            .await?,
    ))
}

/// Disable the role's current code in 100ms and hand out a new one from now on.
#[utoipa::path(
    post, path = "/api/v1/rooms/{room}/roles/{role}/rotate", tag = "rooms", params(RolePath, CodesQuery),
    responses(
        (status = 200, description = "The role's new code and links", body = RoleLink),
        AdminErrors, HmsErrors, NotFound, Refused,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn rotate(
    state: web::Data<AppState>,
    path: web::Path<RolePath>,
    query: Params<CodesQuery>,
) -> Result<web::Json<RoleLink>, ApiError> {
    let room = RoomName::parse(&path.room)?;
    let role = RoleName::parse(&path.role)?;
    Ok(web::Json(
        state
            .portal
            .rooms()
            .rotate(&room, &role, query.codes(), Actor::AdminApi)
            .await?,
    ))
}

/// End every signed link and invitation of the role issued until now, on every replica.
#[utoipa::path(
    post, path = "/api/v1/rooms/{room}/roles/{role}/revoke", tag = "links", params(RolePath),
    responses(
        (status = 200, description = "Links issued before `not_before` no longer open the role", body = Revoked),
        AdminErrors, NotFound, StoreErrors,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn revoke(
    state: web::Data<AppState>,
    path: web::Path<RolePath>,
) -> Result<web::Json<Revoked>, ApiError> {
    let room = RoomName::parse(&path.room)?;
    let role = RoleName::parse(&path.role)?;
    Ok(web::Json(
        state
            .portal
            .rooms()
            .revoke(&room, &role, Actor::AdminApi)
            .await?,
    ))
}
