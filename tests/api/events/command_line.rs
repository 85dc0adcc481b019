//! `event create|list|show|move|cancel`, against the same store as a running portal.

use reqwest::Method;

use super::{at, now, spawn_events_app};
use crate::cli::{cli, run, stderr, stdout};

#[tokio::test]
async fn the_command_line_makes_lists_moves_and_cancels_an_event() {
    let app = spawn_events_app().await;
    let start = now() + 7200;
    let mut create = cli(&app);
    create.args([
        "event",
        "create",
        "demo",
        "--starts-at",
        &at(start),
        "--ends-at",
        &at(start + 3600),
        "--title",
        "Office hours",
        "--time-zone",
        "Europe/Berlin",
        "--invitee",
        "viewer:Ada Lovelace:ada@example.com",
        "--invitee",
        "host:Bob",
        "--json",
    ]);
    let created = run(create).await;
    assert!(created.status.success(), "{}", stderr(&created));
    let event: serde_json::Value = serde_json::from_str(&stdout(&created)).unwrap();
    let id = event["id"].as_str().unwrap().to_owned();
    assert_eq!(event["invitations"].as_array().unwrap().len(), 2);
    assert_eq!(event["invitations"][0]["email"], "ada@example.com");

    let mut list = cli(&app);
    list.args(["event", "list", "--room", "demo"]);
    let list = run(list).await;
    assert!(stdout(&list).contains("Office hours"), "{}", stdout(&list));

    let mut moved = cli(&app);
    moved.args(["event", "move", &id, "--starts-at", &at(start + 600)]);
    let moved = run(moved).await;
    assert!(moved.status.success(), "{}", stderr(&moved));
    let (_, _, shown) = app
        .api(Method::GET, &format!("/api/v1/events/{id}"), None)
        .await;
    assert_eq!(shown["sequence"], 1);
    assert_eq!(shown["invitations"][0]["not_before"], start + 600 - 600);

    let mut typo = cli(&app);
    typo.args([
        "event",
        "create",
        "demo",
        "--starts-at",
        "tomorrow",
        "--ends-at",
        &at(start),
    ]);
    let typo = run(typo).await;
    assert!(!typo.status.success());
    assert!(stderr(&typo).contains("--starts-at"), "{}", stderr(&typo));

    let mut cancel = cli(&app);
    cancel.args(["event", "cancel", &id]);
    let cancel = run(cancel).await;
    assert!(
        stdout(&cancel).contains("cancelled (2 invitations ended)"),
        "{}",
        stdout(&cancel)
    );
    let (_, _, shown) = app
        .api(Method::GET, &format!("/api/v1/events/{id}"), None)
        .await;
    assert_eq!(shown["state"], "cancelled");
}
