//! Who came, in the console: a room's attendance (the last 30 days) and an event's, each with
//! a CSV download.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::Chrome;
use super::form::Operator;
use crate::domain::RoomName;
use crate::portal::attendance::Attendee;
use crate::web::error::WebError;
use crate::web::pages::brand::Brand;
use crate::web::pages::html::html;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "console/attendance.html")]
struct AttendancePage<'a> {
    brand: Brand<'a>,
    chrome: Chrome<'a>,
    heading: String,
    back: (String, &'a str),
    csv_href: String,
    attendees: Vec<Attendee>,
    sessions: usize,
}

pub async fn of_room(
    state: web::Data<AppState>,
    Operator(user): Operator,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let room = RoomName::parse(&path)?;
    let report = state.portal.attendance().of_room(&room, None, None).await?;
    let page = AttendancePage {
        brand: Brand::of(&state),
        chrome: Chrome::of(&user, "rooms"),
        heading: format!("Who came to {room}"),
        back: (format!("/admin/rooms/{room}"), "Room"),
        csv_href: format!("/admin/rooms/{room}/attendance.csv"),
        sessions: report.sessions,
        attendees: report.attendees,
    };
    Ok(html(page.render()?))
}

pub async fn room_csv(
    state: web::Data<AppState>,
    _: Operator,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let room = RoomName::parse(&path)?;
    let report = state.portal.attendance().of_room(&room, None, None).await?;
    Ok(crate::web::csv::download(
        &report.rows(),
        &format!("attendance-{room}.csv"),
    ))
}

pub async fn of_event(
    state: web::Data<AppState>,
    Operator(user): Operator,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let report = state.portal.attendance().of_event(&path).await?;
    let page = AttendancePage {
        brand: Brand::of(&state),
        chrome: Chrome::of(&user, "events"),
        heading: "Who came to the event".to_owned(),
        back: (format!("/admin/events/{}", path.as_str()), "Event"),
        csv_href: format!("/admin/events/{}/attendance.csv", path.as_str()),
        sessions: report.sessions,
        attendees: report.attendees,
    };
    Ok(html(page.render()?))
}

pub async fn event_csv(
    state: web::Data<AppState>,
    _: Operator,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let report = state.portal.attendance().of_event(&path).await?;
    Ok(crate::web::csv::download(
        &report.rows(),
        "attendance-event.csv",
    ))
}
