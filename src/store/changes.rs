//! Changes every replica applies: written in the same transaction as what they announce, in
//! commit order (on PostgreSQL writers take a lock on the table, so ids are never seen out of
//! order), and read back by id.

use super::{Store, StoreError, with_pool};
use crate::domain::{RoleName, RoomName};

/// What another replica (or the CLI) changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A room made through the admin API or CLI: serve it.
    RoomSaved(RoomName),
    /// A room made through the portal was removed: forget it.
    RoomRemoved(RoomName),
    /// A role's code was rotated: forget the cached one.
    Rotated(RoomName, RoleName),
    /// The cache of a room, or all of it, was purged.
    Purged(Option<RoomName>),
    /// Signed links of the role issued before a time were revoked.
    Revoked(RoomName, RoleName),
    /// Someone knocked on the room's lobby, or was admitted or turned away there.
    Lobby(RoomName),
}

impl Change {
    pub(super) fn columns(&self) -> (&'static str, Option<&str>, Option<&str>) {
        match self {
            Self::RoomSaved(room) => ("room", Some(room.as_str()), None),
            Self::RoomRemoved(room) => ("room-removed", Some(room.as_str()), None),
            Self::Rotated(room, role) => ("rotated", Some(room.as_str()), Some(role.as_str())),
            Self::Purged(room) => ("purged", room.as_ref().map(RoomName::as_str), None),
            Self::Revoked(room, role) => ("revoked", Some(room.as_str()), Some(role.as_str())),
            Self::Lobby(room) => ("lobby", Some(room.as_str()), None),
        }
    }

    fn from_columns(kind: &str, room: Option<&str>, role: Option<&str>) -> Option<Self> {
        let room = room.map(RoomName::parse).transpose().ok()?;
        let role = role.map(RoleName::parse).transpose().ok()?;
        Some(match (kind, room, role) {
            ("room", Some(room), None) => Self::RoomSaved(room),
            ("room-removed", Some(room), None) => Self::RoomRemoved(room),
            ("rotated", Some(room), Some(role)) => Self::Rotated(room, role),
            ("purged", room, None) => Self::Purged(room),
            ("revoked", Some(room), Some(role)) => Self::Revoked(room, role),
            ("lobby", Some(room), None) => Self::Lobby(room),
            _ => return None,
        })
    }
}

/// A change as read back: its position and whether this process wrote it.
#[derive(Debug, Clone)]
pub struct ChangeRecord {
    pub id: i64,
    pub change: Change,
    pub mine: bool,
}

#[derive(sqlx::FromRow)]
struct ChangeRow {
    id: i64,
    origin: String,
    kind: String,
    room: Option<String>,
    role: Option<String>,
}

pub(super) const INSERT_CHANGE: &str =
    "INSERT INTO changes (at_ms, origin, kind, room, role) VALUES ($1, $2, $3, $4, $5)";

/// Changes older than this are deleted now and then; a replica away longer resynchronises.
const KEEP_CHANGES_MS: i64 = 24 * 3_600_000;

impl Store {
    /// The newest change's id (0 when none): where a starting replica begins to follow.
    pub async fn last_change(&self) -> Result<i64, StoreError> {
        let (last,): (Option<i64>,) = with_pool!(self, |pool| {
            sqlx::query_as("SELECT MAX(id) FROM changes")
                .fetch_one(pool)
                .await
        })?;
        Ok(last.unwrap_or(0))
    }

    /// Changes after `cursor`, oldest first; unreadable rows are skipped (and said).
    pub async fn changes_since(&self, cursor: i64) -> Result<Vec<ChangeRecord>, StoreError> {
        let rows: Vec<ChangeRow> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, origin, kind, room, role FROM changes WHERE id > $1 ORDER BY id LIMIT 1000",
            )
            .bind(cursor)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                let change =
                    Change::from_columns(&row.kind, row.room.as_deref(), row.role.as_deref());
                if change.is_none() {
                    tracing::warn!(id = row.id, kind = %row.kind, "skipping a change this version cannot read");
                }
                Some(ChangeRecord {
                    id: row.id,
                    change: change?,
                    mine: row.origin == self.origin,
                })
            })
            .collect())
    }

    /// Deletes changes every running replica has long applied.
    pub async fn prune_changes(&self) -> Result<(), StoreError> {
        let before = super::now_ms() - KEEP_CHANGES_MS;
        with_pool!(self, |pool| {
            sqlx::query("DELETE FROM changes WHERE at_ms < $1")
                .bind(before)
                .execute(pool)
                .await
                .map(drop)
        })?;
        Ok(())
    }
}

/// Runs `$body` in a transaction with `$tx` bound to it, then writes the audit line and the
/// change (if any) in the same transaction; on PostgreSQL the change is locked into commit
/// order and announced to every replica on commit.
macro_rules! write_tx {
    ($store:expr, $audit:expr, $change:expr, |$tx:ident| $body:expr) => {{
        let store: &$crate::store::Store = $store;
        let audit: &$crate::store::AuditEntry = $audit;
        let change: Option<&$crate::store::Change> = $change;
        let now = $crate::store::now_ms();
        match &store.backend {
            $crate::store::Backend::Sqlite(pool) => {
                #[allow(unused_mut)]
                let mut $tx = pool.begin().await?;
                let out = $body;
                $crate::store::changes::finish_tx!(&mut $tx, store, audit, change, now, false);
                $tx.commit().await?;
                out
            }
            $crate::store::Backend::Postgres(pool) => {
                #[allow(unused_mut)]
                let mut $tx = pool.begin().await?;
                let out = $body;
                $crate::store::changes::finish_tx!(&mut $tx, store, audit, change, now, true);
                $tx.commit().await?;
                out
            }
        }
    }};
}
pub(crate) use write_tx;

macro_rules! finish_tx {
    ($tx:expr, $store:expr, $audit:expr, $change:expr, $now:expr, $postgres:expr) => {
        sqlx::query($crate::store::audit::INSERT_AUDIT)
            .bind($now)
            .bind($audit.actor.as_str())
            .bind($audit.action)
            .bind(&$audit.subject)
            .bind($audit.detail.as_deref())
            .execute(&mut **$tx)
            .await?;
        if let Some(change) = $change {
            if $postgres {
                sqlx::query("LOCK TABLE changes IN SHARE ROW EXCLUSIVE MODE")
                    .execute(&mut **$tx)
                    .await?;
            }
            let (kind, room, role) = change.columns();
            sqlx::query($crate::store::changes::INSERT_CHANGE)
                .bind($now)
                .bind(&$store.origin)
                .bind(kind)
                .bind(room)
                .bind(role)
                .execute(&mut **$tx)
                .await?;
            if $postgres {
                sqlx::query("SELECT pg_notify($1, '')")
                    .bind($crate::store::CHANGES_CHANNEL)
                    .execute(&mut **$tx)
                    .await?;
            }
        }
    };
}
pub(crate) use finish_tx;
