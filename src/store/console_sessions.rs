//! Sessions of the operator's console, as rows: each names its person (as audit lines name
//! them), how they signed in, and the CSRF token of its forms. The browser's cookie holds a
//! random id of which only the SHA-256 digest is kept here.

use super::{AuditEntry, Store, StoreError, now_ms, with_pool, write_tx};

/// A console session as kept.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ConsoleSessionRow {
    pub id_digest: String,
    /// The person, as audit lines name them.
    pub actor: String,
    /// `token` or `oidc`.
    pub via: String,
    pub csrf: String,
    /// Unix seconds.
    pub created_at: i64,
    pub seen_at: i64,
    pub expires_at: i64,
}

/// The query text is static (sqlx takes only audited `&'static str`).
macro_rules! select_sessions {
    ($rest:literal) => {
        concat!(
            "SELECT id_digest, actor, via, csrf, created_at, seen_at, expires_at \
             FROM console_sessions WHERE ended_at IS NULL AND expires_at > $1",
            $rest
        )
    };
}

impl Store {
    /// Starts a session (with its audit line).
    pub async fn start_console_session(
        &self,
        session: &ConsoleSessionRow,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        write_tx!(self, audit, None, |tx| {
            sqlx::query(
                "INSERT INTO console_sessions (id_digest, actor, via, csrf, created_at, seen_at, \
                 expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&session.id_digest)
            .bind(&session.actor)
            .bind(&session.via)
            .bind(&session.csrf)
            .bind(session.created_at)
            .bind(session.seen_at)
            .bind(session.expires_at)
            .execute(&mut *tx)
            .await?;
        });
        Ok(())
    }

    /// The session of that digest, unless ended or past its absolute end.
    pub async fn console_session(
        &self,
        id_digest: &str,
    ) -> Result<Option<ConsoleSessionRow>, StoreError> {
        let now = now_ms() / 1000;
        let row = with_pool!(self, |pool| {
            sqlx::query_as(select_sessions!(" AND id_digest = $2"))
                .bind(now)
                .bind(id_digest)
                .fetch_optional(pool)
                .await
        })?;
        Ok(row)
    }

    /// Moves a session's "last seen" on.
    pub async fn touch_console_session(&self, id_digest: &str, at: i64) -> Result<(), StoreError> {
        with_pool!(self, |pool| {
            sqlx::query("UPDATE console_sessions SET seen_at = $2 WHERE id_digest = $1")
                .bind(id_digest)
                .bind(at)
                .execute(pool)
                .await
                .map(drop)
        })?;
        Ok(())
    }

    /// Ends a session (signing out, or an admin ending it); answers whether it was live.
    pub async fn end_console_session(
        &self,
        id_digest: &str,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError> {
        let now = now_ms() / 1000;
        let ended = write_tx!(self, audit, None, |tx| {
            sqlx::query(
                "UPDATE console_sessions SET ended_at = $2 WHERE id_digest = $1 \
                 AND ended_at IS NULL",
            )
            .bind(id_digest)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected()
        });
        Ok(ended > 0)
    }

    /// Sessions not ended and not past their absolute end, newest first.
    pub async fn live_console_sessions(&self) -> Result<Vec<ConsoleSessionRow>, StoreError> {
        let now = now_ms() / 1000;
        let rows = with_pool!(self, |pool| {
            sqlx::query_as(select_sessions!(" ORDER BY created_at DESC LIMIT 200"))
                .bind(now)
                .fetch_all(pool)
                .await
        })?;
        Ok(rows)
    }
}
