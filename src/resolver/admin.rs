//! What the admin API and CLI do through the resolver: create rooms, read any room's codes,
//! rotate a role's code and purge the caches.

use std::sync::Arc;

use super::directory::{Find, KeptRoom};
use super::{Audience, CachedRoom, ResolveError, Resolved, Resolver, RoomRef, Shared};
use crate::domain::{RoleName, RoomName};
use crate::hms::model::CreateRoom;
use crate::hms::{ApiProblem, HmsError};

/// Whether creating a room made it in 100ms or found it there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Creation {
    Created,
    Adopted,
}

impl Resolver {
    /// Creates the room in 100ms and a code for each role of its template (the 100ms flow), or
    /// adopts the existing room of that name without changing it: asking for another template
    /// than an existing room has is a clash, never an update.
    pub async fn create_room(
        &self,
        room: &RoomName,
        template_id: Option<String>,
        description: Option<String>,
    ) -> Shared<(Arc<RoomRef>, Creation)> {
        let asked_template = template_id.clone();
        let plan = self.directory.creation_plan(room, template_id, description);
        let Find::ByName {
            name,
            create: Some(spec),
        } = &plan.find
        else {
            // A configured room pinned by id already exists.
            return Ok((self.admin_room(room).await?, Creation::Adopted));
        };
        let shared = |e: ResolveError| Arc::new(e);
        let existing = self
            .existing_room(name, true)
            .await
            .map_err(|e| shared(e.into()))?;
        let creation = if existing.is_some() {
            Creation::Adopted
        } else {
            Creation::Created
        };
        let room_record = match existing {
            Some(found) => {
                let clash = asked_template
                    .as_deref()
                    .is_some_and(|asked| found.template_id.as_deref() != Some(asked));
                if clash {
                    return Err(shared(ResolveError::Exists(found.name)));
                }
                found
            }
            None => {
                let request = CreateRoom {
                    name,
                    description: spec.description.as_deref(),
                    template_id: spec.template_id.as_deref(),
                };
                self.client.create_room(&request).await.map_err(rejected)?
            }
        };
        if !room_record.enabled {
            return Err(shared(ResolveError::RoomDisabled));
        }
        let room_ref = Arc::new(plan.room_ref(room_record.id));
        self.ensure_codes(room, &room_ref).await?;
        let kept = room_ref.clone();
        self.update_room(room, |entry| {
            Some(match entry {
                Some(entry) => entry.with_room(kept),
                None => CachedRoom::new(kept),
            })
        })
        .await;
        // The template may have changed, and with it the roles; "no such room" is wrong now.
        self.room_roles.invalidate(room).await;
        self.not_found.forget(room);
        self.directory.register(room);
        Ok((room_ref, creation))
    }

    /// A room without any code gets one for every role of its template, in one call.
    pub(super) async fn ensure_codes(&self, room: &RoomName, room_ref: &RoomRef) -> Shared<()> {
        let listed = self.client.list_room_codes(&room_ref.id, None, None).await;
        let codes = self.classify(room, listed).await.map_err(Arc::new)?;
        if codes.is_empty() {
            let created = self.client.create_room_codes(&room_ref.id).await;
            self.classify(room, created).await.map_err(Arc::new)?;
        }
        Ok(())
    }

    /// Serves a room kept in the store (made here or by another replica); a changed room is
    /// looked up afresh.
    pub async fn serve_kept_room(&self, room: &RoomName, kept: &KeptRoom<'_>) {
        if self.directory.register_kept(room, kept) {
            self.purge(Some(room)).await;
        }
    }

    /// Stops serving a room the portal no longer keeps.
    pub async fn forget_room(&self, room: &RoomName) {
        self.directory.forget(room);
        self.purge(Some(room)).await;
    }

