//! Rooms made through the admin API or CLI: every replica serves them, across restarts.

use std::collections::BTreeMap;

use super::{AuditEntry, Change, Store, StoreError, with_pool, write_tx};
use crate::domain::{AccessPolicy, RoleName, RoomName};

/// A room as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRoom {
    pub name: RoomName,
    pub room_id: String,
    pub title: String,
    /// Policies of its roles, over `[access]`.
    pub access: BTreeMap<RoleName, AccessPolicy>,
    /// Shown on the index page.
    pub listed: bool,
}

#[derive(sqlx::FromRow)]
struct RoomRow {
    name: String,
    room_id: String,
    title: String,
    access: String,
    listed: i64,
}

impl RoomRow {
    fn parse(self) -> Result<StoredRoom, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("room {}: {what}", self.name));
        Ok(StoredRoom {
            name: RoomName::parse(&self.name).map_err(|_| corrupt("name"))?,
            access: serde_json::from_str(&self.access).map_err(|_| corrupt("access"))?,
            room_id: self.room_id,
            title: self.title,
            listed: self.listed != 0,
        })
    }
}

const SELECT_ROOMS: &str = "SELECT name, room_id, title, access, listed FROM rooms";

impl Store {
    /// Keeps the room (replacing what was kept under its name) and tells every replica.
    pub async fn save_room(&self, room: &StoredRoom, audit: &AuditEntry) -> Result<(), StoreError> {
        let access: BTreeMap<&str, AccessPolicy> = room
            .access
            .iter()
            .map(|(role, policy)| (role.as_str(), *policy))
            .collect();
        let access =
            serde_json::to_string(&access).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let change = Change::RoomSaved(room.name.clone());
        write_tx!(self, audit, Some(&change), |tx| {
            sqlx::query(
                "INSERT INTO rooms (name, room_id, title, access, listed, created_at, created_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (name) DO UPDATE SET room_id = excluded.room_id, \
                 title = excluded.title, access = excluded.access, listed = excluded.listed",
            )
            .bind(room.name.as_str())
            .bind(&room.room_id)
            .bind(&room.title)
            .bind(&access)
            .bind(i64::from(room.listed))
            .bind(super::now_ms() / 1000)
            .bind(audit.actor.as_str())
            .execute(&mut *tx)
            .await?;
        });
        Ok(())
    }

    pub async fn rooms(&self) -> Result<Vec<StoredRoom>, StoreError> {
        let rows: Vec<RoomRow> = with_pool!(self, |pool| sqlx::query_as(SELECT_ROOMS)
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(RoomRow::parse).collect()
    }

    pub async fn room(&self, name: &RoomName) -> Result<Option<StoredRoom>, StoreError> {
        let row: Option<RoomRow> = with_pool!(self, |pool| {
            sqlx::query_as("SELECT name, room_id, title, access, listed FROM rooms WHERE name = $1")
                .bind(name.as_str())
                .fetch_optional(pool)
                .await
        })?;
        row.map(RoomRow::parse).transpose()
    }

    /// Records an action that changes no table but every replica's cache (rotation, purge).
    pub async fn announce(&self, change: &Change, audit: &AuditEntry) -> Result<(), StoreError> {
        write_tx!(self, audit, Some(change), |_tx| ());
        Ok(())
    }
}
