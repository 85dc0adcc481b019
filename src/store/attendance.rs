//! Who came: the portal's visits (what let each user id in), 100ms's webhook events (kept once
//! per id) and the join and leave times they give, completed from the Sessions API; purged
//! after the retention time.

use super::{Store, StoreError, with_pool};

/// A visit the portal handed to 100ms: its token's user id and what let it in.
#[derive(Debug, Clone)]
pub struct NewVisit<'a> {
    pub user_id: &'a str,
    pub room: &'a str,
    pub role: &'a str,
    /// `invitation`, `link`, `sign-in` or `lobby`.
    pub way: &'static str,
    pub reference: Option<&'a str>,
    pub name: Option<&'a str>,
    pub created_ms: i64,
}

/// A peer's times as an event or the Sessions API gives them (any may be missing).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeerTimes {
    pub peer_id: String,
    pub session_id: Option<String>,
    pub room_id: String,
    pub room_name: Option<String>,
    pub user_id: Option<String>,
    pub name: Option<String>,
    pub role: Option<String>,
    pub joined_ms: Option<i64>,
    pub left_ms: Option<i64>,
    pub reason: Option<String>,
}

/// What an event changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HookEffect {
    /// A join (its times fill in what is not known yet).
    PeerJoined(PeerTimes),
    /// A leave (its times win: a leave is final).
    PeerLeft(PeerTimes),
    SessionOpened {
        session_id: String,
        room_id: String,
        room_name: Option<String>,
        started_ms: Option<i64>,
    },
    /// The session (or the room) ended: whoever is still present left then.
    SessionClosed {
        session_id: String,
        room_id: String,
        stopped_ms: i64,
    },
    /// Kept, not understood.
    Nothing,
}

/// A webhook event to keep.
#[derive(Debug, Clone)]
pub struct HookRecord<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub body: &'a str,
    pub received_ms: i64,
    pub effect: &'a HookEffect,
}

/// A peer's attendance, with what let its user id in (when the portal did).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AttendanceRecord {
    pub peer_id: String,
    pub session_id: Option<String>,
    pub room_id: String,
    pub room_name: Option<String>,
    pub user_id: Option<String>,
    pub name: Option<String>,
    pub role: Option<String>,
    pub joined_ms: Option<i64>,
    pub left_ms: Option<i64>,
    pub reason: Option<String>,
    pub way: Option<String>,
    pub reference: Option<String>,
    pub room: Option<String>,
}

macro_rules! attendance_columns {
    () => {
        "a.peer_id, a.session_id, a.room_id, a.room_name, a.user_id, a.name, a.role, \
         a.joined_ms, a.left_ms, a.reason, v.way, v.reference, v.room"
    };
}

/// Applies an effect within `$tx` (a transaction or a pool) at `$now` (ms).
macro_rules! apply_effect {
    ($tx:expr, $effect:expr, $now:expr) => {
        match $effect {
            HookEffect::PeerJoined(p) | HookEffect::PeerLeft(p) => {
                let leave = matches!($effect, HookEffect::PeerLeft(_));
                sqlx::query(if leave {
                    "INSERT INTO attendance (peer_id, session_id, room_id, room_name, user_id, name, \
                     role, joined_ms, left_ms, reason, updated_ms) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                     ON CONFLICT (peer_id) DO UPDATE SET \
                     session_id = COALESCE(attendance.session_id, excluded.session_id), \
                     room_name = COALESCE(attendance.room_name, excluded.room_name), \
                     user_id = COALESCE(attendance.user_id, excluded.user_id), \
                     name = COALESCE(excluded.name, attendance.name), \
                     role = COALESCE(excluded.role, attendance.role), \
                     joined_ms = COALESCE(attendance.joined_ms, excluded.joined_ms), \
                     left_ms = excluded.left_ms, reason = excluded.reason, \
                     updated_ms = excluded.updated_ms"
                } else {
                    "INSERT INTO attendance (peer_id, session_id, room_id, room_name, user_id, name, \
                     role, joined_ms, left_ms, reason, updated_ms) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                     ON CONFLICT (peer_id) DO UPDATE SET \
                     session_id = COALESCE(attendance.session_id, excluded.session_id), \
                     room_name = COALESCE(attendance.room_name, excluded.room_name), \
                     user_id = COALESCE(attendance.user_id, excluded.user_id), \
                     name = COALESCE(attendance.name, excluded.name), \
                     role = COALESCE(attendance.role, excluded.role), \
                     joined_ms = COALESCE(excluded.joined_ms, attendance.joined_ms), \
                     updated_ms = excluded.updated_ms"
                })
                .bind(&p.peer_id)
                .bind(&p.session_id)
                .bind(&p.room_id)
                .bind(&p.room_name)
                .bind(&p.user_id)
                .bind(&p.name)
                .bind(&p.role)
                .bind(p.joined_ms)
                .bind(p.left_ms)
                .bind(&p.reason)
                .bind($now)
                .execute($tx)
                .await?;
            }
            HookEffect::SessionOpened {
                session_id,
                room_id,
                room_name,
                started_ms,
            } => {
                sqlx::query(
                    "INSERT INTO hms_sessions (id, room_id, room_name, started_ms) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET \
                     started_ms = COALESCE(hms_sessions.started_ms, excluded.started_ms)",
                )
                .bind(session_id)
                .bind(room_id)
                .bind(room_name)
                .bind(started_ms)
                .execute($tx)
                .await?;
            }
            HookEffect::SessionClosed {
                session_id,
                room_id,
                stopped_ms,
            } => {
                sqlx::query(
                    "INSERT INTO hms_sessions (id, room_id, stopped_ms) VALUES ($1, $2, $3) \
                     ON CONFLICT (id) DO UPDATE SET stopped_ms = excluded.stopped_ms",
                )
                .bind(session_id)
                .bind(room_id)
                .bind(stopped_ms)
                .execute($tx)
                .await?;
                sqlx::query(
                    "UPDATE attendance SET left_ms = $2, reason = 'session closed', updated_ms = $3 \
                     WHERE session_id = $1 AND left_ms IS NULL",
                )
                .bind(session_id)
                .bind(stopped_ms)
                .bind($now)
                .execute($tx)
                .await?;
            }
            HookEffect::Nothing => {}
        }
    };
}

