//! Meetings with a time: invitations that open and close with their event, pages that follow
//! the clock, calendar files checked by an independent parser, and nobody left in the room
//! after the end.

mod calendar;
mod clock;
mod command_line;
mod eject;

use std::time::{SystemTime, UNIX_EPOCH};

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{ADMIN_TOKEN, TestApp, spawn_app_with};
use crate::lobby::Browser;

pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// RFC 3339 of a Unix second.
pub fn at(unix: i64) -> String {
    jiff::Timestamp::from_second(unix).unwrap().to_string()
}

pub async fn spawn_events_app() -> TestApp {
    spawn_app_with(|s| {
        s.admin.token = Some(ADMIN_TOKEN.into());
        s.ui.organizer_email = Some("meetings@example.com".parse().unwrap());
    })
    .await
}

/// Makes an event in the demo room: Ada (a public role's invitee, with an address) and Bob.
pub async fn create_event(app: &TestApp, extra: Value) -> Value {
    let mut body = json!({
        "room": "demo",
        "title": "Weekly review",
        "time_zone": "Europe/Berlin",
        "invitees": [
            { "name": "Ada Lovelace", "email": "ada@example.com", "role": "viewer" },
            { "name": "Bob", "role": "host", "user_id": "crm-42" },
        ],
    });
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    let (status, _, event) = app.api(Method::POST, "/api/v1/events", Some(body)).await;
    assert_eq!(status, 201, "{event}");
    event
}

/// The path of the event's `n`th invitation (`/i/<id>`).
pub fn invitation_path(event: &Value, n: usize) -> String {
    format!("/i/{}", event["invitations"][n]["id"].as_str().unwrap())
}

/// Presses Join on an invitation's page: the meeting page's HTML.
pub async fn join(browser: &Browser, path: &str) -> String {
    let (status, location) = browser.submit(path, path, &[]).await;
    assert_eq!(status, 303, "Join pressed");
    let (status, page) = browser.get(&location).await;
    assert_eq!(status, 200, "{page}");
    page
}
