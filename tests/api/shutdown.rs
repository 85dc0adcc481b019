//! The whole process: SIGTERM during a slow request, and JSON logs.

use std::process::Command;

use serde_json::{Value, json};

use crate::process::{Portal, binary};

const CONTROL_TOKEN: &str = "control-token-for-the-shutdown-test";

/// The real binary, serving with the emulator's control token known and these settings.
async fn start(settings: &'static [(&'static str, &'static str)]) -> Portal {
    tokio::task::spawn_blocking(move || {
        let mut command = Command::new(binary());
        command
            .env_clear()
            .env("PORTAL__STORE__URL", "sqlite::memory:")
            .env("PORTAL__EMULATOR__CONTROL_TOKEN", CONTROL_TOKEN)
            .envs(settings.iter().copied());
        Portal::start(command)
    })
    .await
    .unwrap()
}

/// Asks the portal to stop, as a container runtime would.
fn sigterm(portal: &Portal) {
    let pid = portal.child.id().to_string();
    let signalled = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(signalled.success());
}

/// Calls the emulator has counted so far.
async fn emulator_calls(http: &reqwest::Client, emulator: &str) -> u64 {
    let stats: Value = http
        .get(format!("{emulator}/_emulator/stats"))
        .bearer_auth(CONTROL_TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    stats["total"].as_u64().unwrap_or(0)
}

/// Every call to the emulator answers this late from now on.
async fn slow_down(http: &reqwest::Client, emulator: &str, latency_ms: u64) {
    let faults = http
        .post(format!("{emulator}/_emulator/faults"))
        .bearer_auth(CONTROL_TOKEN)
        .json(&json!({ "latency_ms": latency_ms }))
        .send()
        .await
        .unwrap();
    assert_eq!(faults.status(), 204);
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_lets_the_request_in_flight_finish_then_exits_0_with_json_logs() {
    let portal = start(&[
        ("PORTAL__LOG__FORMAT", "json"),
        ("PORTAL__SERVER__SHUTDOWN_TIMEOUT_SECS", "10"),
    ])
    .await;
    let http = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{}", portal.port);
    let emulator = format!("http://127.0.0.1:{}", portal.emulator_port);
    slow_down(&http, &emulator, 400).await;

    let in_flight = tokio::spawn({
        let http = http.clone();
        let url = format!("{base}/join/demo/guest");
        async move {
            http.get(url)
                .header("X-Request-Id", "slow-one")
                .send()
                .await
        }
    });
    // The request is in flight once the emulator has counted its first call.
    while emulator_calls(&http, &emulator).await == 0 {
        tokio::task::yield_now().await;
    }
    sigterm(&portal);

    let response = in_flight
        .await
        .unwrap()
        .expect("the slow request is answered");
    assert_eq!(response.status(), 200, "finished despite SIGTERM");
    let (status, log) = tokio::task::spawn_blocking(|| portal.wait()).await.unwrap();
    assert_eq!(status.code(), Some(0), "{log}");
    let late = http.get(format!("{base}/healthz")).send().await;
    assert!(late.is_err(), "no longer accepting");

    let lines: Vec<Value> = log
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
        .collect();
    let access = lines
        .iter()
        .find(|l| l["request_id"] == "slow-one")
        .expect("the slow request was logged");
    assert_eq!(access["route"], "/join/{room}/{role}");
    assert_eq!(access["status"], 200);
    assert_eq!(access["cache"], "miss");
    assert_eq!(access["method"], "GET");
    assert!(access["latency_us"].as_u64().unwrap() >= 400_000);
    assert!(
        lines
            .iter()
            .any(|l| l["message"] == "prebuilt-portal stopped")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_request_waiting_on_a_slow_100ms_over_a_pooled_connection_finishes_after_sigterm() {
    let portal = start(&[("PORTAL__SERVER__WORKERS", "4")]).await;
    let base = format!("http://127.0.0.1:{}", portal.port);
    let emulator = format!("http://127.0.0.1:{}", portal.emulator_port);
    // A fresh connection per request: the server hands connections to its workers in turn, so
    // the cold request runs on another worker than the one whose calls opened the portal's
    // connections to 100ms; that one has nothing in flight and stops at once on SIGTERM.
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let warm = http.get(format!("{base}/join/demo/guest")).send().await;
    assert_eq!(warm.unwrap().status(), 200);
    for _ in 0..2 {
        let other_worker = http.get(format!("{base}/healthz")).send().await;
        assert_eq!(other_worker.unwrap().status(), 200);
    }
    let before = emulator_calls(&http, &emulator).await;
    slow_down(&http, &emulator, 1500).await;

    let cold = tokio::spawn({
        let http = http.clone();
        let url = format!("{base}/join/demo/viewer");
        async move { http.get(url).send().await }
    });
    while emulator_calls(&http, &emulator).await == before {
        tokio::task::yield_now().await;
    }
    sigterm(&portal);

    let response = cold.await.unwrap().expect("the cold request is answered");
    assert_eq!(response.status(), 200, "its call to 100ms was not cut off");
    let (status, log) = tokio::task::spawn_blocking(|| portal.wait()).await.unwrap();
    assert_eq!(status.code(), Some(0), "{log}");
    assert!(!log.contains("dispatch task"), "{log}");
}

#[tokio::test]
async fn every_page_view_is_logged_once_with_its_route_cache_outcome_and_request_id() {
    let portal = start(&[("PORTAL__LOG__FORMAT", "json")]).await;
    let http = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{}", portal.port);
    for (path, id) in [
        ("/join/demo/guest", "first-view"),
        ("/join/demo/guest", "bare-link-from-memory"),
        ("/embed/demo/guest?utm_source=mail", "routed-from-memory"),
        ("/join/demo/nobody", "no-such-role"),
    ] {
        let response = http
            .get(format!("{base}{path}"))
            .header("X-Request-Id", id)
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["x-request-id"], id);
    }
    sigterm(&portal);
    let (_, log) = tokio::task::spawn_blocking(|| portal.wait()).await.unwrap();

    let access: Vec<Value> = log
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|line| line["target"] == "prebuilt_portal::access")
        .collect();
    let line = |id: &str| {
        let lines: Vec<&Value> = access.iter().filter(|l| l["request_id"] == id).collect();
        assert_eq!(lines.len(), 1, "{id}: one line each\n{log}");
        (
            lines[0]["route"].as_str().unwrap().to_owned(),
            lines[0]["status"].as_u64().unwrap(),
            lines[0]["cache"].as_str().unwrap().to_owned(),
        )
    };
    let join = "/join/{room}/{role}".to_owned();
    assert_eq!(line("first-view"), (join.clone(), 200, "miss".into()));
    assert_eq!(
        line("bare-link-from-memory"),
        (join.clone(), 200, "hit".into())
    );
    assert_eq!(
        line("routed-from-memory"),
        ("/embed/{room}/{role}".into(), 200, "hit".into())
    );
    assert_eq!(line("no-such-role").1, 404);
}
