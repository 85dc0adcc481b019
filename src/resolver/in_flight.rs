//! Which look-ups are under way, so a visitor who joins one (and costs 100ms nothing) is not
//! charged for a call: moka's single-flight does not show an entry until it is filled.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::domain::{RoleName, RoomName};

/// A room's code (`Some(role)`) or the room itself (`None`).
type Key = (RoomName, Option<RoleName>);

#[derive(Default)]
pub(super) struct InFlight {
    looking_up: Mutex<HashMap<Key, usize>>,
}

/// Marks a look-up as under way until dropped.
pub(super) struct Marked<'a> {
    in_flight: &'a InFlight,
    key: Key,
}

impl InFlight {
    pub fn mark(&self, room: &RoomName, role: Option<&RoleName>) -> Marked<'_> {
        let key = (room.clone(), role.cloned());
        *self.lock().entry(key.clone()).or_default() += 1;
        Marked {
            in_flight: self,
            key,
        }
    }

    pub fn contains(&self, room: &RoomName, role: Option<&RoleName>) -> bool {
        let looking_up = self.lock();
        !looking_up.is_empty() && looking_up.contains_key(&(room.clone(), role.cloned()))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, usize>> {
        self.looking_up.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for Marked<'_> {
    fn drop(&mut self) {
        let mut looking_up = self.in_flight.lock();
        if let Some(count) = looking_up.get_mut(&self.key) {
            *count -= 1;
            if *count == 0 {
                looking_up.remove(&self.key);
            }
        }
    }
}
