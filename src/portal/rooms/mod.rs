//! Rooms, as operators manage them through the admin API or the CLI: read and create rooms with
//! their links, rotate a role's code, revoke a role's links, purge the cache, read the audit
//! log; and what pages read of rooms (titles, the index). Each change is kept in the store with
//! its audit line, so every replica follows.

mod manage;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use serde::Serialize;

use super::access::AccessRules;
use super::gate::Gate;
use super::links::{LinkBuilder, RoleAccess};
use super::replicas::Replica;
use super::{ListedRoom, PortalError, RoleLink, RoomLinks};
use crate::domain::{AccessPolicy, JoinWith, RoleName, RoomName};
use crate::resolver::{Creation, Resolver};
use crate::settings::RoomsSettings;
use crate::store::{Actor, AuditEntry, AuditRecord, Change, Store, StoredRoom, now_ms};
pub use manage::{
    ClosedCodes, RoomChange, RoomChanged, RoomList, RoomQuery, RoomRemoved, RoomSource, RoomSummary,
};

/// A room to create in 100ms (or adopt), and how the portal serves it.
pub struct RoomRequest {
    pub room: RoomName,
    pub template_id: Option<String>,
    pub description: Option<String>,
    /// Shown in page headers; the name when not given.
    pub title: Option<String>,
    /// On the index page.
    pub listed: bool,
    /// Policies of its roles, over `[access]`.
    pub access: BTreeMap<RoleName, AccessPolicy>,
}

/// A role's revocation: signed links and invitations issued before `not_before` no longer open it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Revoked {
    pub room: String,
    pub role: String,
    /// Unix milliseconds.
    pub not_before_ms: i64,
    /// The same, as RFC 3339.
    pub not_before: String,
}

/// Whether answers carry the room codes of roles that join with tokens (the admin asked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codes {
    /// Only of roles that join with their code.
    OfCodeRoles,
    All,
}

impl Codes {
    /// Whether a role that joins this way has its code in the answer.
    fn shows(self, join_with: JoinWith) -> bool {
        self == Self::All || join_with == JoinWith::Code
    }
}

/// Rooms and what operators do with them.
pub struct Rooms {
    resolver: Arc<Resolver>,
    store: Arc<Store>,
    replica: Arc<Replica>,
    gate: Arc<Gate>,
    access: Arc<AccessRules>,
    links: Arc<LinkBuilder>,
    /// `[rooms.aliases]` as listed, by name.
    configured: Vec<RoomSummary>,
}

/// What rooms are made of.
pub(crate) struct RoomParts {
    pub resolver: Arc<Resolver>,
    pub store: Arc<Store>,
    pub replica: Arc<Replica>,
    pub gate: Arc<Gate>,
    pub access: Arc<AccessRules>,
    pub links: Arc<LinkBuilder>,
}

impl Rooms {
    pub(super) fn new(parts: RoomParts, settings: &RoomsSettings) -> Self {
        let RoomParts {
            resolver,
            store,
            replica,
            gate,
            access,
            links,
        } = parts;
        Self {
            resolver,
            store,
            replica,
            gate,
            access,
            links,
            configured: manage::configured_rooms(settings),
        }
    }

    /// The room's title as configured or kept (no call to 100ms).
    pub fn known_title(&self, room: &RoomName) -> Option<String> {
        self.resolver.known_title(room)
    }

    /// Whether pages serve the room (configured, made through the portal, or per `rooms.unknown`).
    pub fn serves(&self, room: &RoomName) -> bool {
        self.resolver.serves(room)
    }

    /// Rooms marked `listed`, for the index page.
    pub fn listed(&self) -> Vec<ListedRoom> {
        self.resolver.listed_rooms()
    }

    /// Links for every role of `room`; a role that joins with its code (or every role, with
    /// `Codes::All`) gets one, created where it has none.
    pub async fn room_links(
        &self,
        room: &RoomName,
        codes: Codes,
    ) -> Result<RoomLinks, PortalError> {
        let room_ref = self.resolver.admin_room(room).await?;
        let roles = self.resolver.admin_roles(room).await?;
        let mut links = Vec::with_capacity(roles.len());
        for role in roles.iter() {
            let access = self.role_access(room, role);
            let code = if codes.shows(access.join_with) {
                Some(self.resolver.admin_code(room, role).await?)
            } else {
                None
            };
            let code = code.as_ref().map(|resolved| &resolved.code);
            links.push(self.links.role_link(room, role, access, code));
        }
        Ok(RoomLinks {
            room_id: room_ref.id.to_string(),
            name: room.to_string(),
            title: room_ref.title.to_string(),
            links,
        })
    }

