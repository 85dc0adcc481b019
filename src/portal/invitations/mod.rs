//! Invitations: `/i/<id>` opens one role of one room for someone, a counted number of times,
//! until it expires or is revoked. Opening the page counts nothing (mail scanners and chat
//! unfurlers fetch links); pressing "Join" counts one use, atomically across replicas, and
//! hands the browser a short pass (`?pass=`) so reloading the meeting does not count again.

mod joining;
mod types;

pub use joining::{InvitationPass, Joined, visit_user_id};
pub use types::{Invitation, InvitationList, InvitationState, InvitationView};

use std::sync::Arc;
use std::time::Duration;

use moka::future::Cache;

use super::PortalError;
use super::access::AccessRules;
use super::gate::Gate;
use super::links::LinkBuilder;
use super::lobby::Lobby;
use super::rooms::rfc3339;
use super::seal::Sealer;
use super::visits::{TokenMinting, Visits};
use crate::domain::clock::unix_now;
use crate::domain::{DisplayName, InvitationId, Lifetime, RoleName, RoomName, UserId};
use crate::resolver::Resolver;
use crate::store::{Actor, AuditEntry, InvitationRecord, NewInvitation, Store};

/// Whether a read may come from the last second's memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Freshness {
    Now,
    Recent,
}

/// How long an invitation read for its page is remembered; other replicas' revocations and
/// uses show within it.
const RECENT_INVITATION: Duration = Duration::from_secs(1);

/// The most uses an invitation may be given.
pub const MAX_USES: u32 = 1_000_000;
/// The longest note kept with an invitation.
pub const MAX_NOTE_CHARS: usize = 500;

/// An invitation to make.
pub struct InvitationRequest {
    pub room: RoomName,
    pub role: RoleName,
    /// Whom it is for: shown on its page and bound into the meeting.
    pub name: Option<DisplayName>,
    pub user_id: Option<UserId>,
    /// At most `access.max_link_ttl_secs`.
    pub expires_in: Lifetime,
    /// `None`: any number of uses until it expires.
    pub max_uses: Option<u32>,
    /// For operators only; never shown to the invitee.
    pub note: Option<String>,
    /// The invitee waits in the room's lobby after pressing Join (the room must have one).
    pub lobby: bool,
}

/// Invitations: made, listed and revoked by operators; opened and used by invitees.
pub struct Invitations {
    store: Arc<Store>,
    gate: Arc<Gate>,
    visits: Arc<Visits>,
    resolver: Arc<Resolver>,
    access: Arc<AccessRules>,
    links: Arc<LinkBuilder>,
    tokens: Arc<TokenMinting>,
    /// Seals invitation passes.
    passes: Sealer,
    /// Where invitations that wait go after Join.
    lobby: Arc<Lobby>,
    /// Where a waiting invitee's user id is noted as the invitation's.
    attendance: Arc<super::attendance::Attendance>,
    /// Where `invitation.used` goes out to the operator's systems.
    outbox: Arc<super::outbox::Outbox>,
    /// Invitations read for their pages in the last second (`None`: no such invitation).
    recent: Cache<String, Option<Arc<InvitationRecord>>>,
}

/// What the invitations service is built from.
pub(super) struct InvitationParts {
    pub store: Arc<Store>,
    pub gate: Arc<Gate>,
    pub visits: Arc<Visits>,
    pub resolver: Arc<Resolver>,
    pub access: Arc<AccessRules>,
    pub links: Arc<LinkBuilder>,
    pub tokens: Arc<TokenMinting>,
    pub passes: Sealer,
    pub lobby: Arc<Lobby>,
    pub attendance: Arc<super::attendance::Attendance>,
    pub outbox: Arc<super::outbox::Outbox>,
}

impl Invitations {
    pub(super) fn new(parts: InvitationParts) -> Self {
        Self {
            store: parts.store,
            gate: parts.gate,
            visits: parts.visits,
            resolver: parts.resolver,
            access: parts.access,
            links: parts.links,
            tokens: parts.tokens,
            passes: parts.passes,
            lobby: parts.lobby,
            attendance: parts.attendance,
            outbox: parts.outbox,
            recent: Cache::builder()
                .max_capacity(10_000)
                .time_to_live(RECENT_INVITATION)
                .build(),
        }
    }

