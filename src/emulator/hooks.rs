//! The emulator sends webhooks like 100ms (hms-live §1.2): each event POSTed as JSON to the
//! configured address with the configured headers, retried 1 s, 3 s and 10 s after a failed
//! attempt (anything but exactly 200); and peers whose meeting page stopped asking for news
//! leave ("websocket closed"), as 100ms's closed connections do.

use std::sync::Arc;
use std::time::Duration;

use super::Emulator;

/// Where the emulator sends its webhooks.
#[derive(Debug, Clone)]
pub struct WebhookTarget {
    pub url: String,
    /// The secret header 100ms's dashboard would add (name, value).
    pub headers: Vec<(String, String)>,
}

/// 100ms's retry timing: the waits before the 2nd, 3rd and 4th attempt.
const RETRY_WAITS: [Duration; 3] = [
    Duration::from_secs(1),
    Duration::from_secs(3),
    Duration::from_secs(10),
];

impl Emulator {
    /// Sends webhooks to `target` from now on (`None`: none are sent).
    pub fn set_webhook(&self, target: Option<WebhookTarget>) {
        *super::lock(&self.inner.webhook) = target.map(Arc::new);
    }

    /// Peers whose page has not asked for news this long leave.
    pub fn set_peer_timeout(&self, timeout: Duration) {
        *super::lock(&self.inner.peer_timeout) = timeout;
    }

    /// Sends the events queued by what just happened (in the background, with retries).
    pub(super) fn send_hooks(&self) {
        let events = std::mem::take(&mut self.account().live_mut().history.outbox);
        let Some(target) = super::lock(&self.inner.webhook).clone() else {
            return;
        };
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        for event in events {
            let (target, client) = (target.clone(), self.inner.http.clone());
            runtime.spawn(async move {
                for wait in std::iter::once(Duration::ZERO).chain(RETRY_WAITS) {
                    tokio::time::sleep(wait).await;
                    let mut request = client.post(&target.url).json(&event);
                    for (name, value) in &target.headers {
                        request = request.header(name, value);
                    }
                    let answered = request.send().await;
                    if answered.is_ok_and(|r| r.status().as_u16() == 200) {
                        return;
                    }
                }
            });
        }
    }

    /// Every second: peers whose page went quiet leave, and their events are sent.
    pub(super) fn time_out_peers_now_and_then(&self) {
        let me = Arc::downgrade(&self.inner);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(1));
            loop {
                every.tick().await;
                let Some(inner) = me.upgrade() else {
                    return;
                };
                let emulator = Emulator { inner };
                let timeout = *super::lock(&emulator.inner.peer_timeout);
                emulator.account().live_mut().time_out(timeout);
                emulator.send_hooks();
            }
        });
    }
}
