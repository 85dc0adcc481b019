//! Invitations: `/i/<id>` opens one role of one room for someone, a counted number of times,
//! until it expires or is revoked. Opening the page counts nothing (mail scanners and chat
//! unfurlers fetch links); pressing "Join" counts one use, atomically across replicas, and
//! hands the browser a short pass (`?pass=`) so reloading the meeting does not count again.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::access::Admission;
use super::admin::rfc3339;
use super::{Portal, PortalError, Visit};
use crate::domain::clock::unix_now;
use crate::domain::{
    AccessPolicy, DisplayName, InvitationId, JoinOptions, JoinWith, RoleName, RoomName, UserId,
};
use crate::store::{Actor, AuditEntry, InvitationRecord, NewInvitation};

/// Whether a read may come from the last second's memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Freshness {
    Now,
    Recent,
}

/// How long an invitation read for its page is remembered; other replicas' revocations and
/// uses show within it.
pub(super) const RECENT_INVITATION: Duration = Duration::from_secs(1);

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
    /// Cut to `access.max_link_ttl_secs`.
    pub expires_in: Duration,
    /// `None`: any number of uses until it expires.
    pub max_uses: Option<u32>,
    /// For operators only; never shown to the invitee.
    pub note: Option<String>,
}

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InvitationState {
    Open,
    Expired,
    UsedUp,
    Revoked,
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
    /// `admin-api` or `cli`.
    pub created_by: String,
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
    pub expires: String,
}

