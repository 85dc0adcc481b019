//! No visitor waits for 100ms while a usable code is cached: stale codes are served at once and
//! refreshed in the background, one refresh per room; a failing 100ms trips a circuit breaker.

use std::time::{Duration, Instant};

use crate::helpers::{TestApp, eventually, spawn_app_with};

/// Codes expire after this; tests wait it out, since expiry itself is under test.
const TTL: Duration = Duration::from_secs(1);

async fn spawn_short_ttl_app() -> TestApp {
    spawn_app_with(|s| {
        s.cache.ttl = TTL;
        s.rate_limit.upstream_per_minute = 0;
    })
    .await
}

async fn past_ttl() {
    tokio::time::sleep(TTL + Duration::from_millis(100)).await;
}

#[tokio::test]
async fn a_visitor_of_an_expired_code_does_not_wait_for_a_slow_100ms() {
    let app = spawn_short_ttl_app().await;
    app.page("/join/demo/guest").await;
    past_ttl().await;
    app.emulator.set_latency(Duration::from_secs(2));

    let started = Instant::now();
    let (status, _) = app.page("/join/demo/guest").await;

    assert_eq!(status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "answered from memory, not after 100ms's 2 s"
    );
}

#[tokio::test]
async fn many_visitors_of_an_expired_room_cause_one_refresh() {
    let app = spawn_short_ttl_app().await;
    app.page("/join/demo/guest").await;
    past_ttl().await;
    app.emulator.set_latency(Duration::from_millis(300));
    let before = app.emulator.calls("list_room_codes");

    let visits: Vec<_> = (0..20)
        .map(|_| {
            let app = app.clone_handle();
            tokio::spawn(async move { app.page("/join/demo/guest").await.0 })
        })
        .collect();
    for visit in visits {
        assert_eq!(visit.await.unwrap(), 200);
    }
    eventually(|| async { (app.emulator.calls("list_room_codes") > before).then_some(()) }).await;
    // Once refreshed, the code is fresh: later visits are answered from memory.
    for _ in 0..5 {
        assert_eq!(app.page("/join/demo/guest").await.0, 200);
    }

    assert_eq!(app.emulator.calls("list_room_codes") - before, 1);
}

#[tokio::test]
async fn a_failing_100ms_opens_the_circuit_cold_visits_fail_fast_and_it_closes_on_recovery() {
    let app = spawn_app_with(|s| {
        s.hms.breaker_failures = 2;
        s.hms.breaker_cooldown = Duration::from_secs(1);
        s.hms.deadline = Duration::from_millis(1500);
        s.rate_limit.upstream_per_minute = 0;
    })
    .await;
    app.page("/join/demo/guest").await;
    app.emulator.fail_next(10_000, 503);

    // Failing calls open the circuit.
    assert_eq!(app.page("/join/demo/viewer").await.0, 503);
    let calls = app.emulator.total_calls();
    let started = Instant::now();
    let refused = app.get("/join/demo/viewer").await;
    let fast = started.elapsed();
    let ready = app.get("/readyz").await;

    assert_eq!(refused.status(), 503);
    assert!(refused.headers().contains_key("retry-after"));
    assert!(
        fast < Duration::from_millis(500),
        "answered at once: {fast:?}"
    );
    assert_eq!(app.emulator.total_calls(), calls, "100ms was not called");
    assert_eq!(ready.status(), 200, "cached pages are still served");
    assert!(ready.text().await.unwrap().contains("degraded"));
    assert!(
        app.metrics()
            .await
            .contains("prebuilt_portal_upstream_circuit_open 1")
    );
    assert_eq!(app.page("/join/demo/guest").await.0, 200, "cached page");

    // 100ms recovers: after the cool-down one probe goes through and closes the circuit.
    app.emulator.clear_faults();
    eventually(|| async { (app.page("/join/demo/viewer").await.0 == 200).then_some(()) }).await;
    assert!(
        app.metrics()
            .await
            .contains("prebuilt_portal_upstream_circuit_open 0")
    );
}
