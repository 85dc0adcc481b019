//! The emulator against the 100ms contract (shared/research/hms-api.md): paths, JSON shapes,
//! status codes and token checks. The portal's own client is exercised against it too.

use std::collections::BTreeSet;
use std::time::Duration;

use jsonwebtoken::{EncodingKey, Header};
use prebuilt_portal::domain::clock::unix_now;
use prebuilt_portal::hms::model::CreateRoom;
use prebuilt_portal::hms::{HmsClient, HmsClientConfig};
use secrecy::SecretString;
use serde_json::{Value, json};

use crate::helpers::{ACCESS_KEY, APP_SECRET, spawn_emulator};

/// The create-room response example of the docs (§2.1).
const DOC_ROOM: &str = r#"{
    "id": "631b2654f771854d9bf633df", "name": "new-room-1662723668", "enabled": true,
    "description": "This is a sample description for the room", "customer_id": "627cdddff2e4e30487862ad1",
    "app_id": "62510797903d857ab8ec3ba5", "recording_info": { "enabled": false },
    "template_id": "63188115d11d6db790c73c60", "template": "sample-template-name", "region": "us",
    "created_at": "2022-09-09T11:41:08.082Z", "updated_at": "2022-09-09T11:41:08.074Z"
}"#;

/// The room-code object example of the docs (§3.3).
const DOC_CODE: &str = r#"{
    "code": "wet-qwgq-otr", "room_id": "329ek8g8f2e4g30487862vdb", "role": "host", "enabled": true,
    "created_at": "2023-03-14T15:14:18Z", "updated_at": "2023-03-17T02:24:10Z"
}"#;

/// The list-codes example of the docs (§3.4), as the client must read it.
const DOC_CODE_PAGE: &str = r#"{
    "limit": 20,
    "data": [
        { "code": "hkj-sdf-fda", "room_id": "329d23d4f772854d9bf633df", "role": "host", "enabled": true,
          "created_at": "2023-03-03T11:41:08.082Z", "updated_at": "2023-03-03T11:41:08.082Z" },
        { "code": "wiw-giw-bzs", "room_id": "329d23d4f772854d9bf633df", "role": "guest", "enabled": false,
          "created_at": "2023-03-03T11:41:08.082Z", "updated_at": "2023-03-03T11:41:08.082Z" }
    ],
    "last": ""
}"#;

struct Api {
    base: String,
    http: reqwest::Client,
    token: String,
}

impl Api {
    async fn start() -> (Self, prebuilt_portal::emulator::Emulator) {
        let (emulator, base) = spawn_emulator(ACCESS_KEY, APP_SECRET).await;
        let token = token_with(claims(), APP_SECRET);
        let api = Self {
            base,
            http: reqwest::Client::new(),
            token,
        };
        (api, emulator)
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut request = self
            .http
            .request(method, format!("{}/v2{path}", self.base))
            .bearer_auth(&self.token)
            .header("Content-Type", "application/json");
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        self.call(reqwest::Method::GET, path, None).await
    }

    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }

    async fn room(&self, name: &str) -> String {
        let (status, room) = self.post("/rooms", json!({ "name": name })).await;
        assert_eq!(status, 200);
        room["id"].as_str().unwrap().to_owned()
    }
}

fn claims() -> Value {
    let now = unix_now();
    json!({
        "access_key": ACCESS_KEY, "type": "management", "version": 2,
        "iat": now - 10, "nbf": now - 10, "exp": now + 3600, "jti": "1b7a3f6e-1d9b-4b4e-9c59-2f1f0d7f4a11"
    })
}

