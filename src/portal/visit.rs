//! What visitors do: open a role's meeting (join and embed pages) and a room's share page.

use std::net::IpAddr;
use std::sync::Arc;

use super::access::{LinkTarget, Signature};
use super::{Portal, PortalError};
use crate::domain::{AccessPolicy, JoinOptions, PageKind, RoleName, RoomName};
use crate::resolver::{CacheOutcome, Resolved};

/// A visit to a join or embed page, parsed.
pub struct VisitRequest<'a> {
    pub kind: PageKind,
    pub room: RoomName,
    pub role: RoleName,
    pub options: JoinOptions,
    pub signature: Signature<'a>,
}

/// The meeting a visitor is let into.
pub struct Visit {
    pub resolved: Arc<Resolved>,
    /// The Prebuilt link the page frames.
    pub meeting_url: String,
    /// How the code was found (for the access log).
    pub outcome: CacheOutcome,
}

/// A room's share page: the roles anyone may open, with their links.
pub struct ShareView {
    pub title: String,
    pub roles: Vec<SharedRole>,
    /// Roles that exist but only open through signed links.
    pub has_signed_roles: bool,
}

pub struct SharedRole {
    pub role: RoleName,
    pub join_url: String,
    pub embed_url: String,
}

impl Portal {
    /// Applies the role's access policy, then finds the code: from memory when fresh, else
    /// through 100ms, which counts against `client`'s rate limit (asked only then, as finding
    /// the client's address costs a little).
    pub async fn visit(
        &self,
        request: VisitRequest<'_>,
        client: impl FnOnce() -> IpAddr,
    ) -> Result<Visit, PortalError> {
        let VisitRequest {
            kind,
            room,
            role,
            options,
            signature,
        } = request;
        // Roles that cannot exist are 404 before any signature talk or call to 100ms.
        if role.is_internal() || !self.resolver.may_have_role(&room, &role) {
            return Err(PortalError::UnknownRole);
        }
        let target = LinkTarget {
            kind,
            room: &room,
            role: &role,
            options: &options,
        };
        self.access.admit(target, signature)?;
        let key = (room, role);
        let (resolved, outcome) = match self.resolver.fresh(&key).await {
            Some(hit) => (hit, CacheOutcome::Hit),
            None => {
                self.limits.check_upstream(client())?;
                self.resolver.resolve(&key.0, &key.1).await?
            }
        };
        Ok(Visit {
            meeting_url: self.links.prebuilt.meeting_link(&resolved.code, &options),
            resolved,
            outcome,
        })
    }

    /// The share page of `room`: its title and public roles. Calls 100ms (rate limited for
    /// `client`) only when they are not known yet.
    pub async fn share(
        &self,
        room: &RoomName,
        client: impl FnOnce() -> IpAddr,
    ) -> Result<ShareView, PortalError> {
        if !self.resolver.roles_known(room) {
            self.limits.check_upstream(client())?;
        }
        let title = self.resolver.title(room).await?;
        let roles = self.resolver.roles(room).await?;
        let policy = |role| self.policy(room, role);
        let has_signed_roles = roles.iter().any(|r| policy(r) == AccessPolicy::Signed);
        let portal = &self.links.portal;
        let roles = roles
            .iter()
            .filter(|role| policy(role) == AccessPolicy::Public)
            .map(|role| SharedRole {
                role: role.clone(),
                join_url: portal.page_url(PageKind::Join, room, role).to_string(),
                embed_url: portal.page_url(PageKind::Embed, room, role).to_string(),
            })
            .collect();
        Ok(ShareView {
            title,
            roles,
            has_signed_roles,
        })
    }
}
