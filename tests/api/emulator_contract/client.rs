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