impl Portal {
    pub async fn create_invitation(
        &self,
        request: InvitationRequest,
        actor: Actor,
    ) -> Result<Invitation, PortalError> {
        if request.expires_in.is_zero() {
            return Err(PortalError::Invalid("expires_in must be at least 1"));
        }
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
            .opening_role(&request.room, &request.role, request.expires_in)
            .await?;
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
        };
        let audit = AuditEntry {
            actor,
            action: "invitation.issued",
            subject: id.to_string(),
            detail: Some(format!("{}/{}", request.room, request.role)),
        };
        self.store.create_invitation(&new, &audit).await?;
        self.invitation(&id).await
    }

    /// One invitation, for the admin.
    pub async fn invitation(&self, id: &InvitationId) -> Result<Invitation, PortalError> {
        let record = self
            .store
            .invitation(id.as_str())
            .await?
            .ok_or(PortalError::UnknownInvitation)?;
        Ok(self.describe(record))
    }

    pub async fn invitations(
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

    pub async fn revoke_invitation(
        &self,
        id: &InvitationId,
        actor: Actor,
    ) -> Result<Invitation, PortalError> {
        let audit = AuditEntry {
            actor,
            action: "invitation.revoked",
            subject: id.to_string(),
            detail: None,
        };
        let record = self
            .store
            .revoke_invitation(id.as_str(), unix_secs(unix_now()), &audit)
            .await?
            .ok_or(PortalError::UnknownInvitation)?;
        self.recent_invitations.invalidate(id.as_str()).await;
        Ok(self.describe(record))
    }

    /// The invitation's page: whom it is for, where to; refused when it cannot be used. Read
    /// through a one-second memory, so a crowd opening one invitation costs one store read a
    /// second (pressing Join always asks the store).
    pub async fn invitation_view(&self, id: &InvitationId) -> Result<InvitationView, PortalError> {
        let record = self.open_invitation(id, Freshness::Recent).await?;
        let (room, role) = parse_target(&record)?;
        let room_title = self.resolver.title(&room).await?;
        Ok(InvitationView {
            id: id.clone(),
            room_title,
            role,
            name: record.name,
            expires: readable_time(u64::try_from(record.expires_at).unwrap_or(0)),
        })
    }

    /// "Join" pressed: counts one use (never more than allowed, whichever replica counts) and
    /// answers the pass that lets this browser into the meeting until it ends.
    pub async fn use_invitation(&self, id: &InvitationId) -> Result<String, PortalError> {
        let now = unix_now();
        let record = self.open_invitation(id, Freshness::Now).await?;
        let not_before = self.role_not_before_secs(&record);
        let used = self
            .store
            .use_invitation(id.as_str(), unix_secs(now), not_before)
            .await?;
        self.recent_invitations.invalidate(id.as_str()).await;
        let Some(record) = used else {
            // Used up (or ended) by someone else meanwhile: say which.
            self.open_invitation(id, Freshness::Now).await?;
            return Err(PortalError::InvitationEnded(InvitationState::UsedUp));
        };
        let until = self.pass_end(&record, now);
        Ok(self.pass(id, until))
    }

    /// The meeting behind a pass: for the invitee's name and identity, with a fresh token for
    /// roles that are not public.
    pub async fn invitation_visit(
        &self,
        id: &InvitationId,
        pass: &str,
        client: impl FnOnce() -> IpAddr,
    ) -> Result<Visit, PortalError> {
        let now = unix_now();
        let until = self.check_pass(id, pass, now)?;
        let record = self.live_invitation(id, Freshness::Recent).await?;
        let (room, role) = parse_target(&record)?;
        let policy = self.policy(&room, &role);
        if policy == AccessPolicy::Off || !self.resolver.may_have_role(&room, &role) {
            return Err(PortalError::UnknownRole);
        }
        let options = JoinOptions {
            name: record
                .name
                .as_deref()
                .map(DisplayName::parse)
                .transpose()
                .ok()
                .flatten(),
            user_id: invitee_id(&record),
            skip_preview: false,
        };
        let join_with = self.access.policies.join_with_under(policy, &room, &role);
        match join_with {
            JoinWith::Code => self.code_visit(room, role, &options, client).await,
            JoinWith::Token => {
                let admission = Admission {
                    join_with,
                    until: Some(until),
                };
                self.token_visit(room, role, &options, admission, client)
                    .await
            }
        }
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
                self.recent_invitations
                    .try_get_with(id.as_str().to_owned(), read)
                    .await?
            }
        };
        let record = record.ok_or(PortalError::UnknownInvitation)?;
        let record = InvitationRecord::clone(&record);
        match self.state(&record) {
            InvitationState::Open | InvitationState::UsedUp => Ok(record),
            ended => Err(PortalError::InvitationEnded(ended)),
        }
    }

    fn state(&self, record: &InvitationRecord) -> InvitationState {
        let revoked =
            record.revoked_at.is_some() || record.created_at < self.role_not_before_secs(record);
        if revoked {
            InvitationState::Revoked
        } else if record.expires_at <= unix_secs(unix_now()) {
            InvitationState::Expired
        } else if record.max_uses.is_some_and(|most| record.uses >= most) {
            InvitationState::UsedUp
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

    fn describe(&self, record: InvitationRecord) -> Invitation {
        let state = self.state(&record);
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
            created_by: record.created_by,
        }
    }

    /// A pass lasts as long as a visit's token may, and never beyond the invitation.
    fn pass_end(&self, record: &InvitationRecord, now: u64) -> u64 {
        let token_end = now.saturating_add(self.tokens.ttl.as_secs());
        token_end.min(u64::try_from(record.expires_at).unwrap_or(0))
    }

    /// Sealed (see `seal`): made by any replica, checked without the store.
    fn pass(&self, id: &InvitationId, until: u64) -> String {
        self.passes.seal(&Pass {
            id: id.to_string(),
            until,
        })
    }

    fn check_pass(&self, id: &InvitationId, pass: &str, now: u64) -> Result<u64, PortalError> {
        let pass: Pass = self
            .passes
            .open(pass)
            .filter(|p: &Pass| p.id == id.as_str())
            .ok_or(PortalError::Invalid("bad pass"))?;
        if pass.until <= now {
            return Err(PortalError::InvitationEnded(InvitationState::UsedUp));
        }
        Ok(pass.until)
    }
}

/// What a pass says: this invitation's meeting, until then (Unix seconds).
#[derive(Serialize, Deserialize)]
struct Pass {
    id: String,
    until: u64,
}

/// The 100ms user id of an invitee: the one given, else one derived from the invitation (the
/// same for every visit, without revealing the id to others in the meeting).
fn invitee_id(record: &InvitationRecord) -> Option<UserId> {
    let given = record
        .user_id
        .as_deref()
        .and_then(|u| UserId::parse(u).ok());
    given.or_else(|| {
        let digest = Sha256::digest(format!("invitee\n{}", record.id).as_bytes());
        let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        UserId::parse(&format!("invitation-{hex}")).ok()
    })
}

/// `2026-11-28 11:38 UTC`, for people.
fn readable_time(unix_secs: u64) -> String {
    let stamp = rfc3339(unix_secs);
    match (stamp.get(..10), stamp.get(11..16)) {
        (Some(date), Some(time)) => format!("{date} {time} UTC"),
        _ => stamp,
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
