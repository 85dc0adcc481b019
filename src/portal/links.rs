//! The links of a room, as the admin API and CLI hand them out (the same JSON from both).

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::{
    AccessPolicy, JoinOptions, JoinWith, PageKind, PortalBase, PrebuiltBase, RoleName, RoomCode,
    RoomName,
};

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

/// One role's links and, for roles that join with it, its room code.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoleLink {
    #[schema(example = "guest")]
    pub role: String,
    /// Who may open the role's pages; `signed` roles need links from `POST /api/v1/links`.
    pub access: AccessPolicy,
    /// How visitors join: with the room code, or with a fresh auth token per visit (then the
    /// portal link is the way in, and the code is left out unless `include_codes=true`).
    pub join_with: JoinWith,
    /// The 100ms room code (never expires: whoever has it joins in this role).
    #[schema(example = "abc-defg-hij")]
    pub code: Option<String>,
    /// The bare Prebuilt link of the code.
    pub prebuilt_url: Option<String>,
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

/// What a role link says of the role itself.
#[derive(Debug, Clone, Copy)]
pub struct RoleAccess {
    pub policy: AccessPolicy,
    pub join_with: JoinWith,
}

impl LinkBuilder {
    /// The role's portal links, with `code` and its Prebuilt link where given.
    pub fn role_link(
        &self,
        room: &RoomName,
        role: &RoleName,
        access: RoleAccess,
        code: Option<&RoomCode>,
    ) -> RoleLink {
        let page = |kind| self.portal.page_url(kind, room, role).to_string();
        RoleLink {
            role: role.to_string(),
            access: access.policy,
            join_with: access.join_with,
            code: code.map(ToString::to_string),
            prebuilt_url: code
                .map(|code| self.prebuilt.meeting_link(code, &JoinOptions::default())),
            join_url: page(PageKind::Join),
            embed_url: page(PageKind::Embed),
        }
    }
}
