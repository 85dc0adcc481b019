//! Fault injection with the emulator: outages, slow answers, 429s, disabled codes, recovery.

use std::time::{Duration, Instant};

use prebuilt_portal::domain::AccessPolicy;
use prebuilt_portal::emulator::account::RoomChanges;

use crate::helpers::{
    ACCESS_KEY, APP_SECRET, demo_alias, eventually, meeting_iframe, spawn_app, spawn_app_with,
    spawn_live_app, spawn_stoppable_emulator,
};

/// Cached codes go stale after this; tests wait it out, since the TTL itself is under test.
const TTL: Duration = Duration::from_secs(1);

async fn past_ttl() {
    tokio::time::sleep(TTL + Duration::from_millis(100)).await;
}

fn short_ttl(s: &mut prebuilt_portal::settings::Settings) {
    s.cache.ttl = std::time::Duration::from_secs(TTL.as_secs());
    s.hms.deadline = std::time::Duration::from_millis(1500);
    s.hms.timeout = std::time::Duration::from_millis(500);
}

#[tokio::test]
async fn when_100ms_goes_down_after_warm_up_pages_keep_their_code() {
    let (emulator, address, server) = spawn_stoppable_emulator(ACCESS_KEY, APP_SECRET).await;
    let app = spawn_live_app(&address, &emulator, APP_SECRET, short_ttl).await;
    let (_, before) = app.page("/join/demo/guest").await;
    server.stop(false).await;
    past_ttl().await;

    let (status, during) = app.page("/join/demo/guest").await;
    let (again, _) = app.page("/embed/demo/guest").await;

    assert_eq!(status, 200);
    assert_eq!(again, 200);
    assert_eq!(meeting_iframe(&before).0, meeting_iframe(&during).0);
    let metrics = app.metrics().await;
    assert!(
        metric(
            &metrics,
            "prebuilt_portal_cache_lookups_total{outcome=\"stale\"}"
        ) >= 2.0,
        "{metrics}"
    );
}

#[tokio::test]
async fn a_cold_page_while_100ms_is_down_gets_a_503_within_the_deadline() {
    let app = spawn_app_with(short_ttl).await;
    app.emulator.fail_next(1000, 503);

    let started = Instant::now();
    let response = app.get("/join/demo/guest").await;

    assert_eq!(response.status(), 503);
    assert!(response.headers().contains_key("retry-after"));
    assert!(
        started.elapsed() < Duration::from_millis(1500 + 700),
        "{:?}",
        started.elapsed()
    );
    assert!(app.emulator.calls("list_rooms") > 1, "reads were retried");
}

#[tokio::test]
async fn a_slow_100ms_cannot_hold_a_page_past_the_deadline() {
    let app = spawn_app_with(|s| {
        s.hms.deadline = std::time::Duration::from_millis(600);
        s.hms.timeout = std::time::Duration::from_millis(5000);
    })
    .await;
    app.emulator.set_latency(Duration::from_secs(3));

    let started = Instant::now();
    let (status, _) = app.page("/join/demo/guest").await;

    assert_eq!(status, 503);
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_429_with_retry_after_is_waited_out_then_retried() {
    let app = spawn_app_with(|s| s.hms.deadline = std::time::Duration::from_millis(4000)).await;
    app.emulator.fail_next_with_retry_after(1, 429, Some(1));

    let started = Instant::now();
    let (status, _) = app.page("/join/demo/guest").await;

    assert_eq!(status, 200);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After was honoured"
    );
    // The refusal, its retry, the look for a disabled room of that name, then (the room is
    // created on first use) the reading of every room, enabled and disabled, before creating.
    assert_eq!(app.emulator.calls("list_rooms"), 5);
}

