use std::time::{Duration, Instant};

use prebuilt_portal::domain::AccessPolicy;

use crate::helpers::{
    ACCESS_KEY, APP_SECRET, assert_html, demo_alias, spawn_app, spawn_app_with, spawn_emulator,
    spawn_live_app, text_of,
};

#[tokio::test]
async fn malformed_room_or_role_names_get_a_400_page_and_never_reach_100ms() {
    let app = spawn_app().await;
    let long = "a".repeat(101);
    let paths = [
        "/join/de%20mo/guest".to_owned(),
        "/join/demo/gu%3Cest".to_owned(),
        "/join/..%2F..%2Fetc/guest".to_owned(),
        "/join/demo/a.b".to_owned(),
        "/embed/r%C3%A9union/guest".to_owned(),
        "/join/demo/%FF%FE".to_owned(),
        format!("/join/{long}/guest"),
    ];

    for path in &paths {
        let response = app.get(path).await;
        assert_eq!(response.status(), 400, "{path}");
        assert_html(&response);
        let html = response.text().await.unwrap();
        assert_eq!(
            text_of(&html, "h1").as_deref(),
            Some("This link is not valid"),
            "{path}"
        );
    }
    assert_eq!(app.emulator.total_calls(), 0);
}

#[tokio::test]
async fn dot_segments_sent_raw_never_reach_a_room() {
    let app = spawn_app().await;

    for path in [
        "/join/%2e%2e/guest",
        "/join/%2E./guest",
        "/join/demo/%2e%2e",
        "/embed/./guest",
    ] {
        let status = app.raw_get_status(path).await;
        assert!(status == 400 || status == 404, "{path}: {status}");
    }
    assert_eq!(app.emulator.total_calls(), 0);
}

#[tokio::test]
async fn bad_join_options_get_a_400_page() {
    let app = spawn_app().await;
    let long_name = "n".repeat(101);
    let queries = [
        "name=a&name=b".to_owned(),
        "name=Ada%0D%0ASet-Cookie:%20x=1".to_owned(),
        format!("name={long_name}"),
        "skip_preview=perhaps".to_owned(),
        "user_id=two%20words".to_owned(),
    ];

    for query in &queries {
        let (status, html) = app.page(&format!("/join/demo/guest?{query}")).await;
        assert_eq!(status, 400, "{query}");
        assert!(
            !html.contains("Set-Cookie"),
            "nothing of the input is reflected"
        );
    }
}

#[tokio::test]
async fn an_unconfigured_room_is_a_404_page_without_asking_100ms() {
    let app = spawn_app().await;

    let response = app.get("/join/board-meeting/guest").await;

    assert_eq!(response.status(), 404);
    assert_html(&response);
    let html = response.text().await.unwrap();
    assert_eq!(
        text_of(&html, "h1").as_deref(),
        Some("Meeting room not found")
    );
    assert_eq!(app.emulator.total_calls(), 0);
}

#[tokio::test]
async fn a_role_the_template_lacks_is_a_404_page() {
    let app = spawn_app_with(|s| s.access.default = AccessPolicy::Public).await;

    let (status, html) = app.page("/join/demo/dj").await;

    assert_eq!(status, 404);
    assert_eq!(text_of(&html, "h1").as_deref(), Some("Role not found"));
}

#[tokio::test]
async fn a_role_outside_the_configured_roles_is_a_404_without_asking_100ms() {
    let app = spawn_app().await;

    let (status, _) = app.page("/join/demo/dj").await;

    assert_eq!(status, 404);
    assert_eq!(app.emulator.total_calls(), 0);
}

#[tokio::test]
async fn internal_100ms_roles_cannot_be_joined() {
    let app = spawn_app_with(|s| {
        s.access.default = AccessPolicy::Public;
        demo_alias(s).roles.clear();
    })
    .await;

    let (status, _) = app.page("/join/demo/__internal_recorder").await;

    assert_eq!(status, 404);
    assert_eq!(app.emulator.total_calls(), 0);
}

