//! `/api/v1/events…`: meetings with a time, their invitations, and the organiser's calendar
//! files to mail.

use actix_web::{HttpResponse, http::header, web};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::input::{Body, Params, page};
use super::openapi::{
    AdminErrors, BodyErrors, HmsErrors, NotFound, Refused, StoreErrors, Unprocessable,
};
use super::types::{RoleNameSchema, RoomNameSchema};
use crate::domain::{DisplayName, InvitationId, Lifetime, RoleName, RoomName, UserId};
use crate::portal::events::{
    CalendarFile, Event, EventChanges, EventList, EventRequest, Invitee, Schedule, ScheduleChanges,
    TimeZoneName, parse_instant,
};
use crate::portal::{Actor, PortalError};
use crate::settings::EmailAddress;
use crate::web::error::ApiError;
use crate::web::state::AppState;

/// Someone to invite to an event.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewInvitee {
    /// The name they join under. No control characters.
    #[schema(
        pattern = r"^[^\x00-\x1F\x7F-\x9F]*$",
        max_length = 100,
        example = "Ada Lovelace"
    )]
    pub name: String,
    /// For the organiser's calendar invitation.
    #[schema(format = Email, max_length = 254, example = "ada@example.com")]
    pub email: Option<String>,
    #[schema(inline, value_type = RoleNameSchema, example = "guest")]
    pub role: String,
    /// The operator's own id for them, kept with the invitation (the meeting sees an id derived
    /// from the invitation).
    #[schema(
        pattern = r"^[^\x00-\x20\x7F-\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$",
        max_length = 128
    )]
    pub user_id: Option<String>,
}

/// An event to make.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewEvent {
    #[schema(inline, value_type = RoomNameSchema, example = "demo")]
    pub room: String,
    #[schema(max_length = 200, example = "Weekly review")]
    pub title: Option<String>,
    /// RFC 3339.
    #[schema(format = DateTime, example = "2026-12-07T14:00:00+01:00")]
    pub starts_at: String,
    #[schema(format = DateTime, example = "2026-12-07T15:00:00+01:00")]
    pub ends_at: String,
    /// IANA name; default UTC.
    #[schema(example = "Europe/Berlin")]
    pub time_zone: Option<String>,
    /// How long before the start its invitations open (default 10 minutes; at most 24 h).
    #[schema(inline, value_type = Option<MarginSchema>, example = "10m")]
    pub open_before: Option<Lifetime>,
    /// How long after the end they stay open (default 15 minutes; at most 24 h).
    #[schema(inline, value_type = Option<MarginSchema>, example = "15m")]
    pub grace_after: Option<Lifetime>,
    #[schema(max_items = 500)]
    pub invitees: Vec<NewInvitee>,
    /// Invitees wait in the room's lobby after pressing Join.
    pub lobby: Option<bool>,
    /// Remove its people from the meeting at its end plus grace (default `events.eject_at_end`).
    pub eject_at_end: Option<bool>,
}

/// A new time (or title) for an event; what is left out stays.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventPatch {
    #[schema(format = DateTime)]
    pub starts_at: Option<String>,
    #[schema(format = DateTime)]
    pub ends_at: Option<String>,
    #[schema(inline, value_type = Option<MarginSchema>)]
    pub open_before: Option<Lifetime>,
    #[schema(inline, value_type = Option<MarginSchema>)]
    pub grace_after: Option<Lifetime>,
    #[schema(max_length = 200)]
    pub title: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventQuery {
    /// Only this room's.
    #[param(inline, value_type = Option<RoomNameSchema>)]
    pub room: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u32>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct EventPath {
    pub id: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct EventInvitationPath {
    pub id: String,
    /// The invitation's id, then `.ics`.
    pub invitation: String,
}

/// The schema of a margin around an event: seconds up to a day, or a number with a unit.
pub struct MarginSchema;

impl utoipa::PartialSchema for MarginSchema {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Type};
        let seconds = ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(0))
            .maximum(Some(86_400));
        let text = ObjectBuilder::new().schema_type(Type::String).pattern(Some(
            r"^([0-9]{1,4}s|([0-9]{1,3}|1[0-3][0-9]{2}|14[0-3][0-9]|1440)m|([0-9]|1[0-9]|2[0-4])h)$",
        ));
        OneOfBuilder::new().item(seconds).item(text).into()
    }
}

impl ToSchema for MarginSchema {}

/// The largest event body read: 500 invitees with long names, addresses and ids.
pub const BODY_LIMIT: usize = 1024 * 1024;

const DEFAULT_OPEN_BEFORE: u64 = 10 * 60;
const DEFAULT_GRACE_AFTER: u64 = 15 * 60;

fn instant(field: &str, text: &str) -> Result<i64, ApiError> {
    parse_instant(text).map_err(|reason| ApiError::bad_request(&format!("{field}: {reason}")))
}

fn margin(lifetime: Option<Lifetime>, default: u64) -> i64 {
    i64::try_from(lifetime.map_or(default, Lifetime::as_secs)).unwrap_or(i64::MAX)
}

fn invitee(given: NewInvitee) -> Result<Invitee, ApiError> {
    Ok(Invitee {
        name: DisplayName::parse(&given.name)?,
        email: given
            .email
            .as_deref()
            .map(EmailAddress::parse)
            .transpose()
            .map_err(|reason| ApiError::bad_request(&format!("email: {reason}")))?,
        role: RoleName::parse(&given.role)?,
        user_id: given.user_id.as_deref().map(UserId::parse).transpose()?,
    })
}

