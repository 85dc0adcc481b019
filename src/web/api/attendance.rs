//! Who came: a room's attendance (between two times), an event's and an invitation's, as JSON
//! or CSV (`?format=csv`).

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use utoipa::IntoParams;

use super::input::Params;
use super::openapi::{AdminErrors, HmsErrors, NotFound, StoreErrors};
use super::types::RoomPath;
use crate::domain::{InvitationId, RoomName};
use crate::portal::PortalError;
use crate::portal::attendance::{AttendanceReport, time_ms};
use crate::web::error::ApiError;
use crate::web::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AttendanceQuery {
    /// Peers who joined at or after (RFC 3339; default 30 days before `to`).
    #[param(format = DateTime)]
    pub from: Option<String>,
    /// …and before (RFC 3339; default now).
    #[param(format = DateTime)]
    pub to: Option<String>,
    /// `csv` for a spreadsheet; JSON otherwise.
    #[param(inline, value_type = Option<Format>)]
    pub format: Option<String>,
}

/// How a report is written.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Json,
    Csv,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FormatQuery {
    #[param(inline, value_type = Option<Format>)]
    pub format: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct IdPath {
    pub id: String,
}

fn answer(
    report: AttendanceReport,
    format: Option<&str>,
    name: &str,
) -> Result<HttpResponse, ApiError> {
    match format {
        None | Some("json") => Ok(HttpResponse::Ok().json(report)),
        Some("csv") => Ok(crate::web::csv::download(
            &report.rows(),
            &format!("{name}.csv"),
        )),
        Some(_) => Err(ApiError::bad_request("format is json or csv")),
    }
}

fn time(field: &str, text: Option<&str>) -> Result<Option<i64>, ApiError> {
    text.map(|t| {
        time_ms(t).ok_or_else(|| ApiError::bad_request(&format!("{field}: not an RFC 3339 time")))
    })
    .transpose()
}

/// Who joined the room's meetings and when they left: each peer with how they got in.
#[utoipa::path(
    get, path = "/api/v1/rooms/{room}/attendance", tag = "attendance", params(RoomPath, AttendanceQuery),
    responses(
        (status = 200, description = "The attendance (JSON, or CSV with format=csv)", content(
            (AttendanceReport = "application/json"), (String = "text/csv")
        )),
        AdminErrors, HmsErrors, NotFound, StoreErrors,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn of_room(
    state: web::Data<AppState>,
    path: web::Path<RoomPath>,
    query: Params<AttendanceQuery>,
) -> Result<HttpResponse, ApiError> {
    let room = RoomName::parse(&path.room)?;
    let (from, to) = (
        time("from", query.from.as_deref())?,
        time("to", query.to.as_deref())?,
    );
    let report = state.portal.attendance().of_room(&room, from, to).await?;
    answer(
        report,
        query.format.as_deref(),
        &format!("attendance-{room}"),
    )
}

/// Who came through an event's invitations.
#[utoipa::path(
    get, path = "/api/v1/events/{id}/attendance", tag = "attendance", params(IdPath, FormatQuery),
    responses(
        (status = 200, description = "The attendance (JSON, or CSV with format=csv)", content(
            (AttendanceReport = "application/json"), (String = "text/csv")
        )),
        AdminErrors, NotFound, StoreErrors,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn of_event(
    state: web::Data<AppState>,
    path: web::Path<IdPath>,
    query: Params<FormatQuery>,
) -> Result<HttpResponse, ApiError> {
    let report = state.portal.attendance().of_event(&path.id).await?;
    answer(report, query.format.as_deref(), "attendance-event")
}

/// Whether, and when, an invitation was used to join.
#[utoipa::path(
    get, path = "/api/v1/invites/{id}/attendance", tag = "attendance", params(IdPath, FormatQuery),
    responses(
        (status = 200, description = "The attendance (JSON, or CSV with format=csv)", content(
            (AttendanceReport = "application/json"), (String = "text/csv")
        )),
        AdminErrors, NotFound, StoreErrors,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn of_invitation(
    state: web::Data<AppState>,
    path: web::Path<IdPath>,
    query: Params<FormatQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = InvitationId::parse(&path.id).map_err(|_| PortalError::UnknownInvitation)?;
    let report = state.portal.attendance().of_invitation(&id).await?;
    answer(report, query.format.as_deref(), "attendance-invitation")
}
