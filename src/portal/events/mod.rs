//! Events: meetings with a start and an end. An event's invitations open `open_before` ahead
//! of its start and end `grace_after` past its end, move with it and end with its
//! cancellation; they always join with per-visit tokens that never outlive the event, and its
//! calendar files keep one `UID` with a rising `SEQUENCE`. With `eject_at_end`, the people who
//! came through its invitations are removed from the meeting once it is over (see `eject`).

mod calendar;
mod eject;
mod request;
mod view;

pub use calendar::CalendarFile;
pub use request::{
    EventChanges, EventRequest, Invitee, Schedule, ScheduleChanges, TimeZoneName, parse_instant,
    parse_wall_clock,
};
pub use view::{Event, EventList, EventState, EventView};

use std::sync::Arc;

use super::PortalError;
use super::gate::Gate;
use super::invitations::Invitations;
use super::links::LinkBuilder;
pub use super::rooms::rfc3339;
use crate::domain::clock::unix_now;
use crate::domain::{InvitationId, Lifetime, RoomName, UserId};
use crate::hms::HmsClient;
use crate::resolver::Resolver;
use crate::settings::EmailAddress;
use crate::store::{Actor, AuditEntry, EventRecord, EventTimes, NewEvent, NewInvitation, Store};

/// The most invitees one event may have.
pub const MAX_INVITEES: usize = 500;
/// The longest title kept.
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest a token minted for an event lasts, whatever the event's length.
pub const MAX_EVENT_TOKEN_SECS: u64 = 12 * 3600;

pub struct Events {
    store: Arc<Store>,
    gate: Arc<Gate>,
    invitations: Arc<Invitations>,
    links: Arc<LinkBuilder>,
    client: Arc<HmsClient>,
    resolver: Arc<Resolver>,
    eject_by_default: bool,
    organizer: Option<EmailAddress>,
    /// Where `event.ended` goes out to the operator's systems.
    outbox: Arc<super::outbox::Outbox>,
    /// This replica's name in the store's leases.
    replica: String,
}

pub(super) struct EventParts {
    pub store: Arc<Store>,
    pub gate: Arc<Gate>,
    pub invitations: Arc<Invitations>,
    pub links: Arc<LinkBuilder>,
    pub client: Arc<HmsClient>,
    pub resolver: Arc<Resolver>,
    pub eject_by_default: bool,
    pub organizer: Option<EmailAddress>,
    pub outbox: Arc<super::outbox::Outbox>,
}

impl Events {
    pub(super) fn new(parts: EventParts) -> Arc<Self> {
        Arc::new(Self {
            store: parts.store,
            gate: parts.gate,
            invitations: parts.invitations,
            links: parts.links,
            client: parts.client,
            resolver: parts.resolver,
            eject_by_default: parts.eject_by_default,
            organizer: parts.organizer,
            outbox: parts.outbox,
            replica: uuid::Uuid::new_v4().to_string(),
        })
    }

    pub async fn create(&self, request: EventRequest, actor: Actor) -> Result<Event, PortalError> {
        let now = unix_now();
        let times = request.times.checked(now)?;
        if request.invitees.len() > MAX_INVITEES {
            return Err(PortalError::Invalid("an event has at most 500 invitees"));
        }
        let title = checked_title(request.title)?;
        let (opens, closes) = self.window(&times)?;
        // The cap on invitations limits the window's length, not how far ahead it is.
        let length = Lifetime::from(std::time::Duration::from_secs(
            u64::try_from(closes - opens).unwrap_or(0),
        ));
        let mut roles: Vec<_> = request.invitees.iter().map(|i| &i.role).collect();
        roles.dedup();
        for role in roles {
            self.gate.issuing(&request.room, role, length).await?;
        }
        if request.lobby && self.gate.admitters(&request.room).is_empty() {
            return Err(PortalError::NoLobby(request.room.clone()));
        }
        let id = InvitationId::generate();
        let ids: Vec<InvitationId> = request
            .invitees
            .iter()
            .map(|_| InvitationId::generate())
            .collect();
        let created_at = secs(now);
        let new_invitations: Vec<NewInvitation<'_>> = request
            .invitees
            .iter()
            .zip(&ids)
            .map(|(invitee, invitation)| NewInvitation {
                id: invitation.as_str(),
                room: request.room.as_str(),
                role: invitee.role.as_str(),
                name: Some(invitee.name.as_str()).filter(|name| !name.is_empty()),
                user_id: invitee.user_id.as_ref().map(UserId::as_str),
                note: None,
                created_at,
                expires_at: closes,
                max_uses: None,
                lobby: request.lobby,
                event_id: Some(id.as_str()),
                not_before: Some(opens),
                email: invitee.email.as_ref().map(EmailAddress::as_str),
            })
            .collect();
        let event = NewEvent {
            id: id.as_str(),
            room: request.room.as_str(),
            title: title.as_deref(),
            starts_at: times.starts_at,
            ends_at: times.ends_at,
            time_zone: request.time_zone.as_str(),
            open_before: times.open_before,
            grace_after: times.grace_after,
            eject_at_end: request.eject_at_end.unwrap_or(self.eject_by_default),
            lobby: request.lobby,
            now: created_at,
        };
        let audit = AuditEntry {
            actor,
            action: "event.created",
            subject: id.to_string(),
            detail: Some(format!(
                "{} from {} ({} invitees)",
                request.room,
                rfc3339(u64::try_from(times.starts_at).unwrap_or(0)),
                ids.len()
            )),
        };
        self.store
            .create_event(&event, &new_invitations, &audit)
            .await?;
        self.get(id.as_str()).await
    }

