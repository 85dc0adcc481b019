//! What keeps the lobby honest: prefetchers knock on nothing, the lobby has a size, forged
//! decisions change nothing, abandoned tickets lapse.

use std::time::Duration;

use super::{Browser, host, spawn_lobby_app, ticket_of};
use crate::durable::form_token;
use crate::helpers::eventually;

#[tokio::test]
async fn a_mail_scanners_get_of_a_lobby_link_creates_no_ticket() {
    let app = spawn_lobby_app(|_| {}).await;
    for _ in 0..3 {
        let (status, _) = Browser::new(&app).get("/join/demo/guest").await;
        assert_eq!(status, 200);
    }
    let (_, list) = host(&app).await.get("/lobby/r/demo").await;
    assert!(list.contains("Nobody is waiting."), "{list}");
}

#[tokio::test]
async fn a_full_lobby_answers_503_with_retry_after() {
    let app = spawn_lobby_app(|s| s.lobby.max_waiting = 1).await;
    Browser::new(&app).knock("/join/demo/guest", "First").await;

    let late = Browser::new(&app);
    let (_, ask) = late.get("/join/demo/guest").await;
    let response = late
        .http
        .post(format!("{}/join/demo/guest", app.address))
        .header("origin", &app.address)
        .form(&[
            ("form_token", form_token(&ask).unwrap().as_str()),
            ("name", "Second"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert!(response.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn forged_decisions_are_refused_and_change_nothing() {
    let app = spawn_lobby_app(|_| {}).await;
    let visitor = Browser::new(&app);
    let waiting = visitor.knock("/join/demo/guest", "Ada").await;
    let admit = format!("/lobby/r/demo/{}/admit", ticket_of(&waiting));
    let host = host(&app).await;
    let (_, list) = host.get("/lobby/r/demo").await;
    let token = form_token(&list).unwrap();

    let (no_pass, _) = Browser::new(&app).post(&admit, &token, &[]).await;
    let (wrong_token, _) = host.post(&admit, "forged", &[]).await;
    let elsewhere = host
        .http
        .post(format!("{}{admit}", app.address))
        .header("origin", "https://evil.example")
        .form(&[("form_token", token.as_str())])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16();
    let (other_room, _) = host
        .post(
            &format!("/lobby/r/other/{}/admit", ticket_of(&waiting)),
            &token,
            &[],
        )
        .await;

    assert_eq!(no_pass, 403, "no host's pass");
    assert_eq!(wrong_token, 403, "not the page's form");
    assert_eq!(elsewhere, 403, "from another site");
    assert!(
        matches!(other_room, 403 | 404),
        "another room's host: {other_room}"
    );
    let (status, page) = visitor.get(&waiting).await;
    assert_eq!(status, 200);
    assert!(page.contains("You are next."), "still waiting: {page}");
}

#[tokio::test]
async fn a_ticket_lapses_when_its_waiting_page_is_gone() {
    let app = spawn_lobby_app(|s| s.lobby.lapse = Duration::from_secs(1)).await;
    let visitor = Browser::new(&app);
    let waiting = visitor.knock("/join/demo/guest", "Gone").await;
    let host = host(&app).await;

    // Only the host looks from now on: the waiting page is closed.
    eventually(|| async {
        let (_, list) = host.get("/lobby/r/demo").await;
        list.contains("Nobody is waiting.").then_some(())
    })
    .await;

    let (status, page) = visitor.get(&waiting).await;
    assert_eq!(status, 410, "{page}");
    assert!(page.contains("lapsed"), "{page}");
}

#[tokio::test]
async fn a_waiting_page_that_stays_open_keeps_its_place() {
    let app = spawn_lobby_app(|s| s.lobby.lapse = Duration::from_secs(3)).await;
    let visitor = Browser::new(&app);
    let waiting = visitor.knock("/join/demo/guest", "Patient").await;
    let mut events = visitor
        .http
        .get(format!("{}{waiting}/events", app.address))
        .send()
        .await
        .unwrap();

    // The stream's keep-alives are the clock: one a second here, so five outlast the lapse.
    let mut keep_alives = 0;
    while keep_alives < 5 {
        let chunk = events
            .chunk()
            .await
            .unwrap()
            .expect("the stream stays open");
        if std::str::from_utf8(&chunk).unwrap().contains("keep-alive") {
            keep_alives += 1;
        }
    }
    let (status, page) = visitor.get(&format!("{waiting}/state")).await;
    assert_eq!(status, 200);
    assert!(page.contains("\"state\":\"waiting\""), "{page}");
}

#[tokio::test]
async fn knocks_are_limited_per_room_whoever_knocks() {
    let app = spawn_lobby_app(|s| {
        s.rate_limit.knock_per_minute = 0;
        s.rate_limit.room_knock_per_minute = 2;
        s.rate_limit.room_knock_burst = 2;
    })
    .await;
    Browser::new(&app).knock("/join/demo/guest", "One").await;
    Browser::new(&app).knock("/join/demo/guest", "Two").await;

    let third = Browser::new(&app);
    let (status, _) = third
        .submit("/join/demo/guest", "/join/demo/guest", &[("name", "Three")])
        .await;
    assert_eq!(status, 429, "the room's knocks are spent for now");
}
