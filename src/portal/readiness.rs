//! Readiness (`/readyz`), answered from state: the store answers, and 100ms answered well in
//! the last minute, or a probe says so. Probes are the portal's own: at most one in flight and
//! at most one per interval, however many callers ask (a load balancer, 50 of them at once), they
//! spend no visitor's rate limit and never move the circuit breaker, so a readiness check can
//! neither draw 429s from 100ms nor shut it off for visitors.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

use super::UpstreamHealth;
use crate::resolver::Resolver;
use crate::store::Store;

/// A 100ms call this recent stands for its health, sparing a probe.
const RECENTLY_HEALTHY: Duration = Duration::from_secs(60);

pub(super) struct Readiness {
    resolver: Arc<Resolver>,
    store: Arc<Store>,
    /// The last probe's time and answer; held while a probe runs, so callers meanwhile wait for
    /// its answer instead of probing again.
    last_probe: Mutex<Option<(Instant, UpstreamHealth)>>,
    /// How long a probe's answer stands for every caller (`hms.readiness_probe_interval_secs`).
    interval: Duration,
}

impl Readiness {
    pub fn new(resolver: Arc<Resolver>, store: Arc<Store>, interval: Duration) -> Self {
        Self {
            resolver,
            store,
            last_probe: Mutex::new(None),
            interval,
        }
    }

    /// Healthy when 100ms answered well within the last minute, or a probe (at most one per
    /// interval) says so; degraded while it fails but cached pages are served.
    pub async fn check(&self) -> UpstreamHealth {
        if let Err(error) = self.store.ping().await {
            tracing::warn!(error = ?error, "readiness: the store does not answer");
            return UpstreamHealth::Down("the store does not answer".into());
        }
        if let Some(known) = self.resolver.upstream_health_known(RECENTLY_HEALTHY).await {
            return known;
        }
        let arrived = Instant::now();
        let mut last = self.last_probe.lock().await;
        // A probe that ended after this caller arrived, or within the interval, answers it.
        if let Some((at, health)) = last.as_ref()
            && (*at >= arrived || at.elapsed() < self.interval)
        {
            return health.clone();
        }
        let health = self.resolver.probe_upstream().await;
        *last = Some((Instant::now(), health.clone()));
        health
    }
}
