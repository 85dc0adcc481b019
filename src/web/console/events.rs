//! The console's events: the upcoming ones with a form for a new one, and each event's page
//! with its invitations (links, the organiser's calendar file per invitee), a move form and
//! cancelling.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::Chrome;
use super::form::{Fields, Operator, Posted};
use crate::domain::{DisplayName, InvitationId, RoleName, RoomName};
use crate::portal::PortalError;
use crate::portal::events::{
    Event, EventChanges, EventRequest, Invitee, Schedule, ScheduleChanges, TimeZoneName,
    parse_wall_clock,
};
use crate::settings::EmailAddress;
use crate::web::error::WebError;
use crate::web::pages::brand::Brand;
use crate::web::pages::html::{html, see_other};
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "console/events.html")]
struct EventsPage<'a> {
    brand: Brand<'a>,
    chrome: Chrome<'a>,
    events: Vec<Event>,
    room: &'a str,
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "console/event.html")]
struct EventPage<'a> {
    brand: Brand<'a>,
    chrome: Chrome<'a>,
    event: Event,
    /// The move form's fields, on the event's own clocks.
    starts_local: String,
    ends_local: String,
    notice: Option<&'a str>,
}

#[derive(Deserialize)]
pub struct EventsQuery {
    room: Option<String>,
    notice: Option<String>,
}

#[derive(Deserialize)]
pub struct EventQuery {
    notice: Option<String>,
}

pub async fn list(
    state: web::Data<AppState>,
    Operator(user): Operator,
    query: web::Query<EventsQuery>,
) -> Result<HttpResponse, WebError> {
    let room = query
        .room
        .as_deref()
        .filter(|r| !r.is_empty())
        .map(RoomName::parse)
        .transpose()?;
    let list = state.portal.events().list(room.as_ref(), 200, 0).await?;
    let page = EventsPage {
        brand: Brand::of(&state),
        chrome: Chrome::of(&user, "events"),
        events: list.events,
        room: room.as_ref().map_or("", RoomName::as_str),
        notice: query.notice.clone().filter(|n| n == "cancelled"),
    };
    Ok(html(page.render()?))
}

pub async fn show(
    state: web::Data<AppState>,
    Operator(user): Operator,
    path: web::Path<String>,
    query: web::Query<EventQuery>,
) -> Result<HttpResponse, WebError> {
    let event = state.portal.events().get(&path).await?;
    let zone = event.time_zone.clone();
    let local = |rfc: &str| {
        crate::portal::events::parse_instant(rfc)
            .map(|t| TimeZoneName::wall_clock(&zone, t))
            .unwrap_or_default()
    };
    let page = EventPage {
        brand: Brand::of(&state),
        chrome: Chrome::of(&user, "events"),
        starts_local: local(&event.starts_at),
        ends_local: local(&event.ends_at),
        event,
        notice: match query.notice.as_deref() {
            Some("created") => Some("The event was made, with one invitation per invitee."),
            Some("moved") => Some("The event was moved; every invitation moved with it."),
            _ => None,
        },
    };
    Ok(html(page.render()?))
}

fn field<'a>(fields: &'a Fields, key: &str) -> Result<&'a str, WebError> {
    fields
        .text(key)
        .ok_or_else(|| WebError::BadRequest(format!("{key} is needed")))
}

fn time(fields: &Fields, key: &str, zone: &str) -> Result<i64, WebError> {
    parse_wall_clock(field(fields, key)?, zone)
        .map_err(|reason| WebError::BadRequest(format!("{key}: {reason}")))
}

fn minutes(fields: &Fields, key: &str, default: i64) -> Result<i64, WebError> {
    match fields.text(key) {
        None => Ok(default),
        Some(text) => text
            .parse::<i64>()
            .map(|m| m * 60)
            .map_err(|_| WebError::BadRequest(format!("{key}: a number of minutes"))),
    }
}

/// One invitee per line: `role: Name` or `role: Name <email>`.
fn invitees(text: &str) -> Result<Vec<Invitee>, WebError> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let bad = || {
                WebError::BadRequest(format!(
                    "{line:?}: write one invitee per line as role: Name <email>"
                ))
            };
            let (role, rest) = line.split_once(':').ok_or_else(bad)?;
            let (name, email) = match rest
                .trim()
                .strip_suffix('>')
                .and_then(|r| r.rsplit_once('<'))
            {
                Some((name, email)) => (name.trim(), Some(email.trim())),
                None => (rest.trim(), None),
            };
            Ok(Invitee {
                name: DisplayName::parse(name)?,
                email: email
                    .map(EmailAddress::parse)
                    .transpose()
                    .map_err(WebError::BadRequest)?,
                role: RoleName::parse(role.trim())?,
                user_id: None,
            })
        })
        .collect()
}

pub async fn create(
    state: web::Data<AppState>,
    Posted { user, fields }: Posted,
) -> Result<HttpResponse, WebError> {
    let zone = TimeZoneName::parse(fields.text("time_zone").unwrap_or("UTC"))
        .map_err(WebError::BadRequest)?;
    let request = EventRequest {
        room: RoomName::parse(field(&fields, "room")?)?,
        title: fields.text("title").map(str::to_owned),
        times: Schedule {
            starts_at: time(&fields, "starts_at", zone.as_str())?,
            ends_at: time(&fields, "ends_at", zone.as_str())?,
            open_before: minutes(&fields, "open_before", 10 * 60)?,
            grace_after: minutes(&fields, "grace_after", 15 * 60)?,
        },
        time_zone: zone,
        invitees: invitees(fields.get("invitees").unwrap_or_default())?,
        lobby: fields.ticked("lobby"),
        eject_at_end: Some(fields.ticked("eject_at_end")),
    };
    let event = state
        .portal
        .events()
        .create(request, user.actor.clone())
        .await?;
    Ok(see_other(&format!("/admin/events/{}?notice=created", event.id)).finish())
}

pub async fn change(
    state: web::Data<AppState>,
    path: web::Path<String>,
    Posted { user, fields }: Posted,
) -> Result<HttpResponse, WebError> {
    let events = state.portal.events();
    let event = events.get(&path).await?;
    let zone = event.time_zone.as_str();
    let changes = EventChanges {
        times: ScheduleChanges {
            starts_at: Some(time(&fields, "starts_at", zone)?),
            ends_at: Some(time(&fields, "ends_at", zone)?),
            open_before: None,
            grace_after: None,
        },
        title: fields.text("title").map(str::to_owned),
    };
    events.change(&path, changes, user.actor.clone()).await?;
    Ok(see_other(&format!("/admin/events/{}?notice=moved", path)).finish())
}

pub async fn cancel(
    state: web::Data<AppState>,
    path: web::Path<String>,
    Posted { user, .. }: Posted,
) -> Result<HttpResponse, WebError> {
    state
        .portal
        .events()
        .cancel(&path, user.actor.clone())
        .await?;
    Ok(see_other("/admin/events?notice=cancelled").finish())
}

/// The organiser's calendar file for one invitee, to attach to a mail.
pub async fn organizer_calendar(
    state: web::Data<AppState>,
    Operator(_): Operator,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, WebError> {
    let (event, invitation) = path.into_inner();
    let invitation = invitation
        .strip_suffix(".ics")
        .and_then(|id| InvitationId::parse(id).ok())
        .ok_or(PortalError::UnknownInvitation)?;
    let file = state
        .portal
        .events()
        .organizer_calendar(&event, &invitation)
        .await?;
    Ok(crate::web::api::calendar_response(file))
}
