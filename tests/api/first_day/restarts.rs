//! Rooms made in emulator mode survive a restart: the emulator keeps its rooms and codes in a
//! file beside the store, so a room created through the API still opens, is still listed and
//! still has links after the binary runs again. A kept room 100ms has lost leaves the index.

use std::process::Command;

use serde_json::json;

use crate::helpers::{ADMIN_TOKEN, text_of};
use crate::process::{Portal, binary};

fn portal(store: &str) -> Portal {
    let mut command = Command::new(binary());
    command
        .env_clear()
        .env("PORTAL__STORE__URL", store)
        .env("PORTAL__ADMIN__TOKEN", ADMIN_TOKEN);
    Portal::start(command)
}

/// Creates the listed room "class" through the admin API: the answer's status.
async fn create_class(portal: &Portal) -> u16 {
    reqwest::Client::new()
        .post(format!("{}/api/v1/rooms", portal.address()))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({ "name": "class", "title": "Chemistry class", "listed": true }))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn page(portal: &Portal, path: &str) -> (u16, String) {
    let response = reqwest::get(format!("{}{path}", portal.address()))
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn a_room_made_in_emulator_mode_still_opens_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let store = format!("sqlite://{}/portal.db", dir.path().display());
    let first = portal(&store);
    assert_eq!(create_class(&first).await, 200);
    assert_eq!(page(&first, "/join/class/guest").await.0, 200);
    first.stop();
    assert!(
        dir.path().join("emulator.json").is_file(),
        "kept beside the store"
    );

    let second = portal(&store);
    let (status, join) = page(&second, "/join/class/guest").await;
    let (_, index) = page(&second, "/").await;
    let links = tokio::task::spawn_blocking({
        let mut command = Command::new(binary());
        command
            .env_clear()
            .env("PORTAL__STORE__URL", &store)
            .env("PORTAL__EMULATOR__PORT", second.emulator_port.to_string())
            .args(["links", "class"]);
        move || command.output().unwrap()
    })
    .await
    .unwrap();
    second.stop();

    assert_eq!(status, 200, "{join}");
    assert!(index.contains("Chemistry class"), "{index}");
    assert!(
        links.status.success(),
        "{}",
        String::from_utf8_lossy(&links.stderr)
    );
    assert!(String::from_utf8_lossy(&links.stdout).contains("/join/class/guest"));
}

#[tokio::test]
async fn a_kept_room_that_100ms_lost_leaves_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let store = format!("sqlite://{}/portal.db", dir.path().display());
    let first = portal(&store);
    assert_eq!(create_class(&first).await, 200);
    first.stop();
    // As if 100ms had lost the room: the emulator starts without its file.
    std::fs::remove_file(dir.path().join("emulator.json")).unwrap();

    let second = portal(&store);
    let (_, before) = page(&second, "/").await;
    let (status, _) = page(&second, "/join/class/guest").await;
    let (_, after) = page(&second, "/").await;
    let log = second.stop();

    assert!(before.contains("Chemistry class"), "{before}");
    assert_eq!(status, 404);
    assert!(!after.contains("Chemistry class"), "{after}");
    assert_eq!(text_of(&after, "h1").as_deref(), Some("Meetings"));
    assert!(log.contains("no longer listed"), "{log}");
}
