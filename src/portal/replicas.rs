//! Keeping this process in step with the store: rooms made and roles revoked elsewhere are
//! served and honoured here, codes rotated and caches purged elsewhere are forgotten here. On
//! start everything is read once; then changes are followed by id, woken at once by PostgreSQL
//! and polled every `store.poll_interval_ms` besides (SQLite, or a lost notice).

use std::sync::{Arc, Weak};
use std::time::Duration;

use super::access::AccessRules;
use super::lobby::LobbySignals;
use crate::domain::RoomName;
use crate::resolver::{KeptRoom, Resolver};
use crate::store::{Change, Store, StoreError, StoredRoom};

/// Changes are pruned about this often (by whichever replica gets there).
const PRUNE_EVERY: Duration = Duration::from_secs(3600);

pub(super) struct Replica {
    pub store: Arc<Store>,
    pub resolver: Arc<Resolver>,
    pub access: Arc<AccessRules>,
    pub lobbies: Arc<LobbySignals>,
}

impl Replica {
    /// Reads every kept room and revocation; answers where to follow changes from.
    pub async fn load(&self) -> Result<i64, StoreError> {
        // The cursor first: a change written while loading is applied again, which is harmless.
        let cursor = self.store.last_change().await?;
        for room in self.store.rooms().await? {
            self.serve_kept_room(room).await;
        }
        self.load_revocations().await?;
        Ok(cursor)
    }

    pub async fn serve_kept_room(&self, room: StoredRoom) {
        let kept = KeptRoom {
            id: &room.room_id,
            title: &room.title,
            listed: room.listed,
            enabled: room.enabled,
            frame_ancestors: &room.frame_ancestors,
        };
        self.resolver.serve_kept_room(&room.name, &kept).await;
        self.access.policies.set_stored(room.name, room.access);
    }

    /// Stops serving a room that was removed (here or on another replica).
    pub async fn forget_room(&self, room: &RoomName) {
        self.access.policies.remove_stored(room);
        self.resolver.forget_room(room).await;
    }

    async fn load_revocations(&self) -> Result<(), StoreError> {
        for revocation in self.store.revocations().await? {
            let not_before = u64::try_from(revocation.not_before_ms).unwrap_or(0);
            self.access
                .revocations
                .set(revocation.room, revocation.role, not_before);
        }
        Ok(())
    }

    async fn apply(&self, change: Change) -> Result<(), StoreError> {
        match change {
            Change::RoomSaved(name) => {
                if let Some(room) = self.store.room(&name).await? {
                    self.serve_kept_room(room).await;
                }
            }
            Change::RoomRemoved(name) => self.forget_room(&name).await,
            Change::Rotated(room, _) => self.resolver.purge(Some(&room)).await,
            Change::Purged(room) => self.resolver.purge(room.as_ref()).await,
            Change::Revoked(..) => self.load_revocations().await?,
            Change::Lobby(room) => self.lobbies.bump(&room),
        }
        Ok(())
    }

    /// Follows the store's changes from `cursor` for as long as this replica lives.
    pub fn follow(self: &Arc<Self>, mut cursor: i64, poll: Duration) {
        let me: Weak<Self> = Arc::downgrade(self);
        let store = self.store.clone();
        tokio::spawn(async move {
            let mut failing = false;
            let mut last_prune = tokio::time::Instant::now();
            loop {
                tokio::select! {
                    () = store.changed() => {}
                    () = tokio::time::sleep(poll) => {}
                }
                let Some(replica) = me.upgrade() else {
                    return;
                };
                match replica.catch_up(&mut cursor).await {
                    Ok(()) if failing => {
                        failing = false;
                        tracing::info!("the store answers again; following its changes");
                    }
                    Ok(()) => {}
                    Err(error) if !failing => {
                        failing = true;
                        tracing::warn!(error = ?error, "could not read the store's changes; retrying");
                    }
                    Err(_) => {}
                }
                if last_prune.elapsed() > PRUNE_EVERY {
                    last_prune = tokio::time::Instant::now();
                    if let Err(error) = store.prune_changes().await {
                        tracing::debug!(error = ?error, "could not prune old changes");
                    }
                }
            }
        });
    }

    async fn catch_up(&self, cursor: &mut i64) -> Result<(), StoreError> {
        loop {
            let records = self.store.changes_since(*cursor).await?;
            let Some(last) = records.last().map(|r| r.id) else {
                return Ok(());
            };
            for record in records {
                if !record.mine {
                    self.apply(record.change).await?;
                }
                *cursor = record.id;
            }
            debug_assert!(*cursor == last);
        }
    }
}
