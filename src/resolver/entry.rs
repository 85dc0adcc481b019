//! One cache entry per room: its 100ms id and title, and the codes found so far, by role. A
//! room's codes share its entry because every cache entry carries a few hundred bytes of
//! bookkeeping: one per room instead of one per room and one per code keeps 100,000 codes small.
//! The codes sit in one slice inside the entry rather than one allocation each (an `Arc` per
//! code cost 96 bytes of heap and a pointer: about 37 MB at a million codes).

use std::sync::Arc;
use std::time::Instant;

use super::{Resolved, RoomRef};
use crate::domain::{RoleName, RoomCode};

/// Immutable: a change is a new entry, put in place under the cache's per-key lock.
#[derive(Debug)]
pub(super) struct CachedRoom {
    pub room: Arc<RoomRef>,
    codes: Box<[KeptCode]>,
}

/// A role's code as its room's entry keeps it (the room is the entry's).
#[derive(Debug, Clone)]
pub(super) struct KeptCode {
    pub role: RoleName,
    pub code: RoomCode,
    /// When 100ms last confirmed the code.
    pub fetched_at: Instant,
}

impl CachedRoom {
    pub fn new(room: Arc<RoomRef>) -> Self {
        Self {
            room,
            codes: Box::default(),
        }
    }

    pub(super) fn all_codes(&self) -> &[KeptCode] {
        &self.codes
    }

    /// The last code found for the role, however old.
    pub fn code(&self, role: &RoleName) -> Option<&KeptCode> {
        self.codes.iter().find(|code| code.role == *role)
    }

    /// One of this entry's codes with its room, as resolutions answer.
    pub fn resolved(&self, code: &KeptCode) -> Resolved {
        Resolved {
            room: self.room.clone(),
            role: code.role.clone(),
            code: code.code.clone(),
            fetched_at: code.fetched_at,
        }
    }

    /// This room with `code` as its role's code. A code of another 100ms room (the name now
    /// points elsewhere) starts the entry afresh.
    pub fn with_code(&self, code: &Resolved) -> Self {
        if code.room.id != self.room.id {
            return Self::holding(code);
        }
        let mut updated = self.without_code(&code.role);
        updated.codes = updated.codes.into_iter().chain([kept(code)]).collect();
        updated
    }

    pub fn without_code(&self, role: &RoleName) -> Self {
        let codes = self
            .codes
            .iter()
            .filter(|old| old.role != *role)
            .cloned()
            .collect();
        Self {
            room: self.room.clone(),
            codes,
        }
    }

    /// This entry for `room` (the room met again, e.g. re-created by the admin): its codes stay
    /// when it is the same 100ms room.
    pub fn with_room(&self, room: Arc<RoomRef>) -> Self {
        let codes = if room.id == self.room.id {
            self.codes.clone()
        } else {
            Box::default()
        };
        Self { room, codes }
    }

    pub fn holding(code: &Resolved) -> Self {
        Self {
            room: code.room.clone(),
            codes: Box::new([kept(code)]),
        }
    }

    /// Its weight against `cache.max_entries`, which counts codes.
    pub fn weight(&self) -> u32 {
        u32::try_from(self.codes.len()).unwrap_or(u32::MAX).max(1)
    }
}

fn kept(code: &Resolved) -> KeptCode {
    KeptCode {
        role: code.role.clone(),
        code: code.code.clone(),
        fetched_at: code.fetched_at,
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;
    use crate::domain::RoomCode;

    fn room(id: &str) -> Arc<RoomRef> {
        Arc::new(RoomRef {
            id: id.into(),
            title: "Room".into(),
            framing: None,
        })
    }

    fn code(room: &Arc<RoomRef>, role: &str, code: &str) -> Resolved {
        Resolved {
            room: room.clone(),
            role: RoleName::parse(role).unwrap(),
            code: RoomCode::parse(code).unwrap(),
            fetched_at: Instant::now(),
        }
    }

    fn role(name: &str) -> RoleName {
        RoleName::parse(name).unwrap()
    }

    #[test]
    fn a_new_code_replaces_only_its_own_roles_code() {
        let r = room("r1");
        let entry = CachedRoom::new(r.clone())
            .with_code(&code(&r, "host", "aaa-aaaa-aaa"))
            .with_code(&code(&r, "guest", "bbb-bbbb-bbb"))
            .with_code(&code(&r, "host", "ccc-cccc-ccc"));
        assert_eq!(
            entry.code(&role("host")).unwrap().code.as_str(),
            "ccc-cccc-ccc"
        );
        assert_eq!(
            entry.code(&role("guest")).unwrap().code.as_str(),
            "bbb-bbbb-bbb"
        );
        assert_eq!(entry.weight(), 2);
        let without = entry.without_code(&role("host"));
        assert!(without.code(&role("host")).is_none());
        assert_eq!(without.weight(), 1);
    }

    #[test]
    fn a_code_of_another_100ms_room_drops_the_old_rooms_codes() {
        let (old, new) = (room("r1"), room("r2"));
        let entry = CachedRoom::new(old.clone())
            .with_code(&code(&old, "host", "aaa-aaaa-aaa"))
            .with_code(&code(&new, "guest", "bbb-bbbb-bbb"));
        assert_eq!(entry.room.id, "r2");
        assert!(entry.code(&role("host")).is_none());
        assert!(entry.with_room(room("r3")).code(&role("guest")).is_none());
        assert!(entry.with_room(room("r2")).code(&role("guest")).is_some());
    }

    #[test]
    fn a_rooms_new_title_and_framing_reach_its_cached_codes() {
        let r = room("r1");
        let entry = CachedRoom::new(r.clone()).with_code(&code(&r, "guest", "aaa-aaaa-aaa"));
        let renamed = Arc::new(RoomRef {
            id: "r1".into(),
            title: "Renamed".into(),
            framing: Some("https://intranet.example".into()),
        });
        let entry = entry.with_room(renamed);
        let guest = entry.resolved(entry.code(&role("guest")).unwrap());
        assert_eq!(guest.room.title, "Renamed");
        assert_eq!(
            guest.room.framing.as_deref(),
            Some("https://intranet.example")
        );
        assert_eq!(guest.code.as_str(), "aaa-aaaa-aaa");
    }
}