    pub async fn create(
        &self,
        request: InvitationRequest,
        actor: Actor,
    ) -> Result<Invitation, PortalError> {
        if request.max_uses.is_some_and(|n| n == 0 || n > MAX_USES) {
            return Err(PortalError::Invalid(
                "max_uses must be between 1 and 1000000",
            ));
        }
        if request
            .note
            .as_deref()
            .is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS)
        {
            return Err(PortalError::Invalid(
                "note can be at most 500 characters long",
            ));
        }
        let expires_at = self
            .gate
            .issuing(&request.room, &request.role, request.expires_in)
            .await?;
        if request.lobby && self.gate.admitters(&request.room).is_empty() {
            return Err(PortalError::NoLobby(request.room.clone()));
        }
        let id = InvitationId::generate();
        let new = NewInvitation {
            id: id.as_str(),
            room: request.room.as_str(),
            role: request.role.as_str(),
            name: request.name.as_ref().map(DisplayName::as_str),
            user_id: request.user_id.as_ref().map(UserId::as_str),
            note: request.note.as_deref(),
            created_at: unix_secs(unix_now()),
            expires_at: unix_secs(expires_at),
            max_uses: request.max_uses.map(i64::from),
            lobby: request.lobby,
            event_id: None,
            not_before: None,
            email: None,
        };
        let audit = AuditEntry {
            actor,
            action: "invitation.issued",
            subject: id.to_string(),
            detail: Some(format!("{}/{}", request.room, request.role)),
        };
        self.store.create_invitation(&new, &audit).await?;
        self.get(&id).await
    }

    /// One invitation, for the admin, with when it was first used to join.
    pub async fn get(&self, id: &InvitationId) -> Result<Invitation, PortalError> {
        let record = self
            .store
            .invitation(id.as_str())
            .await?
            .ok_or(PortalError::UnknownInvitation)?;
        let joined = self
            .store
            .invitation_attendance(None, Some(id.as_str()))
            .await?
            .into_iter()
            .filter_map(|a| a.joined_ms)
            .min();
        Ok(Invitation {
            joined_at: joined.map(|ms| rfc3339(u64::try_from(ms / 1000).unwrap_or(0))),
            ..self.describe(record)
        })
    }

    pub async fn list(
        &self,
        room: Option<&RoomName>,
        limit: u32,
        offset: u32,
    ) -> Result<InvitationList, PortalError> {
        let limit = i64::from(limit.clamp(1, 500));
        let offset = i64::from(offset);
        // One more than asked says whether there is a next page.
        let mut records = self
            .store
            .invitations(room.map(RoomName::as_str), limit + 1, offset)
            .await?;
        let next_offset = (records.len() as i64 > limit).then_some(offset + limit);
        records.truncate(limit as usize);
        Ok(InvitationList {
            invitations: records.into_iter().map(|r| self.describe(r)).collect(),
            next_offset,
        })
    }

    pub async fn revoke(&self, id: &InvitationId, actor: Actor) -> Result<Invitation, PortalError> {
        let known = self.get(id).await?;
        let audit = AuditEntry {
            actor,
            action: "invitation.revoked",
            subject: id.to_string(),
            detail: Some(format!("{}/{}", known.room, known.role)),
        };
        let record = self
            .store
            .revoke_invitation(id.as_str(), unix_secs(unix_now()), &audit)
            .await?
            .ok_or(PortalError::UnknownInvitation)?;
        self.recent.invalidate(id.as_str()).await;
        Ok(self.describe(record))
    }

    /// Forgets what was read of invitations (an event moved or was cancelled: its
    /// invitations' pages follow at once on this replica, within a second elsewhere).
    pub(crate) fn forget_event(&self) {
        self.recent.invalidate_all();
    }

    /// The invitation when it can still be used (uses left or not), else why not.
    async fn open_invitation(
        &self,
        id: &InvitationId,
        freshness: Freshness,
    ) -> Result<InvitationRecord, PortalError> {
        let record = self.live_invitation(id, freshness).await?;
        if record.max_uses.is_some_and(|most| record.uses >= most) {
            return Err(PortalError::InvitationEnded(InvitationState::UsedUp));
        }
        Ok(record)
    }

    /// The invitation unless it expired or was revoked (itself or its role's links).
    async fn live_invitation(
        &self,
        id: &InvitationId,
        freshness: Freshness,
    ) -> Result<InvitationRecord, PortalError> {
        let record = match freshness {
            Freshness::Now => self.store.invitation(id.as_str()).await?.map(Arc::new),
            Freshness::Recent => {
                let read = async {
                    self.store
                        .invitation(id.as_str())
                        .await
                        .map(|r| r.map(Arc::new))
                };
                self.recent
                    .try_get_with(id.as_str().to_owned(), read)
                    .await?
            }
        };
        let record = record.ok_or(PortalError::UnknownInvitation)?;
        let record = InvitationRecord::clone(&record);
        match self.state(&record) {
            InvitationState::Open | InvitationState::UsedUp | InvitationState::Scheduled => {
                Ok(record)
            }
            ended => Err(PortalError::InvitationEnded(ended)),
        }
    }

    fn state(&self, record: &InvitationRecord) -> InvitationState {
        let revoked =
            record.revoked_at.is_some() || record.created_at < self.role_not_before_secs(record);
        let now = unix_secs(unix_now());
        let of_event = record.event_id.is_some();
        if record.cancelled_at.is_some() {
            InvitationState::Cancelled
        } else if revoked {
            InvitationState::Revoked
        } else if record.expires_at <= now && of_event {
            InvitationState::Ended
        } else if record.expires_at <= now {
            InvitationState::Expired
        } else if record.max_uses.is_some_and(|most| record.uses >= most) {
            InvitationState::UsedUp
        } else if record.not_before.is_some_and(|opens| opens > now) {
            InvitationState::Scheduled
        } else {
            InvitationState::Open
        }
    }

    /// When the role's links were last revoked, in Unix seconds (rounded up: an invitation
    /// made in the same second as a revocation counts as made before it).
    fn role_not_before_secs(&self, record: &InvitationRecord) -> i64 {
        let Ok((room, role)) = parse_target(record) else {
            return 0;
        };
        self.access
            .revocations
            .not_before_ms(&room, &role)
            .map_or(0, |ms| unix_secs(ms.div_ceil(1000)))
    }

    pub(crate) fn describe(&self, record: InvitationRecord) -> Invitation {
        let state = self.state(&record);
        let rejoin_until = record
            .last_used_at
            .filter(|_| matches!(state, InvitationState::Open | InvitationState::UsedUp))
            .map(|used| unix_secs(self.pass_end(&record, u64::try_from(used).unwrap_or(0))))
            .filter(|until| *until > unix_secs(unix_now()));
        let url = InvitationId::parse(&record.id)
            .map(|id| self.links.portal.invitation_url(&id).to_string())
            .unwrap_or_default();
        Invitation {
            url,
            expires: rfc3339(u64::try_from(record.expires_at).unwrap_or(0)),
            state,
            id: record.id,
            room: record.room,
            role: record.role,
            name: record.name,
            user_id: record.user_id,
            note: record.note,
            created_at: record.created_at,
            expires_at: record.expires_at,
            max_uses: record.max_uses,
            uses: record.uses,
            revoked_at: record.revoked_at,
            rejoin_until,
            created_by: record.created_by,
            lobby: record.lobby != 0,
            event_id: record.event_id,
            not_before: record.not_before,
            email: record.email,
            joined_at: None,
        }
    }
}

fn parse_target(record: &InvitationRecord) -> Result<(RoomName, RoleName), PortalError> {
    let room = RoomName::parse(&record.room).map_err(|_| PortalError::UnknownRoom)?;
    let role = RoleName::parse(&record.role).map_err(|_| PortalError::UnknownRole)?;
    Ok((room, role))
}

fn unix_secs(secs: u64) -> i64 {
    i64::try_from(secs).unwrap_or(i64::MAX)
}
