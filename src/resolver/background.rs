//! Background refreshes: a code past its TTL (or near it, while visited) is confirmed with 100ms
//! off the visitor's path, one refresh per room at a time, at most `cache.refresh_concurrency`
//! at once. A refresh that fails for a passing reason is retried after a back-off by the next
//! visit; one that learns the code or room is gone stops it being served at once.

use std::sync::Arc;

use tokio::time::timeout;

use super::{Audience, ResolveError, Resolved, Resolver};
use crate::domain::{RoleName, RoomName};

impl Resolver {
    /// Starts a refresh of `room` unless one runs or the last one failed a moment ago.
    pub(super) async fn refresh_in_background(&self, room: &RoomName) {
        let Some(me) = self.me.upgrade() else {
            return;
        };
        if !self.refreshes.start(room).await {
            return;
        }
        let room = room.clone();
        tokio::spawn(async move {
            me.refresh_room(&room).await;
            me.refreshes.finished(&room).await;
        });
    }

    /// Confirms every code of the room that is due (at or past the refresh-ahead age).
    async fn refresh_room(&self, room: &RoomName) {
        let Some(_slot) = self.refreshes.slot().await else {
            return;
        };
        let Some(entry) = self.rooms_and_codes.get(room).await else {
            return;
        };
        let due: Vec<RoleName> = entry
            .all_codes()
            .iter()
            .filter(|code| code.fetched_at.elapsed() >= self.refreshes.earliest())
            .map(|code| code.role.clone())
            .collect();
        for role in due {
            let error = match timeout(self.policy.deadline, self.reconfirm(room, &role)).await {
                Ok(Ok(_)) => continue,
                Ok(Err(error)) => error,
                Err(_) => Arc::new(ResolveError::Upstream(crate::hms::HmsError::Timeout)),
            };
            if error.is_definitive() {
                self.drop_code(room, &role, &error).await;
                continue;
            }
            tracing::warn!(%room, %role, %error, "background refresh failed; the cached code is served meanwhile");
            self.refreshes.back_off(room).await;
            return;
        }
    }

    /// Asks 100ms for the role's code now, however fresh the cached one, and keeps the answer.
    async fn reconfirm(
        &self,
        room: &RoomName,
        role: &RoleName,
    ) -> Result<Resolved, Arc<ResolveError>> {
        let room_ref = self.room_ref(room, Audience::Visitor).await?;
        let code = self
            .code_for(room, room_ref, role)
            .await
            .map_err(Arc::new)?;
        self.keep_code(room, code.clone()).await;
        Ok(code)
    }
}