impl Store {
    /// Keeps a webhook event once per id and applies it; `false` for one seen before (nothing
    /// changes: duplicates and replays are harmless).
    pub async fn record_hook(&self, hook: &HookRecord<'_>) -> Result<bool, StoreError> {
        let fresh = self.record_hooks(std::slice::from_ref(hook)).await?;
        Ok(fresh.first().copied().unwrap_or(false))
    }

    /// Keeps several webhook events in one transaction (one commit for all: the writer of
    /// events groups what arrived together), each once per id: whether each was new. A
    /// repeat within the batch is seen too.
    pub async fn record_hooks(&self, hooks: &[HookRecord<'_>]) -> Result<Vec<bool>, StoreError> {
        let fresh = with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let mut fresh = Vec::with_capacity(hooks.len());
            for hook in hooks {
                let inserted = sqlx::query(
                    "INSERT INTO hms_events (id, kind, received_ms, body) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (id) DO NOTHING",
                )
                .bind(hook.id)
                .bind(hook.kind)
                .bind(hook.received_ms)
                .bind(hook.body)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                    == 1;
                if inserted {
                    apply_effect!(&mut *tx, hook.effect, hook.received_ms);
                }
                fresh.push(inserted);
            }
            tx.commit().await.map(|()| fresh)
        })?;
        Ok(fresh)
    }

    /// Applies what the Sessions API says (reconciliation), at `now` (ms).
    pub async fn apply_peer_times(&self, effect: &HookEffect, now: i64) -> Result<(), StoreError> {
        with_pool!(self, |pool| {
            apply_effect!(pool, effect, now);
            Ok::<(), sqlx::Error>(())
        })?;
        Ok(())
    }

    /// Notes what let a user id in (the first way it came, kept).
    pub async fn note_visit(&self, visit: &NewVisit<'_>) -> Result<(), StoreError> {
        with_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO visits (user_id, room, role, way, reference, name, created_ms) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (user_id) DO NOTHING",
            )
            .bind(visit.user_id)
            .bind(visit.room)
            .bind(visit.role)
            .bind(visit.way)
            .bind(visit.reference)
            .bind(visit.name)
            .bind(visit.created_ms)
            .execute(pool)
            .await
            .map(drop)
        })?;
        Ok(())
    }

    /// The peers of a 100ms room who joined within `[from, to)` (ms), in order of joining.
    pub async fn room_attendance(
        &self,
        room_id: &str,
        from_ms: i64,
        to_ms: i64,
    ) -> Result<Vec<AttendanceRecord>, StoreError> {
        let rows = with_pool!(self, |pool| {
            sqlx::query_as(concat!(
                "SELECT ",
                attendance_columns!(),
                " FROM attendance a LEFT JOIN visits v ON v.user_id = a.user_id \
                 WHERE a.room_id = $1 AND COALESCE(a.joined_ms, a.left_ms) >= $2 \
                 AND COALESCE(a.joined_ms, a.left_ms) < $3 ORDER BY a.joined_ms, a.peer_id LIMIT 10000"
            ))
            .bind(room_id)
            .bind(from_ms)
            .bind(to_ms)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows)
    }

    /// The peers who came through these invitations (an event's, or one).
    pub async fn invitation_attendance(
        &self,
        event_id: Option<&str>,
        invitation: Option<&str>,
    ) -> Result<Vec<AttendanceRecord>, StoreError> {
        let rows = with_pool!(self, |pool| {
            sqlx::query_as(concat!(
                "SELECT ",
                attendance_columns!(),
                " FROM attendance a JOIN visits v ON v.user_id = a.user_id \
                 WHERE v.way = 'invitation' AND ( v.reference = $2 OR v.reference IN \
                 (SELECT id FROM invitations WHERE event_id = $1) ) \
                 ORDER BY a.joined_ms, a.peer_id LIMIT 10000"
            ))
            .bind(event_id)
            .bind(invitation)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows)
    }

    /// Sessions with someone present since before `before_ms`, as (session, 100ms room).
    pub async fn sessions_with_people(
        &self,
        before_ms: i64,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let rows = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT DISTINCT session_id, room_id FROM attendance \
                 WHERE left_ms IS NULL AND session_id IS NOT NULL AND updated_ms < $1 LIMIT 100",
            )
            .bind(before_ms)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows)
    }

    /// Forgets attendance, events, visits and sessions older than `before_ms`.
    pub async fn purge_attendance(&self, before_ms: i64) -> Result<(), StoreError> {
        with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for purge in [
                "DELETE FROM attendance WHERE COALESCE(left_ms, joined_ms, updated_ms) < $1",
                "DELETE FROM hms_events WHERE received_ms < $1",
                "DELETE FROM visits WHERE created_ms < $1",
                "DELETE FROM hms_sessions WHERE COALESCE(stopped_ms, started_ms, 0) < $1",
                "DELETE FROM outbox WHERE created_ms < $1",
            ] {
                sqlx::query(purge).bind(before_ms).execute(&mut *tx).await?;
            }
            tx.commit().await
        })?;
        Ok(())
    }
}
