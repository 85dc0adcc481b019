//! Events: meetings with a start and an end, and their invitations (made, moved and cancelled
//! with them, in one transaction); and named leases, for work one replica does at a time.

use super::invitations::{columns, insert_invitation};
use super::{AuditEntry, InvitationRecord, NewInvitation, Store, StoreError, with_pool, write_tx};

/// An event to keep.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub id: &'a str,
    pub room: &'a str,
    pub title: Option<&'a str>,
    pub starts_at: i64,
    pub ends_at: i64,
    pub time_zone: &'a str,
    pub open_before: i64,
    pub grace_after: i64,
    pub eject_at_end: bool,
    pub lobby: bool,
    pub now: i64,
}

/// An event as kept (times in Unix seconds, UTC).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EventRecord {
    pub id: String,
    pub room: String,
    pub title: Option<String>,
    pub starts_at: i64,
    pub ends_at: i64,
    pub time_zone: String,
    pub open_before: i64,
    pub grace_after: i64,
    pub eject_at_end: i64,
    pub lobby: i64,
    pub sequence: i64,
    pub cancelled_at: Option<i64>,
    pub ejected_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub created_by: String,
}

/// A new time for an event (Unix seconds).
#[derive(Debug, Clone, Copy)]
pub struct EventTimes {
    pub starts_at: i64,
    pub ends_at: i64,
    pub open_before: i64,
    pub grace_after: i64,
}

macro_rules! event_columns {
    () => {
        "id, room, title, starts_at, ends_at, time_zone, open_before, grace_after, eject_at_end, \
         lobby, sequence, cancelled_at, ejected_at, created_at, updated_at, created_by"
    };
}

