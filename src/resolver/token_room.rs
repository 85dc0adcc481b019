//! The room of a visit that joins with an auth token: only its 100ms id is needed (no code), and
//! once known it costs no call to 100ms. The role must exist in the room, as for a code.

use std::sync::Arc;

use tokio::time::timeout;

use super::freshness::deadline_passed;
use super::{Audience, CacheOutcome, ResolveError, Resolver, RoomRef, Shared};
use crate::domain::{RoleName, RoomName};

impl Resolver {
    /// The room from memory when it and the role are known: the hot path of a token visit.
    pub async fn known_room(&self, room: &RoomName, role: &RoleName) -> Option<Arc<RoomRef>> {
        let entry = self.rooms_and_codes.get(room).await?;
        let role_known = match self.directory.configured_roles(room) {
            Some(roles) => roles.contains(role),
            None => self.room_roles.get(room).await?.contains(role),
        };
        role_known.then(|| {
            self.outcomes.count(CacheOutcome::Hit);
            entry.room.clone()
        })
    }

    /// The room of a token visit, found through 100ms when not known yet (single-flight, within
    /// the deadline); "no such room or role" answers are remembered like those of code visits.
    pub async fn token_room(
        &self,
        room: &RoomName,
        role: &RoleName,
    ) -> Shared<(Arc<RoomRef>, CacheOutcome)> {
        if let Some(error) = self.not_found.get(room, role).await {
            self.outcomes.count(CacheOutcome::Negative);
            return Err(error);
        }
        let found = async {
            let room_ref = self.room_ref(room, Audience::Visitor).await?;
            let roles = self.roles_for(room, Audience::Visitor).await?;
            if !roles.contains(role) {
                return Err(Arc::new(ResolveError::UnknownRole));
            }
            Ok(room_ref)
        };
        match timeout(self.policy.deadline, found).await {
            Ok(Ok(room_ref)) => {
                self.outcomes.count(CacheOutcome::Miss);
                Ok((room_ref, CacheOutcome::Miss))
            }
            Ok(Err(error)) => {
                self.remember_missing(room, role, &error).await;
                Err(error)
            }
            Err(_) => Err(deadline_passed()),
        }
    }
}