    pub async fn get(&self, id: &str) -> Result<Event, PortalError> {
        let record = self.record(id).await?;
        self.describe(record).await
    }

    pub async fn list(
        &self,
        room: Option<&RoomName>,
        limit: u32,
        offset: u32,
    ) -> Result<EventList, PortalError> {
        let limit = i64::from(limit.clamp(1, 200));
        let offset = i64::from(offset);
        let mut records = self
            .store
            .upcoming_events(
                room.map(RoomName::as_str),
                secs(unix_now()),
                limit + 1,
                offset,
            )
            .await?;
        let next_offset = (records.len() as i64 > limit).then_some(offset + limit);
        records.truncate(limit as usize);
        let mut events = Vec::with_capacity(records.len());
        for record in records {
            events.push(self.describe(record).await?);
        }
        Ok(EventList {
            events,
            next_offset,
        })
    }

    /// Moves (or retitles) an event: every invitation's window moves with it, and its
    /// calendar files say so with a higher `SEQUENCE`.
    pub async fn change(
        &self,
        id: &str,
        changes: EventChanges,
        actor: Actor,
    ) -> Result<Event, PortalError> {
        let record = self.record(id).await?;
        if record.cancelled_at.is_some() {
            return Err(PortalError::EventCancelled);
        }
        let times = changes.times.over(&record).checked(unix_now())?;
        let title = match changes.title {
            Some(title) => checked_title(Some(title))?,
            None => record.title.clone(),
        };
        let (opens, closes) = self.window(&times)?;
        let length = Lifetime::from(std::time::Duration::from_secs(
            u64::try_from(closes - opens).unwrap_or(0),
        ));
        let room = RoomName::parse(&record.room).map_err(|_| PortalError::UnknownRoom)?;
        for invitation in self.store.event_invitations(id).await? {
            let role = invitation
                .role
                .parse()
                .map_err(|_| PortalError::UnknownRole)?;
            self.gate.issuing(&room, &role, length).await?;
        }
        let audit = AuditEntry {
            actor,
            action: "event.moved",
            subject: id.to_owned(),
            detail: Some(format!(
                "{} to {}",
                rfc3339(u64::try_from(times.starts_at).unwrap_or(0)),
                rfc3339(u64::try_from(times.ends_at).unwrap_or(0))
            )),
        };
        self.store
            .move_event(id, times, title.as_deref(), secs(unix_now()), &audit)
            .await?
            .ok_or(PortalError::EventCancelled)?;
        self.invitations.forget_event();
        self.get(id).await
    }

    /// Cancels an event: every invitation ends at once (its page says "cancelled"); with
    /// `eject_at_end`, whoever is still in the meeting through it is removed.
    pub async fn cancel(&self, id: &str, actor: Actor) -> Result<Event, PortalError> {
        self.record(id).await?;
        let audit = AuditEntry {
            actor,
            action: "event.cancelled",
            subject: id.to_owned(),
            detail: None,
        };
        self.store
            .cancel_event(id, secs(unix_now()), &audit)
            .await?
            .ok_or(PortalError::UnknownEvent)?;
        self.invitations.forget_event();
        self.get(id).await
    }

    /// An invitation's link (`/i/<id>`), as sent.
    pub fn invitation_link(&self, id: &InvitationId) -> String {
        self.links.portal.invitation_url(id).to_string()
    }

    /// The portal's own address of `path` (`/i/<id>.ics`).
    pub fn portal_url(&self, path: &str) -> String {
        let base = self.links.portal.url().as_str().trim_end_matches('/');
        format!("{base}{path}")
    }

    async fn record(&self, id: &str) -> Result<EventRecord, PortalError> {
        self.store.event(id).await?.ok_or(PortalError::UnknownEvent)
    }
}

impl Events {
    /// When an event's invitations open and end (Unix seconds): never open longer than a link
    /// may last (the cap limits the window's length, not how far ahead it is).
    fn window(&self, times: &EventTimes) -> Result<(i64, i64), PortalError> {
        let (opens, closes) = (
            times.starts_at - times.open_before,
            times.ends_at + times.grace_after,
        );
        let most = self.gate.longest_link();
        if u64::try_from(closes - opens).unwrap_or(u64::MAX) > most.as_secs() {
            return Err(PortalError::BadSchedule(format!(
                "its invitations would be open for {} (open_before, the event, grace_after); \
                 at most {} (access.max_link_ttl_secs)",
                Lifetime::from(std::time::Duration::from_secs(
                    u64::try_from(closes - opens).unwrap_or(0)
                )),
                Lifetime::from(most)
            )));
        }
        Ok((opens, closes))
    }
}

fn checked_title(title: Option<String>) -> Result<Option<String>, PortalError> {
    let title = title
        .map(|t| t.chars().filter(|c| !c.is_control()).collect::<String>())
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    if title
        .as_deref()
        .is_some_and(|t| t.chars().count() > MAX_TITLE_CHARS)
    {
        return Err(PortalError::Invalid(
            "title can be at most 200 characters long",
        ));
    }
    Ok(title)
}

fn secs(unix: u64) -> i64 {
    i64::try_from(unix).unwrap_or(i64::MAX)
}
