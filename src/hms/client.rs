use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use reqwest::{Method, StatusCode};
use secrecy::SecretString;
use serde::de::DeserializeOwned;
use url::Url;

use super::error::ApiProblem;
use super::model::{CreateRoom, DataEnvelope, ErrorBody, Page, Room, RoomCodeRecord, Template};
use super::{HmsError, ManagementTokens, retry};
use crate::telemetry::Metrics;

/// Largest page the list endpoints allow.
const PAGE_LIMIT: usize = 100;
/// A room holds at most 100 codes, so a handful of pages is always enough; more means a loop.
const MAX_PAGES: usize = 20;

pub struct HmsClientConfig<'a> {
    pub api_base: Url,
    pub access_key: &'a str,
    pub app_secret: &'a SecretString,
    /// Per attempt.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// How long a read may keep retrying.
    pub retry_budget: Duration,
    pub metrics: Arc<Metrics>,
}

/// One client for the whole process: a pooled reqwest client and the shared management token.
pub struct HmsClient {
    http: reqwest::Client,
    api_base: Url,
    tokens: ManagementTokens,
    retry_budget: Duration,
    metrics: Arc<Metrics>,
    health: Health,
}

/// The outcome of the latest call, for readiness checks.
#[derive(Default)]
struct Health {
    last: Mutex<Option<(Instant, bool)>>,
}

impl Health {
    /// `healthy`: 100ms answered (an answer about the request's own mistake counts too).
    fn record(&self, healthy: bool) {
        *self.last.lock().unwrap_or_else(|p| p.into_inner()) = Some((Instant::now(), healthy));
    }

    fn recent(&self, window: Duration) -> Option<bool> {
        let last = *self.last.lock().unwrap_or_else(|p| p.into_inner());
        last.filter(|(at, _)| at.elapsed() <= window)
            .map(|(_, ok)| ok)
    }
}

