//! Per-client rate limits on what can reach 100ms and on the admin API. Clients are keyed by
//! address; the web layer says which address a request comes from.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU32, Ordering};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::PortalError;
use crate::settings::RateLimitSettings;

/// How many checks pass between sweeps of idle clients out of the limiter's memory.
const SWEEP_EVERY: u32 = 4096;

pub struct RateLimits {
    upstream: Option<Limiter>,
    admin: Option<Limiter>,
}

struct Limiter {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
    checks: AtomicU32,
}

impl Limiter {
    fn new(per_minute: u32, burst: u32) -> Option<Self> {
        let per_minute = NonZeroU32::new(per_minute)?;
        let burst = NonZeroU32::new(burst).unwrap_or(per_minute);
        Some(Self {
            limiter: RateLimiter::keyed(Quota::per_minute(per_minute).allow_burst(burst)),
            checks: AtomicU32::new(0),
        })
    }

    fn check(&self, client: IpAddr) -> Result<(), PortalError> {
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.limiter.retain_recent();
        }
        self.limiter.check_key(&client).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            PortalError::TooManyRequests {
                retry_after_secs: wait.as_secs() + 1,
            }
        })
    }
}

impl RateLimits {
    pub fn new(settings: &RateLimitSettings) -> Self {
        Self {
            upstream: Limiter::new(settings.upstream_per_minute, settings.upstream_burst),
            admin: Limiter::new(settings.admin_per_minute, settings.admin_burst),
        }
    }

    /// A request that may call 100ms (a cache miss, lookup or creation).
    pub fn check_upstream(&self, client: IpAddr) -> Result<(), PortalError> {
        self.upstream.as_ref().map_or(Ok(()), |l| l.check(client))
    }

    /// An admin API call, before its token is checked.
    pub fn check_admin(&self, client: IpAddr) -> Result<(), PortalError> {
        self.admin.as_ref().map_or(Ok(()), |l| l.check(client))
    }
}
