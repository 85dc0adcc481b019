//! Invitations: counted, expiring, revocable links to one role of one room.

use super::{Actor, AuditEntry, Store, StoreError, with_pool, write_tx};

/// An invitation to keep.
#[derive(Debug, Clone)]
pub struct NewInvitation<'a> {
    pub id: &'a str,
    pub room: &'a str,
    pub role: &'a str,
    pub name: Option<&'a str>,
    pub user_id: Option<&'a str>,
    pub note: Option<&'a str>,
    /// Unix seconds.
    pub created_at: i64,
    pub expires_at: i64,
    /// `None`: as often as wanted until it expires.
    pub max_uses: Option<i64>,
    /// The invitee waits in the room's lobby after pressing Join.
    pub lobby: bool,
    /// The event it belongs to, and when it opens (Unix seconds).
    pub event_id: Option<&'a str>,
    pub not_before: Option<i64>,
    /// The invitee's address, for the organiser's calendar invitation.
    pub email: Option<&'a str>,
}

/// An invitation as kept.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct InvitationRecord {
    pub id: String,
    pub room: String,
    pub role: String,
    pub name: Option<String>,
    pub user_id: Option<String>,
    pub note: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
    pub max_uses: Option<i64>,
    pub uses: i64,
    pub revoked_at: Option<i64>,
    pub created_by: String,
    /// When "Join" was last pressed (Unix seconds).
    pub last_used_at: Option<i64>,
    /// 1: the invitee waits in the room's lobby after pressing Join.
    pub lobby: i64,
    pub event_id: Option<String>,
    /// When it opens (Unix seconds): an event's invitation opens before the event starts.
    pub not_before: Option<i64>,
    pub email: Option<String>,
    /// When its event was cancelled (Unix seconds).
    pub cancelled_at: Option<i64>,
}

macro_rules! columns {
    () => {
        "id, room, role, name, user_id, note, created_at, expires_at, max_uses, uses, revoked_at, \
         created_by, last_used_at, lobby, event_id, not_before, email, cancelled_at"
    };
}

/// Inserts a [`NewInvitation`] within the transaction `$tx` (for one invitation, or an
/// event's all at once).
macro_rules! insert_invitation {
    ($tx:ident, $invitation:expr, $created_by:expr) => {
        sqlx::query(
            "INSERT INTO invitations (id, room, role, name, user_id, note, created_at, \
             expires_at, max_uses, created_by, lobby, event_id, not_before, email) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind($invitation.id)
        .bind($invitation.room)
        .bind($invitation.role)
        .bind($invitation.name)
        .bind($invitation.user_id)
        .bind($invitation.note)
        .bind($invitation.created_at)
        .bind($invitation.expires_at)
        .bind($invitation.max_uses)
        .bind($created_by)
        .bind(i64::from($invitation.lobby))
        .bind($invitation.event_id)
        .bind($invitation.not_before)
        .bind($invitation.email)
        .execute(&mut *$tx)
        .await?
    };
}
pub(super) use {columns, insert_invitation};

impl Store {
    pub async fn create_invitation(
        &self,
        invitation: &NewInvitation<'_>,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        write_tx!(self, audit, None, |tx| {
            insert_invitation!(tx, invitation, audit.actor.as_str());
        });
        Ok(())
    }

    pub async fn invitation(&self, id: &str) -> Result<Option<InvitationRecord>, StoreError> {
        let record = with_pool!(self, |pool| {
            sqlx::query_as(concat!(
                "SELECT ",
                columns!(),
                " FROM invitations WHERE id = $1"
            ))
            .bind(id)
            .fetch_optional(pool)
            .await
        })?;
        Ok(record)
    }

    /// Counts one use (`about`: its `room/role`, for the audit line), atomically across replicas, if the invitation is still open at `now`
    /// (Unix seconds) and was made at or after `not_before` (a role's revocation); `None` when
    /// it is not (unknown, expired, used up or revoked).
    pub async fn use_invitation(
        &self,
        id: &str,
        about: &str,
        now: i64,
        not_before: i64,
    ) -> Result<Option<InvitationRecord>, StoreError> {
        let audit = AuditEntry {
            actor: Actor::Visitor,
            action: "invitation.used",
            subject: id.to_owned(),
            detail: Some(about.to_owned()),
        };
        let used: Option<InvitationRecord> = write_tx!(self, &audit, None, |tx| {
            let used = sqlx::query_as(concat!(
                "UPDATE invitations SET uses = uses + 1, last_used_at = $2 WHERE id = $1 \
                 AND revoked_at IS NULL AND cancelled_at IS NULL \
                 AND (not_before IS NULL OR not_before <= $2) \
                 AND expires_at > $2 AND created_at >= $3 \
                 AND (max_uses IS NULL OR uses < max_uses) RETURNING ",
                columns!()
            ))
            .bind(id)
            .bind(now)
            .bind(not_before)
            .fetch_optional(&mut *tx)
            .await?;
            if used.is_none() {
                // Nothing to audit: roll back (dropping the transaction does).
                return Ok(None);
            }
            used
        });
        Ok(used)
    }

    /// Newest first; of one room when given.
    pub async fn invitations(
        &self,
        room: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<InvitationRecord>, StoreError> {
        let records = with_pool!(self, |pool| {
            sqlx::query_as(concat!(
                "SELECT ",
                columns!(),
                " FROM invitations WHERE ($1 IS NULL OR room = $1) \
                 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3"
            ))
            .bind(room)
            .bind(limit)
            .bind(offset)
            .fetch_all(pool)
            .await
        })?;
        Ok(records)
    }

    /// Ends the invitation (at `now`, Unix seconds; a second revocation keeps the first time).
    pub async fn revoke_invitation(
        &self,
        id: &str,
        now: i64,
        audit: &AuditEntry,
    ) -> Result<Option<InvitationRecord>, StoreError> {
        let revoked: Option<InvitationRecord> = write_tx!(self, audit, None, |tx| {
            let revoked = sqlx::query_as(concat!(
                "UPDATE invitations SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 \
                 RETURNING ",
                columns!()
            ))
            .bind(id)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            if revoked.is_none() {
                return Ok(None);
            }
            revoked
        });
        Ok(revoked)
    }
}
