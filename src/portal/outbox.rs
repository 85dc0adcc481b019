//! Events out to the operator's own systems (`webhooks.url`): `invitation.used`, `lobby.knock`,
//! `peer.joined`, `peer.left`, `event.ended`. Each is written to an outbox in the store (never
//! slowing a page: in the background), then posted by one replica at a time (a lease), signed
//! the way Stripe-style webhooks are, and retried with backoff until the receiver answers 2xx.
//!
//! Signature: `Portal-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`;
//! each event has an `id` (also in `Portal-Webhook-Id`) for receivers to drop repeats.

use std::sync::Arc;
use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};
use sha2::Sha256;

use super::PortalError;
use super::rooms::rfc3339;
use crate::domain::clock::unix_now;
use crate::settings::WebhookSettings;
use crate::store::{OutboxRecord, Store};

const LEASE: &str = "webhooks.send";
/// Waits after each failed attempt; after the last, the event is given up (kept for the
/// retention time with its last error).
const BACKOFF_SECS: [i64; 8] = [1, 5, 30, 120, 600, 1800, 3600, 6 * 3600];

pub struct Outbox {
    store: Arc<Store>,
    url: Option<String>,
    secret: Option<SecretString>,
    /// Made only when there is somewhere to send (a client holds a pool and TLS settings).
    http: Option<reqwest::Client>,
    replica: String,
    wake: tokio::sync::Notify,
}

impl Outbox {
    pub(super) fn new(store: Arc<Store>, settings: &WebhookSettings) -> Arc<Self> {
        Arc::new(Self {
            store,
            url: settings.url.as_ref().map(|u| u.0.to_string()),
            secret: settings.secret.clone(),
            http: settings.url.as_ref().map(|_| {
                reqwest::Client::builder()
                    .timeout(Duration::from_secs(10))
                    .build()
                    .unwrap_or_default()
            }),
            replica: uuid::Uuid::new_v4().to_string(),
            wake: tokio::sync::Notify::new(),
        })
    }

    /// Puts an event in the outbox, in the background; nothing when no `webhooks.url` is set.
    pub fn emit(self: &Arc<Self>, kind: &'static str, data: Value) {
        if self.url.is_none() {
            return;
        }
        let me = self.clone();
        tokio::spawn(async move {
            let id = uuid::Uuid::new_v4().to_string();
            let body = json!({
                "id": id, "type": kind, "created_at": rfc3339(unix_now()), "data": data,
            })
            .to_string();
            match me.store.enqueue(&id, kind, &body, now_ms()).await {
                Ok(()) => me.wake.notify_one(),
                Err(error) => {
                    tracing::warn!(error = ?error, kind, "could not keep an outgoing event")
                }
            }
        });
    }

    /// Starts delivering (on a serving portal with `webhooks.url`).
    pub fn deliver_now_and_then(self: &Arc<Self>) {
        if self.url.is_none() {
            return;
        }
        let me = Arc::downgrade(self);
        tokio::spawn(async move {
            loop {
                let Some(outbox) = me.upgrade() else {
                    return;
                };
                if let Err(error) = outbox.deliver_due().await {
                    tracing::debug!(error = ?error, "could not deliver outgoing events");
                }
                let wait = outbox.wake.notified();
                tokio::select! {
                    () = wait => {}
                    () = tokio::time::sleep(Duration::from_secs(1)) => {}
                }
            }
        });
    }

    async fn deliver_due(&self) -> Result<(), PortalError> {
        let now = now_ms();
        if !self
            .store
            .take_lease(LEASE, &self.replica, now, now + 30_000)
            .await?
        {
            return Ok(());
        }
        for event in self.store.due_outbox(now, 50).await? {
            let outcome = self.post(&event).await;
            let next = outcome.as_ref().err().map(|_| {
                let attempt = usize::try_from(event.attempts).unwrap_or(usize::MAX);
                let wait = BACKOFF_SECS
                    .get(attempt)
                    .copied()
                    .unwrap_or(i64::MAX / 4_000);
                now_ms().saturating_add(wait * 1000)
            });
            let error = outcome.err();
            self.store
                .attempted(&event.id, now_ms(), next, error.as_deref())
                .await?;
        }
        Ok(())
    }

    async fn post(&self, event: &OutboxRecord) -> Result<(), String> {
        let (Some(url), Some(http)) = (&self.url, &self.http) else {
            return Ok(());
        };
        let timestamp = unix_now().to_string();
        let mut request = http
            .post(url)
            .header("content-type", "application/json")
            .header("portal-webhook-id", &event.id)
            .header("portal-webhook-type", &event.kind);
        if let Some(signed) = self
            .secret
            .as_ref()
            .and_then(|secret| signature(secret, &timestamp, &event.body))
        {
            request = request.header("portal-signature", signed);
        }
        match request.body(event.body.clone()).send().await {
            Ok(answer) if answer.status().is_success() => Ok(()),
            Ok(answer) => Err(format!("the receiver answered {}", answer.status())),
            Err(error) => Err(format!("the receiver could not be reached: {error}")),
        }
    }
}

/// `t=<timestamp>,v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`.
pub fn signature(secret: &SecretString, timestamp: &str, body: &str) -> Option<String> {
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(secret.expose_secret().as_bytes()).ok()?;
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Some(format!("t={timestamp},v1={hex}"))
}

fn now_ms() -> i64 {
    i64::try_from(unix_now()).unwrap_or(i64::MAX / 1000) * 1000
}
