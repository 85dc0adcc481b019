//! Rooms in use (hms-live.md §2): opening a meeting page joins as a peer, listed as a map keyed
//! by peer id and filtered by user id and role; a rename shows on the open page; Leave leaves,
//! and the room's session ends with its last peer.

use super::*;
use crate::helpers::text_of;

#[tokio::test]
async fn a_meeting_page_joins_as_a_peer_that_the_active_rooms_api_lists_renames_and_lets_leave() {
    let (api, _emulator) = Api::start().await;
    let id = api.room("live").await;
    let (_, codes) = api.post(&format!("/room-codes/room/{id}"), json!({})).await;
    let code_of = |role: &str| {
        codes["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["role"] == role)
            .unwrap()["code"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        api.get(&format!("/active-rooms/{id}")).await.0,
        404,
        "nobody there yet"
    );

    let page = |code: String, query: &'static str| {
        let url = format!("{}/meeting/{code}?{query}", api.base);
        async move { reqwest::get(url).await.unwrap().text().await.unwrap() }
    };
    let ann = page(code_of("host"), "name=Ann&userId=ann-1").await;
    page(code_of("guest"), "name=Bo").await;

    let (status, room) = api.get(&format!("/active-rooms/{id}")).await;
    assert_eq!(status, 200, "{room}");
    assert_eq!(
        keys(&room),
        keys(&json!({"id": 0, "name": 0, "customer_id": 0, "session": 0}))
    );
    assert_eq!(room["session"]["peers"].as_array().unwrap().len(), 2);
    let (_, hosts) = api
        .get(&format!("/active-rooms/{id}/peers?role=host"))
        .await;
    let hosts = hosts["peers"].as_object().unwrap();
    assert_eq!(hosts.len(), 1);
    let (peer_id, peer) = hosts.iter().next().unwrap();
    assert_eq!(peer["user_id"], "ann-1");
    assert_eq!(peer["metadata"], "", "metadata is a string");
    let (_, by_user) = api
        .get(&format!("/active-rooms/{id}/peers?user_id=ann-1"))
        .await;
    assert_eq!(by_user["peers"].as_object().unwrap().len(), 1);

    let path = format!("/active-rooms/{id}/peers/{peer_id}");
    let (status, renamed) = api.post(&path, json!({ "name": "Anna" })).await;
    assert_eq!(status, 200, "{renamed}");
    assert_eq!(renamed["name"], "Anna");
    assert!(renamed["tracks"].is_object());
    assert_eq!(api.post(&path, json!({ "role": "nobody" })).await.0, 404);
    let shown = reqwest::get(format!("{}/_peers/{id}/{peer_id}", api.base))
        .await
        .unwrap();
    assert_eq!(
        shown.json::<Value>().await.unwrap()["name"],
        "Anna",
        "the page shows renames"
    );

    assert_eq!(text_of(&ann, "#name").as_deref(), Some("Ann"));
    let leave = reqwest::Client::new()
        .post(format!("{}/_peers/leave", api.base))
        .form(&[("room_id", id.as_str()), ("peer_id", peer_id.as_str())])
        .send()
        .await
        .unwrap();
    assert!(leave.text().await.unwrap().contains("Anna left"));
    assert_eq!(api.get(&path).await.0, 404, "gone once left");
    let (_, left) = api.get(&format!("/active-rooms/{id}/peers")).await;
    assert_eq!(left["peers"].as_object().unwrap().len(), 1);
}

#[tokio::test]
async fn send_message_reaches_a_room_in_use_and_needs_a_message() {
    let (api, emulator) = Api::start().await;
    let id = api.room("talk").await;
    let message = json!({ "message": "Ada is waiting", "role": "host", "type": "chat" });
    let (status, _) = api
        .post(&format!("/active-rooms/{id}/send-message"), message.clone())
        .await;
    assert_eq!(status, 404, "nobody there to tell");

    let (_, codes) = api.post(&format!("/room-codes/room/{id}"), json!({})).await;
    let code = codes["data"][0]["code"].as_str().unwrap().to_owned();
    reqwest::get(format!("{}/meeting/{code}?name=Ann", api.base))
        .await
        .unwrap();
    let (status, body) = api
        .post(
            &format!("/active-rooms/{id}/send-message"),
            json!({ "role": "host" }),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    let (status, body) = api
        .post(&format!("/active-rooms/{id}/send-message"), message)
        .await;
    assert_eq!((status, body), (200, json!({ "message": "message sent" })));
    let sent = emulator.account().live().messages(&id);
    assert_eq!(sent[0].message, "Ada is waiting");
    assert_eq!(sent[0].kind.as_deref(), Some("chat"));
}