impl HmsClient {
    pub fn new(config: HmsClientConfig<'_>) -> Result<Self, HmsError> {
        let http = reqwest::Client::builder()
            .user_agent(concat!(
                env!("CARGO_PKG_NAME"),
                "/",
                env!("CARGO_PKG_VERSION")
            ))
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout)
            .build()
            .map_err(HmsError::from_reqwest)?;
        Ok(Self {
            http,
            api_base: config.api_base,
            tokens: ManagementTokens::new(config.access_key, config.app_secret),
            retry_budget: config.retry_budget,
            metrics: config.metrics,
            health: Health::default(),
        })
    }

    /// `POST /rooms`: creates the room, or returns (and updates) the room of that name.
    pub async fn create_room(&self, room: &CreateRoom<'_>) -> Result<Room, HmsError> {
        let body = serde_json::to_value(room).map_err(HmsError::decode)?;
        self.call("create_room", Method::POST, &["rooms"], &[], Some(body))
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

    /// `POST /room-codes/room/{room_id}`: codes for every role of the room's template.
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

    /// Follows `start`/`last` until the last page. A page shorter than its own `limit`, an empty
    /// page or an empty `last` ends the walk, as in the official SDK's iterator.
    async fn list_all<T: DeserializeOwned>(
        &self,
        endpoint: &'static str,
        path: &[&str],
        filters: &[(&str, &str)],
    ) -> Result<Vec<T>, HmsError> {
        let limit = PAGE_LIMIT.to_string();
        let mut items = Vec::new();
        let mut start: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let mut query = filters.to_vec();
            query.push(("limit", &limit));
            if let Some(cursor) = &start {
                query.push(("start", cursor));
            }
            let page: Page<T> = self.call(endpoint, Method::GET, path, &query, None).await?;
            let count = page.data.len();
            items.extend(page.data);
            let page_limit = page.limit.unwrap_or(PAGE_LIMIT).max(1);
            match page.last.filter(|l| !l.is_empty()) {
                Some(last) if count >= page_limit && start.as_deref() != Some(&last) => {
                    start = Some(last)
                }
                _ => return Ok(items),
            }
        }
        Err(HmsError::decode("pagination did not end"))
    }

    /// One logical call: reads (GET) are retried on connect errors, 429 and 5xx with jittered
    /// exponential backoff, honouring `Retry-After`, within the retry budget. Writes are sent once:
    /// the resolver re-lists rather than repeat a create whose outcome is unknown.
    async fn call<T: DeserializeOwned>(
        &self,
        endpoint: &'static str,
        method: Method,
        path: &[&str],
        query: &[(&str, &str)],
        body: Option<serde_json::Value>,
    ) -> Result<T, HmsError> {
        let url = self.url(path);
        let started = Instant::now();
        let retryable = method == Method::GET;
        let mut attempt = 0;
        loop {
            let result = self
                .attempt(endpoint, &method, &url, query, body.as_ref())
                .await;
            let error = match result {
                Ok(value) => return Ok(value),
                Err(error) => error,
            };
            let Some(wait) = retryable
                .then(|| retry::delay(&error, attempt, started.elapsed(), self.retry_budget))
                .flatten()
            else {
                return Err(error);
            };
            tracing::debug!(endpoint, %error, ?wait, "retrying a read from 100ms");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// Sends the request with the shared token; on 401/403 mints a fresh one and tries once more.
    async fn attempt<T: DeserializeOwned>(
        &self,
        endpoint: &'static str,
        method: &Method,
        url: &Url,
        query: &[(&str, &str)],
        body: Option<&serde_json::Value>,
    ) -> Result<T, HmsError> {
        let mut refreshed = false;
        loop {
            let mints = self.tokens.mints();
            let token = self.tokens.bearer()?;
            if self.tokens.mints() != mints {
                self.metrics.token_minted();
            }
            let mut request = self
                .http
                .request(method.clone(), url.clone())
                .bearer_auth(&*token)
                .header(ACCEPT, HeaderValue::from_static("application/json"))
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            if !query.is_empty() {
                request = request.query(query);
            }
            if let Some(body) = body {
                request = request.json(body);
            }
            let started = Instant::now();
            let result = self.exchange(request, &token, &mut refreshed).await;
            let outcome = match &result {
                Ok(Some(_)) => "ok".to_owned(),
                Ok(None) => "auth_retry".to_owned(),
                Err(error) => error.kind_label(),
            };
            self.metrics.upstream(endpoint, &outcome, started.elapsed());
            self.health.record(
                matches!(result, Ok(Some(_)))
                    || result.as_ref().is_err_and(|e| {
                        !e.is_unavailable() && e.status().is_some_and(|s| s.is_client_error())
                    }),
            );
            match result {
                Ok(Some(value)) => return Ok(value),
                Ok(None) => continue,
                Err(error) => return Err(error),
            }
        }
    }

    /// One HTTP exchange; `Ok(None)` asks for a retry with a fresh token.
    async fn exchange<T: DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
        token: &Arc<str>,
        refreshed: &mut bool,
    ) -> Result<Option<T>, HmsError> {
        let response = request.send().await.map_err(HmsError::from_reqwest)?;
        let status = response.status();
        if status.is_success() {
            return response
                .json::<T>()
                .await
                .map(Some)
                .map_err(HmsError::from_reqwest);
        }
        let auth_refused = status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN;
        if auth_refused && !*refreshed {
            self.tokens.discard(token);
            *refreshed = true;
            return Ok(None);
        }
        Err(api_error(status, response).await)
    }

    /// Whether 100ms answered well recently: `None` when there was no call within `window`.
    pub fn recently_healthy(&self, window: Duration) -> Option<bool> {
        self.health.recent(window)
    }

    fn url(&self, path: &[&str]) -> Url {
        let mut url = self.api_base.clone();
        if let Ok(mut segments) = url.path_segments_mut() {
            segments.pop_if_empty().extend(path);
        }
        url
    }
}

async fn api_error(status: StatusCode, response: reqwest::Response) -> HmsError {
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok());
    let body: ErrorBody = response.json().await.unwrap_or_default();
    let details = match body.details {
        Some(serde_json::Value::Array(items)) => items
            .into_iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
            .collect(),
        Some(serde_json::Value::String(text)) => vec![text],
        _ => Vec::new(),
    };
    let message = body
        .message
        .unwrap_or_else(|| status.canonical_reason().unwrap_or("error").to_owned());
    HmsError::Api {
        status,
        problem: ApiProblem::classify(status, &message),
        message,
        details,
        retry_after,
    }
}
