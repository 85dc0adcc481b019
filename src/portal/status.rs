//! What the console's status page shows of the portal: 100ms, the circuit breaker, the code
//! cache, the store, replicas and the version.

use super::Portal;
use crate::resolver::UpstreamHealth;

/// The portal's state, as an operator reads it.
#[derive(Debug, Clone)]
pub struct PortalStatus {
    pub upstream: UpstreamHealth,
    /// 100ms kept failing and is not being called for now.
    pub circuit_open: bool,
    /// Codes held in the cache.
    pub cached_codes: u64,
    /// Code lookups since start, answered from memory or not.
    pub cache_hits: u64,
    pub cache_lookups: u64,
    /// The store answers.
    pub store_ok: bool,
    /// PostgreSQL, shared by replicas; else a SQLite file of one replica.
    pub store_shared: bool,
    pub version: &'static str,
}

impl PortalStatus {
    /// The share of lookups answered from memory, in per cent.
    pub fn hit_rate(&self) -> Option<f64> {
        (self.cache_lookups > 0).then(|| self.cache_hits as f64 * 100.0 / self.cache_lookups as f64)
    }
}

impl Portal {
    pub async fn status(&self) -> PortalStatus {
        let (hits, lookups) = self.metrics.cache_hits_and_lookups();
        PortalStatus {
            upstream: self.readiness.check().await,
            circuit_open: self.resolver.circuit_open(),
            cached_codes: self.resolver.cached_codes().await,
            cache_hits: hits,
            cache_lookups: lookups,
            store_ok: self.store.ping().await.is_ok(),
            store_shared: self.store.is_shared(),
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}
