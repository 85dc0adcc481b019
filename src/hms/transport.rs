//! How one call travels: the shared token, retries of reads within the budget, a fresh token
//! after a 401/403, pagination, and 100ms's error bodies read into [`HmsError`].

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use url::Url;

use super::breaker::Admission;
use super::error::ApiProblem;
use super::model::{ErrorBody, Page};
use super::{HmsClient, HmsError, retry};

/// Largest page the list endpoints allow.
const PAGE_LIMIT: usize = 100;
/// A room holds at most 100 codes, so a handful of pages is always enough; more means a loop.
const MAX_PAGES: usize = 20;

/// The outcome of the latest call, for readiness checks.
#[derive(Default)]
pub(super) struct Health {
    last: Mutex<Option<(Instant, bool)>>,
}

impl Health {
    /// `healthy`: 100ms answered (an answer about the request's own mistake counts too).
    pub(super) fn record(&self, healthy: bool) {
        *self.last.lock().unwrap_or_else(|p| p.into_inner()) = Some((Instant::now(), healthy));
    }

    pub(super) fn recent(&self, window: Duration) -> Option<bool> {
        let last = *self.last.lock().unwrap_or_else(|p| p.into_inner());
        last.filter(|(at, _)| at.elapsed() <= window)
            .map(|(_, ok)| ok)
    }
}

impl HmsClient {
    /// Follows `start`/`last` until the last page. A page shorter than its own `limit`, an empty
    /// page or an empty `last` ends the walk, as in the official SDK's iterator.
    pub(super) async fn list_all<T: DeserializeOwned>(
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
    pub(super) async fn call<T: DeserializeOwned>(
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
            if let Admission::Refused { retry_in } = self.breaker.admit() {
                self.metrics
                    .upstream(endpoint, "circuit_open", Duration::ZERO);
                return Err(HmsError::CircuitOpen { retry_in });
            }
            let result = self
                .attempt(endpoint, &method, &url, query, body.as_ref())
                .await;
            let error = match result {
                Ok(value) => {
                    self.breaker.succeeded();
                    return Ok(value);
                }
                Err(error) => error,
            };
            if error.trips_breaker() {
                self.breaker.failed();
            } else {
                self.breaker.succeeded();
            }
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

    /// A call the portal makes on its own account, not a visitor's: sent once, not while the
    /// circuit is open, and never moving it, so a failing background check cannot close 100ms
    /// to visitors.
    pub(super) async fn background<T: DeserializeOwned>(
        &self,
        endpoint: &'static str,
        method: Method,
        path: &[&str],
        body: Option<serde_json::Value>,
    ) -> Result<T, HmsError> {
        if self.breaker.is_open() {
            self.metrics
                .upstream(endpoint, "circuit_open", Duration::ZERO);
            return Err(HmsError::CircuitOpen {
                retry_in: Duration::ZERO,
            });
        }
        let url = self.url(path);
        self.attempt(endpoint, &method, &url, &[], body.as_ref())
            .await
    }

    /// Sends the request with the shared token; on 401/403 mints a fresh one and tries once more.
    pub(super) async fn attempt<T: DeserializeOwned>(
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
                .current()
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
            let refused_credentials = result.as_ref().is_err_and(HmsError::refuses_credentials);
            if refused_credentials {
                self.metrics.upstream_auth_refused();
                tracing::warn!(
                    endpoint,
                    "100ms refused the credentials even with a fresh token: check hms.access_key and hms.app_secret"
                );
            }
            // 100ms answering about the request's own mistake counts as healthy; refusing the
            // credentials, being away or overloaded does not.
            self.health.record(
                matches!(result, Ok(Some(_)))
                    || result.as_ref().is_err_and(|e| {
                        !refused_credentials
                            && !e.is_unavailable()
                            && e.status().is_some_and(|s| s.is_client_error())
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
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok());
        let body = response.bytes().await.map_err(HmsError::from_reqwest)?;
        if status.is_success() {
            return serde_json::from_slice::<T>(&body)
                .map(Some)
                .map_err(HmsError::decode);
        }
        let auth_refused = status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN;
        if auth_refused && !*refreshed {
            self.tokens.discard(token);
            *refreshed = true;
            return Ok(None);
        }
        Err(api_error(status, retry_after, &body))
    }

    pub(super) fn url(&self, path: &[&str]) -> Url {
        let mut url = self.api_base.clone();
        if let Ok(mut segments) = url.path_segments_mut() {
            segments.pop_if_empty().extend(path);
        }
        url
    }
}

fn api_error(status: StatusCode, retry_after: Option<u64>, body: &[u8]) -> HmsError {
    let body: ErrorBody = serde_json::from_slice(body).unwrap_or_default();
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
