//! Lobby tickets: visitors waiting to be let into a room, and what became of them. Every
//! knock and decision is written with its audit line and announced to every replica.

use super::{AuditEntry, Change, Store, StoreError, with_pool, write_tx};
use crate::domain::RoomName;

/// A ticket to keep.
#[derive(Debug, Clone)]
pub struct NewTicket {
    pub id: String,
    pub room: RoomName,
    pub role: String,
    /// `join` or `embed`: the page the visitor enters.
    pub kind: &'static str,
    pub name: String,
    /// The name came with the visitor's grant (a signed link, a sign-in): the meeting keeps it.
    pub name_bound: bool,
    pub user_id: Option<String>,
    /// When the visitor's grant ends (Unix seconds), if it does.
    pub grant_until: Option<i64>,
}

/// A ticket as kept.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TicketRecord {
    pub id: String,
    pub room: String,
    pub role: String,
    pub kind: String,
    pub name: String,
    pub name_bound: i64,
    pub user_id: Option<String>,
    pub grant_until: Option<i64>,
    /// `waiting`, `admitted`, `denied`, `lapsed` or `entered`.
    pub state: String,
    /// The host's words to a visitor turned away.
    pub message: Option<String>,
    /// Unix milliseconds (who came first within a second).
    pub created_ms: i64,
    /// Unix seconds.
    pub seen_at: i64,
    pub decided_at: Option<i64>,
    pub decided_by: Option<String>,
    pub entered_at: Option<i64>,
}

/// The query text is static (sqlx takes only audited `&'static str`).
macro_rules! tickets {
    ($rest:literal) => {
        concat!(
            "SELECT id, room, role, kind, name, name_bound, user_id, grant_until, state, message, \
             created_ms, seen_at, decided_at, decided_by, entered_at FROM lobby_tickets ",
            $rest
        )
    };
}

/// What an update answers: the ticket as changed.
macro_rules! returning {
    ($sql:literal) => {
        concat!(
            $sql,
            " RETURNING id, room, role, kind, name, name_bound, user_id, grant_until, state, \
             message, created_ms, seen_at, decided_at, decided_by, entered_at"
        )
    };
}

