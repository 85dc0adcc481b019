//! 100ms's "no such room or role" answers, remembered for `cache.negative_ttl_secs`, so a bad
//! link costs 100ms one call, not one per visit.

use std::sync::Arc;

use moka::future::Cache;

use super::ResolveError;
use crate::domain::{RoleName, RoomName};

/// `None` as role: the whole room.
type Key = (RoomName, Option<RoleName>);

pub(super) struct NotFoundAnswers {
    answers: Cache<Key, Arc<ResolveError>>,
}

impl NotFoundAnswers {
    pub fn new(answers: Cache<Key, Arc<ResolveError>>) -> Self {
        Self { answers }
    }

    /// The remembered answer for the room, or for this role of it.
    pub async fn get(&self, room: &RoomName, role: &RoleName) -> Option<Arc<ResolveError>> {
        if let Some(error) = self.answers.get(&(room.clone(), None)).await {
            return Some(error);
        }
        self.answers.get(&(room.clone(), Some(role.clone()))).await
    }

    /// Keeps `error` when it says the room or the role is not there; forgets anything else.
    pub async fn remember(&self, room: &RoomName, role: &RoleName, error: &Arc<ResolveError>) {
        let key = match error.as_ref() {
            ResolveError::UnknownRoom | ResolveError::RoomDisabled => (room.clone(), None),
            ResolveError::UnknownRole | ResolveError::RoleClosed => {
                (room.clone(), Some(role.clone()))
            }
            _ => return,
        };
        self.answers.insert(key, error.clone()).await;
    }

    /// After the admin made or changed a room, old answers about it are wrong.
    pub fn forget(&self, room: &RoomName) {
        let room = room.clone();
        let _ = self
            .answers
            .invalidate_entries_if(move |(answered, _), _| *answered == room);
    }

    pub fn clear(&self) {
        self.answers.invalidate_all();
    }
}
