//! The settings of what is around the meeting: the operator's console (`[admin]`), rooms'
//! lobbies (`[lobby]`, and a room's own `lobby`) and events (`[events]`).

use std::time::Duration;

use secrecy::SecretString;
use serde::Deserialize;

use super::values::{list_or_csv, optional_secret, secs};
use crate::domain::RoleName;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdminSettings {
    /// Bearer token of the admin API; `None` turns the API off (404).
    #[serde(deserialize_with = "optional_secret")]
    pub token: Option<SecretString>,
    /// The operator's console at `/admin` (when there is a way in: the token or the
    /// `access.oidc.admin` claim).
    pub console: bool,
    /// A console session ends after this long without a page…
    #[serde(rename = "session_idle_secs", deserialize_with = "secs")]
    pub session_idle: Duration,
    /// …and this long after sign-in, whatever happens.
    #[serde(rename = "session_max_secs", deserialize_with = "secs")]
    pub session_max: Duration,
}

/// A room's door with a host behind it.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RoomLobby {
    /// Roles whose visitors ask to join and wait.
    #[serde(deserialize_with = "list_or_csv")]
    pub roles: Vec<RoleName>,
    /// Roles whose people admit or turn them away (never public).
    #[serde(deserialize_with = "list_or_csv")]
    pub admitted_by: Vec<RoleName>,
}

/// Limits of every room's lobby.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LobbySettings {
    /// Tickets waiting in one room at most; beyond, knocking answers 503 with Retry-After.
    pub max_waiting: u32,
    /// The longest anyone waits before their ticket lapses.
    #[serde(rename = "max_wait_secs", deserialize_with = "secs")]
    pub max_wait: Duration,
    /// A ticket lapses when its waiting page has been gone this long.
    #[serde(rename = "lapse_secs", deserialize_with = "secs")]
    pub lapse: Duration,
}

/// Meetings with a time.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventSettings {
    /// Whether an event removes its remaining people at its end plus grace, unless it says.
    pub eject_at_end: bool,
}
