//! "Not before" times: signed links of a role issued earlier no longer open it.

use super::{AuditEntry, Change, Store, StoreError, with_pool, write_tx};
use crate::domain::{RoleName, RoomName};

/// The not-before time of one role, in milliseconds since the Unix epoch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revocation {
    pub room: RoomName,
    pub role: RoleName,
    pub not_before_ms: i64,
}

impl Store {
    /// Moves the role's not-before time to `not_before_ms` (never back) and tells every replica.
    pub async fn revoke(
        &self,
        room: &RoomName,
        role: &RoleName,
        not_before_ms: i64,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        let change = Change::Revoked(room.clone(), role.clone());
        let (kept,): (i64,) = write_tx!(self, audit, Some(&change), |tx| {
            sqlx::query_as(
                "INSERT INTO revocations (room, role, not_before_ms) VALUES ($1, $2, $3) \
                 ON CONFLICT (room, role) DO UPDATE SET not_before_ms = \
                 CASE WHEN excluded.not_before_ms > revocations.not_before_ms \
                 THEN excluded.not_before_ms ELSE revocations.not_before_ms END \
                 RETURNING not_before_ms",
            )
            .bind(room.as_str())
            .bind(role.as_str())
            .bind(not_before_ms)
            .fetch_one(&mut *tx)
            .await?
        });
        Ok(kept)
    }

    pub async fn revocations(&self) -> Result<Vec<Revocation>, StoreError> {
        let rows: Vec<(String, String, i64)> = with_pool!(self, |pool| {
            sqlx::query_as("SELECT room, role, not_before_ms FROM revocations")
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter()
            .map(|(room, role, not_before_ms)| {
                let corrupt = || StoreError::Corrupt(format!("revocation of {room}/{role}"));
                Ok(Revocation {
                    room: RoomName::parse(&room).map_err(|_| corrupt())?,
                    role: RoleName::parse(&role).map_err(|_| corrupt())?,
                    not_before_ms,
                })
            })
            .collect()
    }
}