#[tokio::test]
async fn a_retry_after_longer_than_the_deadline_is_not_waited_for() {
    let app = spawn_app_with(|s| s.hms.deadline = std::time::Duration::from_millis(1000)).await;
    app.emulator.fail_next_with_retry_after(1, 429, Some(30));

    let started = Instant::now();
    let (status, _) = app.page("/join/demo/guest").await;

    assert_eq!(status, 503);
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[tokio::test]
async fn pages_recover_as_soon_as_the_fault_clears() {
    let app = spawn_app_with(short_ttl).await;
    app.emulator.fail_next(1000, 500);
    let (during, _) = app.page("/join/demo/viewer").await;

    app.emulator.clear_faults();
    let (after, _) = app.page("/join/demo/viewer").await;

    assert_eq!(during, 502);
    assert_eq!(after, 200);
}

#[tokio::test]
async fn a_refresh_that_finds_the_code_disabled_moves_to_a_new_code() {
    let app = spawn_app_with(short_ttl).await;
    app.page("/join/demo/guest").await;
    let old = app.codes_of("demo", "guest")[0].clone();
    app.emulator
        .account()
        .set_code_enabled(&old, false)
        .unwrap();
    past_ttl().await;

    let (stale, _) = app.page("/join/demo/guest").await;
    let html = eventually(|| async {
        let (status, html) = app.page("/join/demo/guest").await;
        (status == 200 && !meeting_iframe(&html).0.ends_with(&old)).then_some(html)
    })
    .await;

    assert_eq!(stale, 200, "served at once while the refresh runs");
    let new = app.codes_of("demo", "guest");
    assert_eq!(new.len(), 1);
    assert_ne!(new[0], old);
    assert!(meeting_iframe(&html).0.ends_with(&new[0]));
}

#[tokio::test]
async fn a_room_gone_from_100ms_ends_its_stale_code() {
    let app = spawn_app_with(short_ttl).await;
    app.page("/join/demo/guest").await;
    {
        let mut store = app.emulator.account();
        let id = store.room_by_name("demo").unwrap().id.clone();
        let disable = RoomChanges {
            enabled: Some(false),
            ..Default::default()
        };
        store.update_room(&id, disable).unwrap();
    }
    past_ttl().await;

    let (stale, _) = app.page("/join/demo/guest").await;
    let status = eventually(|| async {
        let (status, _) = app.page("/join/demo/guest").await;
        (status != 200).then_some(status)
    })
    .await;

    assert_eq!(stale, 200, "served at once while the refresh runs");
    assert_eq!(
        status, 403,
        "not hidden behind the old code once 100ms said so"
    );
}

#[tokio::test]
async fn a_burst_of_links_to_a_missing_role_costs_one_call() {
    let app = spawn_app_with(|s| {
        s.access.default = AccessPolicy::Public;
        demo_alias(s).roles.clear();
    })
    .await;
    app.page("/join/demo/guest").await;
    let before = app.emulator.total_calls();

    for _ in 0..10 {
        assert_eq!(app.page("/join/demo/dj").await.0, 404);
    }

    assert_eq!(
        app.emulator.total_calls() - before,
        1,
        "one listing, answered \"Role not found\""
    );
    let metrics = app.metrics().await;
    assert_eq!(
        metric(
            &metrics,
            "prebuilt_portal_cache_lookups_total{outcome=\"negative\"}"
        ),
        9.0
    );
}

#[tokio::test]
async fn readiness_follows_100ms_and_liveness_does_not() {
    let app = spawn_app_with(|s| {
        s.hms.deadline = std::time::Duration::from_millis(800);
        s.hms.readiness_probe_interval = std::time::Duration::ZERO;
    })
    .await;
    app.emulator.fail_next(1000, 500);

    let (not_ready, body) = app.page("/readyz").await;
    let (alive, _) = app.page("/healthz").await;
    app.emulator.clear_faults();
    let (ready, _) = app.page("/readyz").await;

    assert_eq!(not_ready, 503);
    assert!(body.contains("not ready"), "{body}");
    assert_eq!(alive, 200);
    assert_eq!(ready, 200);
}

#[tokio::test]
async fn metrics_count_requests_cache_outcomes_upstream_calls_token_mints_and_cached_codes() {
    let app = spawn_app_with(|_| {}).await;
    app.page("/join/demo/guest").await;
    app.page("/join/demo/guest").await;

    let response = app
        .http
        .get(format!("{}/metrics", app.metrics_address))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let text = response.text().await.unwrap();
    let route = "route=\"/join/{room}/{role}\"";
    assert_eq!(
        metric(
            &text,
            &format!("prebuilt_portal_http_requests_total{{{route},status=\"200\"}}")
        ),
        2.0
    );
    assert_eq!(
        metric(
            &text,
            &format!("prebuilt_portal_http_request_duration_seconds_count{{{route}}}")
        ),
        2.0
    );
    assert_eq!(
        metric(
            &text,
            "prebuilt_portal_cache_lookups_total{outcome=\"hit\"}"
        ),
        1.0
    );
    assert_eq!(
        metric(
            &text,
            "prebuilt_portal_cache_lookups_total{outcome=\"miss\"}"
        ),
        1.0
    );
    assert_eq!(
        metric(
            &text,
            "prebuilt_portal_upstream_requests_total{endpoint=\"list_room_codes\",outcome=\"ok\"}"
        ),
        1.0
    );
    assert!(text.contains(
        "prebuilt_portal_upstream_request_duration_seconds_bucket{endpoint=\"list_rooms\""
    ));
    assert_eq!(metric(&text, "prebuilt_portal_token_mints_total"), 1.0);
    assert_eq!(metric(&text, "prebuilt_portal_cached_codes"), 1.0);
    assert_eq!(
        metric(&text, "prebuilt_portal_log_lines_dropped_total"),
        0.0
    );
}

#[tokio::test]
async fn metrics_are_never_served_on_the_public_port() {
    let app = spawn_app().await;

    let public = app.get("/metrics").await;
    let own = app
        .http
        .get(format!("{}/metrics", app.metrics_address))
        .send()
        .await
        .unwrap();

    assert_eq!(public.status(), 404);
    assert_eq!(own.status(), 200);
    assert_ne!(app.metrics_address, app.address);
    let defaults = prebuilt_portal::settings::Settings::defaults().unwrap();
    assert_eq!(
        defaults.metrics.host, "127.0.0.1",
        "only this machine scrapes by default"
    );
}

/// The value of one sample line of Prometheus text.
fn metric(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.trim().parse().ok())
        .unwrap_or(0.0)
}
