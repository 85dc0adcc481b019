//! Wire types of the 100ms API. Lenient on input: every field but the identifying ones is
//! optional and unknown fields are ignored, as the contract's examples vary between endpoints.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize)]
pub struct Room {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default = "enabled")]
    pub enabled: bool,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub template_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RoomCodeRecord {
    pub code: String,
    #[serde(default)]
    pub room_id: String,
    #[serde(default)]
    pub role: String,
    #[serde(default = "enabled")]
    pub enabled: bool,
    #[serde(default)]
    pub created_at: Option<String>,
}

fn enabled() -> bool {
    true
}

/// A template; only its role names matter to the portal.
#[derive(Debug, Clone, Deserialize)]
pub struct Template {
    #[serde(default)]
    pub roles: serde_json::Map<String, serde_json::Value>,
}

/// `POST /rooms` body: only the fields the portal means to set, since a create with an existing
/// name updates that room with whatever is sent.
#[derive(Debug, Clone, Serialize)]
pub struct CreateRoom<'a> {
    pub name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template_id: Option<&'a str>,
}

/// `GET /active-rooms/{id}/peers`: a map keyed by peer id (`{}` or `null` when nobody matches).
#[derive(Debug, Deserialize)]
pub struct ActivePeers {
    #[serde(default)]
    pub peers: Option<std::collections::HashMap<String, ActivePeer>>,
}

/// A connected peer; `metadata` (a string, once an object) is not read.
#[derive(Debug, Clone, Deserialize)]
pub struct ActivePeer {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub user_id: String,
    #[serde(default)]
    pub role: String,
}

/// One page of a list endpoint: `{limit, data, last}`.
#[derive(Debug, Deserialize)]
pub struct Page<T> {
    #[serde(default)]
    pub limit: Option<usize>,
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
    #[serde(default)]
    pub last: Option<String>,
}

/// `{data: [...]}` as answered by "create codes for all roles".
#[derive(Debug, Deserialize)]
pub struct DataEnvelope<T> {
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
}

/// Error body `{code, message, details}`; older endpoints sent `{code, message, data}`.
#[derive(Debug, Default, Deserialize)]
pub struct ErrorBody {
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub details: Option<serde_json::Value>,
}

/// A session of a room (`GET /sessions/{id}`, hms-live §3.2).
#[derive(Debug, Clone, Deserialize)]
pub struct HmsSession {
    pub id: String,
    #[serde(default)]
    pub room_id: String,
    #[serde(default)]
    pub active: bool,
    /// A map keyed by peer id in every example, an array in the object's description: both.
    #[serde(default, deserialize_with = "map_or_array")]
    pub peers: Vec<SessionPeer>,
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// A peer of a session; `left_at` missing, null or Go's zero time means still present.
#[derive(Debug, Clone, Deserialize)]
pub struct SessionPeer {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub joined_at: Option<String>,
    #[serde(default)]
    pub left_at: Option<String>,
}

fn map_or_array<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<SessionPeer>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Peers {
        Map(std::collections::HashMap<String, SessionPeer>),
        List(Vec<SessionPeer>),
        Nothing(serde::de::IgnoredAny),
    }
    Ok(match Peers::deserialize(deserializer)? {
        Peers::Map(map) => map.into_values().collect(),
        Peers::List(list) => list,
        Peers::Nothing(_) => Vec::new(),
    })
}
