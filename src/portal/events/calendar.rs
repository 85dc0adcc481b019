//! Calendar files (RFC 5545, written by the `icalendar` crate). Two kinds, because calendars
//! never re-read a downloaded file and act on `METHOD:CANCEL` only when the organiser mails it
//! (iTIP, RFC 5546): the invitee's own file (`/i/<id>.ics`, `METHOD:PUBLISH`, also a
//! subscription, where a cancellation shows as `STATUS:CANCELLED`), and the organiser's file
//! to mail (`METHOD:REQUEST` with `ORGANIZER` and `ATTENDEE`, or `METHOD:CANCEL`). Every file
//! of an event has its `UID`, and its `SEQUENCE` rises with every move.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event as CalendarEvent, EventLike, EventStatus, Property};

use super::{Events, PortalError};
use crate::domain::{InvitationId, RoomName};
use crate::store::{EventRecord, InvitationRecord};

/// A calendar file to download.
pub struct CalendarFile {
    pub body: String,
    /// What a browser saves it as.
    pub file_name: String,
}

/// Whose file, and so which iTIP method.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Publish,
    Request,
    Cancel,
}

impl Events {
    /// The invitee's own file of an event invitation (`/i/<id>.ics`).
    pub async fn invitee_calendar(&self, id: &InvitationId) -> Result<CalendarFile, PortalError> {
        let (event, invitation) = self.event_of(id).await?;
        self.calendar(&event, &invitation, Method::Publish).await
    }

    /// The organiser's file to mail one invitee: a request, or a cancellation once the event
    /// is cancelled. Needs `ui.organizer_email` and the invitee's address.
    pub async fn organizer_calendar(
        &self,
        event_id: &str,
        id: &InvitationId,
    ) -> Result<CalendarFile, PortalError> {
        let (event, invitation) = self.event_of(id).await?;
        if event.id != event_id {
            return Err(PortalError::UnknownInvitation);
        }
        let method = if event.cancelled_at.is_some() {
            Method::Cancel
        } else {
            Method::Request
        };
        self.calendar(&event, &invitation, method).await
    }

    async fn event_of(
        &self,
        id: &InvitationId,
    ) -> Result<(EventRecord, InvitationRecord), PortalError> {
        let invitation = self
            .store
            .invitation(id.as_str())
            .await?
            .ok_or(PortalError::UnknownInvitation)?;
        let event_id = invitation
            .event_id
            .as_deref()
            .ok_or(PortalError::UnknownInvitation)?;
        let event = self.record(event_id).await?;
        Ok((event, invitation))
    }

    async fn calendar(
        &self,
        event: &EventRecord,
        invitation: &InvitationRecord,
        method: Method,
    ) -> Result<CalendarFile, PortalError> {
        let id = InvitationId::parse(&invitation.id).map_err(|_| PortalError::UnknownInvitation)?;
        let link = self.links.portal.invitation_url(&id).to_string();
        let summary = match &event.title {
            Some(title) => title.clone(),
            None => {
                let room = RoomName::parse(&event.room).map_err(|_| PortalError::UnknownRoom)?;
                self.resolver.title(&room).await?
            }
        };
        let host = self
            .links
            .portal
            .url()
            .host_str()
            .unwrap_or("portal")
            .to_owned();
        let mut entry = CalendarEvent::new();
        entry
            .uid(&format!("{}@{host}", event.id))
            .sequence(u32::try_from(event.sequence).unwrap_or(0))
            .timestamp(utc(event.updated_at))
            .starts(utc(event.starts_at))
            .ends(utc(event.ends_at))
            .summary(&summary)
            .description(&format!(
                "Starts {}. Join the meeting: {link}",
                super::TimeZoneName::shown(&event.time_zone, event.starts_at)
            ))
            .location(&link)
            .url(&link);
        let cancelled = event.cancelled_at.is_some();
        entry.status(if cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        });
        if method != Method::Publish {
            let organizer = self.organizer.as_ref().ok_or(PortalError::NoOrganizer)?;
            let attendee = invitation
                .email
                .as_deref()
                .ok_or(PortalError::NoInviteeEmail)?;
            entry.append_property(
                Property::new("ORGANIZER", format!("mailto:{}", organizer.as_str()))
                    .add_parameter("CN", &summary)
                    .done(),
            );
            let mut who = Property::new("ATTENDEE", format!("mailto:{attendee}"));
            if let Some(name) = &invitation.name {
                who.add_parameter("CN", name);
            }
            who.add_parameter("ROLE", "REQ-PARTICIPANT")
                .add_parameter("PARTSTAT", "NEEDS-ACTION")
                .add_parameter("RSVP", "FALSE");
            entry.append_multi_property(who.done());
        }
        let mut calendar = Calendar::new();
        calendar
            .append_property(Property::new(
                "METHOD",
                match method {
                    Method::Publish => "PUBLISH",
                    Method::Request => "REQUEST",
                    Method::Cancel => "CANCEL",
                },
            ))
            .name(&summary)
            // How calendars show it (times are written in UTC, valid everywhere).
            .timezone(event.time_zone.as_str())
            // A subscribed calendar reads the file again hourly (moves, a cancellation).
            .ttl(&chrono::Duration::hours(1))
            .push(entry.done());
        Ok(CalendarFile {
            body: calendar.done().to_string(),
            file_name: if method == Method::Publish {
                "event.ics"
            } else {
                "invitation.ics"
            }
            .to_owned(),
        })
    }
}

fn utc(unix_secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(unix_secs, 0).unwrap_or_default()
}
