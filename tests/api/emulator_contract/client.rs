//! The portal's own 100ms client against the emulator.

use std::time::Duration;

use prebuilt_portal::hms::model::CreateRoom;
use prebuilt_portal::hms::{HmsClient, HmsClientConfig};
use secrecy::SecretString;
use serde_json::json;

use super::*;

#[tokio::test]
async fn the_portals_client_reads_the_documented_shapes() {
    let page: prebuilt_portal::hms::model::Page<prebuilt_portal::hms::model::RoomCodeRecord> =
        serde_json::from_str(DOC_CODE_PAGE).unwrap();
    assert_eq!(page.data.len(), 2);
    assert!(!page.data[1].enabled);
    let room: prebuilt_portal::hms::model::Room = serde_json::from_str(DOC_ROOM).unwrap();
    assert_eq!(room.name, "new-room-1662723668");
}

#[tokio::test]
async fn the_portals_client_follows_pages_when_100ms_caps_their_size() {
    let (api, emulator) = Api::start().await;
    let id = api.room("paged").await;
    for _ in 0..23 {
        api.post(&format!("/room-codes/room/{id}/role/viewer"), json!({}))
            .await;
    }
    emulator.cap_page_size(10);
    let secret = SecretString::from(APP_SECRET);
    let client = HmsClient::new(HmsClientConfig {
        api_base: format!("{}/v2", api.base).parse().unwrap(),
        access_key: ACCESS_KEY,
        app_secret: &secret,
        timeout: Duration::from_secs(5),
        connect_timeout: Duration::from_secs(1),
        retry_budget: Duration::from_secs(5),
        breaker: prebuilt_portal::hms::BreakerPolicy {
            failures: 5,
            cooldown: Duration::from_secs(10),
        },
        metrics: std::sync::Arc::new(prebuilt_portal::telemetry::Metrics::new().unwrap()),
    })
    .unwrap();
    let before = emulator.calls("list_room_codes");

    let codes = client
        .list_room_codes(&id, Some("viewer"), None)
        .await
        .unwrap();

    assert_eq!(codes.len(), 23);
    assert_eq!(emulator.calls("list_room_codes") - before, 3);
    let created = client
        .create_room(&CreateRoom {
            name: "paged",
            description: None,
            template_id: None,
        })
        .await
        .unwrap();
    assert_eq!(
        created.id, id,
        "create with an existing name returns that room"
    );
    let found = client
        .find_room_by_name("PAGED", true)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, id);
    let (status, all) = api.post(&format!("/room-codes/room/{id}"), json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(all["data"].as_array().unwrap().len(), 3);
    let disabled = client
        .set_room_code_enabled(&codes[0].code, false)
        .await
        .unwrap();
    assert!(!disabled.enabled);
    assert_eq!(client.get_room(&id).await.unwrap().name, "paged");
}

/// The documented list-peers answer (hms-live.md §2.2), and the two ways an empty one may come.
#[tokio::test]
async fn the_portals_client_reads_active_peers_as_100ms_documents_them() {
    use prebuilt_portal::hms::model::ActivePeers;
    let documented = r#"{"peers": {
        "dcd88eb0-83e6-486a-bcae-c3be5e0f2c20": {"id": "dcd88eb0-83e6-486a-bcae-c3be5e0f2c20",
            "name": "John", "user_id": "student-3461", "metadata": "", "role": "student",
            "joined_at": "2023-01-25T12:06:34.080990401Z"},
        "4e03dce3-ddec-4bdd-b91b-0b18be1a7f10": {"id": "4e03dce3-ddec-4bdd-b91b-0b18be1a7f10",
            "name": "Nick", "user_id": "teacher-81", "metadata": {"isHandRaised": false},
            "role": "teacher", "joined_at": "2023-01-25T12:04:30.366388779Z"}}}"#;
    let peers: ActivePeers = serde_json::from_str(documented).unwrap();
    let peers = peers.peers.unwrap();
    assert_eq!(
        peers["dcd88eb0-83e6-486a-bcae-c3be5e0f2c20"].user_id,
        "student-3461"
    );
    assert_eq!(peers["4e03dce3-ddec-4bdd-b91b-0b18be1a7f10"].name, "Nick");
    for nobody in [r#"{"peers": {}}"#, r#"{"peers": null}"#, "{}"] {
        let peers: ActivePeers = serde_json::from_str(nobody).unwrap();
        assert!(peers.peers.unwrap_or_default().is_empty(), "{nobody}");
    }
}