impl Store {
    /// How many tickets wait in the room now.
    pub async fn waiting_count(&self, room: &RoomName) -> Result<i64, StoreError> {
        let (count,): (i64,) = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT COUNT(*) FROM lobby_tickets WHERE room = $1 AND state = 'waiting'",
            )
            .bind(room.as_str())
            .fetch_one(pool)
            .await
        })?;
        Ok(count)
    }

    /// Keeps a new waiting ticket (with its audit line) and tells every replica.
    pub async fn knock(
        &self,
        ticket: &NewTicket,
        now: i64,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        let change = Change::Lobby(ticket.room.clone());
        write_tx!(self, audit, Some(&change), |tx| {
            sqlx::query(
                "INSERT INTO lobby_tickets (id, room, role, kind, name, name_bound, user_id, \
                 grant_until, state, created_ms, seen_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'waiting', $9, $10)",
            )
            .bind(&ticket.id)
            .bind(ticket.room.as_str())
            .bind(&ticket.role)
            .bind(ticket.kind)
            .bind(&ticket.name)
            .bind(i64::from(ticket.name_bound))
            .bind(ticket.user_id.as_deref())
            .bind(ticket.grant_until)
            .bind(super::now_ms())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        });
        Ok(())
    }

    pub async fn ticket(&self, id: &str) -> Result<Option<TicketRecord>, StoreError> {
        let row = with_pool!(self, |pool| {
            sqlx::query_as(tickets!("WHERE id = $1"))
                .bind(id)
                .fetch_optional(pool)
                .await
        })?;
        Ok(row)
    }

    /// The room's waiting tickets, first come first.
    pub async fn waiting(&self, room: &RoomName) -> Result<Vec<TicketRecord>, StoreError> {
        let rows = with_pool!(self, |pool| {
            sqlx::query_as(tickets!(
                "WHERE room = $1 AND state = 'waiting' ORDER BY created_ms, id LIMIT 500"
            ))
            .bind(room.as_str())
            .fetch_all(pool)
            .await
        })?;
        Ok(rows)
    }

    /// The ids of the room's waiting tickets, first come first: the line every waiting page
    /// finds its place in. One row (ids have no commas), since each of thousands of rows
    /// would cross to the store's thread on its own; no limit beyond `lobby.max_waiting`.
    pub async fn waiting_line(&self, room: &RoomName) -> Result<Vec<String>, StoreError> {
        let (ids,): (Option<String>,) = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT string_agg(id, ',' ORDER BY created_ms, id) FROM lobby_tickets \
                 WHERE room = $1 AND state = 'waiting'",
            )
            .bind(room.as_str())
            .fetch_one(pool)
            .await
        })?;
        Ok(ids.map_or_else(Vec::new, |ids| ids.split(',').map(str::to_owned).collect()))
    }

    /// Admits or turns away a waiting ticket of the room (once: a ticket decided already is
    /// left as it is, and `None` says so), and tells every replica.
    pub async fn decide_ticket(
        &self,
        room: &RoomName,
        id: &str,
        state: &'static str,
        message: Option<&str>,
        now: i64,
        audit: &AuditEntry,
    ) -> Result<Option<TicketRecord>, StoreError> {
        let change = Change::Lobby(room.clone());
        let decided = write_tx!(self, audit, Some(&change), |tx| {
            sqlx::query_as(returning!(
                "UPDATE lobby_tickets SET state = $3, message = $4, decided_at = $5, \
                 decided_by = $6 WHERE id = $1 AND room = $2 AND state = 'waiting'"
            ))
            .bind(id)
            .bind(room.as_str())
            .bind(state)
            .bind(message)
            .bind(now)
            .bind(audit.actor.as_str())
            .fetch_optional(&mut *tx)
            .await?
        });
        Ok(decided)
    }

    /// An admitted ticket enters the meeting, once.
    pub async fn enter_ticket(
        &self,
        id: &str,
        now: i64,
        audit: &AuditEntry,
    ) -> Result<Option<TicketRecord>, StoreError> {
        let entered = write_tx!(self, audit, None, |tx| {
            sqlx::query_as(returning!(
                "UPDATE lobby_tickets SET state = 'entered', entered_at = $2 \
                 WHERE id = $1 AND state = 'admitted'"
            ))
            .bind(id)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?
        });
        Ok(entered)
    }

    /// Notes that these tickets' waiting pages are still open: one transaction for all.
    pub async fn touch_tickets(&self, ids: &[String], now: i64) -> Result<(), StoreError> {
        if ids.is_empty() {
            return Ok(());
        }
        with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for id in ids {
                sqlx::query(
                    "UPDATE lobby_tickets SET seen_at = $2 WHERE id = $1 AND state = 'waiting'",
                )
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await
        })?;
        Ok(())
    }

    /// Tickets whose waiting page was gone since `unseen_since`, or that wait since
    /// `waiting_since`, lapse; answers the rooms that changed.
    pub async fn lapse_tickets(
        &self,
        unseen_since: i64,
        waiting_since: i64,
    ) -> Result<Vec<String>, StoreError> {
        let rooms: Vec<(String,)> = with_pool!(self, |pool| {
            sqlx::query_as(
                "UPDATE lobby_tickets SET state = 'lapsed' WHERE state = 'waiting' \
                 AND (seen_at < $1 OR created_ms < $2) RETURNING room",
            )
            .bind(unseen_since)
            .bind(waiting_since.saturating_mul(1000))
            .fetch_all(pool)
            .await
        })?;
        let mut rooms: Vec<String> = rooms.into_iter().map(|(room,)| room).collect();
        rooms.sort();
        rooms.dedup();
        Ok(rooms)
    }
}

impl Store {
    /// Notes that hosts' lists of these rooms are open on `replica` until `until`.
    pub async fn note_hosts(
        &self,
        replica: &str,
        rooms: &[RoomName],
        until: i64,
    ) -> Result<(), StoreError> {
        if rooms.is_empty() {
            return Ok(());
        }
        with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for room in rooms {
                sqlx::query(
                    "INSERT INTO lobby_hosts (room, replica, until_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (room, replica) DO UPDATE SET until_at = excluded.until_at",
                )
                .bind(room.as_str())
                .bind(replica)
                .bind(until)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await
        })?;
        Ok(())
    }

    /// The rooms whose hosts' lists are open on another replica than `replica` at `now`
    /// (rows long past are removed on the way).
    pub async fn hosts_elsewhere(
        &self,
        replica: &str,
        now: i64,
    ) -> Result<Vec<String>, StoreError> {
        let rooms: Vec<(String,)> = with_pool!(self, |pool| {
            sqlx::query("DELETE FROM lobby_hosts WHERE until_at < $1")
                .bind(now - 3600)
                .execute(pool)
                .await?;
            sqlx::query_as(
                "SELECT DISTINCT room FROM lobby_hosts WHERE until_at >= $1 AND replica <> $2",
            )
            .bind(now)
            .bind(replica)
            .fetch_all(pool)
            .await
        })?;
        Ok(rooms.into_iter().map(|(room,)| room).collect())
    }
}
