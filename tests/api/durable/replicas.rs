//! Several replicas on one PostgreSQL: what one does, the others follow within a second; and
//! when the store is down, cached join pages are still served.

use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::json;

use super::postgres::{bring_back, take_down};
use super::{Backing, World, create_room, invite, press_join, revoke, signed_path};
use crate::helpers::{TestApp, meeting_iframe};

/// Polls `check` until it holds; answers how long that took (failing after five seconds).
async fn within<F: std::future::Future<Output = bool>>(check: impl Fn() -> F) -> Duration {
    let started = Instant::now();
    while !check().await {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "it never happened"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    started.elapsed()
}

async fn frame_of(app: &TestApp, path: &str) -> Option<String> {
    let (status, html) = app.page(path).await;
    (status == 200).then(|| meeting_iframe(&html).0)
}

#[tokio::test]
async fn a_second_replica_follows_rooms_rotations_and_revocations_made_on_the_first_within_a_second()
 {
    let Some(world) = World::new(Backing::Postgres).await else {
        return;
    };
    let a = world.portal().await;
    let b = world.portal().await;
    assert_eq!(
        b.page("/join/quarterly/guest").await.0,
        404,
        "not a room yet"
    );

    create_room(
        &a,
        json!({ "name": "quarterly", "title": "Quarterly review" }),
    )
    .await;

    let took = within(|| async { b.page("/join/quarterly/guest").await.0 == 200 }).await;
    assert!(took < Duration::from_secs(1), "room reached B in {took:?}");

    let old = frame_of(&b, "/join/quarterly/guest").await.unwrap();
    let rotate = "/api/v1/rooms/quarterly/roles/guest/rotate";
    assert_eq!(a.api(Method::POST, rotate, None).await.0, 200);
    let took = within(|| async {
        frame_of(&b, "/join/quarterly/guest")
            .await
            .is_some_and(|now| now != old)
    })
    .await;
    assert!(
        took < Duration::from_secs(1),
        "rotation reached B in {took:?}"
    );

    let link = signed_path(&a, "quarterly", "host").await;
    assert_eq!(b.page(&link).await.0, 200, "B opens A's signed link");
    revoke(&a, "quarterly", "host").await;
    let took = within(|| async { b.page(&link).await.0 == 410 }).await;
    assert!(
        took < Duration::from_secs(1),
        "revocation reached B in {took:?}"
    );

    let purge = json!({ "room": "quarterly" });
    let calls_before = world.emulator.total_calls();
    assert_eq!(
        a.api(Method::POST, "/api/v1/cache/purge", Some(purge))
            .await
            .0,
        200
    );
    within(|| async {
        b.page("/join/quarterly/guest").await;
        world.emulator.total_calls() > calls_before
    })
    .await;
}

#[tokio::test]
async fn replicas_starting_at_once_on_a_new_database_all_come_up() {
    let Some(world) = World::new(Backing::Postgres).await else {
        return;
    };
    let starts = (0..3).map(|_| world.portal());
    let apps = futures_util::future::join_all(starts).await;
    for app in &apps {
        assert_eq!(app.page("/join/demo/guest").await.0, 200);
    }
}

#[tokio::test]
async fn while_the_store_is_down_cached_join_pages_are_served_and_invitations_answer_503() {
    let Some(world) = World::new(Backing::Postgres).await else {
        return;
    };
    let app = world
        .portal_with(|s| s.store.acquire_timeout = Duration::from_millis(500))
        .await;
    assert_eq!(app.page("/join/demo/guest").await.0, 200);
    let invitation = invite(
        &app,
        json!({ "room": "demo", "role": "guest", "expires_in": 600 }),
    )
    .await;
    let id = invitation["id"].as_str().unwrap().to_owned();

    take_down(&world.store_url()).await;

    let (status, html) = app.page("/join/demo/guest").await;
    assert_eq!(status, 200, "the cached join page needs no store: {html}");
    let response = app.get(&format!("/i/{id}")).await;
    assert_eq!(response.status(), 503);
    assert!(response.headers().contains_key("retry-after"));
    assert_eq!(press_join(&app, &id).await.0, 503);
    assert_eq!(app.get("/readyz").await.status(), 503);
    let new = json!({ "room": "demo", "role": "guest", "expires_in": 600 });
    let (status, _, problem) = app.api(Method::POST, "/api/v1/invites", Some(new)).await;
    assert_eq!(status, 503, "{problem}");
    let (status, _, _) = app
        .api(
            Method::POST,
            "/api/v1/rooms",
            Some(json!({ "name": "while-down" })),
        )
        .await;
    assert_eq!(status, 503);
    assert!(
        world
            .emulator
            .account()
            .room_by_name("while-down")
            .is_none(),
        "nothing was made in 100ms that the store could not keep"
    );

    bring_back(&world.store_url()).await;

    within(|| async { app.get("/readyz").await.status() == 200 }).await;
    let (_, _, list) = app.api(Method::GET, "/api/v1/invites", None).await;
    assert_eq!(list["invitations"].as_array().unwrap().len(), 1, "{list}");
    assert_eq!(uses_of_page(&app, &id).await, 0, "nothing half-written");
    assert_eq!(press_join(&app, &id).await.0, 303);
}

async fn uses_of_page(app: &TestApp, id: &str) -> i64 {
    let (_, _, invitation) = app
        .api(Method::GET, &format!("/api/v1/invites/{id}"), None)
        .await;
    invitation["uses"].as_i64().unwrap()
}
