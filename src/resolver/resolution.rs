//! Finding a code through 100ms: the room (looked up, or created where allowed), then an
//! enabled code of the role (listed, or created when there is none), each failure classified.

use std::sync::Arc;

use moka::ops::compute::Op;

use super::directory::{Find, RoomPlan};
use super::entry::CachedRoom;
use super::{Audience, ResolveError, Resolved, Resolver, RoomRef, Shared};
use crate::domain::{RoleName, RoomCode, RoomName};
use crate::hms::model::{CreateRoom, Room};
use crate::hms::{ApiProblem, HmsError};
use crate::settings::DisabledCodes;

enum RoleCodes {
    Enabled(RoomCode),
    OnlyDisabled,
    None,
}

impl Resolver {
    /// Asks 100ms for the role's code and keeps it; whoever asks for the same code meanwhile
    /// waits for this answer instead of asking again.
    pub(super) async fn resolve_code(
        &self,
        room: &RoomName,
        role: &RoleName,
        audience: Audience,
    ) -> Shared<Resolved> {
        let key = (room.clone(), role.clone());
        let resolution = async {
            // Someone may have finished resolving it just after this caller looked.
            if let Some(code) = self.fresh_code(room, role).await {
                return Ok(code);
            }
            let room_ref = self.room_ref(room, audience).await?;
            let code = self.code_for(room, room_ref, role).await?;
            self.keep_code(room, code.clone()).await;
            Ok(code)
        };
        let _marked = self.looking_up.mark(room, Some(role));
        let resolved = self
            .in_flight
            .try_get_with_by_ref(&key, resolution)
            .await
            .map_err(|shared: Arc<Arc<ResolveError>>| (*shared).clone());
        self.in_flight.invalidate(&key).await;
        resolved
    }

    /// The 100ms room behind `room`, from the room cache or found afresh.
    pub(super) async fn room_ref(
        &self,
        room: &RoomName,
        audience: Audience,
    ) -> Shared<Arc<RoomRef>> {
        if let Some(entry) = self.rooms_and_codes.get(room).await {
            return Ok(entry.room.clone());
        }
        let _marked = self.looking_up.mark(room, None);
        let entry = self
            .rooms_and_codes
            .try_get_with_by_ref(room, async {
                let plan = match audience {
                    Audience::Visitor => {
                        self.directory.plan(room).ok_or(ResolveError::UnknownRoom)?
                    }
                    Audience::Admin => self.directory.admin_plan(room),
                };
                let found = self.find_room(&plan).await?;
                if audience == Audience::Visitor && self.directory.pins(room, &found.id) {
                    return Err(ResolveError::UnknownRoom);
                }
                Ok::<_, ResolveError>(Arc::new(CachedRoom::new(Arc::new(found))))
            })
            .await?;
        Ok(entry.room.clone())
    }

    /// Puts `code` in its room's entry, under the entry's lock so concurrent roles all land.
    pub(super) async fn keep_code(&self, room: &RoomName, code: Resolved) {
        self.update_room(room, |entry| {
            Some(match entry {
                Some(entry) => entry.with_code(&code),
                None => CachedRoom::holding(&code),
            })
        })
        .await;
    }

    /// Replaces the room's entry with what `change` makes of it (`None`: leave it as it is).
    pub(super) async fn update_room(
        &self,
        room: &RoomName,
        change: impl FnOnce(Option<&CachedRoom>) -> Option<CachedRoom>,
    ) {
        self.rooms_and_codes
            .entry_by_ref(room)
            .and_compute_with(|entry| {
                let op = match change(entry.as_ref().map(|e| e.value().as_ref())) {
                    Some(updated) => Op::Put(Arc::new(updated)),
                    None => Op::Nop,
                };
                std::future::ready(op)
            })
            .await;
    }

    async fn find_room(&self, plan: &RoomPlan) -> Result<RoomRef, ResolveError> {
        let (name, create) = match &plan.find {
            Find::Pinned { id } => return Ok(plan.room_ref(id.as_str())),
            Find::ByName { name, create } => (name.as_str(), create),
        };
        let found = |room: Room| plan.room_ref(room.id);
        let create_allowed = create.is_some();
        match self.existing_room(name, create_allowed).await? {
            Some(room) if room.enabled => return Ok(found(room)),
            Some(_) => return Err(ResolveError::RoomDisabled),
            None => {}
        }
        let Some(spec) = create else {
            return Err(ResolveError::UnknownRoom);
        };
        let request = CreateRoom {
            name,
            description: spec.description.as_deref(),
            template_id: spec.template_id.as_deref(),
        };
        match self.client.create_room(&request).await {
            Ok(room) if room.enabled => Ok(found(room)),
            Ok(_) => Err(ResolveError::RoomDisabled),
            // The create may have happened: look again rather than create twice.
            Err(error) if error.outcome_unknown() => {
                tracing::warn!(room = name, %error, "room creation outcome unknown; looking it up");
                match self.client.find_room_by_name(name, true).await? {
                    Some(room) => Ok(found(room)),
                    None => Err(error.into()),
                }
            }
            Err(error) => Err(error.into()),
        }
    }

