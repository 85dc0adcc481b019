//! What an operator asks of an event, parsed: times in Unix seconds (UTC), an IANA time zone,
//! invitees with their role, and the checks every schedule passes.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::PortalError;
use crate::domain::{DisplayName, RoleName, RoomName, UserId};
use crate::settings::EmailAddress;
use crate::store::{EventRecord, EventTimes};

/// The longest an event's invitations may open before it, or stay open after it.
pub const MAX_MARGIN_SECS: i64 = 24 * 3600;

/// An IANA time zone name the portal knows (its zone data is built in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeZoneName(String);

impl TimeZoneName {
    pub fn parse(name: &str) -> Result<Self, String> {
        TimeZone::get(name)
            .map(|_| Self(name.to_owned()))
            .map_err(|_| format!("{name:?} is not an IANA time zone (e.g. Europe/Berlin)"))
    }

    pub fn utc() -> Self {
        Self("UTC".to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `Mon 7 Dec 2026, 14:00 (Europe/Berlin)`: the moment as people in `zone` read it.
    pub fn shown(zone: &str, unix_secs: i64) -> String {
        let (Ok(tz), Ok(at)) = (TimeZone::get(zone), Timestamp::from_second(unix_secs)) else {
            return format!("{unix_secs}");
        };
        format!(
            "{} ({zone})",
            at.to_zoned_datetime(tz).strftime("%Y-%m-%d %H:%M")
        )
    }
}

/// A time from a form: RFC 3339, or a wall-clock time (`2026-12-07T14:00`) in `zone`.
pub fn parse_wall_clock(text: &str, zone: &str) -> Result<i64, String> {
    if let Ok(instant) = parse_instant(text) {
        return Ok(instant);
    }
    let civil: jiff::civil::DateTime = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a date and time (e.g. 2026-12-07T14:00)"))?;
    civil
        .in_tz(zone)
        .map(|zoned| zoned.timestamp().as_second())
        .map_err(|_| format!("{zone:?} is not an IANA time zone"))
}

impl TimeZoneName {
    /// `2026-12-07T14:00`: the moment on `zone`'s clocks (for a form's datetime-local field).
    pub fn wall_clock(zone: &str, unix_secs: i64) -> String {
        let (Ok(tz), Ok(at)) = (TimeZone::get(zone), Timestamp::from_second(unix_secs)) else {
            return String::new();
        };
        at.to_zoned_datetime(tz)
            .strftime("%Y-%m-%dT%H:%M")
            .to_string()
    }
}

/// An instant given as RFC 3339 (`2026-12-07T14:00:00+01:00`), in Unix seconds.
pub fn parse_instant(text: &str) -> Result<i64, String> {
    text.parse::<Timestamp>()
        .map(|t| t.as_second())
        .map_err(|_| format!("{text:?} is not an RFC 3339 time (e.g. 2026-12-07T14:00:00Z)"))
}

/// An event's times, before they are checked.
#[derive(Debug, Clone, Copy)]
pub struct Schedule {
    pub starts_at: i64,
    pub ends_at: i64,
    pub open_before: i64,
    pub grace_after: i64,
}

impl Schedule {
    /// The times, when they make an event that is not over at `now`.
    pub fn checked(self, now: u64) -> Result<EventTimes, PortalError> {
        let refuse = |why: &str| Err(PortalError::BadSchedule(why.to_owned()));
        if self.ends_at <= self.starts_at {
            return refuse("ends_at must be after starts_at");
        }
        let margin = 0..=MAX_MARGIN_SECS;
        if !margin.contains(&self.open_before) || !margin.contains(&self.grace_after) {
            return refuse("open_before and grace_after must be between 0 and 24 hours");
        }
        if self.ends_at + self.grace_after <= i64::try_from(now).unwrap_or(i64::MAX) {
            return refuse("the event would be over already (ends_at plus grace_after is past)");
        }
        Ok(EventTimes {
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            open_before: self.open_before,
            grace_after: self.grace_after,
        })
    }
}

/// What a move changes; the rest stays.
#[derive(Debug, Clone, Copy, Default)]
pub struct ScheduleChanges {
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub open_before: Option<i64>,
    pub grace_after: Option<i64>,
}

impl ScheduleChanges {
    /// The event's times with these changes.
    pub fn over(self, record: &EventRecord) -> Schedule {
        Schedule {
            starts_at: self.starts_at.unwrap_or(record.starts_at),
            ends_at: self.ends_at.unwrap_or(record.ends_at),
            open_before: self.open_before.unwrap_or(record.open_before),
            grace_after: self.grace_after.unwrap_or(record.grace_after),
        }
    }
}

/// Someone invited to an event.
#[derive(Debug, Clone)]
pub struct Invitee {
    pub name: DisplayName,
    pub email: Option<EmailAddress>,
    pub role: RoleName,
    /// The operator's own id for them (kept with the invitation; the meeting sees an id
    /// derived from the invitation, so events never mix up their people).
    pub user_id: Option<UserId>,
}

pub struct EventRequest {
    pub room: RoomName,
    pub title: Option<String>,
    pub times: Schedule,
    pub time_zone: TimeZoneName,
    pub invitees: Vec<Invitee>,
    pub lobby: bool,
    /// `None`: `events.eject_at_end`.
    pub eject_at_end: Option<bool>,
}

pub struct EventChanges {
    pub times: ScheduleChanges,
    pub title: Option<String>,
}
