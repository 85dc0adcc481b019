//! `/api/v1/rooms…`: create, list, read, change and remove rooms; read a room's links, rotate
//! a role's code, revoke a role's links.

use actix_web::web;

use super::input::{Body, Params, page};

use super::openapi::{AdminErrors, BodyErrors, HmsErrors, NotFound, Refused, StoreErrors};
use super::types::{CodesQuery, NewRoom, RemoveQuery, RolePath, RoomPatch, RoomPath, RoomsQuery};
use crate::domain::{RoleName, RoomName};
use crate::portal::Actor;
use crate::portal::{
    Revoked, RoleLink, RoomChange, RoomChanged, RoomLinks, RoomList, RoomQuery, RoomRemoved,
    RoomRequest, RoomSummary,
};
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
    check_title(title.as_deref())?;
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

/// A title as pages show it: 1 to 200 characters, not blank, no control characters.
fn check_title(title: Option<&str>) -> Result<(), ApiError> {
    if title.is_some_and(|t| {
        t.trim().is_empty() || t.chars().count() > 200 || t.chars().any(char::is_control)
    }) {
        return Err(ApiError::bad_request(
            "title must be 1 to 200 characters long, without control characters",
        ));
    }
    Ok(())
}

/// The rooms the portal serves: configured ones first, then those made through the portal,
/// each by name; from the portal's own state, never by listing 100ms.
#[utoipa::path(
    get, path = "/api/v1/rooms", tag = "rooms", params(RoomsQuery),
    responses(
        (status = 200, description = "A page of rooms", body = RoomList),
        AdminErrors, StoreErrors,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn list(
    state: web::Data<AppState>,
    query: Params<RoomsQuery>,
) -> Result<web::Json<RoomList>, ApiError> {
    let (limit, offset) = page(query.limit, query.offset, (50, 500))?;
    let search = query.q.clone().unwrap_or_default();
    if search.chars().count() > 200 {
        return Err(ApiError::bad_request(
            "q can be at most 200 characters long",
        ));
    }
    let query = RoomQuery {
        search,
        limit,
        offset,
    };
    Ok(web::Json(state.portal.rooms().list(&query).await?))
}

/// One room as the portal serves it: its source, title, policies and framing sites.
#[utoipa::path(
    get, path = "/api/v1/rooms/{room}", tag = "rooms", params(RoomPath),
    responses(
        (status = 200, description = "The room", body = RoomSummary),
        AdminErrors, NotFound, StoreErrors,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn show(
    state: web::Data<AppState>,
    path: web::Path<RoomPath>,
) -> Result<web::Json<RoomSummary>, ApiError> {
    let room = RoomName::parse(&path.room)?;
    Ok(web::Json(state.portal.rooms().show(&room).await?))
}

/// Change a room made through the portal (configured rooms answer 409). A role made stricter
/// has its 100ms codes rotated (or disabled when it closes), so no copied code still opens it.
#[utoipa::path(
    patch, path = "/api/v1/rooms/{room}", tag = "rooms", params(RoomPath), request_body = RoomPatch,
    responses(
        (status = 200, description = "The room as changed, and the codes the change disabled", body = RoomChanged),
        AdminErrors, BodyErrors, HmsErrors, NotFound, Refused,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn update(
    state: web::Data<AppState>,
    path: web::Path<RoomPath>,
    body: Body<RoomPatch>,
) -> Result<web::Json<RoomChanged>, ApiError> {
    let room = RoomName::parse(&path.room)?;
    let RoomPatch {
        title,
        listed,
        enabled,
        policies,
        frame_ancestors,
    } = body.0;
    check_title(title.as_deref())?;
    if frame_ancestors
        .as_ref()
        .is_some_and(|sites| sites.len() > 20)
    {
        return Err(ApiError::bad_request(
            "frame_ancestors takes at most 20 sites",
        ));
    }
    let change = RoomChange {
        title: title.map(|t| t.trim().to_owned()),
        listed,
        enabled,
        policies,
        frame_ancestors,
    };
    Ok(web::Json(
        state
            .portal
            .rooms()
            .update(&room, change, Actor::AdminApi)
            .await?,
    ))
}

/// Forget a room made through the portal, on every replica, after disabling its 100ms codes;
/// with `disable_in_100ms=true` the 100ms room is disabled too. Configured rooms answer 409.
#[utoipa::path(
    delete, path = "/api/v1/rooms/{room}", tag = "rooms", params(RoomPath, RemoveQuery),
    responses(
        (status = 200, description = "The room was forgotten", body = RoomRemoved),
        AdminErrors, HmsErrors, NotFound, Refused,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn remove(
    state: web::Data<AppState>,
    path: web::Path<RoomPath>,
    query: Params<RemoveQuery>,
) -> Result<web::Json<RoomRemoved>, ApiError> {
    let room = RoomName::parse(&path.room)?;
    let disable = query.disable_in_100ms == Some(true);
    Ok(web::Json(
        state
            .portal
            .rooms()
            .delete(&room, disable, Actor::AdminApi)
            .await?,
    ))
}