    /// The 100ms room of this name, enabled or not. Before a create (`thorough`), also every
    /// room of the account, in case the name filter missed one written in another case: 100ms
    /// creates by upserting, so creating under an existing name would change that room.
    pub(super) async fn existing_room(
        &self,
        name: &str,
        thorough: bool,
    ) -> Result<Option<Room>, HmsError> {
        for enabled in [true, false] {
            if let Some(room) = self.client.find_room_by_name(name, enabled).await? {
                return Ok(Some(room));
            }
        }
        if thorough && self.check_all_rooms {
            for enabled in [true, false] {
                if let Some(room) = self.client.find_room_by_scan(name, enabled).await? {
                    tracing::warn!(
                        room = name,
                        found = room.name,
                        "the 100ms name filter missed an existing room; it is used, not changed"
                    );
                    return Ok(Some(room));
                }
            }
        }
        Ok(None)
    }

    /// The first enabled code of the role; only when there is none, a new one. A role whose
    /// codes were all disabled outside the portal (the portal itself disables old codes only
    /// after making a new one) is logged and counted, then replaced or closed as
    /// `rooms.disabled_codes` says.
    pub(super) async fn code_for(
        &self,
        room_name: &RoomName,
        room: Arc<RoomRef>,
        role: &RoleName,
    ) -> Result<Resolved, ResolveError> {
        let resolved = |code: RoomCode| Resolved::confirmed(room.clone(), role.clone(), code);
        let listed = self.role_codes(&room.id, role).await;
        match self.classify(room_name, listed).await? {
            RoleCodes::Enabled(code) => return Ok(resolved(code)),
            RoleCodes::OnlyDisabled => {
                self.disabled_outside.inc();
                tracing::warn!(
                    room = %room_name, %role, policy = ?self.disabled_codes,
                    "every code of this role was disabled outside the portal"
                );
                if self.disabled_codes == DisabledCodes::Close {
                    return Err(ResolveError::RoleClosed);
                }
            }
            RoleCodes::None => {}
        }
        match self.client.create_room_code(&room.id, role.as_str()).await {
            Ok(record) => Ok(resolved(parse_code(&record.code)?)),
            // A create that timed out may still have made a code: re-list instead of creating again.
            Err(error) if error.outcome_unknown() => {
                tracing::warn!(room = %room_name, %role, %error, "code creation outcome unknown; listing again");
                let relisted = self.role_codes(&room.id, role).await;
                match self.classify(room_name, relisted).await? {
                    RoleCodes::Enabled(code) => Ok(resolved(code)),
                    _ => Err(error.into()),
                }
            }
            Err(error) => Err(self.classify_error(room_name, error).await),
        }
    }

    /// What 100ms holds for the role: an enabled code, only disabled ones, or none.
    async fn role_codes(&self, room_id: &str, role: &RoleName) -> Result<RoleCodes, HmsError> {
        let codes = self
            .client
            .list_room_codes(room_id, Some(role.as_str()), None)
            .await?;
        let mut of_role = codes.into_iter().filter(|c| c.role == role.as_str());
        let mut any = false;
        for code in of_role.by_ref() {
            any = true;
            if code.enabled {
                return Ok(RoleCodes::Enabled(parse_code(&code.code)?));
            }
        }
        Ok(if any {
            RoleCodes::OnlyDisabled
        } else {
            RoleCodes::None
        })
    }

    /// Turns 100ms's answers about codes into what the visitor should see; a vanished room
    /// also leaves the room cache so the next request looks it up afresh.
    pub(super) async fn classify<T>(
        &self,
        room_name: &RoomName,
        result: Result<T, HmsError>,
    ) -> Result<T, ResolveError> {
        match result {
            Ok(value) => Ok(value),
            Err(error) => Err(self.classify_error(room_name, error).await),
        }
    }

    pub(super) async fn classify_error(
        &self,
        room_name: &RoomName,
        error: HmsError,
    ) -> ResolveError {
        match error.problem() {
            Some(ApiProblem::RoleNotFound) => ResolveError::UnknownRole,
            Some(ApiProblem::RoomNotFound) => {
                self.rooms_and_codes.invalidate(room_name).await;
                ResolveError::UnknownRoom
            }
            Some(ApiProblem::RoomDisabled) => {
                self.rooms_and_codes.invalidate(room_name).await;
                ResolveError::RoomDisabled
            }
            // 100ms refused a change it understood (e.g. a room's 100 codes are used up).
            Some(ApiProblem::Refused | ApiProblem::ReferenceNotFound) => {
                ResolveError::Rejected(error)
            }
            _ => error.into(),
        }
    }
}

pub(super) fn parse_code(code: &str) -> Result<RoomCode, HmsError> {
    RoomCode::parse(code).map_err(|e| HmsError::Decode(e.into()))
}
