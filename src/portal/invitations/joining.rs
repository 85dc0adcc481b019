//! The invitee's side: the invitation's page, pressing "Join" (one use, and a pass), and the
//! meeting behind a pass, let in by the gate as the operator's grant.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Freshness, InvitationState, InvitationView, Invitations, parse_target, unix_secs};
use crate::domain::clock::unix_now;
use crate::domain::{DisplayName, InvitationId, JoinOptions, RoleName, RoomName, UserId};
use crate::portal::gate::{Admitted, Door};
use crate::portal::{PortalError, Visit};
use crate::store::InvitationRecord;

/// What a pass says: this invitation's meeting, until then (Unix seconds).
#[derive(Serialize, Deserialize)]
struct Pass {
    id: String,
    until: u64,
}

/// The pass a browser gets for pressing "Join": sealed, and when it ends (Unix seconds), so
/// the browser may keep it as long and rejoin without counting another use.
pub struct InvitationPass {
    pub sealed: String,
    pub until: u64,
}

/// What pressing "Join" led to: the meeting (a pass), or the room's lobby (a ticket and the
/// pass its browser keeps).
pub enum Joined {
    Meeting(InvitationPass),
    Lobby { ticket: String, pass: String },
}

impl Invitations {
    /// The invitation's page: whom it is for, where to; refused when it cannot be used. Read
    /// through a one-second memory, so a crowd opening one invitation costs one store read a
    /// second (pressing Join always asks the store).
    pub async fn view(&self, id: &InvitationId) -> Result<InvitationView, PortalError> {
        let record = self.open_invitation(id, Freshness::Recent).await?;
        // Signing in comes after "Join": the page itself shows who is invited, where to.
        let (room, role, verdict) = self.admit(&record, record_end(&record), None).await?;
        match verdict {
            Ok(_) | Err(PortalError::SignInRequired(_)) => {}
            Err(error) => return Err(error),
        }
        let room_title = self.resolver.title(&room).await?;
        let event = match &record.event_id {
            Some(event) => self
                .store
                .event(event)
                .await?
                .map(|e| crate::portal::events::EventView::of(&e)),
            None => None,
        };
        let now = unix_now();
        let opens_in = record
            .not_before
            .map(|opens| u64::try_from(opens).unwrap_or(0))
            .filter(|opens| *opens > now)
            .map(|opens| opens - now);
        Ok(InvitationView {
            id: id.clone(),
            room_title,
            role,
            name: record.name,
            expires: readable_time(u64::try_from(record.expires_at).unwrap_or(0)),
            expires_at: super::super::rooms::rfc3339(u64::try_from(record.expires_at).unwrap_or(0)),
            event,
            opens_in,
        })
    }

    /// "Join" pressed: counts one use (never more than allowed, whichever replica counts) and
    /// answers the pass that lets this browser into the meeting, and back, until it ends.
    pub async fn use_once(
        &self,
        id: &InvitationId,
        session: Option<&str>,
    ) -> Result<InvitationPass, PortalError> {
        let now = unix_now();
        let record = self.open_invitation(id, Freshness::Now).await?;
        if self.state(&record) == InvitationState::Scheduled {
            return Err(PortalError::InvitationEnded(InvitationState::Scheduled));
        }
        // A use is counted only where the gate would let the invitee in.
        self.admit(&record, record_end(&record), session).await?.2?;
        let not_before = self.role_not_before_secs(&record);
        let used = self
            .store
            .use_invitation(
                id.as_str(),
                &format!("{}/{}", record.room, record.role),
                unix_secs(now),
                not_before,
            )
            .await?;
        self.recent.invalidate(id.as_str()).await;
        let Some(record) = used else {
            // Used up (or ended) by someone else meanwhile: say which.
            self.open_invitation(id, Freshness::Now).await?;
            return Err(PortalError::InvitationEnded(InvitationState::UsedUp));
        };
        let until = self.pass_end(&record, now);
        self.outbox.emit(
            "invitation.used",
            serde_json::json!({
                "invitation": record.id, "room": record.room, "role": record.role,
                "name": record.name, "uses": record.uses, "event": record.event_id,
            }),
        );
        Ok(InvitationPass {
            sealed: self.pass(id, until),
            until,
        })
    }