fn token_with(claims: Value, secret: &str) -> String {
    jsonwebtoken::encode(
        &Header::default(),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

fn keys(value: &Value) -> BTreeSet<String> {
    value.as_object().unwrap().keys().cloned().collect()
}

fn is_code_shaped(code: &str) -> bool {
    let groups: Vec<&str> = code.split('-').collect();
    groups.len() == 3
        && groups.iter().map(|g| g.len()).collect::<Vec<_>>() == [3, 4, 3]
        && code.bytes().all(|b| b == b'-' || b.is_ascii_lowercase())
}

#[tokio::test]
async fn create_room_answers_the_documented_room_object_and_upserts_by_name() {
    let (api, _) = Api::start().await;
    let body = json!({ "name": "new-room-1662723668", "description": "This is a sample description for the room" });

    let (status, room) = api.post("/rooms", body).await;
    let (again_status, again) = api
        .post("/rooms", json!({ "name": "NEW-room-1662723668" }))
        .await;

    assert_eq!(status, 200);
    let doc: Value = serde_json::from_str(DOC_ROOM).unwrap();
    assert!(keys(&room).is_superset(&keys(&doc)), "{room}");
    assert_eq!(room["id"].as_str().unwrap().len(), 24);
    assert_eq!(room["enabled"], true);
    assert_eq!(again_status, 200);
    assert_eq!(again["id"], room["id"], "same name, same room");
    assert_eq!(
        again["description"], room["description"],
        "fields not sent are kept"
    );
}

#[tokio::test]
async fn create_room_refuses_documented_bad_bodies() {
    let (api, _) = Api::start().await;

    let (status, error) = api
        .post("/rooms", json!({ "name": "a", "template": "x" }))
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        error["message"],
        "Invalid body param: template. Use template_id"
    );

    let (status, error) = api
        .post("/rooms", json!({ "name": "a", "template_id": "nope" }))
        .await;
    assert_eq!(status, 400);
    assert_eq!(error["message"], "Error: template not found");

    let (status, error) = api.post("/rooms", json!({ "name": "a b" })).await;
    assert_eq!(status, 400);
    assert_eq!(
        keys(&error),
        ["code", "details", "message"].map(String::from).into()
    );
}

#[tokio::test]
async fn rooms_are_read_by_id_and_listed_by_name_with_pagination_fields() {
    let (api, _) = Api::start().await;
    let id = api.room("weekly-sync").await;

    let (status, room) = api.get(&format!("/rooms/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(room["name"], "weekly-sync");

    let (status, page) = api.get("/rooms?name=weekly-sync").await;
    assert_eq!(status, 200);
    assert_eq!(
        keys(&page),
        ["data", "last", "limit"].map(String::from).into()
    );
    assert_eq!(page["data"][0]["id"], id.as_str());
    assert_eq!(page["last"], "");

    let (status, error) = api.get("/rooms/000000000000000000000000").await;
    assert_eq!(status, 404);
    assert_eq!(error["code"], 404);
}

#[tokio::test]
async fn disabled_rooms_are_listed_only_when_asked_and_refuse_code_calls_with_403() {
    let (api, _) = Api::start().await;
    let id = api.room("old-room").await;

    let (status, room) = api
        .post(&format!("/rooms/{id}"), json!({ "enabled": false }))
        .await;
    assert_eq!(status, 200);
    assert_eq!(room["enabled"], false);

    assert_eq!(api.get("/rooms?name=old-room").await.1["data"], json!([]));
    assert_eq!(
        api.get("/rooms?name=old-room&enabled=false").await.1["data"][0]["id"],
        id.as_str()
    );
    let (status, error) = api.get(&format!("/room-codes/room/{id}")).await;
    assert_eq!(status, 403);
    assert_eq!(error["message"], "Room is disabled");
    assert_eq!(
        api.post(&format!("/room-codes/room/{id}"), json!({}))
            .await
            .0,
        403
    );
}

#[tokio::test]
async fn room_codes_are_created_for_all_roles_or_one_in_the_documented_shape() {
    let (api, _) = Api::start().await;
    let id = api.room("codes-room").await;

    let (status, all) = api.post(&format!("/room-codes/room/{id}"), json!({})).await;
    assert_eq!(status, 200);
    let data = all["data"].as_array().unwrap();
    let roles: BTreeSet<_> = data.iter().map(|c| c["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["guest", "host", "viewer"].into());
    let doc: Value = serde_json::from_str(DOC_CODE).unwrap();
    for code in data {
        assert_eq!(keys(code), keys(&doc));
        assert!(is_code_shaped(code["code"].as_str().unwrap()), "{code}");
        assert_eq!(code["room_id"], id.as_str());
    }

    let (status, one) = api
        .post(&format!("/room-codes/room/{id}/role/guest"), json!({}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(one["role"], "guest");
    assert!(
        data.iter().all(|c| c["code"] != one["code"]),
        "a new code each time"
    );

    let (status, error) = api
        .post(&format!("/room-codes/room/{id}/role/dj"), json!({}))
        .await;
    assert_eq!(status, 404);
    assert_eq!(error["message"], "Role not found");
    assert_eq!(
        api.post("/room-codes/room/000000000000000000000000", json!({}))
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn room_codes_are_listed_in_pages_and_filtered_by_role_and_state() {
    let (api, _) = Api::start().await;
    let id = api.room("many-codes").await;
    for _ in 0..25 {
        api.post(&format!("/room-codes/room/{id}/role/guest"), json!({}))
            .await;
    }

    let mut seen = Vec::new();
    let mut start = String::new();
    for _ in 0..5 {
        let (status, page) = api
            .get(&format!("/room-codes/room/{id}?limit=10&start={start}"))
            .await;
        assert_eq!(status, 200);
        assert_eq!(page["limit"], 10);
        seen.extend(
            page["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["code"].clone()),
        );
        start = page["last"].as_str().unwrap().to_owned();
        if start.is_empty() {
            break;
        }
    }
    assert_eq!(seen.len(), 25);
    assert_eq!(
        seen.iter()
            .map(|c| c.to_string())
            .collect::<BTreeSet<_>>()
            .len(),
        25
    );

    let first = seen[0].as_str().unwrap();
    let (status, updated) = api
        .post(
            "/room-codes/code",
            json!({ "code": first, "enabled": false }),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(updated["enabled"], false);
    let (_, enabled) = api
        .get(&format!(
            "/room-codes/room/{id}?role=guest&enabled=true&limit=100"
        ))
        .await;
    assert_eq!(enabled["data"].as_array().unwrap().len(), 24);
    assert_eq!(
        api.get(&format!("/room-codes/room/{id}?role=dj")).await.0,
        404
    );
    assert_eq!(
        api.post(
            "/room-codes/code",
            json!({ "code": "zzz-zzzz-zzz", "enabled": true })
        )
        .await
        .0,
        404
    );
    assert_eq!(
        api.post(
            "/room-codes/code",
            json!({ "code": first, "enabled": "yes" })
        )
        .await
        .0,
        400
    );
}

#[tokio::test]
async fn a_missing_token_gets_the_documented_401_body() {
    let (api, _) = Api::start().await;

    let response = api
        .http
        .get(format!("{}/v2/rooms", api.base))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 401);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body,
        json!({ "code": 401, "message": "Token validation error", "details": ["not found"] })
    );
}

#[tokio::test]
async fn tokens_with_a_bad_signature_claim_or_time_are_refused() {
    let (mut api, emulator) = Api::start().await;
    let now = unix_now();
    let mut cases: Vec<(&str, String)> =
        vec![("wrong secret", token_with(claims(), "other-secret"))];
    let mut with = |name: &'static str, key: &str, value: Value| {
        let mut c = claims();
        c[key] = value;
        cases.push((name, token_with(c, APP_SECRET)));
    };
    with("app token", "type", json!("app"));
    with("old version", "version", json!(1));
    with("other access key", "access_key", json!("someone-else"));
    with("expired", "exp", json!(now - 3600));
    with("not yet valid", "nbf", json!(now + 3600));
    let mut no_jti = claims();
    no_jti.as_object_mut().unwrap().remove("jti");
    cases.push(("no jti", token_with(no_jti, APP_SECRET)));

    for (case, token) in cases {
        api.token = token;
        let (status, body) = api.get("/rooms").await;
        assert_eq!(status, 401, "{case}");
        assert_eq!(body["message"], "Token validation error", "{case}");
    }
    assert!(emulator.token_ids_seen().is_empty());
}

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
