//! The links of a room, as the admin API and CLI hand them out.

use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use serde::Serialize;
use utoipa::ToSchema;

use crate::access::AccessRules;
use crate::domain::{
    AccessPolicy, JoinOptions, PageKind, PortalBase, PrebuiltBase, RoleName, RoomName,
};
use crate::error::WebError;
use crate::hms::token::unix_now;
use crate::resolver::{ResolveError, Resolved, Resolver};

/// Every joinable role of a room with its current code and links.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoomLinks {
    /// The 100ms room id.
    #[schema(example = "631b2654f771854d9bf633df")]
    pub room_id: String,
    /// The room's name in portal URLs.
    #[schema(example = "demo")]
    pub name: String,
    /// The title pages show.
    pub title: String,
    pub links: Vec<RoleLink>,
}

/// One role's code and the links that open it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoleLink {
    #[schema(example = "guest")]
    pub role: String,
    /// Who may open the role's pages; `signed` roles need links from `POST /api/v1/links`.
    pub access: AccessPolicy,
    /// The 100ms room code.
    #[schema(example = "abc-defg-hij")]
    pub code: String,
    /// The bare Prebuilt link (anyone with it joins in this role).
    pub prebuilt_url: String,
    /// The portal's join page.
    pub join_url: String,
    /// The portal's embeddable page.
    pub embed_url: String,
}

/// A signed, expiring link to one role's page.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SignedLink {
    pub url: String,
    /// Unix seconds after which the link answers 410 Gone.
    pub expires_at: u64,
    /// The same moment, RFC 3339.
    pub expires: String,
}

/// Builds links from the two public bases.
pub struct LinkBuilder {
    pub prebuilt: PrebuiltBase,
    pub portal: PortalBase,
}

impl LinkBuilder {
    pub fn role_link(
        &self,
        room: &RoomName,
        resolved: &Resolved,
        access: &AccessRules,
    ) -> RoleLink {
        let page = |kind| self.portal.page_url(kind, room, &resolved.role).to_string();
        RoleLink {
            role: resolved.role.to_string(),
            access: access.policy(room, &resolved.role),
            code: resolved.code.to_string(),
            prebuilt_url: self
                .prebuilt
                .meeting_link(&resolved.code, &JoinOptions::default()),
            join_url: page(PageKind::Join),
            embed_url: page(PageKind::Embed),
        }
    }

    /// A link that opens `role` of `room` until `ttl_secs` from now, exactly as asked: with these
    /// options, on this kind of page. Signing needs no call to 100ms.
    #[allow(clippy::too_many_arguments)]
    pub fn signed_link(
        &self,
        resolver: &Resolver,
        access: &AccessRules,
        kind: PageKind,
        room: &RoomName,
        role: &RoleName,
        options: &JoinOptions,
        ttl_secs: u64,
    ) -> Result<SignedLink, WebError> {
        if !resolver.serves(room) {
            return Err(WebError::UnknownRoom);
        }
        if role.is_internal() || access.policy(room, role) == AccessPolicy::Off {
            return Err(WebError::UnknownRole);
        }
        if ttl_secs == 0 {
            return Err(WebError::BadRequest("ttl_secs must be at least 1".into()));
        }
        let expires_at = unix_now() + ttl_secs.min(access.max_ttl_secs());
        let url = access
            .signed_url(&self.portal, kind, room, role, options, expires_at)
            .ok_or(WebError::SigningDisabled)?;
        let expires = UNIX_EPOCH + Duration::from_secs(expires_at);
        Ok(SignedLink {
            url: url.into(),
            expires_at,
            expires: humantime::format_rfc3339_seconds(expires).to_string(),
        })
    }

    /// Links for every role of `room`, creating a code for any role that has none.
    pub async fn room_links(
        &self,
        resolver: &Resolver,
        access: &AccessRules,
        room: &RoomName,
    ) -> Result<RoomLinks, Arc<ResolveError>> {
        let room_ref = resolver.admin_room(room).await?;
        let roles = resolver.admin_roles(room).await?;
        let mut links = Vec::with_capacity(roles.len());
        for role in roles.iter() {
            let resolved = resolver.admin_code(room, role).await?;
            links.push(self.role_link(room, &resolved, access));
        }
        Ok(RoomLinks {
            room_id: room_ref.id.to_string(),
            name: room.to_string(),
            title: room_ref.title.to_string(),
            links,
        })
    }
}