    /// "Join" pressed: one use counted, then the meeting, or the room's lobby where the
    /// invitation says its invitee waits (under the invitation's name and identity, with a
    /// token that lasts as the pass would). A full lobby counts no use.
    pub async fn join(
        &self,
        id: &InvitationId,
        session: Option<&str>,
        client: IpAddr,
    ) -> Result<Joined, PortalError> {
        let record = self.open_invitation(id, Freshness::Now).await?;
        if record.lobby == 0 {
            return Ok(Joined::Meeting(self.use_once(id, session).await?));
        }
        let (room, role) = parse_target(&record)?;
        self.lobby.has_room(&room).await?;
        let pass = self.use_once(id, session).await?;
        let (_, _, admitted) = self.admit(&record, pass.until, session).await?;
        let mut admitted = admitted?;
        admitted.join_with = crate::domain::JoinWith::Token;
        let name = record
            .name
            .clone()
            .unwrap_or_else(|| "Invited guest".to_owned());
        let user_id = visit_user_id(&record).map(|u| u.as_str().to_owned());
        if let Some(user_id) = &user_id {
            // Attendance says "invitation", not "lobby", for the invitee let in.
            self.attendance.note_visit(
                user_id,
                &room,
                role.as_str(),
                &crate::portal::attendance::VisitSource::Invitation(id.clone()),
                Some(&name),
            );
        }
        let (ticket, pass) = self
            .lobby
            .enqueue(
                room,
                role,
                crate::domain::PageKind::Join,
                &admitted,
                (name, true, user_id),
                client,
            )
            .await?;
        Ok(Joined::Lobby { ticket, pass })
    }

    /// The meeting behind a pass: for the invitee's name and identity, as the gate admits the
    /// invitation (a fresh token for roles that are not public).
    pub async fn visit(
        &self,
        id: &InvitationId,
        pass: &str,
        session: Option<&str>,
        client: impl FnOnce() -> IpAddr,
    ) -> Result<Visit, PortalError> {
        let now = unix_now();
        let until = self.check_pass(id, pass, now)?;
        let record = self.live_invitation(id, Freshness::Recent).await?;
        let (room, role, admitted) = self.admit(&record, until, session).await?;
        let admitted = admitted?;
        let options = JoinOptions {
            name: record
                .name
                .as_deref()
                .map(DisplayName::parse)
                .transpose()
                .ok()
                .flatten(),
            user_id: visit_user_id(&record),
            skip_preview: false,
            lobby: false,
        };
        self.visits
            .enter(
                room,
                role,
                options,
                admitted,
                crate::portal::attendance::VisitSource::Invitation(id.clone()),
                client,
            )
            .await
    }

    /// The invitation's room and role, and the gate's word on them as the operator's grant
    /// until `until` (with the browser's sign-in session, for an `sso` role).
    async fn admit(
        &self,
        record: &InvitationRecord,
        until: u64,
        session: Option<&str>,
    ) -> Result<(RoomName, RoleName, Result<Admitted, PortalError>), PortalError> {
        let (room, role) = parse_target(record)?;
        let door = Door::Invitation { until, session };
        let mut verdict = self.gate.decide(&room, &role, door).await.admitted();
        if record.event_id.is_some()
            && let Ok(admitted) = &mut verdict
        {
            // A permanent code would outlive the event: its invitations join with tokens
            // that last to its end (plus grace), so a reconnect never fails mid-meeting.
            admitted.join_with = crate::domain::JoinWith::Token;
            admitted.until = Some(admitted.until.map_or(until, |end| end.min(until)));
            admitted.token_to_grant_end = true;
        }
        Ok((room, role, verdict))
    }

    /// A pass lasts as long as a visit's token may, and never beyond the invitation (an
    /// event's: to its end plus grace, at most 12 hours).
    pub(super) fn pass_end(&self, record: &InvitationRecord, now: u64) -> u64 {
        let token_end = match record.event_id {
            Some(_) => now.saturating_add(crate::portal::events::MAX_EVENT_TOKEN_SECS),
            None => self.tokens.end_from(now),
        };
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

/// When the invitation ends (Unix seconds).
fn record_end(record: &InvitationRecord) -> u64 {
    u64::try_from(record.expires_at).unwrap_or(0)
}

/// The 100ms user id of an invitee's visits: the one given, else one derived from the
/// invitation (the same for every visit, without revealing the id to others in the meeting).
/// An event's invitations always use the derived one: removing an event's people at its end
/// goes by these ids, and an id the operator gives one person in two events would mix them up.
pub fn visit_user_id(record: &InvitationRecord) -> Option<UserId> {
    let given = record
        .user_id
        .as_deref()
        .filter(|_| record.event_id.is_none())
        .and_then(|u| UserId::parse(u).ok());
    given.or_else(|| {
        let digest = Sha256::digest(format!("invitee\n{}", record.id).as_bytes());
        let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        UserId::parse(&format!("invitation-{hex}")).ok()
    })
}

/// `2026-11-28 11:38 UTC`, for people.
fn readable_time(unix_secs: u64) -> String {
    let stamp = super::super::rooms::rfc3339(unix_secs);
    match (stamp.get(..10), stamp.get(11..16)) {
        (Some(date), Some(time)) => format!("{date} {time} UTC"),
        _ => stamp,
    }
}
