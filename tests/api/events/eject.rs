//! Nobody stays past the end: with `eject_at_end`, two replicas on one PostgreSQL remove the
//! people who came through the event's invitations once (one remove call per peer), and
//! nobody else in the room.

use std::time::Duration;

use reqwest::Method;
use serde_json::json;

use super::{at, invitation_path, join, now};
use crate::durable::{Backing, World};
use crate::helpers::{eventually, meeting_iframe};
use crate::lobby::Browser;

/// Opens the meeting frame of a page (the emulator's stand-in joins a peer): the address the
/// meeting page asks for news of its peer.
async fn enter_meeting(page: &str) -> String {
    let (src, _) = meeting_iframe(page);
    let src = src.replace("&amp;", "&");
    let response = reqwest::get(&src).await.unwrap();
    assert_eq!(response.status(), 200);
    let meeting = response.text().await.unwrap();
    let news = meeting
        .split("fetch(\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let origin = url::Url::parse(&src)
        .unwrap()
        .origin()
        .ascii_serialization();
    format!("{origin}{news}")
}

#[tokio::test]
async fn at_the_end_two_replicas_remove_the_events_people_once_and_nobody_else() {
    let Some(world) = World::new(Backing::Postgres).await else {
        return;
    };
    let a = world.portal().await;
    let b = world.portal().await;
    let body = json!({
        "room": "demo", "title": "Stand-up", "starts_at": at(now() - 600),
        "ends_at": at(now() + 4), "grace_after": 0, "eject_at_end": true,
        "invitees": [
            { "name": "Ada", "role": "viewer" },
            { "name": "Bob", "role": "host" },
        ],
    });
    let (status, _, event) = a.api(Method::POST, "/api/v1/events", Some(body)).await;
    assert_eq!(status, 201, "{event}");
    let id = event["id"].as_str().unwrap();

    let ada = enter_meeting(&join(&Browser::new(&a), &invitation_path(&event, 0)).await).await;
    enter_meeting(&join(&Browser::new(&b), &invitation_path(&event, 1)).await).await;
    // Someone in the same room who did not come through the event.
    let (_, other) = Browser::new(&a).get("/join/demo/viewer").await;
    enter_meeting(&other).await;
    let room_id = world
        .emulator
        .account()
        .room_by_name("demo")
        .unwrap()
        .id
        .clone();
    let in_room = || {
        world
            .emulator
            .account()
            .live()
            .peers(&room_id, None, None)
            .map(|p| p.len())
            .unwrap_or(0)
    };
    assert_eq!(in_room(), 3);

    eventually(|| async {
        let (_, _, shown) = a
            .api(Method::GET, &format!("/api/v1/events/{id}"), None)
            .await;
        shown["ejected_at"].is_string().then_some(())
    })
    .await;
    assert_eq!(in_room(), 1, "the event's two are removed, the other stays");
    let news: serde_json::Value = reqwest::get(&ada).await.unwrap().json().await.unwrap();
    assert_eq!(
        news["removed"], "This meeting has ended",
        "the meeting page shows why: {news}"
    );
    // Both replicas keep looking for a few more seconds: nobody repeats the removal.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        world.emulator.calls("remove_peers"),
        2,
        "one removal call per peer"
    );
}
