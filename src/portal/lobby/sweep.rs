//! Every few seconds: presence written in one transaction, lapsed tickets swept, and whether
//! someone who admits is inside each meeting with people waiting.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use super::{Lobby, PortalError, SWEEP_EVERY, seconds};
use crate::domain::RoomName;
use crate::domain::clock::unix_now;
use crate::store::{Actor, AuditEntry, Change};

impl Lobby {
    /// Every few seconds: write which waiting pages are still open (one transaction for all),
    /// and let lapse the tickets whose page is gone or which waited too long.
    pub(super) fn sweep_now_and_then(self: &Arc<Self>) {
        let me = Arc::downgrade(self);
        tokio::spawn(async move {
            let Some(period) = me.upgrade().map(|lobby| lobby.sweep_period()) else {
                return;
            };
            let mut every = tokio::time::interval(period);
            loop {
                every.tick().await;
                let Some(lobby) = me.upgrade() else {
                    return;
                };
                if let Err(error) = lobby.sweep().await {
                    tracing::debug!(error = ?error, "could not sweep the lobbies");
                }
            }
        });
    }

    fn sweep_period(&self) -> Duration {
        (self.settings.lapse / 4).clamp(Duration::from_millis(250), SWEEP_EVERY)
    }

    async fn sweep(&self) -> Result<(), PortalError> {
        let seen: Vec<String> = {
            let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
            seen.drain().collect()
        };
        let now = seconds(unix_now());
        self.store.touch_tickets(&seen, now).await?;
        let lapse = seconds(self.settings.lapse.as_secs());
        let max_wait = seconds(self.settings.max_wait.as_secs());
        for room in self
            .store
            .lapse_tickets(now - lapse, now - max_wait)
            .await?
        {
            let Ok(room) = RoomName::parse(&room) else {
                continue;
            };
            let audit = AuditEntry {
                actor: Actor::Portal,
                action: "lobby.lapsed",
                subject: room.to_string(),
                detail: None,
            };
            self.store
                .announce(&Change::Lobby(room.clone()), &audit)
                .await?;
            self.signals.bump(&room);
        }
        self.share_host_presence(now).await?;
        self.look_for_hosts_in_meetings().await;
        Ok(())
    }

    /// Writes which rooms' hosts' lists are open here (valid for two sweeps and a second),
    /// and reads which are open on other replicas; a change wakes the room's pages.
    async fn share_host_presence(&self, now: i64) -> Result<(), PortalError> {
        let here = self.signals.rooms_with_hosts();
        let until = now + seconds(2 * self.sweep_period().as_secs() + 1);
        self.store.note_hosts(&self.replica, &here, until).await?;
        let elsewhere: HashSet<RoomName> = self
            .store
            .hosts_elsewhere(&self.replica, now)
            .await?
            .iter()
            .filter_map(|room| RoomName::parse(room).ok())
            .collect();
        let changed: Vec<RoomName> = {
            let mut known = self.elsewhere.lock().unwrap_or_else(|p| p.into_inner());
            let changed = known.symmetric_difference(&elsewhere).cloned().collect();
            *known = elsewhere;
            changed
        };
        for room in changed {
            self.signals.bump(&room);
        }
        Ok(())
    }

    /// For each room whose waiting pages are open here: whether someone who may admit is in
    /// its meeting, as 100ms's active-rooms API says (a background read, once per sweep; a
    /// room not in use has nobody). A change wakes the room's pages.
    async fn look_for_hosts_in_meetings(&self) {
        let rooms: Vec<RoomName> = {
            let lines = self.lines.lock().unwrap_or_else(|p| p.into_inner());
            lines
                .iter()
                .filter(|(_, (_, line))| !line.is_empty())
                .map(|(room, _)| room.clone())
                .collect()
        };
        for room in rooms {
            let admitters = self.gate.admitters(&room);
            let Some(first) = admitters.first() else {
                continue;
            };
            let Some(room_ref) = self.resolver.known_room(&room, first).await else {
                continue;
            };
            let Ok(peers) = self.client.active_peers(&room_ref.id).await else {
                continue;
            };
            let present = peers
                .iter()
                .any(|peer| admitters.iter().any(|role| role.as_str() == peer.role));
            let changed = {
                let mut in_meeting = self.in_meeting.lock().unwrap_or_else(|p| p.into_inner());
                in_meeting.insert(room.clone(), present) != Some(present)
            };
            if changed {
                self.signals.bump(&room);
            }
        }
    }

    /// Whether someone who may admit has the room's list open (on any replica), or is in its
    /// meeting.
    pub(super) fn someone_admits(&self, room: &RoomName) -> bool {
        self.signals.hosts_present(room)
            || self
                .elsewhere
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .contains(room)
            || {
                let in_meeting = self.in_meeting.lock().unwrap_or_else(|p| p.into_inner());
                in_meeting.get(room).copied().unwrap_or(false)
            }
    }
}
