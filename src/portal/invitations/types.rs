//! Invitations as the admin API, the CLI and their pages show them.

use serde::Serialize;

use crate::domain::{InvitationId, RoleName};

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InvitationState {
    Open,
    /// An event's invitation before it opens.
    Scheduled,
    Expired,
    UsedUp,
    Revoked,
    /// An event's invitation after the event's end plus grace.
    Ended,
    /// An event's invitation after the event was cancelled.
    Cancelled,
}

impl InvitationState {
    /// For people: `open`, `expired`, `used up`, `revoked`.
    pub fn words(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Scheduled => "scheduled",
            Self::Expired => "expired",
            Self::UsedUp => "used up",
            Self::Revoked => "revoked",
            Self::Ended => "ended",
            Self::Cancelled => "cancelled",
        }
    }
}

/// An invitation as the admin API and CLI show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Invitation {
    pub id: String,
    /// The short link to send: `/i/<id>`.
    pub url: String,
    pub room: String,
    pub role: String,
    pub name: Option<String>,
    pub user_id: Option<String>,
    pub note: Option<String>,
    /// Unix seconds.
    pub created_at: i64,
    pub expires_at: i64,
    /// `expires_at` as RFC 3339.
    pub expires: String,
    pub max_uses: Option<i64>,
    pub uses: i64,
    pub revoked_at: Option<i64>,
    pub state: InvitationState,
    /// Until when the browser that last pressed Join may rejoin without counting a use (Unix
    /// seconds); absent when no browser may.
    pub rejoin_until: Option<i64>,
    /// `admin-api` or `cli`.
    pub created_by: String,
    /// The invitee waits in the room's lobby after pressing Join.
    pub lobby: bool,
    /// The event it belongs to, and when it opens (Unix seconds; before, its page counts down).
    pub event_id: Option<String>,
    pub not_before: Option<i64>,
    pub email: Option<String>,
    /// When it was first used to join the meeting (100ms's webhooks say; shown for one
    /// invitation, not in lists).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joined_at: Option<String>,
}

/// One page of invitations, newest first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InvitationList {
    pub invitations: Vec<Invitation>,
    /// Give as `offset` for the next page; absent on the last.
    pub next_offset: Option<i64>,
}

/// What an invitation's page shows before "Join" is pressed.
pub struct InvitationView {
    pub id: InvitationId,
    pub room_title: String,
    pub role: RoleName,
    pub name: Option<String>,
    /// When it ends: for people (UTC), and as RFC 3339.
    pub expires: String,
    pub expires_at: String,
    /// An event's invitation: the event, and when the invitation opens if not yet.
    pub event: Option<crate::portal::events::EventView>,
    pub opens_in: Option<u64>,
}
