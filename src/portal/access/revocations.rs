//! Revocations in memory: per room and role, the time before which signed links (and
//! invitations) no longer open it. Loaded from the store at start and kept in step with it.

use std::collections::HashMap;
use std::sync::RwLock;

use crate::domain::{RoleName, RoomName};

#[derive(Default)]
pub struct Revocations {
    not_before_ms: RwLock<HashMap<(RoomName, RoleName), u64>>,
}

impl Revocations {
    /// Whether something issued at `issued_ms` (Unix milliseconds) is revoked for the role.
    pub fn revokes(&self, room: &RoomName, role: &RoleName, issued_ms: u64) -> bool {
        self.not_before_ms(room, role)
            .is_some_and(|not_before| issued_ms < not_before)
    }

    pub fn not_before_ms(&self, room: &RoomName, role: &RoleName) -> Option<u64> {
        let map = self.not_before_ms.read().unwrap_or_else(|p| p.into_inner());
        if map.is_empty() {
            return None;
        }
        map.get(&(room.clone(), role.clone())).copied()
    }

    /// Keeps the later of the known and the given time (revocations never move back).
    pub fn set(&self, room: RoomName, role: RoleName, not_before_ms: u64) {
        let mut map = self
            .not_before_ms
            .write()
            .unwrap_or_else(|p| p.into_inner());
        let kept = map.entry((room, role)).or_insert(not_before_ms);
        *kept = (*kept).max(not_before_ms);
    }
}
