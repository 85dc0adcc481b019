//! Per-client rate limits on what can reach 100ms and on the admin API.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU32, Ordering};

use actix_web::HttpRequest;
use actix_web::dev::ServiceRequest;
use actix_web::http::header::HeaderName;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::WebError;
use crate::settings::RateLimitSettings;

/// How many checks pass between sweeps of idle clients out of the limiter's memory.
const SWEEP_EVERY: u32 = 4096;

pub struct RateLimits {
    upstream: Option<Limiter>,
    admin: Option<Limiter>,
    client_ip_header: Option<HeaderName>,
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

    fn check(&self, client: IpAddr) -> Result<(), WebError> {
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.limiter.retain_recent();
        }
        self.limiter.check_key(&client).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            WebError::TooManyRequests {
                retry_after_secs: wait.as_secs() + 1,
            }
        })
    }
}

impl RateLimits {
    pub fn new(settings: &RateLimitSettings) -> Self {
        let header = settings.client_ip_header.trim();
        Self {
            upstream: Limiter::new(settings.upstream_per_minute, settings.upstream_burst),
            admin: Limiter::new(settings.admin_per_minute, settings.admin_burst),
            client_ip_header: (!header.is_empty())
                .then(|| HeaderName::try_from(header).ok())
                .flatten(),
        }
    }

    /// A request that may call 100ms (a cache miss, lookup or creation).
    pub fn check_upstream(&self, req: &HttpRequest) -> Result<(), WebError> {
        match &self.upstream {
            Some(limiter) => limiter.check(self.client(req.headers(), req.peer_addr())),
            None => Ok(()),
        }
    }

    /// An admin API call, before its token is checked.
    pub fn check_admin(&self, req: &ServiceRequest) -> Result<(), WebError> {
        match &self.admin {
            Some(limiter) => limiter.check(self.client(req.headers(), req.peer_addr())),
            None => Ok(()),
        }
    }

    /// The trusted proxy's header (its last entry: the address the proxy saw) or the peer.
    fn client(
        &self,
        headers: &actix_web::http::header::HeaderMap,
        peer: Option<std::net::SocketAddr>,
    ) -> IpAddr {
        let from_header = self.client_ip_header.as_ref().and_then(|name| {
            let value = headers.get(name)?.to_str().ok()?;
            value.rsplit(',').next()?.trim().parse().ok()
        });
        from_header
            .or(peer.map(|p| p.ip()))
            .unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }
}
