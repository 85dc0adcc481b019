//! Links: the links of a room, as the admin API and CLI hand them out (the same JSON from
//! both), and signed links, made here and checked by the gate.

use std::sync::Arc;

use serde::Serialize;
use utoipa::ToSchema;

use super::PortalError;
use super::access::{AccessRules, LinkTarget};
use super::gate::Gate;
use super::rooms::rfc3339;
use crate::domain::{
    AccessPolicy, JoinOptions, JoinWith, Lifetime, PageKind, PortalBase, PrebuiltBase, RoleName,
    RoomCode, RoomName,
};
use crate::store::{Actor, AuditEntry, Store, now_ms};

/// A signed link to make: for this page, room, role and options, valid this long.
pub struct LinkRequest {
    pub kind: PageKind,
    pub room: RoomName,
    pub role: RoleName,
    pub options: JoinOptions,
    /// At most `access.max_link_ttl_secs`.
    pub expires_in: Lifetime,
}

/// Signs links for operators.
pub struct Links {
    gate: Arc<Gate>,
    access: Arc<AccessRules>,
    builder: Arc<LinkBuilder>,
    store: Arc<Store>,
}

impl Links {
    pub(super) fn new(
        gate: Arc<Gate>,
        access: Arc<AccessRules>,
        builder: Arc<LinkBuilder>,
        store: Arc<Store>,
    ) -> Self {
        Self {
            gate,
            access,
            builder,
            store,
        }
    }

    /// The portal's own address.
    pub fn base_url(&self) -> &url::Url {
        self.builder.portal.url()
    }

    /// The longest a link or invitation may last (`access.max_link_ttl_secs`).
    pub fn longest_lifetime(&self) -> std::time::Duration {
        self.access.max_link_ttl
    }

    pub fn can_sign(&self) -> bool {
        self.access.signer.can_sign()
    }

    /// A link that opens the role until `expires_in` from now, exactly as asked, and its audit line.
    /// Signing needs no call to 100ms when the room's roles are configured (or already known).
    pub async fn sign(
        &self,
        request: &LinkRequest,
        actor: Actor,
    ) -> Result<SignedLink, PortalError> {
        let LinkRequest {
            kind,
            room,
            role,
            options,
            expires_in,
        } = request;
        let expires_at = self.gate.issuing(room, role, *expires_in).await?;
        if self.gate.join_with(room, role) == JoinWith::Code {
            // Only a public role joins with its code; a signature would change nothing.
            return Err(PortalError::PublicRole(role.clone()));
        }
        if options.lobby && self.gate.admitters(room).is_empty() {
            return Err(PortalError::NoLobby(room.clone()));
        }
        let target = LinkTarget {
            kind: *kind,
            room,
            role,
            options,
        };
        let issued_ms = u64::try_from(now_ms()).unwrap_or(0);
        let url = self
            .access
            .signer
            .signed_url(&self.builder.portal, target, issued_ms, expires_at)
            .ok_or(PortalError::SigningDisabled)?;
        let expires = rfc3339(expires_at);
        let audit = AuditEntry {
            actor,
            action: "link.signed",
            subject: format!("{room}/{role}"),
            detail: Some(format!(
                "{} until {expires}{}",
                kind.segment(),
                options
                    .name
                    .as_ref()
                    .map_or(String::new(), |n| format!(" for {}", n.as_str()))
            )),
        };
        self.store.audit(&audit).await?;
        Ok(SignedLink {
            url: url.into(),
            expires_at,
            expires,
        })
    }
}

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
