//! Per-client rate limits on what can reach 100ms and on the admin API. Clients are keyed by
//! address; the web layer says which address a request comes from.

use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU32, Ordering};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::PortalError;
use crate::domain::RoomName;
use crate::settings::RateLimitSettings;

/// How many checks pass between sweeps of idle clients out of the limiter's memory.
const SWEEP_EVERY: u32 = 4096;

pub struct RateLimits {
    upstream: Option<Limiter>,
    admin: Option<Limiter>,
    reports: Option<Limiter>,
    console: Option<Limiter>,
    knocks: Option<Limiter>,
    /// Knocks per room, whoever knocks (a crowd of addresses cannot flood one lobby).
    room_knocks: Option<Limiter<RoomName>>,
    /// 100ms's webhook calls, per sending address.
    webhooks: Option<Limiter>,
    ipv6_prefix: u8,
}

struct Limiter<K: std::hash::Hash + Eq + Clone = IpAddr> {
    limiter: DefaultKeyedRateLimiter<K>,
    checks: AtomicU32,
}

impl<K: std::hash::Hash + Eq + Clone> Limiter<K> {
    fn new(per_minute: u32, burst: u32) -> Option<Self> {
        let per_minute = NonZeroU32::new(per_minute)?;
        let burst = NonZeroU32::new(burst).unwrap_or(per_minute);
        Some(Self {
            limiter: RateLimiter::keyed(Quota::per_minute(per_minute).allow_burst(burst)),
            checks: AtomicU32::new(0),
        })
    }

    fn check(&self, client: K) -> Result<(), PortalError> {
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
            reports: Limiter::new(settings.reports_per_minute, settings.reports_burst),
            knocks: Limiter::new(settings.knock_per_minute, settings.knock_burst),
            room_knocks: Limiter::new(settings.room_knock_per_minute, settings.room_knock_burst),
            console: Limiter::new(
                settings.console_sign_in_per_minute,
                settings.console_sign_in_burst,
            ),
            webhooks: Limiter::new(settings.webhook_per_minute, settings.webhook_burst),
            ipv6_prefix: settings.ipv6_prefix,
        }
    }

    /// Who counts as one client: an IPv4 address, or an IPv6 network of `ipv6_prefix` bits (an
    /// IPv4 address written as IPv6 is that IPv4 address).
    fn client_key(&self, client: IpAddr) -> IpAddr {
        match client {
            IpAddr::V4(_) => client,
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => IpAddr::V4(v4),
                None => {
                    let bits = u32::from(self.ipv6_prefix.clamp(1, 128));
                    let mask = u128::MAX << (128 - bits);
                    IpAddr::V6(Ipv6Addr::from(u128::from(v6) & mask))
                }
            },
        }
    }

    /// A request that may call 100ms (a cache miss, lookup or creation).
    pub fn check_upstream(&self, client: IpAddr) -> Result<(), PortalError> {
        self.upstream
            .as_ref()
            .map_or(Ok(()), |l| l.check(self.client_key(client)))
    }

    /// A webhook call from 100ms (a budget of its own).
    pub fn check_webhook(&self, source: IpAddr) -> Result<(), PortalError> {
        self.webhooks
            .as_ref()
            .map_or(Ok(()), |l| l.check(self.client_key(source)))
    }

    /// A report a browser sends about a blocked page.
    pub fn check_report(&self, client: IpAddr) -> Result<(), PortalError> {
        self.reports
            .as_ref()
            .map_or(Ok(()), |l| l.check(self.client_key(client)))
    }

    /// A knock on a room's lobby: counted for the client and for the room.
    pub fn check_knock(&self, client: IpAddr, room: &RoomName) -> Result<(), PortalError> {
        self.knocks
            .as_ref()
            .map_or(Ok(()), |l| l.check(self.client_key(client)))?;
        self.room_knocks
            .as_ref()
            .map_or(Ok(()), |l| l.check(room.clone()))
    }

    /// A console sign-in attempt, before it is judged.
    pub fn check_console_sign_in(&self, client: IpAddr) -> Result<(), PortalError> {
        self.console
            .as_ref()
            .map_or(Ok(()), |l| l.check(self.client_key(client)))
    }

    /// An admin API call, before its token is checked.
    pub fn check_admin(&self, client: IpAddr) -> Result<(), PortalError> {
        self.admin
            .as_ref()
            .map_or(Ok(()), |l| l.check(self.client_key(client)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    #[test]
    fn an_ipv6_network_is_one_client_and_ipv4_addresses_are_their_own() {
        let settings = Settings::defaults().unwrap();
        let limits = RateLimits::new(&settings.rate_limit);
        let key = |ip: &str| limits.client_key(ip.parse().unwrap()).to_string();
        assert_eq!(key("2001:db8:1:2:aaaa::1"), key("2001:db8:1:2:bbbb::9"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::ffff:203.0.113.7"), "203.0.113.7");
        assert_ne!(key("203.0.113.7"), key("203.0.113.8"));
    }
}
