//! The links of a room, as the admin API and CLI hand them out (the same JSON from both).

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::{AccessPolicy, JoinOptions, PageKind, PortalBase, PrebuiltBase, RoomName};
use crate::resolver::Resolved;

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
        access: AccessPolicy,
    ) -> RoleLink {
        let page = |kind| self.portal.page_url(kind, room, &resolved.role).to_string();
        RoleLink {
            role: resolved.role.to_string(),
            access,
            code: resolved.code.to_string(),
            prebuilt_url: self
                .prebuilt
                .meeting_link(&resolved.code, &JoinOptions::default()),
            join_url: page(PageKind::Join),
            embed_url: page(PageKind::Embed),
        }
    }
}
