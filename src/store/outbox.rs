//! The outbox: events for the operator's own systems, kept until delivered (retried with
//! backoff by one replica at a time), and which events have been told they ended.

use super::{Store, StoreError, with_pool};

/// An event for the operator's systems, waiting to be delivered.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OutboxRecord {
    pub id: String,
    pub kind: String,
    pub body: String,
    pub created_ms: i64,
    pub attempts: i64,
}

impl Store {
    pub async fn enqueue(
        &self,
        id: &str,
        kind: &str,
        body: &str,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        with_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO outbox (id, kind, body, created_ms, next_ms) VALUES ($1, $2, $3, $4, $4) \
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(id)
            .bind(kind)
            .bind(body)
            .bind(now_ms)
            .execute(pool)
            .await
            .map(drop)
        })?;
        Ok(())
    }

    /// Events due for (another) attempt, oldest first.
    pub async fn due_outbox(
        &self,
        now_ms: i64,
        limit: i64,
    ) -> Result<Vec<OutboxRecord>, StoreError> {
        let due = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, kind, body, created_ms, attempts FROM outbox \
                 WHERE delivered_ms IS NULL AND next_ms <= $1 ORDER BY created_ms, id LIMIT $2",
            )
            .bind(now_ms)
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        Ok(due)
    }

    /// An attempt: delivered (`next_ms` none), or failed and tried again at `next_ms`.
    pub async fn attempted(
        &self,
        id: &str,
        now_ms: i64,
        next_ms: Option<i64>,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        with_pool!(self, |pool| {
            sqlx::query(
                "UPDATE outbox SET attempts = attempts + 1, \
                 delivered_ms = CASE WHEN $3 IS NULL THEN $2 ELSE NULL END, \
                 next_ms = COALESCE($3, next_ms), last_error = $4 WHERE id = $1",
            )
            .bind(id)
            .bind(now_ms)
            .bind(next_ms)
            .bind(error)
            .execute(pool)
            .await
            .map(drop)
        })?;
        Ok(())
    }

    /// Events over at `now` (end plus grace) whose `event.ended` was not sent yet: marked sent
    /// as they are answered (one replica's loop does this under its lease).
    pub async fn events_just_ended(&self, now: i64) -> Result<Vec<(String, String)>, StoreError> {
        let ended = with_pool!(self, |pool| {
            sqlx::query_as(
                "UPDATE events SET ended_sent_ms = $2 WHERE ended_sent_ms IS NULL \
                 AND cancelled_at IS NULL AND ends_at + grace_after <= $1 RETURNING id, room",
            )
            .bind(now)
            .bind(now.saturating_mul(1000))
            .fetch_all(pool)
            .await
        })?;
        Ok(ended)
    }
}
