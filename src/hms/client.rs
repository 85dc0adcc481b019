//! The 100ms endpoints the portal uses, one method each; how a call travels is in `transport`.

use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use secrecy::SecretString;
use url::Url;

use super::breaker::{Breaker, BreakerPolicy};
use super::http::HttpClients;
use super::model::{
    ActivePeer, ActivePeers, CreateRoom, DataEnvelope, Page, Room, RoomCodeRecord, Template,
};
use super::transport::Health;
use super::{HmsError, ManagementTokens};
use crate::telemetry::Metrics;

pub struct HmsClientConfig<'a> {
    pub api_base: Url,
    pub access_key: &'a str,
    pub app_secret: &'a SecretString,
    /// Per attempt.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// How long a read may keep retrying.
    pub retry_budget: Duration,
    pub breaker: BreakerPolicy,
    pub metrics: Arc<Metrics>,
}

/// One client for the whole process: a pooled reqwest client and the shared management token.
pub struct HmsClient {
    pub(super) http: HttpClients,
    pub(super) api_base: Url,
    pub(super) tokens: ManagementTokens,
    pub(super) retry_budget: Duration,
    pub(super) metrics: Arc<Metrics>,
    pub(super) health: Health,
    pub(super) breaker: Breaker,
    /// The webhook rooms the portal creates get (`hms.register_room_webhooks`).
    pub(super) room_webhook: std::sync::OnceLock<serde_json::Value>,
}

impl HmsClient {
    pub fn new(config: HmsClientConfig<'_>) -> Result<Self, HmsError> {
        Ok(Self {
            http: HttpClients::new(config.timeout, config.connect_timeout)?,
            api_base: config.api_base,
            tokens: ManagementTokens::new(config.access_key, config.app_secret),
            retry_budget: config.retry_budget,
            metrics: config.metrics.clone(),
            health: Health::default(),
            breaker: Breaker::new(config.breaker, config.metrics.circuit_open_gauge()),
            room_webhook: std::sync::OnceLock::new(),
        })
    }

    /// `POST /rooms`: creates the room, or returns (and updates) the room of that name.
    pub async fn create_room(&self, room: &CreateRoom<'_>) -> Result<Room, HmsError> {
        let mut body = serde_json::to_value(room).map_err(HmsError::decode)?;
        if let (Some(hook), Some(fields)) = (self.room_webhook.get(), body.as_object_mut()) {
            fields.insert("webhook".to_owned(), hook.clone());
        }
        self.call("create_room", Method::POST, &["rooms"], &[], Some(body))
            .await
    }

    /// Rooms created from now on get this webhook (`{url, headers}`, hms-live §1.1); once.
    pub fn register_room_webhook(&self, url: &str, headers: &[(&str, &str)]) {
        let headers: serde_json::Map<String, serde_json::Value> = headers
            .iter()
            .map(|(name, value)| ((*name).to_owned(), serde_json::Value::from(*value)))
            .collect();
        let _ = self
            .room_webhook
            .set(serde_json::json!({ "url": url, "headers": headers }));
    }

    /// `POST /rooms/{id}` with `{enabled}`: a disabled room can no longer be joined.
    pub async fn set_room_enabled(&self, room_id: &str, enabled: bool) -> Result<Room, HmsError> {
        let body = serde_json::json!({ "enabled": enabled });
        self.call(
            "update_room",
            Method::POST,
            &["rooms", room_id],
            &[],
            Some(body),
        )
        .await
    }

    /// `GET /rooms/{id}`.
    pub async fn get_room(&self, room_id: &str) -> Result<Room, HmsError> {
        self.call("get_room", Method::GET, &["rooms", room_id], &[], None)
            .await
    }

    /// One cheap authenticated read (`GET /rooms?limit=10`), to prove the credentials work.
    pub async fn probe(&self) -> Result<(), HmsError> {
        let _: Page<serde_json::Value> = self
            .call("probe", Method::GET, &["rooms"], &[("limit", "10")], None)
            .await?;
        Ok(())
    }

    /// The readiness probe: the same cheap read, tried once, without waiting for or moving the
    /// circuit breaker (a failing probe must not shut 100ms off for visitors).
    pub async fn readiness_probe(&self) -> Result<(), HmsError> {
        let url = self.url(&["rooms"]);
        let _: Page<serde_json::Value> = self
            .attempt(
                "readiness_probe",
                &Method::GET,
                &url,
                &[("limit", "10")],
                None,
            )
            .await?;
        Ok(())
    }

