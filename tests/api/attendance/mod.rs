//! Who came: 100ms's webhooks (from the built-in emulator, which sends them like 100ms) tied to
//! the invitation, link or sign-in that let each person in; duplicates, out-of-order events and
//! lost leaves; reports as JSON and CSV.

mod emulator;
mod flow;
mod hooks;
mod outgoing;

use reqwest::Method;
use serde_json::{Value, json};

use prebuilt_portal::settings::Settings;

use crate::helpers::{ADMIN_TOKEN, TestApp, spawn_app_with};

pub const SECRET: &str = "webhook-secret-for-the-tests-0123";

/// Webhooks on (the built-in emulator sends them to the portal), quick timeouts.
pub fn with_hooks(settings: &mut Settings) {
    settings.admin.token = Some(ADMIN_TOKEN.into());
    settings.hms.webhook_secret = vec![SECRET.into()];
    settings.emulator.peer_timeout = std::time::Duration::from_secs(2);
    settings.attendance.reconcile_every = std::time::Duration::from_secs(1);
    // The tests poll the reports.
    settings.rate_limit.admin_per_minute = 0;
}

pub async fn spawn_hooks_app(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    spawn_app_with(|s| {
        with_hooks(s);
        adjust(s);
    })
    .await
}

/// Posts `body` to `/hooks/100ms` with `secret` in the header: (status, answer).
pub async fn deliver(app: &TestApp, secret: Option<&str>, body: Vec<u8>) -> (u16, Value) {
    let mut request = app
        .http
        .post(format!("{}/hooks/100ms", app.address))
        .header("content-type", "application/json")
        .body(body);
    if let Some(secret) = secret {
        request = request.header("x-webhook-secret", secret);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// A peer event as 100ms sends it.
pub fn peer_event(id: &str, kind: &str, peer: &str, room_id: &str, extra: Value) -> Vec<u8> {
    let mut data = json!({
        "peer_id": peer, "room_id": room_id, "room_name": "demo", "session_id": "s-1",
        "user_id": format!("user-{peer}"), "user_name": format!("Peer {peer}"), "role": "guest",
        "joined_at": "2026-12-06T10:00:00.5Z", "type": "regular",
    });
    data.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    serde_json::to_vec(&json!({
        "version": "2.0", "id": id, "timestamp": "2026-12-06T10:00:01Z", "type": kind, "data": data,
    }))
    .unwrap()
}

/// The room's attendance, from the admin API (the whole of it).
pub async fn attendance(app: &TestApp, room: &str) -> Value {
    let path = format!("/api/v1/rooms/{room}/attendance?from=2000-01-01T00:00:00Z");
    let (status, _, report) = app.api(Method::GET, &path, None).await;
    assert_eq!(status, 200, "{report}");
    report
}

/// The demo room's 100ms id (in the emulator, once a page made the portal find it).
pub async fn demo_room_id(app: &TestApp) -> String {
    assert_eq!(app.page("/join/demo/guest").await.0, 200);
    app.emulator
        .account()
        .room_by_name("demo")
        .unwrap()
        .id
        .clone()
}
