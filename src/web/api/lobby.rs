//! `/api/v1/rooms/{room}/lobby…`: who waits in a room's lobby; admit or turn them away.

use actix_web::web;
use serde::Deserialize;
use utoipa::IntoParams;

use super::input::Params;
use super::openapi::{AdminErrors, NotFound, StoreErrors};
use super::types::RoomPath;
use crate::domain::RoomName;
use crate::portal::Actor;
use crate::portal::lobby::{Decided, Waiting};
use crate::web::error::ApiError;
use crate::web::state::AppState;

/// Who waits, first come first.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct LobbyList {
    pub waiting: Vec<Waiting>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TicketPath {
    /// The room.
    #[param(inline, value_type = super::types::RoomNameSchema)]
    pub room: String,
    /// The ticket, as the lobby list names it.
    #[param(max_length = 64)]
    pub ticket: String,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DenyQuery {
    /// A short message the visitor reads (at most 200 characters).
    #[param(max_length = 200)]
    pub message: Option<String>,
}

/// Who waits in the room's lobby.
#[utoipa::path(
    get, path = "/api/v1/rooms/{room}/lobby", tag = "lobby", params(RoomPath),
    responses(
        (status = 200, description = "Who waits, first come first", body = LobbyList),
        AdminErrors, NotFound, StoreErrors,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn list(
    state: web::Data<AppState>,
    path: web::Path<RoomPath>,
) -> Result<web::Json<LobbyList>, ApiError> {
    let room = RoomName::parse(&path.room)?;
    let waiting = state.portal.lobby().waiting(&room).await?;
    Ok(web::Json(LobbyList { waiting }))
}

/// Let a waiting visitor in: their page enters the meeting with a token of their own.
#[utoipa::path(
    post, path = "/api/v1/rooms/{room}/lobby/{ticket}/admit", tag = "lobby", params(TicketPath),
    responses(
        (status = 200, description = "Admitted", body = Decided),
        AdminErrors, NotFound, StoreErrors,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn admit(
    state: web::Data<AppState>,
    path: web::Path<TicketPath>,
) -> Result<web::Json<Decided>, ApiError> {
    decide(&state, &path, true, None).await
}

/// Turn a waiting visitor away, with a short message they read.
#[utoipa::path(
    post, path = "/api/v1/rooms/{room}/lobby/{ticket}/deny", tag = "lobby",
    params(TicketPath, DenyQuery),
    responses(
        (status = 200, description = "Turned away", body = Decided),
        AdminErrors, NotFound, StoreErrors,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn deny(
    state: web::Data<AppState>,
    path: web::Path<TicketPath>,
    query: Params<DenyQuery>,
) -> Result<web::Json<Decided>, ApiError> {
    decide(&state, &path, false, query.message.as_deref()).await
}

async fn decide(
    state: &AppState,
    path: &TicketPath,
    admit: bool,
    message: Option<&str>,
) -> Result<web::Json<Decided>, ApiError> {
    let room = RoomName::parse(&path.room)?;
    let decided = state
        .portal
        .lobby()
        .decide(&room, &path.ticket, admit, message, Actor::AdminApi)
        .await?;
    Ok(web::Json(decided))
}