    /// `GET /templates/{id}`.
    pub async fn get_template(&self, template_id: &str) -> Result<Template, HmsError> {
        self.call(
            "get_template",
            Method::GET,
            &["templates", template_id],
            &[],
            None,
        )
        .await
    }

    /// `GET /rooms?name=…`, keeping only an exact (case-insensitive) match, since the filter's
    /// matching rules are not documented. `enabled` picks enabled or disabled rooms.
    pub async fn find_room_by_name(
        &self,
        name: &str,
        enabled: bool,
    ) -> Result<Option<Room>, HmsError> {
        let wanted = enabled;
        let enabled = if enabled { "true" } else { "false" };
        let rooms: Vec<Room> = self
            .list_all(
                "list_rooms",
                &["rooms"],
                &[("name", name), ("enabled", enabled)],
            )
            .await?;
        // Checked here too, in case a server ignores the filters.
        Ok(rooms
            .into_iter()
            .find(|r| r.name.eq_ignore_ascii_case(name) && r.enabled == wanted))
    }

    /// Every room of the account in that state, read page by page without the name filter, for
    /// a name match in any case: before creating a room, because the filter's rules are
    /// UNCONFIRMED and creating under an existing name would update that room. An account too
    /// large to read this way answers an error rather than a guess.
    pub async fn find_room_by_scan(
        &self,
        name: &str,
        enabled: bool,
    ) -> Result<Option<Room>, HmsError> {
        let state = if enabled { "true" } else { "false" };
        let rooms: Vec<Room> = self
            .list_all("list_rooms", &["rooms"], &[("enabled", state)])
            .await
            .map_err(|error| match error {
                HmsError::Decode(_) => HmsError::decode(
                    "the account has too many rooms to make sure none is named like this one: \
                     create the room in the 100ms dashboard, pin its room_id, or set \
                     rooms.check_all_rooms_before_create = false",
                ),
                other => other,
            })?;
        Ok(rooms
            .into_iter()
            .find(|r| r.name.eq_ignore_ascii_case(name) && r.enabled == enabled))
    }

    /// `GET /room-codes/room/{room_id}`, every page, optionally filtered by role and state.
    pub async fn list_room_codes(
        &self,
        room_id: &str,
        role: Option<&str>,
        enabled: Option<bool>,
    ) -> Result<Vec<RoomCodeRecord>, HmsError> {
        let mut filters: Vec<(&str, &str)> = Vec::new();
        if let Some(role) = role {
            filters.push(("role", role));
        }
        if let Some(enabled) = enabled {
            filters.push(("enabled", if enabled { "true" } else { "false" }));
        }
        self.list_all(
            "list_room_codes",
            &["room-codes", "room", room_id],
            &filters,
        )
        .await
    }

    /// `POST /room-codes/room/{room_id}/role/{role}`: a new code for one role.
    pub async fn create_room_code(
        &self,
        room_id: &str,
        role: &str,
    ) -> Result<RoomCodeRecord, HmsError> {
        let path = ["room-codes", "room", room_id, "role", role];
        self.call(
            "create_room_code",
            Method::POST,
            &path,
            &[],
            Some(serde_json::json!({})),
        )
        .await
    }

    /// `POST /room-codes/room/{room_id}`: one code for every role of the room's template, the
    /// second step of the 100ms flow "create room, create room codes, a link per role".
    pub async fn create_room_codes(&self, room_id: &str) -> Result<Vec<RoomCodeRecord>, HmsError> {
        let path = ["room-codes", "room", room_id];
        let envelope: DataEnvelope<RoomCodeRecord> = self
            .call(
                "create_room_codes",
                Method::POST,
                &path,
                &[],
                Some(serde_json::json!({})),
            )
            .await?;
        Ok(envelope.data)
    }

    /// `POST /room-codes/code` with `{code, enabled}`.
    pub async fn set_room_code_enabled(
        &self,
        code: &str,
        enabled: bool,
    ) -> Result<RoomCodeRecord, HmsError> {
        let body = serde_json::json!({ "code": code, "enabled": enabled });
        self.call(
            "update_room_code",
            Method::POST,
            &["room-codes", "code"],
            &[],
            Some(body),
        )
        .await
    }

