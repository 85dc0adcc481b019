//! Checks that span keys or need more than a value's type: what live mode requires, limits
//! that must not be zero, the branding. Values themselves were parsed while loading.

use std::time::Duration;

use secrecy::ExposeSecret;

use super::{Settings, SettingsError};

impl Settings {
    /// Run after loading, and again by `Application::build` (tests change settings in code).
    pub fn validate(&self) -> Result<(), SettingsError> {
        if self.server.host.trim().is_empty() {
            return Err(SettingsError::new("server.host", "cannot be empty"));
        }
        if self.server.public_url.is_none() && !is_loopback(&self.server.host) {
            // Links, invitations and QR codes would point at this machine's loopback address.
            return Err(SettingsError::new(
                "server.public_url",
                format!(
                    "is required when server.host ({}) is not a loopback address: set \
                     PORTAL__SERVER__PUBLIC_URL to the address people open, e.g. \
                     https://meet.example.com",
                    self.server.host.trim()
                ),
            ));
        }
        if self.webhooks.url.is_some() && self.webhooks.secret.is_none() {
            return Err(SettingsError::new(
                "webhooks.secret",
                "is needed with webhooks.url (it signs each event): set PORTAL__WEBHOOKS__SECRET",
            ));
        }
        if self.hms.register_room_webhooks && self.hms.webhook_secret.is_empty() {
            return Err(SettingsError::new(
                "hms.register_room_webhooks",
                "needs hms.webhook_secret (the header 100ms sends with each call)",
            ));
        }
        if self.hms.webhook_header.trim().is_empty()
            || header_name_invalid(&self.hms.webhook_header)
        {
            return Err(SettingsError::new(
                "hms.webhook_header",
                "must be an HTTP header name, e.g. x-webhook-secret",
            ));
        }
        let positive: [(&str, Duration); 12] = [
            ("attendance.retention_secs", self.attendance.retention),
            (
                "attendance.reconcile_every_secs",
                self.attendance.reconcile_every,
            ),
            ("admin.session_idle_secs", self.admin.session_idle),
            ("admin.session_max_secs", self.admin.session_max),
            ("store.acquire_timeout_ms", self.store.acquire_timeout),
            ("store.poll_interval_ms", self.store.poll_interval),
            ("access.token_ttl_secs", self.access.token_ttl),
            ("hms.timeout_ms", self.hms.timeout),
            ("hms.connect_timeout_ms", self.hms.connect_timeout),
            ("cache.ttl_secs", self.cache.ttl),
            ("hms.deadline_ms", self.hms.deadline),
            ("access.max_link_ttl_secs", self.access.max_link_ttl),
        ];
        for (key, value) in positive {
            if value.is_zero() {
                return Err(SettingsError::new(key, "must be at least 1"));
            }
        }
        for (key, value, most) in self.bounded_durations() {
            if value > most {
                return Err(SettingsError::new(
                    key,
                    format!("can be at most {}", humantime::format_duration(most)),
                ));
            }
        }
        if self.admin.session_idle > self.admin.session_max {
            return Err(SettingsError::new(
                "admin.session_idle_secs",
                "cannot be longer than admin.session_max_secs",
            ));
        }
        if self.access.oidc.admin.is_some() && self.access.oidc.issuer.is_none() {
            return Err(SettingsError::new(
                "access.oidc.admin",
                "needs access.oidc.issuer: console access by claim comes from signing in",
            ));
        }
        if self.store.max_connections == 0 {
            return Err(SettingsError::new(
                "store.max_connections",
                "must be at least 1",
            ));
        }
        if self.cache.max_entries == 0 {
            return Err(SettingsError::new(
                "cache.max_entries",
                "must be at least 1",
            ));
        }
        if self.emulator.enabled {
            self.validate_emulator()?;
        } else {
            self.validate_live()?;
        }
        super::access_checks::check(self)?;
        for (alias, room) in &self.rooms.aliases {
            let room_id = room.room_id.as_deref().unwrap_or("");
            if !room_id.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(SettingsError::new(
                    format!("rooms.aliases.{alias}.room_id"),
                    "must be a 100ms room id",
                ));
            }
        }
        if !(1..=100).contains(&self.cache.refresh_ahead_percent) {
            return Err(SettingsError::new(
                "cache.refresh_ahead_percent",
                "must be 1 to 100",
            ));
        }
        if self.cache.refresh_concurrency == 0 {
            return Err(SettingsError::new(
                "cache.refresh_concurrency",
                "must be at least 1",
            ));
        }
        if self.hms.breaker_failures == 0 {
            return Err(SettingsError::new(
                "hms.breaker_failures",
                "must be at least 1",
            ));
        }
        if self.rate_limit.trusted_hops == 0 {
            return Err(SettingsError::new(
                "rate_limit.trusted_hops",
                "must be at least 1",
            ));
        }
        if !(1..=128).contains(&self.rate_limit.ipv6_prefix) {
            return Err(SettingsError::new(
                "rate_limit.ipv6_prefix",
                "must be 1 to 128",
            ));
        }
        let title = self.ui.title.trim();
        if title.is_empty() || title.chars().count() > 80 || title.chars().any(char::is_control) {
            return Err(SettingsError::new(
                "ui.title",
                "needs 1 to 80 printable characters",
            ));
        }
        Ok(())
    }

    /// Durations with a sane maximum, so no sum or date made from them can overflow.
    fn bounded_durations(&self) -> [(&'static str, Duration, Duration); 15] {
        const MINUTE: Duration = Duration::from_secs(60);
        const DAY: Duration = Duration::from_secs(86_400);
        [
            ("hms.timeout_ms", self.hms.timeout, 10 * MINUTE),
            (
                "store.acquire_timeout_ms",
                self.store.acquire_timeout,
                MINUTE,
            ),
            ("store.poll_interval_ms", self.store.poll_interval, MINUTE),
            (
                "hms.connect_timeout_ms",
                self.hms.connect_timeout,
                10 * MINUTE,
            ),
            ("hms.deadline_ms", self.hms.deadline, 10 * MINUTE),
            (
                "server.shutdown_timeout_secs",
                self.server.shutdown_timeout,
                60 * MINUTE,
            ),
            ("cache.ttl_secs", self.cache.ttl, 30 * DAY),
            (
                "cache.stale_if_error_secs",
                self.cache.stale_if_error,
                30 * DAY,
            ),
            ("cache.negative_ttl_secs", self.cache.negative_ttl, DAY),
            (
                "hms.breaker_cooldown_secs",
                self.hms.breaker_cooldown,
                60 * MINUTE,
            ),
            (
                "access.max_link_ttl_secs",
                self.access.max_link_ttl,
                3650 * DAY,
            ),
            ("access.token_ttl_secs", self.access.token_ttl, 7 * DAY),
            ("admin.session_idle_secs", self.admin.session_idle, DAY),
            ("admin.session_max_secs", self.admin.session_max, 7 * DAY),
            (
                "access.name_check_interval_secs",
                self.access.name_check_interval,
                60 * MINUTE,
            ),
        ]
    }

    /// The emulator is a development tool: loopback only unless the operator says otherwise.
    pub fn validate_emulator(&self) -> Result<(), SettingsError> {
        if self.emulator.roles.is_empty() {
            return Err(SettingsError::new(
                "emulator.roles",
                "needs at least one role",
            ));
        }
        let key_given = !self.hms.access_key.is_empty();
        let secret_given = !self.hms.app_secret.expose_secret().is_empty();
        if key_given != secret_given {
            return Err(SettingsError::new(
                if key_given {
                    "hms.app_secret"
                } else {
                    "hms.access_key"
                },
                "hms.access_key and hms.app_secret go together: set both, or neither (the emulator then makes a random pair)",
            ));
        }
        if !self.emulator.allow_remote && !is_loopback(&self.emulator.host) {
            return Err(SettingsError::new(
                "emulator.host",
                "must be a loopback address (127.0.0.1, ::1, localhost) unless emulator.allow_remote = true",
            ));
        }
        Ok(())
    }

    fn validate_live(&self) -> Result<(), SettingsError> {
        let required = "is required when emulator.enabled = false";
        if self.hms.access_key.trim().is_empty() {
            return Err(SettingsError::new("hms.access_key", required));
        }
        if self.hms.app_secret.expose_secret().is_empty() {
            return Err(SettingsError::new(
                "hms.app_secret",
                format!("{required} (set PORTAL__HMS__APP_SECRET)"),
            ));
        }
        if self.hms.prebuilt_base.is_none() {
            return Err(SettingsError::new("hms.prebuilt_base", required));
        }
        if self.security.cookie_keys.is_empty() {
            return Err(SettingsError::new(
                "security.cookie_keys",
                format!(
                    "{required}: what browsers keep (sign-in, invitation passes) is sealed with a \
                     key of its own; set PORTAL__SECURITY__COOKIE_KEYS (e.g. openssl rand -hex 32), \
                     the same on every replica"
                ),
            ));
        }
        Ok(())
    }
}

/// A host name or address that only this machine reaches.
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim().trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Whether `name` cannot be an HTTP header name (token characters only, RFC 9110).
fn header_name_invalid(name: &str) -> bool {
    !name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}