    /// Creates the room in 100ms (or adopts the room of that name), keeps it in the store so
    /// every replica serves it from now on, and answers its links.
    pub async fn create_room(
        &self,
        request: RoomRequest,
        codes: Codes,
        actor: Actor,
    ) -> Result<RoomLinks, PortalError> {
        let RoomRequest {
            room,
            template_id,
            description,
            title,
            listed,
            access,
        } = request;
        // A room the portal already serves is answered as it is, never changed by a create.
        if self.resolver.is_configured(&room) || self.store.room(&room).await?.is_some() {
            if template_id.is_some() {
                // Asking for another template than the room has is a clash, never an update.
                self.resolver
                    .create_room(&room, template_id.clone(), description.clone())
                    .await?;
            }
            let links = self.room_links(&room, codes).await?;
            let audit = AuditEntry {
                actor,
                action: "room.adopted",
                subject: room.to_string(),
                detail: Some("already served by the portal; unchanged".into()),
            };
            self.store.audit(&audit).await?;
            return Ok(links);
        }
        // Fail before 100ms is changed when the room could not be kept.
        self.store.ping().await?;
        let (room_ref, creation) = self
            .resolver
            .create_room(&room, template_id.clone(), description)
            .await?;
        let kept = StoredRoom {
            name: room.clone(),
            room_id: room_ref.id.to_string(),
            title: title.unwrap_or_else(|| room.to_string()),
            access,
            listed,
            enabled: true,
            frame_ancestors: Vec::new(),
        };
        let (action, made) = match creation {
            Creation::Created => ("room.created", "made"),
            Creation::Adopted => ("room.adopted", "found"),
        };
        let audit = AuditEntry {
            actor,
            action,
            subject: room.to_string(),
            detail: Some(format!(
                "100ms room {} {made}{}",
                kept.room_id,
                template_id.map_or(String::new(), |t| format!(", template {t}"))
            )),
        };
        self.store.save_room(&kept, &audit).await?;
        self.replica.serve_kept_room(kept).await;
        self.room_links(&room, codes).await
    }

    /// A new code for the role, served at once; the old ones are disabled in 100ms (for a token
    /// role this ends every copy of its old code that may be about).
    pub async fn rotate(
        &self,
        room: &RoomName,
        role: &RoleName,
        codes: Codes,
        actor: Actor,
    ) -> Result<RoleLink, PortalError> {
        self.gate.known(room, role).await?;
        // Fail before 100ms is changed when other replicas could not be told.
        self.store.ping().await?;
        let resolved = self.resolver.rotate(room, role).await?;
        let audit = AuditEntry {
            actor,
            action: "code.rotated",
            subject: format!("{room}/{role}"),
            detail: None,
        };
        let change = Change::Rotated(room.clone(), role.clone());
        if let Err(error) = self.store.announce(&change, &audit).await {
            // 100ms has the new code; other replicas serve the old one until their cache expires.
            tracing::error!(error = ?error, %room, %role, "rotated in 100ms, but the store could not record it");
        }
        let access = self.role_access(room, role);
        let code = codes.shows(access.join_with).then_some(&resolved.code);
        Ok(self.links.role_link(room, role, access, code))
    }

    fn role_access(&self, room: &RoomName, role: &RoleName) -> RoleAccess {
        RoleAccess {
            policy: self.gate.policy(room, role),
            join_with: self.gate.join_with(room, role),
        }
    }

    /// Ends every signed link (and invitation) of the role issued before now, on every replica.
    pub async fn revoke(
        &self,
        room: &RoomName,
        role: &RoleName,
        actor: Actor,
    ) -> Result<Revoked, PortalError> {
        self.gate.known(room, role).await?;
        let audit = AuditEntry {
            actor,
            action: "links.revoked",
            subject: format!("{room}/{role}"),
            detail: None,
        };
        // A link issued in this very millisecond is one "issued until now" too.
        let not_before_ms = self.store.revoke(room, role, now_ms() + 1, &audit).await?;
        self.access.revocations.set(
            room.clone(),
            role.clone(),
            u64::try_from(not_before_ms).unwrap_or(0),
        );
        let seconds = u64::try_from(not_before_ms / 1000).unwrap_or(0);
        Ok(Revoked {
            room: room.to_string(),
            role: role.to_string(),
            not_before_ms,
            not_before: rfc3339(seconds),
        })
    }

    /// Forgets cached codes, of one room or all, on every replica.
    pub async fn purge(&self, room: Option<&RoomName>, actor: Actor) -> Result<(), PortalError> {
        if let Some(room) = room {
            self.gate.room(room)?;
        }
        let audit = AuditEntry {
            actor,
            action: "cache.purged",
            subject: room.map_or_else(|| "*".to_owned(), ToString::to_string),
            detail: None,
        };
        self.store
            .announce(&Change::Purged(room.cloned()), &audit)
            .await?;
        self.resolver.purge(room).await;
        Ok(())
    }

    /// Audit lines matching `filter`, newest first.
    pub async fn audit_search(
        &self,
        filter: &crate::store::AuditFilter,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<AuditRecord>, PortalError> {
        let limit = i64::from(limit.clamp(1, 10_000));
        Ok(self
            .store
            .audit_search(filter, limit, i64::from(offset))
            .await?)
    }

    /// The newest audit lines first.
    pub async fn audit_log(
        &self,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<AuditRecord>, PortalError> {
        let limit = i64::from(limit.clamp(1, 1000));
        Ok(self.store.audit_log(limit, i64::from(offset)).await?)
    }
}

/// Unix seconds as RFC 3339.
pub fn rfc3339(unix_secs: u64) -> String {
    let at = UNIX_EPOCH + Duration::from_secs(unix_secs);
    humantime::format_rfc3339_seconds(at).to_string()
}