    /// `GET /active-rooms/{room_id}/peers`: who is in the room now, nobody when it is not in
    /// use (any 404: what 100ms answers for an inactive room is UNCONFIRMED, hms-live §2.8).
    /// A background check: tried once, never while the circuit is open, never moving it.
    pub async fn active_peers(&self, room_id: &str) -> Result<Vec<ActivePeer>, HmsError> {
        let path = ["active-rooms", room_id, "peers"];
        let answer: Result<ActivePeers, HmsError> = self
            .background("list_active_peers", Method::GET, &path, None)
            .await;
        match answer {
            Ok(listed) => Ok(listed.peers.unwrap_or_default().into_values().collect()),
            Err(error) if error.status() == Some(reqwest::StatusCode::NOT_FOUND) => Ok(Vec::new()),
            Err(error) => Err(error),
        }
    }

    /// `POST /active-rooms/{room_id}/peers/{peer_id}` with the name alone: `metadata` would be
    /// replaced whole and holds Prebuilt's own state (hms-live §2.4). A background call, as
    /// [`HmsClient::active_peers`].
    pub async fn rename_peer(
        &self,
        room_id: &str,
        peer_id: &str,
        name: &str,
    ) -> Result<(), HmsError> {
        let path = ["active-rooms", room_id, "peers", peer_id];
        let body = serde_json::json!({ "name": name });
        let _: serde_json::Value = self
            .background("update_active_peer", Method::POST, &path, Some(body))
            .await?;
        Ok(())
    }

    /// `POST /active-rooms/{room_id}/send-message` to the peers of `role` (hms-live §2.6): a
    /// background call, as [`HmsClient::active_peers`]; a room not in use (404, UNCONFIRMED)
    /// has nobody to tell, which is no failure.
    pub async fn send_message(
        &self,
        room_id: &str,
        role: &str,
        message: &str,
    ) -> Result<(), HmsError> {
        let path = ["active-rooms", room_id, "send-message"];
        let body = serde_json::json!({ "message": message, "role": role, "type": "chat" });
        let answer: Result<serde_json::Value, HmsError> = self
            .background("send_message", Method::POST, &path, Some(body))
            .await;
        match answer {
            Err(error) if error.status() == Some(reqwest::StatusCode::NOT_FOUND) => Ok(()),
            other => other.map(drop),
        }
    }

    /// `POST /active-rooms/{room_id}/remove-peers` for one peer, with a reason its meeting
    /// shows (hms-live §2.5). A peer already gone (or a room not in use: 404, UNCONFIRMED)
    /// counts as removed: removing is idempotent.
    pub async fn remove_peer(
        &self,
        room_id: &str,
        peer_id: &str,
        reason: &str,
    ) -> Result<(), HmsError> {
        let path = ["active-rooms", room_id, "remove-peers"];
        let body = serde_json::json!({ "peer_id": peer_id, "reason": reason });
        let answer: Result<serde_json::Value, HmsError> = self
            .background("remove_peers", Method::POST, &path, Some(body))
            .await;
        match answer {
            Err(error) if error.status() == Some(reqwest::StatusCode::NOT_FOUND) => Ok(()),
            other => other.map(drop),
        }
    }

    /// `GET /sessions/{session_id}` (hms-live §3.2), a background read; `None` for an unknown
    /// session (404, UNCONFIRMED).
    pub async fn session(
        &self,
        session_id: &str,
    ) -> Result<Option<super::model::HmsSession>, HmsError> {
        let path = ["sessions", session_id];
        let answer: Result<super::model::HmsSession, HmsError> = self
            .background("get_session", Method::GET, &path, None)
            .await;
        match answer {
            Ok(session) => Ok(Some(session)),
            Err(error) if error.status() == Some(reqwest::StatusCode::NOT_FOUND) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Whether the circuit is open: 100ms kept failing and is not being called.
    pub fn circuit_open(&self) -> bool {
        self.breaker.is_open()
    }

    /// Whether 100ms answered well recently: `None` when there was no call within `window`.
    pub fn recently_healthy(&self, window: Duration) -> Option<bool> {
        self.health.recent(window)
    }
}
