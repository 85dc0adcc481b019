//! Events that end are told to the operator's systems (`event.ended`). Nobody stays past
//! the end: once an event with `eject_at_end` is over (its end plus grace,
//! or its cancellation), the peers who came through *its* invitations are removed from the
//! meeting through 100ms's active-rooms API, never by role and never by ending the room (the
//! next event in the room may already be open). One replica does it at a time, under a lease
//! in the store; removing is idempotent, so a replica taking over mid-way may repeat a call
//! but never misses a peer.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use super::{Events, PortalError, secs};
use crate::domain::clock::unix_now;
use crate::domain::{RoleName, RoomName};
use crate::portal::invitations::visit_user_id;
use crate::store::{Actor, AuditEntry, EventRecord};

/// How often the holder looks for events that are over.
const EVERY: Duration = Duration::from_secs(1);
/// How long the lease lasts without renewal (another replica takes over after it).
const LEASE_MS: i64 = 10_000;
const LEASE: &str = "events.eject";
/// What the removed people's meeting says.
const REASON: &str = "This meeting has ended";

impl Events {
    /// Starts looking, every second, for events that are over (on a serving portal).
    pub fn remove_people_at_the_end(self: &Arc<Self>) {
        let me = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(EVERY);
            loop {
                every.tick().await;
                let Some(events) = me.upgrade() else {
                    return;
                };
                if let Err(error) = events.eject_due().await {
                    tracing::debug!(error = ?error, "could not remove the people of ended events");
                }
            }
        });
    }

    async fn eject_due(&self) -> Result<(), PortalError> {
        let now_ms = secs(unix_now()).saturating_mul(1000);
        if !self
            .store
            .take_lease(LEASE, &self.replica, now_ms, now_ms + LEASE_MS)
            .await?
        {
            return Ok(());
        }
        for (event, room) in self.store.events_just_ended(secs(unix_now())).await? {
            self.outbox.emit(
                "event.ended",
                serde_json::json!({ "event": event, "room": room }),
            );
        }
        for event in self.store.due_ejections(secs(unix_now())).await? {
            let removed = self.eject(&event).await?;
            self.store.mark_ejected(&event.id, secs(unix_now())).await?;
            self.store
                .audit(&AuditEntry {
                    actor: Actor::Portal,
                    action: "event.ejected",
                    subject: event.id.clone(),
                    detail: Some(format!("{removed} removed from {}", event.room)),
                })
                .await?;
        }
        Ok(())
    }

    /// Removes the event's people still in the meeting; answers how many.
    async fn eject(&self, event: &EventRecord) -> Result<usize, PortalError> {
        let invitations = self.store.event_invitations(&event.id).await?;
        let theirs: HashSet<String> = invitations
            .iter()
            .filter_map(|record| visit_user_id(record).map(|id| id.as_str().to_owned()))
            .collect();
        let Some(role) = invitations
            .first()
            .and_then(|r| r.role.parse::<RoleName>().ok())
        else {
            return Ok(0);
        };
        let room = RoomName::parse(&event.room).map_err(|_| PortalError::UnknownRoom)?;
        let room_ref = match self.resolver.known_room(&room, &role).await {
            Some(known) => known,
            None => self.resolver.token_room(&room, &role).await?.0,
        };
        let peers = self
            .client
            .active_peers(&room_ref.id)
            .await
            .map_err(|e| PortalError::Upstream(Arc::new(e.into())))?;
        let mut removed = 0;
        for peer in peers.iter().filter(|p| theirs.contains(&p.user_id)) {
            self.client
                .remove_peer(&room_ref.id, &peer.id, REASON)
                .await
                .map_err(|e| PortalError::Upstream(Arc::new(e.into())))?;
            removed += 1;
        }
        Ok(removed)
    }
}
