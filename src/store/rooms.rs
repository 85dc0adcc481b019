//! Rooms made through the admin API, the CLI or the console: every replica serves them, across
//! restarts; operators list, search, change and remove them.

use std::collections::BTreeMap;

use super::{AuditEntry, Change, Store, StoreError, with_pool, write_tx};
use crate::domain::{AccessPolicy, CspSource, RoleName, RoomName};

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
    /// Served by the portal's pages (a closed room answers 404 without being forgotten).
    pub enabled: bool,
    /// Sites that may frame its pages instead of `security.frame_ancestors`; none: those.
    pub frame_ancestors: Vec<CspSource>,
}

#[derive(sqlx::FromRow)]
struct RoomRow {
    name: String,
    room_id: String,
    title: String,
    access: String,
    listed: i64,
    enabled: i64,
    frame_ancestors: String,
}

impl RoomRow {
    fn parse(self) -> Result<StoredRoom, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("room {}: {what}", self.name));
        let frame_ancestors = self
            .frame_ancestors
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<_, _>>()
            .map_err(|_| corrupt("frame_ancestors"))?;
        Ok(StoredRoom {
            name: RoomName::parse(&self.name).map_err(|_| corrupt("name"))?,
            access: serde_json::from_str(&self.access).map_err(|_| corrupt("access"))?,
            room_id: self.room_id,
            title: self.title,
            listed: self.listed != 0,
            enabled: self.enabled != 0,
            frame_ancestors,
        })
    }
}

/// The query text is static (sqlx takes only audited `&'static str`): pieces are macros.
macro_rules! select_rooms {
    ($($rest:expr),*) => {
        concat!(
            "SELECT name, room_id, title, access, listed, enabled, frame_ancestors FROM rooms",
            $($rest),*
        )
    };
}

/// Rooms whose name or title holds `$1` (a lower-case `LIKE` pattern; empty: every room).
macro_rules! matching {
    () => {
        " WHERE $1 = '' OR LOWER(name) LIKE $1 ESCAPE '\\' OR LOWER(title) LIKE $1 ESCAPE '\\'"
    };
}

/// One page of kept rooms and how many match in all.
#[derive(Debug, Clone)]
pub struct RoomPage {
    pub rooms: Vec<StoredRoom>,
    pub total: u64,
}

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
        let ancestors: Vec<&str> = room.frame_ancestors.iter().map(CspSource::as_str).collect();
        let change = Change::RoomSaved(room.name.clone());
        let now = super::now_ms() / 1000;
        write_tx!(self, audit, Some(&change), |tx| {
            sqlx::query(
                "INSERT INTO rooms (name, room_id, title, access, listed, enabled, \
                 frame_ancestors, created_at, created_by, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8) \
                 ON CONFLICT (name) DO UPDATE SET room_id = excluded.room_id, \
                 title = excluded.title, access = excluded.access, listed = excluded.listed, \
                 enabled = excluded.enabled, frame_ancestors = excluded.frame_ancestors, \
                 updated_at = excluded.updated_at",
            )
            .bind(room.name.as_str())
            .bind(&room.room_id)
            .bind(&room.title)
            .bind(&access)
            .bind(i64::from(room.listed))
            .bind(i64::from(room.enabled))
            .bind(ancestors.join(" "))
            .bind(now)
            .bind(audit.actor.as_str())
            .execute(&mut *tx)
            .await?;
        });
        Ok(())
    }

    /// Forgets the room (answers whether it was kept) and tells every replica.
    pub async fn delete_room(
        &self,
        name: &RoomName,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError> {
        let change = Change::RoomRemoved(name.clone());
        let deleted = write_tx!(self, audit, Some(&change), |tx| {
            sqlx::query("DELETE FROM rooms WHERE name = $1")
                .bind(name.as_str())
                .execute(&mut *tx)
                .await?
                .rows_affected()
        });
        Ok(deleted > 0)
    }

    pub async fn rooms(&self) -> Result<Vec<StoredRoom>, StoreError> {
        let rows: Vec<RoomRow> = with_pool!(self, |pool| sqlx::query_as(select_rooms!())
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(RoomRow::parse).collect()
    }

    /// Kept rooms whose name or title contains `search` (any case; empty: all), by name.
    pub async fn room_page(
        &self,
        search: &str,
        limit: i64,
        offset: i64,
    ) -> Result<RoomPage, StoreError> {
        let pattern = like_pattern(search);
        let select = select_rooms!(matching!(), " ORDER BY name LIMIT $2 OFFSET $3");
        let count = concat!("SELECT COUNT(*) FROM rooms", matching!());
        let (rows, (total,)): (Vec<RoomRow>, (i64,)) = with_pool!(self, |pool| {
            let rows = sqlx::query_as(select)
                .bind(&pattern)
                .bind(limit)
                .bind(offset)
                .fetch_all(pool)
                .await?;
            let total = sqlx::query_as(count).bind(&pattern).fetch_one(pool).await?;
            Ok::<_, sqlx::Error>((rows, total))
        })?;
        Ok(RoomPage {
            rooms: rows
                .into_iter()
                .map(RoomRow::parse)
                .collect::<Result<_, _>>()?,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    pub async fn room(&self, name: &RoomName) -> Result<Option<StoredRoom>, StoreError> {
        let row: Option<RoomRow> = with_pool!(self, |pool| {
            sqlx::query_as(select_rooms!(" WHERE name = $1"))
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

/// `search` as a `LIKE … ESCAPE '\'` pattern matching it anywhere, lower case; empty stays
/// empty (every room).
fn like_pattern(search: &str) -> String {
    let search = search.trim().to_lowercase();
    if search.is_empty() {
        return search;
    }
    format!("%{}%", super::audit::like_literal(&search))
}

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn searches_match_anywhere_and_wildcards_are_taken_literally() {
        assert_eq!(like_pattern(""), "");
        assert_eq!(like_pattern(" Class "), "%class%");
        assert_eq!(like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}
