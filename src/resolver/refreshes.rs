//! The bookkeeping of background refreshes: which rooms are being refreshed (one refresh per
//! room), which failed a moment ago (retried after a back-off), how many may run at once, and
//! at what age a visited code is due (see `schedule`).

use std::sync::Arc;
use std::time::Duration;

use moka::future::Cache;
use tokio::sync::{Semaphore, SemaphorePermit};

use super::schedule::RefreshSchedule;
use super::{CachePolicy, bounded};
use crate::domain::RoomName;

pub(super) struct Refreshes {
    in_progress: Cache<RoomName, ()>,
    backing_off: Cache<RoomName, ()>,
    slots: Arc<Semaphore>,
    schedule: RefreshSchedule,
}

impl Refreshes {
    pub fn new(policy: &CachePolicy, max_entries: u64, backoff: Duration) -> Self {
        Self {
            // A refresh lost with its worker at shutdown frees its room after this.
            in_progress: bounded(max_entries, policy.deadline * 4),
            backing_off: bounded(max_entries, backoff),
            slots: Arc::new(Semaphore::new(usize::from(
                policy.refresh_concurrency.max(1),
            ))),
            schedule: RefreshSchedule::new(policy.ttl, policy.refresh_ahead_percent),
        }
    }

    /// Whether a visit of `room`'s code of this age starts a refresh.
    pub fn is_due(&self, room: &RoomName, age: Duration) -> bool {
        self.schedule.is_due(room, age)
    }

    /// The age from which a refreshed room's codes are confirmed with it.
    pub fn earliest(&self) -> Duration {
        self.schedule.earliest()
    }

    /// Whether this caller starts the room's refresh: none runs, and the last one did not fail
    /// a moment ago. Exactly one of concurrent callers gets `true`.
    pub async fn start(&self, room: &RoomName) -> bool {
        if self.backing_off.contains_key(room) {
            return false;
        }
        // `or_insert_with` runs its initialiser once for concurrent callers (`or_insert` is a
        // get-then-insert), so exactly one of them starts the refresh.
        self.in_progress
            .entry_by_ref(room)
            .or_insert_with(std::future::ready(()))
            .await
            .is_fresh()
    }

    pub async fn finished(&self, room: &RoomName) {
        self.in_progress.invalidate(room).await;
    }

    /// The room's refresh failed: visits serve the cached code without retrying for a while.
    pub async fn back_off(&self, room: &RoomName) {
        self.backing_off.insert(room.clone(), ()).await;
    }

    /// One of the slots that bound how many refreshes run at once.
    pub async fn slot(&self) -> Option<SemaphorePermit<'_>> {
        self.slots.acquire().await.ok()
    }
}
