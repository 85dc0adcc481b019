//! How a cached code is judged: fresh within its TTL; past it, refreshed (one refresh for all
//! concurrent visitors) and, while 100ms fails, served stale up to `stale_if_error`. Answers that
//! a room or role does not exist are remembered for `negative_ttl`.

use std::sync::Arc;

use tokio::time::timeout;

use super::{Audience, CacheOutcome, ResolveError, Resolved, Resolver, Shared};
use crate::domain::{RoleName, RoomName};
use crate::hms::HmsError;

impl Resolver {
    pub(super) async fn lookup(
        &self,
        room: &RoomName,
        role: &RoleName,
        audience: Audience,
    ) -> Shared<(Resolved, CacheOutcome)> {
        let known = self.rooms_and_codes.get(room).await;
        if let Some(entry) = &known
            && let Some(code) = entry.code(role)
        {
            let code = entry.resolved(code);
            if code.fetched_at.elapsed() < self.policy.ttl {
                return Ok((code, CacheOutcome::Hit));
            }
            return self.refresh(room, role, code, audience).await;
        }
        // The admin asks 100ms afresh: it may just have made the room.
        let negative = match audience {
            Audience::Visitor => self.not_found.get(room, role).await,
            Audience::Admin => None,
        };
        if let Some(error) = negative {
            self.outcomes.count(CacheOutcome::Negative);
            return Err(error);
        }
        match timeout(
            self.policy.deadline,
            self.resolve_code(room, role, audience),
        )
        .await
        {
            Ok(Ok(resolved)) => Ok((resolved, CacheOutcome::Miss)),
            Ok(Err(error)) => {
                self.remember_missing(room, role, &error).await;
                Err(error)
            }
            Err(_) => Err(deadline_passed()),
        }
    }

    /// A stale code: ask 100ms again, but keep serving the old code while it cannot answer.
    async fn refresh(
        &self,
        room: &RoomName,
        role: &RoleName,
        stale: Resolved,
        audience: Audience,
    ) -> Shared<(Resolved, CacheOutcome)> {
        let within_grace =
            stale.fetched_at.elapsed() < self.policy.ttl + self.policy.stale_if_error;
        let key = (room.clone(), role.clone());
        if within_grace && self.failed_refreshes.contains_key(&key) {
            return Ok((stale, CacheOutcome::Stale));
        }
        let attempt = self.resolve_code(room, role, audience);
        let error = match timeout(self.policy.deadline, attempt).await {
            Ok(Ok(fresh)) => return Ok((fresh, CacheOutcome::Miss)),
            Ok(Err(error)) => error,
            Err(_) => deadline_passed(),
        };
        if within_grace && error.is_transient() {
            tracing::warn!(room = %room, role = %role, %error, "100ms failed; serving the last known code");
            self.failed_refreshes.insert(key, ()).await;
            return Ok((stale, CacheOutcome::Stale));
        }
        if error.is_definitive() {
            self.drop_code(room, role, &error).await;
        }
        Err(error)
    }

    /// 100ms says the code's room or role is gone (or closed): stop serving it now, and
    /// remember the answer.
    pub(super) async fn drop_code(
        &self,
        room: &RoomName,
        role: &RoleName,
        error: &Arc<ResolveError>,
    ) {
        self.update_room(room, |entry| entry.map(|e| e.without_code(role)))
            .await;
        self.remember_missing(room, role, error).await;
    }
}

impl Resolver {
    /// Remembers that 100ms has no such room or role (for a while); a room the portal keeps
    /// but 100ms lacks leaves the index.
    pub(super) async fn remember_missing(
        &self,
        room: &RoomName,
        role: &RoleName,
        error: &Arc<ResolveError>,
    ) {
        if matches!(error.as_ref(), ResolveError::UnknownRoom) {
            self.directory.unlist_missing(room);
        }
        self.not_found.remember(room, role, error).await;
    }
}

pub(super) fn deadline_passed() -> Arc<ResolveError> {
    Arc::new(ResolveError::Upstream(HmsError::Timeout))
}
