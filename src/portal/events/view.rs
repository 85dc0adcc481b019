//! Events as the admin API, the CLI and the invitation pages show them.

use serde::Serialize;

use super::{Events, PortalError, TimeZoneName, rfc3339, secs};
use crate::domain::clock::unix_now;
use crate::portal::invitations::Invitation;
use crate::store::EventRecord;

/// Where an event stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventState {
    /// Its invitations do not open yet.
    Scheduled,
    /// Its invitations open (from `open_before` ahead of the start to `grace_after` past the end).
    Open,
    Ended,
    Cancelled,
}

impl EventState {
    pub fn words(self) -> &'static str {
        match self {
            Self::Scheduled => "scheduled",
            Self::Open => "open",
            Self::Ended => "ended",
            Self::Cancelled => "cancelled",
        }
    }
}

/// An event as the admin API and CLI show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Event {
    pub id: String,
    pub room: String,
    pub title: Option<String>,
    /// RFC 3339, UTC.
    pub starts_at: String,
    pub ends_at: String,
    /// The IANA time zone it is shown and written to calendars in.
    pub time_zone: String,
    /// Seconds.
    pub open_before: i64,
    pub grace_after: i64,
    /// When its invitations open and end (RFC 3339).
    pub opens_at: String,
    pub closes_at: String,
    pub eject_at_end: bool,
    pub lobby: bool,
    /// Raised by every move (iCalendar's `SEQUENCE`).
    pub sequence: i64,
    pub state: EventState,
    pub cancelled_at: Option<String>,
    /// When its remaining people were removed (eject_at_end).
    pub ejected_at: Option<String>,
    pub invitations: Vec<Invitation>,
}

/// One page of events, soonest first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EventList {
    pub events: Vec<Event>,
    pub next_offset: Option<i64>,
}

/// What an event's invitation page shows of its event.
#[derive(Debug, Clone)]
pub struct EventView {
    pub title: Option<String>,
    pub starts_at: u64,
    pub ends_at: u64,
    pub opens_at: u64,
    pub time_zone: String,
    /// The start in the event's time zone, for pages without script (`Mon 7 Dec 2026, 14:00
    /// (Europe/Berlin)`); script shows it in the visitor's own.
    pub starts_local: String,
}

impl EventView {
    pub fn of(record: &EventRecord) -> Self {
        let secs = |t: i64| u64::try_from(t).unwrap_or(0);
        Self {
            title: record.title.clone(),
            starts_at: secs(record.starts_at),
            ends_at: secs(record.ends_at),
            opens_at: secs(record.starts_at - record.open_before),
            time_zone: record.time_zone.clone(),
            starts_local: TimeZoneName::shown(&record.time_zone, record.starts_at),
        }
    }
}

impl Events {
    pub(super) async fn describe(&self, record: EventRecord) -> Result<Event, PortalError> {
        let invitations = self
            .store
            .event_invitations(&record.id)
            .await?
            .into_iter()
            .map(|r| self.invitations.describe(r))
            .collect();
        let (opens, closes) = (
            record.starts_at - record.open_before,
            record.ends_at + record.grace_after,
        );
        let now = secs(unix_now());
        let state = if record.cancelled_at.is_some() {
            EventState::Cancelled
        } else if closes <= now {
            EventState::Ended
        } else if opens > now {
            EventState::Scheduled
        } else {
            EventState::Open
        };
        let time = |t: i64| rfc3339(u64::try_from(t).unwrap_or(0));
        Ok(Event {
            starts_at: time(record.starts_at),
            ends_at: time(record.ends_at),
            opens_at: time(opens),
            closes_at: time(closes),
            cancelled_at: record.cancelled_at.map(time),
            ejected_at: record.ejected_at.map(time),
            id: record.id,
            room: record.room,
            title: record.title,
            time_zone: record.time_zone,
            open_before: record.open_before,
            grace_after: record.grace_after,
            eject_at_end: record.eject_at_end != 0,
            lobby: record.lobby != 0,
            sequence: record.sequence,
            state,
            invitations,
        })
    }
}