/// Make an event and one invitation per invitee, each open from `starts_at - open_before` to
/// `ends_at + grace_after`.
#[utoipa::path(
    post, path = "/api/v1/events", tag = "events", request_body = NewEvent,
    responses(
        (status = 201, description = "The event, with its invitations", body = Event),
        AdminErrors, BodyErrors, HmsErrors, NotFound, Refused, StoreErrors, Unprocessable,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn create(
    state: web::Data<AppState>,
    body: Body<NewEvent>,
) -> Result<HttpResponse, ApiError> {
    let body = body.0;
    let time_zone = match body.time_zone.as_deref() {
        // Any text is well formed; a zone the portal does not know is refused as such (422).
        Some(name) => TimeZoneName::parse(name).map_err(|reason| {
            ApiError::from(PortalError::BadSchedule(format!("time_zone: {reason}")))
        })?,
        None => TimeZoneName::utc(),
    };
    let request = EventRequest {
        room: RoomName::parse(&body.room)?,
        title: body.title,
        times: Schedule {
            starts_at: instant("starts_at", &body.starts_at)?,
            ends_at: instant("ends_at", &body.ends_at)?,
            open_before: margin(body.open_before, DEFAULT_OPEN_BEFORE),
            grace_after: margin(body.grace_after, DEFAULT_GRACE_AFTER),
        },
        time_zone,
        invitees: body
            .invitees
            .into_iter()
            .map(invitee)
            .collect::<Result<_, _>>()?,
        lobby: body.lobby.unwrap_or(false),
        eject_at_end: body.eject_at_end,
    };
    let event = state
        .portal
        .events()
        .create(request, Actor::AdminApi)
        .await?;
    Ok(HttpResponse::Created().json(event))
}

/// Events not over yet, soonest first, a page at a time.
#[utoipa::path(
    get, path = "/api/v1/events", tag = "events", params(EventQuery),
    responses(
        (status = 200, description = "A page of events", body = EventList),
        AdminErrors, StoreErrors,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn list(
    state: web::Data<AppState>,
    query: Params<EventQuery>,
) -> Result<web::Json<EventList>, ApiError> {
    let room = query.room.as_deref().map(RoomName::parse).transpose()?;
    let (limit, offset) = page(query.limit, query.offset, (50, 200))?;
    let list = state
        .portal
        .events()
        .list(room.as_ref(), limit, offset)
        .await?;
    Ok(web::Json(list))
}

/// One event, with its invitations.
#[utoipa::path(
    get, path = "/api/v1/events/{id}", tag = "events", params(EventPath),
    responses((status = 200, description = "The event", body = Event), AdminErrors, NotFound, StoreErrors),
    security(("admin_token" = []))
)]
pub(super) async fn show(
    state: web::Data<AppState>,
    path: web::Path<EventPath>,
) -> Result<web::Json<Event>, ApiError> {
    Ok(web::Json(state.portal.events().get(&path.id).await?))
}

/// Move (or retitle) an event: every invitation's window moves with it.
#[utoipa::path(
    patch, path = "/api/v1/events/{id}", tag = "events", params(EventPath), request_body = EventPatch,
    responses(
        (status = 200, description = "The moved event", body = Event),
        AdminErrors, BodyErrors, NotFound, Refused, StoreErrors, Unprocessable,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn change(
    state: web::Data<AppState>,
    path: web::Path<EventPath>,
    body: Body<EventPatch>,
) -> Result<web::Json<Event>, ApiError> {
    let body = body.0;
    let optional_instant =
        |field: &str, text: Option<&str>| text.map(|t| instant(field, t)).transpose();
    let changes = EventChanges {
        times: ScheduleChanges {
            starts_at: optional_instant("starts_at", body.starts_at.as_deref())?,
            ends_at: optional_instant("ends_at", body.ends_at.as_deref())?,
            open_before: body.open_before.map(|l| margin(Some(l), 0)),
            grace_after: body.grace_after.map(|l| margin(Some(l), 0)),
        },
        title: body.title,
    };
    Ok(web::Json(
        state
            .portal
            .events()
            .change(&path.id, changes, Actor::AdminApi)
            .await?,
    ))
}

/// Cancel an event: every invitation ends at once.
#[utoipa::path(
    delete, path = "/api/v1/events/{id}", tag = "events", params(EventPath),
    responses((status = 200, description = "The cancelled event", body = Event), AdminErrors, NotFound, StoreErrors),
    security(("admin_token" = []))
)]
pub(super) async fn cancel(
    state: web::Data<AppState>,
    path: web::Path<EventPath>,
) -> Result<web::Json<Event>, ApiError> {
    Ok(web::Json(
        state
            .portal
            .events()
            .cancel(&path.id, Actor::AdminApi)
            .await?,
    ))
}

/// The organiser's calendar invitation for one invitee, to mail (iTIP): `METHOD:REQUEST`, or
/// `METHOD:CANCEL` once the event is cancelled.
#[utoipa::path(
    get, path = "/api/v1/events/{id}/invitations/{invitation}", tag = "events", params(EventInvitationPath),
    responses(
        (status = 200, description = "text/calendar", content_type = "text/calendar", body = String),
        AdminErrors, NotFound, Refused, StoreErrors,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn organizer_calendar(
    state: web::Data<AppState>,
    path: web::Path<EventInvitationPath>,
) -> Result<HttpResponse, ApiError> {
    let invitation = path
        .invitation
        .strip_suffix(".ics")
        .and_then(|id| InvitationId::parse(id).ok())
        .ok_or(PortalError::UnknownInvitation)?;
    let file = state
        .portal
        .events()
        .organizer_calendar(&path.id, &invitation)
        .await?;
    Ok(calendar_response(file))
}

/// A calendar file, to save.
pub(crate) fn calendar_response(file: CalendarFile) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", file.file_name),
        ))
        .body(file.body)
}
