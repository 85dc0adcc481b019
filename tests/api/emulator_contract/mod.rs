//! The emulator against the 100ms contract (shared/research/hms-api.md): paths, JSON shapes,
//! status codes and token checks. The portal's own client is exercised against it too.

use std::collections::BTreeSet;

use jsonwebtoken::{EncodingKey, Header};
use prebuilt_portal::domain::clock::unix_now;
use serde_json::{Value, json};

use crate::helpers::{ACCESS_KEY, APP_SECRET, spawn_emulator};

/// The create-room response example of the docs (§2.1).
pub(super) const DOC_ROOM: &str = r#"{
    "id": "631b2654f771854d9bf633df", "name": "new-room-1662723668", "enabled": true,
    "description": "This is a sample description for the room", "customer_id": "627cdddff2e4e30487862ad1",
    "app_id": "62510797903d857ab8ec3ba5", "recording_info": { "enabled": false },
    "template_id": "63188115d11d6db790c73c60", "template": "sample-template-name", "region": "us",
    "created_at": "2022-09-09T11:41:08.082Z", "updated_at": "2022-09-09T11:41:08.074Z"
}"#;

/// The room-code object example of the docs (§3.3).
pub(super) const DOC_CODE: &str = r#"{
    "code": "wet-qwgq-otr", "room_id": "329ek8g8f2e4g30487862vdb", "role": "host", "enabled": true,
    "created_at": "2023-03-14T15:14:18Z", "updated_at": "2023-03-17T02:24:10Z"
}"#;

/// The list-codes example of the docs (§3.4), as the client must read it.
pub(super) const DOC_CODE_PAGE: &str = r#"{
    "limit": 20,
    "data": [
        { "code": "hkj-sdf-fda", "room_id": "329d23d4f772854d9bf633df", "role": "host", "enabled": true,
          "created_at": "2023-03-03T11:41:08.082Z", "updated_at": "2023-03-03T11:41:08.082Z" },
        { "code": "wiw-giw-bzs", "room_id": "329d23d4f772854d9bf633df", "role": "guest", "enabled": false,
          "created_at": "2023-03-03T11:41:08.082Z", "updated_at": "2023-03-03T11:41:08.082Z" }
    ],
    "last": ""
}"#;

pub(super) struct Api {
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

pub(super) fn claims() -> Value {
    let now = unix_now();
    json!({
        "access_key": ACCESS_KEY, "type": "management", "version": 2,
        "iat": now - 10, "nbf": now - 10, "exp": now + 3600, "jti": "1b7a3f6e-1d9b-4b4e-9c59-2f1f0d7f4a11"
    })
}

pub(super) fn token_with(claims: Value, secret: &str) -> String {
    jsonwebtoken::encode(
        &Header::default(),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

pub(super) fn keys(value: &Value) -> BTreeSet<String> {
    value.as_object().unwrap().keys().cloned().collect()
}

pub(super) fn is_code_shaped(code: &str) -> bool {
    let groups: Vec<&str> = code.split('-').collect();
    groups.len() == 3
        && groups.iter().map(|g| g.len()).collect::<Vec<_>>() == [3, 4, 3]
        && code.bytes().all(|b| b == b'-' || b.is_ascii_lowercase())
}

mod active_rooms;
mod client;
mod guards;
mod rooms_and_codes;
mod tokens;
