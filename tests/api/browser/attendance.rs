//! Who came, in a real browser: an invitee opens their invitation and presses Join; the
//! emulator's webhook reaches the portal and the room's attendance names them with their
//! invitation; closing the page records the leave, with a duration.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};

use super::lobby::wait_for_text;
use super::sign_in::click;
use super::{Screen, chromium};
use crate::attendance::{attendance, spawn_hooks_app};
use crate::helpers::eventually;

fn ada(report: &Value) -> Option<&Value> {
    report["attendees"]
        .as_array()?
        .iter()
        .find(|a| a["name"] == "Ada Lovelace")
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invitee_who_joins_and_closes_the_page_is_in_the_attendance_with_a_duration() {
    let Some(browser) = chromium(Screen::Desktop).await else {
        return;
    };
    let app = spawn_hooks_app(|_| {}).await;
    let body =
        json!({ "room": "demo", "role": "host", "expires_in": "1h", "name": "Ada Lovelace" });
    let (_, _, invitation) = app.api(Method::POST, "/api/v1/invites", Some(body)).await;
    let id = invitation["id"].as_str().unwrap().to_owned();
    browser
        .client
        .goto(&format!("{}/i/{id}", app.address))
        .await
        .unwrap();
    click(&browser, "form button[type=submit]").await;
    // The stand-in meeting inside the frame joins a peer; 100ms's webhook says so.
    let report = eventually(|| async { ada(&attendance(&app, "demo").await).cloned() }).await;
    assert_eq!(report["how"], "invitation");
    assert_eq!(report["reference"], id.as_str());

    // Closing the page (here: going elsewhere) leaves the meeting.
    browser
        .client
        .goto(&format!("{}/healthz", app.address))
        .await
        .unwrap();
    wait_for_text(&browser, "ok", Duration::from_secs(2)).await;
    let left = eventually(|| async {
        ada(&attendance(&app, "demo").await)
            .filter(|a| a["left_at"].is_string())
            .cloned()
    })
    .await;
    assert!(left["duration_secs"].as_i64().is_some(), "{left}");
    assert_eq!(left["reason"], "client request");
}