#[tokio::test]
async fn unknown_routes_get_the_html_404_page() {
    let app = spawn_app().await;

    for path in [
        "/join",
        "/join/demo",
        "/join/demo/guest/extra",
        "/static/nope.js",
        "/../etc/passwd",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_html(&response);
    }
}

#[tokio::test]
async fn a_post_to_a_page_gets_an_html_405() {
    let app = spawn_app().await;

    let response = app
        .http
        .post(format!("{}/join/demo/guest", app.address))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 405);
    assert_html(&response);
}

#[tokio::test]
async fn a_100ms_server_error_shows_the_502_page_and_is_not_cached() {
    let app = spawn_app().await;
    app.emulator.fail_next(100, 500);

    let response = app.get("/join/demo/guest").await;

    assert_eq!(response.status(), 502);
    assert_html(&response);
    let html = response.text().await.unwrap();
    assert_eq!(
        text_of(&html, "h1").as_deref(),
        Some("The meeting service had a problem")
    );
    assert!(
        !html.contains("Internal Server Error"),
        "no upstream detail on the page"
    );
    app.emulator.clear_faults();
    let (status, _) = app.page("/join/demo/guest").await;
    assert_eq!(
        status, 200,
        "the next visitor gets through once 100ms recovers"
    );
}

#[tokio::test]
async fn a_rate_limited_100ms_shows_a_503_page_with_retry_after() {
    let app = spawn_app().await;
    app.emulator.fail_next_with_retry_after(1, 429, Some(30));

    let response = app.get("/join/demo/guest").await;

    assert_eq!(response.status(), 503);
    assert!(response.headers().contains_key("retry-after"));
    let html = response.text().await.unwrap();
    assert_eq!(
        text_of(&html, "h1").as_deref(),
        Some("The meeting service is not answering")
    );
}

#[tokio::test]
async fn a_slow_100ms_gives_a_503_page_within_the_configured_timeout() {
    let app = spawn_app_with(|s| s.hms.timeout = std::time::Duration::from_millis(300)).await;
    app.emulator.set_latency(Duration::from_secs(5));

    let started = Instant::now();
    let response = app.get("/join/demo/guest").await;

    assert_eq!(response.status(), 503);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_unreachable_100ms_gives_a_503_page() {
    let unused = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed = format!("http://127.0.0.1:{}", unused.local_addr().unwrap().port());
    drop(unused);
    let (emulator, _) = spawn_emulator(ACCESS_KEY, APP_SECRET).await;
    let app = spawn_live_app(&closed, &emulator, APP_SECRET, |_| {}).await;

    let (status, _) = app.page("/join/demo/guest").await;

    assert_eq!(status, 503);
}

#[tokio::test]
async fn a_wrong_app_secret_is_refused_by_100ms_and_shows_the_502_page() {
    let (emulator, address) = spawn_emulator(ACCESS_KEY, APP_SECRET).await;
    let app = spawn_live_app(&address, &emulator, "not-the-app-secret", |_| {}).await;

    let (status, html) = app.page("/join/demo/guest").await;

    assert_eq!(status, 502);
    assert_eq!(
        text_of(&html, "h1").as_deref(),
        Some("The meeting service had a problem")
    );
    assert!(
        emulator.token_ids_seen().is_empty(),
        "no token was accepted"
    );
    assert_eq!(
        emulator.calls("list_rooms"),
        2,
        "one retry with a fresh token, then give up"
    );
    assert!(!html.contains("not-the-app-secret"));
}

#[tokio::test]
async fn a_room_disabled_in_100ms_shows_a_closed_room_page() {
    let app = spawn_app().await;
    app.page("/join/demo/guest").await;
    {
        let mut store = app.emulator.account();
        let id = store.room_by_name("demo").unwrap().id.clone();
        let changes = prebuilt_portal::emulator::account::RoomChanges {
            enabled: Some(false),
            ..Default::default()
        };
        store.update_room(&id, changes).unwrap();
    }

    let (status, html) = app.page("/join/demo/viewer").await;

    assert_eq!(status, 403);
    assert_eq!(
        text_of(&html, "h1").as_deref(),
        Some("This meeting room is closed")
    );
}