    /// Disables every enabled code of the room in 100ms (of one role, or of all), so a copy
    /// kept anywhere stops working; answers how many. The cache forgets the room.
    pub async fn disable_codes(&self, room: &RoomName, role: Option<&RoleName>) -> Shared<usize> {
        let room_ref = self.admin_room(room).await?;
        let shared = |e: ResolveError| Arc::new(e);
        let listed = self
            .client
            .list_room_codes(&room_ref.id, role.map(RoleName::as_str), Some(true))
            .await;
        let enabled = self.classify(room, listed).await.map_err(shared)?;
        let mut disabled = 0;
        for code in enabled.iter().filter(|c| c.enabled) {
            self.client
                .set_room_code_enabled(&code.code, false)
                .await
                .map_err(|e| shared(e.into()))?;
            disabled += 1;
        }
        self.purge(Some(room)).await;
        Ok(disabled)
    }

    /// Disables the room in 100ms (the one change the portal makes to a 100ms room, and only
    /// when an operator removing it asks).
    pub async fn disable_in_hms(&self, room: &RoomName) -> Shared<()> {
        let room_ref = self.admin_room(room).await?;
        self.client
            .set_room_enabled(&room_ref.id, false)
            .await
            .map_err(rejected)?;
        self.purge(Some(room)).await;
        Ok(())
    }

    /// Any 100ms room by name (or a configured one); this process serves it from now on.
    pub async fn admin_room(&self, room: &RoomName) -> Shared<Arc<RoomRef>> {
        let room_ref = self.room_ref(room, Audience::Admin).await?;
        self.directory.register(room);
        Ok(room_ref)
    }

    pub async fn admin_roles(&self, room: &RoomName) -> Shared<Arc<[RoleName]>> {
        self.roles_for(room, Audience::Admin).await
    }

    /// An enabled code for the role, from the cache or 100ms (created if there is none).
    pub async fn admin_code(&self, room: &RoomName, role: &RoleName) -> Shared<Resolved> {
        if role.is_internal() {
            return Err(Arc::new(ResolveError::UnknownRole));
        }
        let (resolved, _) = self.lookup(room, role, Audience::Admin).await?;
        Ok(resolved)
    }

    /// A new code for the role; the old enabled ones are disabled in 100ms only after the new one
    /// exists, so visitors always have a working code. The cache serves the new code at once.
    pub async fn rotate(&self, room: &RoomName, role: &RoleName) -> Shared<Resolved> {
        if role.is_internal() {
            return Err(Arc::new(ResolveError::UnknownRole));
        }
        let room_ref = self.admin_room(room).await?;
        let shared = |e: ResolveError| Arc::new(e);
        let listed = self
            .client
            .list_room_codes(&room_ref.id, Some(role.as_str()), Some(true))
            .await;
        let old = self.classify(room, listed).await.map_err(shared)?;
        let created = self
            .client
            .create_room_code(&room_ref.id, role.as_str())
            .await;
        let created = self.classify(room, created).await.map_err(shared)?;
        let code = super::resolution::parse_code(&created.code).map_err(|e| shared(e.into()))?;
        for stale in old
            .iter()
            .filter(|c| c.code != created.code && c.role == role.as_str())
        {
            self.client
                .set_room_code_enabled(&stale.code, false)
                .await
                .map_err(|e| shared(e.into()))?;
        }
        let resolved = Resolved::confirmed(room_ref, role.clone(), code);
        self.keep_code(room, resolved.clone()).await;
        // A role closed because its codes were disabled elsewhere opens again.
        self.not_found.forget(room);
        Ok(resolved)
    }

    /// Forgets cached rooms, roles and codes: of one room, or all.
    pub async fn purge(&self, room: Option<&RoomName>) {
        let Some(room) = room else {
            self.rooms_and_codes.invalidate_all();
            self.room_roles.invalidate_all();
            self.not_found.clear();
            self.in_flight.invalidate_all();
            self.failed_refreshes.invalidate_all();
            return;
        };
        // A room's codes live in its entry.
        self.rooms_and_codes.invalidate(room).await;
        self.room_roles.invalidate(room).await;
        self.not_found.forget(room);
    }
}

/// A 400 from 100ms on an admin request means the request itself was wrong.
fn rejected(error: HmsError) -> Arc<ResolveError> {
    let resolve_error = match error.problem() {
        Some(ApiProblem::Refused | ApiProblem::ReferenceNotFound) => ResolveError::Rejected(error),
        _ => ResolveError::Upstream(error),
    };
    Arc::new(resolve_error)
}
