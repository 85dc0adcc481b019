//! The audit log: who did what to which room, role or invitation, and when.

use serde::Serialize;

use super::{Store, StoreError, with_pool};

/// Who acted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    AdminApi,
    Cli,
    /// Someone opening an invitation, or knocking on a lobby.
    Visitor,
    /// The portal itself (a lobby ticket that lapsed).
    Portal,
    /// A host deciding from their own page (e.g. `host of clinic`).
    Host(std::sync::Arc<str>),
    /// A person in the operator's console, as its audit lines name them (e.g.
    /// `console: admin token`, `console: ada@example.com (sub 248289761001)`).
    Console(std::sync::Arc<str>),
}

impl Actor {
    pub fn as_str(&self) -> &str {
        match self {
            Self::AdminApi => "admin-api",
            Self::Cli => "cli",
            Self::Visitor => "visitor",
            Self::Portal => "portal",
            Self::Console(who) | Self::Host(who) => who,
        }
    }
}

/// One line to write with a change.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub actor: Actor,
    /// e.g. `room.created`, `code.rotated`, `invitation.used`.
    pub action: &'static str,
    /// What it was done to: `room`, `room/role` or an invitation id.
    pub subject: String,
    pub detail: Option<String>,
}

/// One line of the log as read back.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct AuditRecord {
    pub id: i64,
    /// Milliseconds since the Unix epoch.
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: Option<String>,
}

pub(super) const INSERT_AUDIT: &str =
    "INSERT INTO audit_log (at_ms, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5)";

impl Store {
    /// Writes one line on its own (for actions that change nothing else in the store).
    pub async fn audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        super::write_tx!(self, entry, None, |_tx| ());
        Ok(())
    }

    /// The newest lines first, `limit` of them after skipping `offset`.
    pub async fn audit_log(&self, limit: i64, offset: i64) -> Result<Vec<AuditRecord>, StoreError> {
        let records = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, at_ms, actor, action, subject, detail FROM audit_log \
                 ORDER BY id DESC LIMIT $1 OFFSET $2",
            )
            .bind(limit)
            .bind(offset)
            .fetch_all(pool)
            .await
        })?;
        Ok(records)
    }
}

/// Which audit lines to read; empty texts and `None` times match every line.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Lines about this room (the room, one of its roles, or an invitation to it).
    pub room: String,
    /// Part of the actor, any case.
    pub actor: String,
    /// Exactly this action, e.g. `room.created`.
    pub action: String,
    /// Unix milliseconds, from (inclusive) and until (exclusive).
    pub since_ms: Option<i64>,
    pub until_ms: Option<i64>,
}

/// `text` taken literally inside a `LIKE … ESCAPE '\'` pattern.
pub(super) fn like_literal(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

impl Store {
    /// Lines matching `filter`, newest first, `limit` of them after skipping `offset`.
    pub async fn audit_search(
        &self,
        filter: &AuditFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        let room_like = format!("{}/%", like_literal(&filter.room));
        let actor_like = format!("%{}%", like_literal(&filter.actor.to_lowercase()));
        let records = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, at_ms, actor, action, subject, detail FROM audit_log \
                 WHERE ($1 = '' OR subject = $1 OR subject LIKE $2 ESCAPE '\\' \
                        OR detail LIKE $2 ESCAPE '\\') \
                 AND ($3 = '' OR LOWER(actor) LIKE $4 ESCAPE '\\') \
                 AND ($5 = '' OR action = $5) \
                 AND at_ms >= $6 AND at_ms < $7 \
                 ORDER BY id DESC LIMIT $8 OFFSET $9",
            )
            .bind(&filter.room)
            .bind(&room_like)
            .bind(&filter.actor)
            .bind(&actor_like)
            .bind(&filter.action)
            .bind(filter.since_ms.unwrap_or(i64::MIN))
            .bind(filter.until_ms.unwrap_or(i64::MAX))
            .bind(limit)
            .bind(offset)
            .fetch_all(pool)
            .await
        })?;
        Ok(records)
    }
}
