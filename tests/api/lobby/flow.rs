//! Knock, wait, be let in (or turned away).

use std::time::{Duration, Instant};

use reqwest::Method;

use super::{Browser, host, spawn_lobby_app, ticket_of};
use crate::durable::form_token;
use crate::helpers::{meeting_iframe, text_of};

#[tokio::test]
async fn a_visitor_asks_to_join_waits_and_enters_with_their_own_token_once_a_host_admits_them() {
    let app = spawn_lobby_app(|_| {}).await;
    let visitor = Browser::new(&app);

    let (status, ask) = visitor.get("/join/demo/guest").await;
    assert_eq!(status, 200, "{ask}");
    assert!(ask.contains("Ask to join"), "{ask}");
    assert!(
        !ask.contains("<iframe"),
        "no meeting before the host says so"
    );
    let waiting = visitor.knock("/join/demo/guest", "Ada Lovelace").await;
    let (status, page) = visitor.get(&waiting).await;
    assert_eq!(status, 200);
    assert!(page.contains("Hello Ada Lovelace"), "{page}");
    assert!(page.contains("You are next."), "{page}");

    let host = host(&app).await;
    let (status, list) = host.get("/lobby/r/demo").await;
    assert_eq!(status, 200, "{list}");
    assert!(list.contains("Ada Lovelace"), "{list}");
    let ticket = ticket_of(&waiting);
    let token = form_token(&list).unwrap();
    let (status, _) = host
        .post(&format!("/lobby/r/demo/{ticket}/admit"), &token, &[])
        .await;
    assert_eq!(status, 303);

    let (status, meeting) = visitor.get(&waiting).await;
    assert_eq!(status, 200, "{meeting}");
    let (src, _) = meeting_iframe(&meeting);
    assert!(
        src.contains("auth_token="),
        "a per-visit token, never the code: {src}"
    );
    assert!(src.contains("Ada"), "{src}");
    assert_eq!(text_of(&meeting, "h1").as_deref(), Some("Demo room"));

    let stranger = Browser::new(&app);
    let (status, _) = stranger.get(&waiting).await;
    assert_eq!(status, 404, "the admission is that browser's alone");

    let (_, _, audit) = app.api(Method::GET, "/api/v1/audit?limit=10", None).await;
    let actions: Vec<(&str, &str)> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["action"].as_str().unwrap(), l["actor"].as_str().unwrap()))
        .collect();
    assert!(
        actions.contains(&("lobby.knocked", "visitor")),
        "{actions:?}"
    );
    assert!(
        actions.contains(&("lobby.admitted", "host of demo")),
        "{actions:?}"
    );
    assert!(
        actions.contains(&("lobby.entered", "visitor")),
        "{actions:?}"
    );
}

#[tokio::test]
async fn a_visitor_turned_away_sees_the_hosts_message() {
    let app = spawn_lobby_app(|_| {}).await;
    let visitor = Browser::new(&app);
    let waiting = visitor.knock("/join/demo/guest", "Mallory").await;
    let host = host(&app).await;
    let (_, list) = host.get("/lobby/r/demo").await;
    let token = form_token(&list).unwrap();

    let (status, _) = host
        .post(
            &format!("/lobby/r/demo/{}/deny", ticket_of(&waiting)),
            &token,
            &[("message", "Please book an appointment first")],
        )
        .await;
    assert_eq!(status, 303);

    let (status, page) = visitor.get(&waiting).await;
    assert_eq!(status, 403);
    assert!(page.contains("You were not let in"), "{page}");
    assert!(page.contains("Please book an appointment first"), "{page}");
    assert!(!page.contains("<iframe"));
}

#[tokio::test]
async fn the_waiting_pages_event_stream_tells_of_the_admission_within_two_seconds() {
    let app = spawn_lobby_app(|_| {}).await;
    let visitor = Browser::new(&app);
    let waiting = visitor.knock("/join/demo/guest", "Grace").await;
    let mut events = visitor
        .http
        .get(format!("{}{waiting}/events", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(events.headers()["content-type"], "text/event-stream");
    assert_eq!(events.headers()["x-accel-buffering"], "no");
    let first = String::from_utf8(events.chunk().await.unwrap().unwrap().to_vec()).unwrap();
    assert!(first.contains("\"state\":\"waiting\""), "{first}");

    let host = host(&app).await;
    let (_, list) = host.get("/lobby/r/demo").await;
    let token = form_token(&list).unwrap();
    let admitted_at = Instant::now();
    host.post(
        &format!("/lobby/r/demo/{}/admit", ticket_of(&waiting)),
        &token,
        &[],
    )
    .await;

    let mut seen = String::new();
    while !seen.contains("admitted") {
        let chunk = tokio::time::timeout(Duration::from_secs(2), events.chunk())
            .await
            .expect("an event within two seconds")
            .unwrap()
            .expect("the stream stays open until the admission");
        seen.push_str(std::str::from_utf8(&chunk).unwrap());
    }
    assert!(admitted_at.elapsed() < Duration::from_secs(2));
    let (status, _) = visitor.get(&format!("{waiting}/state")).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn the_hosts_page_counts_who_waits_and_a_link_or_sign_in_name_is_kept() {
    let app = spawn_lobby_app(|_| {}).await;
    let host = host(&app).await;
    let mut count = host
        .http
        .get(format!("{}/lobby/r/demo/events", app.address))
        .send()
        .await
        .unwrap();
    let first = String::from_utf8(count.chunk().await.unwrap().unwrap().to_vec()).unwrap();
    assert!(first.contains("event: count\ndata: 0"), "{first}");

    let visitor = Browser::new(&app);
    let (_, ask) = visitor.get("/join/demo/guest?name=Ada").await;
    assert!(
        ask.contains("value=\"Ada\""),
        "a public link's name is only a suggestion: {ask}"
    );
    visitor.knock("/join/demo/guest", "Ada").await;
    let next = tokio::time::timeout(Duration::from_secs(2), count.chunk())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert!(std::str::from_utf8(&next).unwrap().contains("data: 1"));

    let (_, page) = visitor.get(&format!("/lobby/t/{}", "nothing")).await;
    assert!(!page.contains("Ada"));
    let (_, waiting_page) = Browser::new(&app).get("/lobby/r/demo").await;
    assert!(!waiting_page.contains("Ada"), "only hosts see who waits");
}
