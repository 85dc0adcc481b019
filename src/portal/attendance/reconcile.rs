//! Filling the gaps: webhooks can be lost, so sessions where someone is still present are read
//! from 100ms's Sessions API now and then, and what it knows (joins, leaves, the session's end)
//! completes the attendance; and what is older than the retention time is purged. One replica
//! at a time, under a lease in the store.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use super::{Attendance, PortalError, instant_ms, now_ms};
use crate::hms::model::HmsSession;
use crate::store::{HookEffect, PeerTimes};

const LEASE: &str = "attendance.reconcile";
/// How often the purge runs at most (by the lease's holder; a shorter retention, more often).
const PURGE_EVERY_MS: i64 = 3_600_000;

impl Attendance {
    /// Starts reconciling and purging (on a serving portal).
    pub fn reconcile_now_and_then(self: &Arc<Self>) {
        let me = Arc::downgrade(self);
        let last_purge = AtomicI64::new(0);
        tokio::spawn(async move {
            let Some(every) = me.upgrade().map(|a| a.settings.reconcile_every) else {
                return;
            };
            let mut ticks = tokio::time::interval(every);
            loop {
                ticks.tick().await;
                let Some(attendance) = me.upgrade() else {
                    return;
                };
                if let Err(error) = attendance.reconcile(&last_purge).await {
                    tracing::debug!(error = ?error, "could not reconcile attendance");
                }
            }
        });
    }

    async fn reconcile(&self, last_purge: &AtomicI64) -> Result<(), PortalError> {
        let now = now_ms();
        let every = i64::try_from(self.settings.reconcile_every.as_millis()).unwrap_or(i64::MAX);
        let lease_until = now.saturating_add(every.saturating_mul(3));
        if !self
            .store
            .take_lease(LEASE, &self.replica, now, lease_until)
            .await?
        {
            return Ok(());
        }
        for (session_id, _) in self.store.sessions_with_people(now - every).await? {
            let Ok(Some(session)) = self.client.session(&session_id).await else {
                continue;
            };
            for effect in effects(&session) {
                self.store.apply_peer_times(&effect, now).await?;
            }
        }
        let retention = i64::try_from(self.settings.retention.as_millis()).unwrap_or(i64::MAX);
        if now - last_purge.load(Ordering::Relaxed) >= PURGE_EVERY_MS.min(retention) {
            last_purge.store(now, Ordering::Relaxed);
            self.store
                .purge_attendance(now.saturating_sub(retention))
                .await?;
        }
        Ok(())
    }
}

/// What a session's record says: every peer's join (and leave, when it has one), and the
/// session's end once it is over.
fn effects(session: &HmsSession) -> Vec<HookEffect> {
    let mut effects: Vec<HookEffect> = session
        .peers
        .iter()
        .map(|peer| {
            let times = PeerTimes {
                peer_id: peer.id.clone(),
                session_id: Some(session.id.clone()),
                room_id: session.room_id.clone(),
                room_name: None,
                user_id: peer.user_id.clone(),
                name: peer.name.clone(),
                role: peer.role.clone(),
                joined_ms: peer.joined_at.as_deref().and_then(instant_ms),
                left_ms: peer.left_at.as_deref().and_then(instant_ms),
                reason: None,
            };
            let left = times
                .left_ms
                .zip(times.joined_ms)
                .is_some_and(|(l, j)| l >= j);
            if left {
                HookEffect::PeerLeft(PeerTimes {
                    reason: Some("left (from the Sessions API)".to_owned()),
                    ..times
                })
            } else {
                HookEffect::PeerJoined(PeerTimes {
                    left_ms: None,
                    ..times
                })
            }
        })
        .collect();
    if !session.active
        && let Some(stopped_ms) = session.updated_at.as_deref().and_then(instant_ms)
    {
        effects.push(HookEffect::SessionClosed {
            session_id: session.id.clone(),
            room_id: session.room_id.clone(),
            stopped_ms,
        });
    }
    effects
}
