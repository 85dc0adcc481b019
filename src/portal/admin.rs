//! What operators do, through the admin API or the CLI: read and create rooms with their links,
//! rotate a role's code, sign links and purge the cache.

use std::time::{Duration, UNIX_EPOCH};

use super::access::LinkTarget;
use super::links::RoleAccess;
use super::{Portal, PortalError, RoleLink, RoomLinks, SignedLink};
use crate::domain::clock::unix_now;
use crate::domain::{AccessPolicy, JoinOptions, JoinWith, PageKind, RoleName, RoomName};

/// A signed link to make: for this page, room, role and options, valid this long.
pub struct LinkRequest {
    pub kind: PageKind,
    pub room: RoomName,
    pub role: RoleName,
    pub options: JoinOptions,
    /// Cut to `access.max_link_ttl_secs`.
    pub ttl: Duration,
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

impl Portal {
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

    /// Creates the room in 100ms (or updates the room of that name) and answers its links.
    pub async fn create_room(
        &self,
        room: &RoomName,
        template_id: Option<String>,
        description: Option<String>,
        codes: Codes,
    ) -> Result<RoomLinks, PortalError> {
        self.resolver
            .create_room(room, template_id, description)
            .await?;
        self.room_links(room, codes).await
    }

    /// A new code for the role, served at once; the old ones are disabled in 100ms (for a token
    /// role this ends every copy of its old code that may be about).
    pub async fn rotate(
        &self,
        room: &RoomName,
        role: &RoleName,
        codes: Codes,
    ) -> Result<RoleLink, PortalError> {
        let resolved = self.resolver.rotate(room, role).await?;
        let access = self.role_access(room, role);
        let code = codes.shows(access.join_with).then_some(&resolved.code);
        Ok(self.links.role_link(room, role, access, code))
    }

    fn role_access(&self, room: &RoomName, role: &RoleName) -> RoleAccess {
        RoleAccess {
            policy: self.policy(room, role),
            join_with: self.join_with(room, role),
        }
    }

    /// A link that opens the role until `ttl` from now, exactly as asked. Signing needs no call
    /// to 100ms when the room's roles are configured (or already known).
    pub async fn sign(&self, request: &LinkRequest) -> Result<SignedLink, PortalError> {
        let LinkRequest {
            kind,
            room,
            role,
            options,
            ttl,
        } = request;
        if !self.resolver.serves(room) {
            return Err(PortalError::UnknownRoom);
        }
        if role.is_internal() || self.policy(room, role) == AccessPolicy::Off {
            return Err(PortalError::UnknownRole);
        }
        if ttl.as_secs() == 0 {
            return Err(PortalError::Invalid("ttl_secs must be at least 1"));
        }
        if !self.resolver.roles(room).await?.contains(role) {
            return Err(PortalError::UnknownRole);
        }
        let expires_at = unix_now()
            .checked_add((*ttl).min(self.access.max_link_ttl).as_secs())
            .ok_or(PortalError::Invalid("ttl_secs is too large"))?;
        let target = LinkTarget {
            kind: *kind,
            room,
            role,
            options,
        };
        let url = self
            .access
            .signer
            .signed_url(&self.links.portal, target, expires_at)
            .ok_or(PortalError::SigningDisabled)?;
        let expires = UNIX_EPOCH + Duration::from_secs(expires_at);
        Ok(SignedLink {
            url: url.into(),
            expires_at,
            expires: humantime::format_rfc3339_seconds(expires).to_string(),
        })
    }

    /// Forgets cached codes: of one room, or all.
    pub async fn purge(&self, room: Option<&RoomName>) {
        self.resolver.purge(room).await;
    }
}