impl Store {
    /// The event and its invitations, at once.
    pub async fn create_event(
        &self,
        event: &NewEvent<'_>,
        invitations: &[NewInvitation<'_>],
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        write_tx!(self, audit, None, |tx| {
            sqlx::query(
                "INSERT INTO events (id, room, title, starts_at, ends_at, time_zone, open_before, \
                 grace_after, eject_at_end, lobby, created_at, updated_at, created_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12)",
            )
            .bind(event.id)
            .bind(event.room)
            .bind(event.title)
            .bind(event.starts_at)
            .bind(event.ends_at)
            .bind(event.time_zone)
            .bind(event.open_before)
            .bind(event.grace_after)
            .bind(i64::from(event.eject_at_end))
            .bind(i64::from(event.lobby))
            .bind(event.now)
            .bind(audit.actor.as_str())
            .execute(&mut *tx)
            .await?;
            for invitation in invitations {
                insert_invitation!(tx, invitation, audit.actor.as_str());
            }
        });
        Ok(())
    }

    pub async fn event(&self, id: &str) -> Result<Option<EventRecord>, StoreError> {
        let event = with_pool!(self, |pool| {
            sqlx::query_as(concat!(
                "SELECT ",
                event_columns!(),
                " FROM events WHERE id = $1"
            ))
            .bind(id)
            .fetch_optional(pool)
            .await
        })?;
        Ok(event)
    }

    /// Events not yet over at `now` (their end plus grace), soonest first; of one room when
    /// given.
    pub async fn upcoming_events(
        &self,
        room: Option<&str>,
        now: i64,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<EventRecord>, StoreError> {
        let events = with_pool!(self, |pool| {
            sqlx::query_as(concat!(
                "SELECT ",
                event_columns!(),
                " FROM events WHERE ($1 IS NULL OR room = $1) AND ends_at + grace_after > $2 \
                 ORDER BY starts_at, id LIMIT $3 OFFSET $4"
            ))
            .bind(room)
            .bind(now)
            .bind(limit)
            .bind(offset)
            .fetch_all(pool)
            .await
        })?;
        Ok(events)
    }

    pub async fn event_invitations(
        &self,
        event: &str,
    ) -> Result<Vec<InvitationRecord>, StoreError> {
        let invitations = with_pool!(self, |pool| {
            sqlx::query_as(concat!(
                "SELECT ",
                columns!(),
                " FROM invitations WHERE event_id = $1 ORDER BY name, id"
            ))
            .bind(event)
            .fetch_all(pool)
            .await
        })?;
        Ok(invitations)
    }

    /// Moves (and titles) a live event and every invitation's window with it, raising its
    /// sequence.
    pub async fn move_event(
        &self,
        id: &str,
        times: EventTimes,
        title: Option<&str>,
        now: i64,
        audit: &AuditEntry,
    ) -> Result<Option<EventRecord>, StoreError> {
        let moved: Option<EventRecord> = write_tx!(self, audit, None, |tx| {
            let moved: Option<EventRecord> = sqlx::query_as(concat!(
                "UPDATE events SET starts_at = $2, ends_at = $3, open_before = $4, \
                 grace_after = $5, sequence = sequence + 1, updated_at = $6, ejected_at = NULL, \
                 title = $7 WHERE id = $1 AND cancelled_at IS NULL RETURNING ",
                event_columns!()
            ))
            .bind(id)
            .bind(times.starts_at)
            .bind(times.ends_at)
            .bind(times.open_before)
            .bind(times.grace_after)
            .bind(now)
            .bind(title)
            .fetch_optional(&mut *tx)
            .await?;
            if moved.is_none() {
                return Ok(None);
            }
            sqlx::query(
                "UPDATE invitations SET not_before = $2, expires_at = $3 WHERE event_id = $1",
            )
            .bind(id)
            .bind(times.starts_at - times.open_before)
            .bind(times.ends_at + times.grace_after)
            .execute(&mut *tx)
            .await?;
            moved
        });
        Ok(moved)
    }

    /// Cancels the event (once) and ends every invitation with it.
    pub async fn cancel_event(
        &self,
        id: &str,
        now: i64,
        audit: &AuditEntry,
    ) -> Result<Option<EventRecord>, StoreError> {
        let cancelled: Option<EventRecord> = write_tx!(self, audit, None, |tx| {
            let cancelled: Option<EventRecord> = sqlx::query_as(concat!(
                "UPDATE events SET cancelled_at = COALESCE(cancelled_at, $2), \
                 sequence = sequence + CASE WHEN cancelled_at IS NULL THEN 1 ELSE 0 END, \
                 updated_at = $2 WHERE id = $1 RETURNING ",
                event_columns!()
            ))
            .bind(id)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            if cancelled.is_none() {
                return Ok(None);
            }
            sqlx::query(
                "UPDATE invitations SET cancelled_at = COALESCE(cancelled_at, $2) WHERE event_id = $1",
            )
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            cancelled
        });
        Ok(cancelled)
    }

    /// Events whose remaining peers are due to be removed at `now`: `eject_at_end`, past their
    /// end plus grace (or cancelled), not yet done.
    pub async fn due_ejections(&self, now: i64) -> Result<Vec<EventRecord>, StoreError> {
        let due = with_pool!(self, |pool| {
            sqlx::query_as(concat!(
                "SELECT ",
                event_columns!(),
                " FROM events WHERE eject_at_end = 1 AND ejected_at IS NULL \
                 AND COALESCE(cancelled_at, ends_at + grace_after) <= $1 \
                 ORDER BY ends_at LIMIT 100"
            ))
            .bind(now)
            .fetch_all(pool)
            .await
        })?;
        Ok(due)
    }

    pub async fn mark_ejected(&self, id: &str, now: i64) -> Result<(), StoreError> {
        with_pool!(self, |pool| {
            sqlx::query("UPDATE events SET ejected_at = $2 WHERE id = $1")
                .bind(id)
                .bind(now)
                .execute(pool)
                .await
                .map(drop)
        })?;
        Ok(())
    }

    /// Takes (or keeps) the lease `name` for `holder` until `until_ms`, unless another holder's
    /// lease runs past `now_ms`; answers whether `holder` has it.
    pub async fn take_lease(
        &self,
        name: &str,
        holder: &str,
        now_ms: i64,
        until_ms: i64,
    ) -> Result<bool, StoreError> {
        let taken = with_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO leases (name, holder, until_ms) VALUES ($1, $2, $3) \
                 ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, \
                 until_ms = excluded.until_ms \
                 WHERE leases.holder = excluded.holder OR leases.until_ms < $4",
            )
            .bind(name)
            .bind(holder)
            .bind(until_ms)
            .bind(now_ms)
            .execute(pool)
            .await
            .map(|done| done.rows_affected() == 1)
        })?;
        Ok(taken)
    }
}
