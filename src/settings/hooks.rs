//! The settings of rate limits (`[rate_limit]`), and of who came and who is told (webhooks
//! from 100ms, `[attendance]`, `[webhooks]`).

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, de};

use super::values::{HttpUrl, optional, optional_secret, optional_text, secs};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimitSettings {
    /// Requests per minute per client that may reach 100ms; 0 turns the limit off.
    pub upstream_per_minute: u32,
    pub upstream_burst: u32,
    /// Admin API calls per minute per client, failed ones included; 0 turns the limit off.
    pub admin_per_minute: u32,
    pub admin_burst: u32,
    /// Knocks on lobbies per minute per client.
    pub knock_per_minute: u32,
    pub knock_burst: u32,
    /// Knocks on one room's lobby per minute, whoever knocks.
    pub room_knock_per_minute: u32,
    pub room_knock_burst: u32,
    /// Console sign-in attempts per minute per client (token forms and sign-ins).
    pub console_sign_in_per_minute: u32,
    pub console_sign_in_burst: u32,
    /// Reports of blocked pages (CSP) per minute per client; 0 turns the limit off.
    pub reports_per_minute: u32,
    pub reports_burst: u32,
    /// Header holding the client address, set by a trusted reverse proxy; `None`: the peer.
    #[serde(deserialize_with = "optional_text")]
    pub client_ip_header: Option<String>,
    /// How many proxies of the operator's append to that header: the entry that many from the
    /// end (all lines of the header read in order) is the client.
    pub trusted_hops: u8,
    /// IPv6 clients are counted per network of this prefix length (one /64 is one client).
    pub ipv6_prefix: u8,
    /// 100ms's webhook calls per minute per sending address (100ms sends from a few dozen).
    pub webhook_per_minute: u32,
    pub webhook_burst: u32,
}

/// What the portal keeps of who came, and for how long.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttendanceSettings {
    /// Attendance and raw webhook events older than this are purged.
    #[serde(rename = "retention_secs", deserialize_with = "secs")]
    pub retention: Duration,
    /// How often sessions with people still present are checked against 100ms's Sessions API.
    #[serde(rename = "reconcile_every_secs", deserialize_with = "secs")]
    pub reconcile_every: Duration,
}

/// The operator's own systems, told what happened (signed, retried from an outbox).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookSettings {
    /// Where events are posted; none: nothing is sent.
    #[serde(deserialize_with = "optional")]
    pub url: Option<HttpUrl>,
    /// Signs each event (HMAC-SHA256). Only from the environment.
    #[serde(deserialize_with = "optional_secret")]
    pub secret: Option<SecretString>,
}

/// An address block (`34.100.213.146/32`, `10.0.0.0/8`, `::1/128`; a bare address is /32 or
/// /128).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: std::net::IpAddr,
    prefix: u8,
}

impl Cidr {
    pub fn contains(&self, address: std::net::IpAddr) -> bool {
        use std::net::IpAddr::{V4, V6};
        match (self.network, address) {
            (V4(net), V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (V6(net), V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            (V6(net), V4(ip)) => Self {
                network: V6(net),
                prefix: self.prefix,
            }
            .contains(V6(ip.to_ipv6_mapped())),
            (V4(_), V6(ip)) => ip.to_ipv4_mapped().is_some_and(|v4| self.contains(V4(v4))),
        }
    }
}

impl std::str::FromStr for Cidr {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || format!("{text:?} is not an address or block such as 34.100.213.146/32");
        let (address, prefix) = text.trim().split_once('/').unwrap_or((text.trim(), ""));
        let network: std::net::IpAddr = address.parse().map_err(|_| bad())?;
        let most = if network.is_ipv4() { 32 } else { 128 };
        let prefix = if prefix.is_empty() {
            most
        } else {
            prefix.parse().map_err(|_| bad())?
        };
        if prefix > most {
            return Err(bad());
        }
        Ok(Self { network, prefix })
    }
}

/// One secret, or two comma-separated while rotating; empty: none.
pub(super) fn secrets<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<SecretString>, D::Error> {
    let text = optional_text(deserializer)?.unwrap_or_default();
    let secrets: Vec<SecretString> = text
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| SecretString::from(s.to_owned()))
        .collect();
    if secrets.len() > 2 {
        return Err(de::Error::custom(
            "at most two secrets (the new one, and the old one while rotating)",
        ));
    }
    if secrets.iter().any(|s| s.expose_secret().len() < 16) {
        return Err(de::Error::custom(
            "a webhook secret must have at least 16 characters",
        ));
    }
    Ok(secrets)
}
