//! The links of a room, as the admin API and CLI hand them out.

use std::sync::Arc;

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::{PageKind, PortalBase, PrebuiltBase, RoomName};
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

/// Builds links from the two public bases.
pub struct LinkBuilder {
    pub prebuilt: PrebuiltBase,
    pub portal: PortalBase,
}

impl LinkBuilder {
    pub fn role_link(&self, room: &RoomName, resolved: &Resolved) -> RoleLink {
        let page = |kind| self.portal.page_url(kind, room, &resolved.role).to_string();
        RoleLink {
            role: resolved.role.to_string(),
            code: resolved.code.to_string(),
            prebuilt_url: self
                .prebuilt
                .meeting_link(&resolved.code, &Default::default())
                .to_string(),
            join_url: page(PageKind::Join),
            embed_url: page(PageKind::Embed),
        }
    }

    /// Links for every role of `room`, creating a code for any role that has none.
    pub async fn room_links(
        &self,
        resolver: &Resolver,
        room: &RoomName,
    ) -> Result<RoomLinks, Arc<ResolveError>> {
        let room_ref = resolver.admin_room(room).await?;
        let roles = resolver.admin_roles(room).await?;
        let mut links = Vec::with_capacity(roles.len());
        for role in roles.iter() {
            let resolved = resolver.admin_code(room, role).await?;
            links.push(self.role_link(room, &resolved));
        }
        Ok(RoomLinks {
            room_id: room_ref.id.clone(),
            name: room.to_string(),
            title: room_ref.title.clone(),
            links,
        })
    }
}
