//! Who is told when a room's lobby changes: a counter per room that waiting pages and hosts'
//! lists watch. Bumped by this process's own knocks and decisions, and by those of other
//! replicas as the store's changes arrive (woken at once by PostgreSQL's notices).

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::watch;

use crate::domain::RoomName;

#[derive(Default)]
pub struct LobbySignals {
    /// Versions are never reused, so a version names one state of a room's lobby.
    next: AtomicU64,
    rooms: Mutex<HashMap<RoomName, watch::Sender<u64>>>,
    /// Hosts' lists open on this replica, per room.
    hosts: Mutex<HashMap<RoomName, usize>>,
}

impl LobbySignals {
    /// Something changed in the room's lobby.
    pub fn bump(&self, room: &RoomName) {
        let rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(sender) = rooms.get(room) {
            let next = self.next.fetch_add(1, Ordering::Relaxed) + 1;
            sender.send_modify(|version| *version = next);
        }
    }

    /// A receiver that wakes when the room's lobby changes.
    pub fn watch(&self, room: &RoomName) -> watch::Receiver<u64> {
        let mut rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
        // Rooms nobody watches any more are dropped now and then.
        if rooms.len() > 1024 {
            rooms.retain(|_, sender| sender.receiver_count() > 0);
        }
        rooms
            .entry(room.clone())
            .or_insert_with(|| watch::channel(self.next.fetch_add(1, Ordering::Relaxed) + 1).0)
            .subscribe()
    }

    /// A host's list of the room is open here until the guard is dropped.
    pub fn host_present(self: &std::sync::Arc<Self>, room: &RoomName) -> HostPresence {
        let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        *hosts.entry(room.clone()).or_default() += 1;
        HostPresence {
            signals: self.clone(),
            room: room.clone(),
        }
    }

    /// The rooms whose hosts' lists are open on this replica.
    pub fn rooms_with_hosts(&self) -> Vec<RoomName> {
        let hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        hosts.keys().cloned().collect()
    }

    /// Whether a host's list of the room is open on this replica.
    pub fn hosts_present(&self, room: &RoomName) -> bool {
        let hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        hosts.get(room).is_some_and(|count| *count > 0)
    }
}

/// A host's open list (see [`LobbySignals::host_present`]).
pub struct HostPresence {
    signals: std::sync::Arc<LobbySignals>,
    room: RoomName,
}

impl Drop for HostPresence {
    fn drop(&mut self) {
        let mut hosts = self.signals.hosts.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(count) = hosts.get_mut(&self.room) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                hosts.remove(&self.room);
            }
        }
        drop(hosts);
        self.signals.bump(&self.room);
    }
}
