//! The roles of a room: configured ones, else those of its 100ms template, else those its codes name.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::{Audience, ResolveError, Resolver, RoomRef, Shared};
use crate::domain::{RoleName, RoomName};
use crate::hms::HmsError;

impl Resolver {
    /// Whether a share page for the room can be built without calling 100ms.
    pub fn roles_known(&self, room: &RoomName) -> bool {
        self.directory.configured_roles(room).is_some()
            && self.directory.configured_title(room).is_some()
            || self.room_roles.contains_key(room) && self.rooms_and_codes.contains_key(room)
    }

    /// The room's roles as far as memory knows them (configured, or learnt from 100ms and still
    /// cached); `None` when only 100ms could say.
    pub async fn known_roles(&self, room: &RoomName) -> Option<Arc<[RoleName]>> {
        match self.directory.configured_roles(room) {
            Some(roles) => Some(roles.into()),
            None => self.room_roles.get(room).await,
        }
    }

    /// The joinable roles of a room a visitor may see (the gate says which).
    pub async fn roles(&self, room: &RoomName) -> Shared<Arc<[RoleName]>> {
        self.roles_for(room, Audience::Visitor).await
    }

    pub(super) async fn roles_for(
        &self,
        room: &RoomName,
        audience: Audience,
    ) -> Shared<Arc<[RoleName]>> {
        if let Some(roles) = self.directory.configured_roles(room) {
            return Ok(roles.into());
        }
        let room_ref = self.room_ref(room, audience).await?;
        self.room_roles
            .try_get_with_by_ref(room, async {
                let names = self.discover_roles(room, &room_ref).await?;
                Ok::<_, ResolveError>(names.into())
            })
            .await
    }

    async fn discover_roles(
        &self,
        room: &RoomName,
        room_ref: &RoomRef,
    ) -> Result<Vec<RoleName>, ResolveError> {
        let names = match self.template_roles(room_ref).await {
            Ok(Some(names)) => names,
            // No template, or an API without the templates endpoints: the codes name the roles.
            Ok(None) => self.code_roles(room, room_ref).await?,
            Err(error) if error.status().is_some_and(|s| s.is_client_error()) => {
                self.code_roles(room, room_ref).await?
            }
            Err(error) => return Err(self.classify_error(room, error).await),
        };
        Ok(names
            .iter()
            .filter_map(|name| RoleName::parse(name).ok())
            .filter(|role| !role.is_internal())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect())
    }

    async fn template_roles(&self, room_ref: &RoomRef) -> Result<Option<Vec<String>>, HmsError> {
        let room = self.client.get_room(&room_ref.id).await?;
        let Some(template_id) = room.template_id.filter(|t| !t.is_empty()) else {
            return Ok(None);
        };
        let template = self.client.get_template(&template_id).await?;
        Ok(Some(template.roles.keys().cloned().collect()).filter(|r: &Vec<_>| !r.is_empty()))
    }

    async fn code_roles(
        &self,
        room: &RoomName,
        room_ref: &RoomRef,
    ) -> Result<Vec<String>, ResolveError> {
        let listed = self.client.list_room_codes(&room_ref.id, None, None).await;
        let mut codes = self.classify(room, listed).await?;
        if codes.is_empty() {
            // A new room has no codes yet: make one per role of its template, as 100ms's own
            // flow does, and take the roles from them.
            let created = self.client.create_room_codes(&room_ref.id).await;
            codes = self.classify(room, created).await?;
        }
        Ok(codes.into_iter().map(|c| c.role).collect())
    }
}
