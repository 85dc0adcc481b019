//! What the emulator's account holds, in the shapes 100ms answers with, and its refusals.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize)]
pub struct Template {
    pub id: String,
    pub name: String,
    #[serde(skip)]
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoomRecord {
    pub id: String,
    pub name: String,
    pub enabled: bool,
    pub description: String,
    pub customer_id: String,
    pub app_id: String,
    pub recording_info: RecordingInfo,
    pub template_id: String,
    pub template: String,
    pub region: String,
    pub large_room: bool,
    pub created_at: String,
    pub updated_at: String,
    /// The room's own webhook (`{url, headers}`), replacing the workspace's for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordingInfo {
    pub enabled: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CodeRecord {
    pub code: String,
    pub room_id: String,
    pub role: String,
    pub enabled: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// An API failure, answered as `{code, message, details}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub message: String,
    pub details: Vec<String>,
}

impl Refusal {
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            details: Vec::new(),
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.details.push(detail.into());
        self
    }

    pub(super) fn room_not_found() -> Self {
        Self::new(404, "Room not found")
    }

    pub(super) fn role_not_found() -> Self {
        Self::new(404, "Role not found")
    }
}

/// Fields a create or update may set; `None` leaves the room as it is.
#[derive(Debug, Default)]
pub struct RoomChanges {
    pub name: Option<String>,
    pub description: Option<String>,
    pub template_id: Option<String>,
    pub region: Option<String>,
    pub enabled: Option<bool>,
    pub webhook: Option<serde_json::Value>,
}
