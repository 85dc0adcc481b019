//! `/api/v1/invites…`: make, list, show and revoke invitations.

use actix_web::web;

use super::input::{Body, Params, page};

use super::openapi::{AdminErrors, BodyErrors, HmsErrors, NotFound, Refused, StoreErrors};
use super::types::{InvitationPath, InvitationQuery, NewInvitation};
use crate::domain::{DisplayName, InvitationId, RoleName, RoomName, UserId};
use crate::portal::Actor;
use crate::portal::{Invitation, InvitationList, InvitationRequest, PortalError};
use crate::web::error::{ApiError, WebError};
use crate::web::state::AppState;

/// Make an invitation: a short link (`/i/<id>`) that opens one role for someone, a counted
/// number of times, until it expires or is revoked.
#[utoipa::path(
    post, path = "/api/v1/invites", tag = "invites", request_body = NewInvitation,
    responses(
        (status = 201, description = "The invitation", body = Invitation),
        AdminErrors, BodyErrors, HmsErrors, NotFound, Refused, StoreErrors,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn create(
    state: web::Data<AppState>,
    body: Body<NewInvitation>,
) -> Result<actix_web::HttpResponse, ApiError> {
    let body = body.0;
    let request = InvitationRequest {
        room: RoomName::parse(&body.room)?,
        role: RoleName::parse(&body.role)?,
        name: body.name.as_deref().map(DisplayName::parse).transpose()?,
        user_id: body.user_id.as_deref().map(UserId::parse).transpose()?,
        expires_in: body.expires_in,
        max_uses: match body.max_uses.map(u32::try_from) {
            Some(Ok(most)) => Some(most),
            Some(Err(_)) => {
                return Err(ApiError::bad_request(
                    "max_uses must be between 1 and 1000000",
                ));
            }
            None => None,
        },
        note: body.note,
        lobby: body.lobby.unwrap_or(false),
    };
    let invitation = state
        .portal
        .invitations()
        .create(request, Actor::AdminApi)
        .await?;
    Ok(actix_web::HttpResponse::Created().json(invitation))
}

/// Invitations, newest first, a page at a time.
#[utoipa::path(
    get, path = "/api/v1/invites", tag = "invites", params(InvitationQuery),
    responses(
        (status = 200, description = "A page of invitations", body = InvitationList),
        AdminErrors, StoreErrors,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn list(
    state: web::Data<AppState>,
    query: Params<InvitationQuery>,
) -> Result<web::Json<InvitationList>, ApiError> {
    let room = query.room.as_deref().map(RoomName::parse).transpose()?;
    let (limit, offset) = page(query.limit, query.offset, (50, 500))?;
    let list = state
        .portal
        .invitations()
        .list(room.as_ref(), limit, offset)
        .await?;
    Ok(web::Json(list))
}

/// One invitation: its state and how often it was used.
#[utoipa::path(
    get, path = "/api/v1/invites/{id}", tag = "invites", params(InvitationPath),
    responses(
        (status = 200, description = "The invitation", body = Invitation),
        AdminErrors, NotFound, StoreErrors,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn show(
    state: web::Data<AppState>,
    path: web::Path<InvitationPath>,
) -> Result<web::Json<Invitation>, ApiError> {
    let id = parse_id(&path.id)?;
    Ok(web::Json(state.portal.invitations().get(&id).await?))
}

/// End an invitation now (again: no change).
#[utoipa::path(
    delete, path = "/api/v1/invites/{id}", tag = "invites", params(InvitationPath),
    responses(
        (status = 200, description = "The revoked invitation", body = Invitation),
        AdminErrors, NotFound, StoreErrors,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn revoke(
    state: web::Data<AppState>,
    path: web::Path<InvitationPath>,
) -> Result<web::Json<Invitation>, ApiError> {
    let id = parse_id(&path.id)?;
    Ok(web::Json(
        state
            .portal
            .invitations()
            .revoke(&id, Actor::AdminApi)
            .await?,
    ))
}

fn parse_id(text: &str) -> Result<InvitationId, ApiError> {
    InvitationId::parse(text)
        .map_err(|_| ApiError(WebError::Portal(PortalError::UnknownInvitation)))
}
