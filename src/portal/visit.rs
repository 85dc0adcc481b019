//! What visitors do: open a role's meeting (join and embed pages) and a room's share page.

use std::net::IpAddr;
use std::sync::Arc;

use super::access::{Admission, LinkTarget, Signature};
use super::{Portal, PortalError};
use crate::domain::clock::unix_now;
use crate::domain::{
    AccessPolicy, DisplayName, JoinOptions, JoinWith, PageKind, RoleName, RoomName, UserId,
};
use crate::hms::TokenGrant;
use crate::resolver::{CacheOutcome, Resolved, RoomRef};

/// A visit to a join or embed page, parsed.
pub struct VisitRequest<'a> {
    pub kind: PageKind,
    pub room: RoomName,
    pub role: RoleName,
    pub options: JoinOptions,
    pub signature: Signature<'a>,
    /// The session cookie, if the browser sent one (read only for `sso` roles).
    pub session: Option<&'a str>,
}

/// The meeting a visitor is let into.
pub struct Visit {
    pub room: Arc<RoomRef>,
    pub role: RoleName,
    /// The Prebuilt link the page frames: with the role's code, or with a fresh auth token.
    pub meeting_url: String,
    pub joined_with: JoinWith,
    /// How the code or room was found (for the access log).
    pub outcome: CacheOutcome,
    /// Who is signed in, for an `sso` role's page (their name, else their subject).
    pub signed_in: Option<String>,
    /// The session cookie renewed (its "last seen" moved on), to send back.
    pub renewed_session: Option<String>,
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
    /// Applies the role's access policy, then finds what the visitor joins with: the role's code
    /// or the room for a fresh token, from memory when known, else through 100ms, which counts
    /// against `client`'s rate limit (asked only then, as finding the address costs a little).
    pub async fn visit(
        &self,
        request: VisitRequest<'_>,
        client: impl FnOnce() -> IpAddr,
    ) -> Result<Visit, PortalError> {
        let VisitRequest {
            kind,
            room,
            role,
            mut options,
            signature,
            session,
        } = request;
        // Rooms and roles that cannot be opened are 404 before any signature talk or call to
        // 100ms, even when an admin's look-up left them in the cache.
        if self.resolver.refuses(&room) {
            return Err(PortalError::UnknownRoom);
        }
        if role.is_internal() || !self.resolver.may_have_role(&room, &role) {
            return Err(PortalError::UnknownRole);
        }
        let target = LinkTarget {
            kind,
            room: &room,
            role: &role,
            options: &options,
        };
        let mut admission = self.access.admit(target, signature)?;
        let mut signed_in = None;
        let mut renewed_session = None;
        if self.policy(&room, &role) == AccessPolicy::Sso {
            let sso = self.sso.as_ref().ok_or(PortalError::UnknownRole)?;
            let (person, renewed) = sso.session(session).map_err(PortalError::SignInRequired)?;
            sso.grant(&person, &role).map_err(PortalError::NotGranted)?;
            // The identity is the provider's, whatever the link says.
            options = JoinOptions {
                name: person.name.as_deref().and_then(display_name),
                user_id: UserId::parse(&person.sub).ok(),
                skip_preview: options.skip_preview,
            };
            admission.until = Some(person.exp);
            signed_in = Some(person.name.unwrap_or(person.sub));
            renewed_session = renewed;
        }
        // The token path is boxed: its future is large (minting, finding the room), and every
        // page view's future would otherwise be as large and be copied as it moves.
        let visit = match admission.join_with {
            JoinWith::Code => self.code_visit(room, role, &options, client).await,
            JoinWith::Token => {
                Box::pin(self.token_visit(room, role, &options, admission, client)).await
            }
        }?;
        Ok(Visit {
            signed_in,
            renewed_session,
            ..visit
        })
    }

    /// The visit of a bare link (no query, no session) to a public role whose code is in
    /// memory: what most page views are, answered without anything that could wait. `None`
    /// whenever [`Portal::visit`] would do more (a signature or sign-in to check, a token to
    /// mint, 100ms to ask) or refuse: it then decides, with its error pages.
    pub async fn visit_from_memory(&self, room: RoomName, role: RoleName) -> Option<Visit> {
        if self.resolver.refuses(&room)
            || role.is_internal()
            || !self.resolver.may_have_role(&room, &role)
            || self.access.admit_bare(&room, &role)? != JoinWith::Code
        {
            return None;
        }
        let key = (room, role);
        let (resolved, outcome) = self.resolver.cached(&key).await?;
        Some(self.code_visit_of(&resolved, key.1, &JoinOptions::default(), outcome))
    }

    pub(super) async fn code_visit(
        &self,
        room: RoomName,
        role: RoleName,
        options: &JoinOptions,
        client: impl FnOnce() -> IpAddr,
    ) -> Result<Visit, PortalError> {
        let key = (room, role);
        let (resolved, outcome) = match self.resolver.cached(&key).await {
            Some(cached) => cached,
            None => {
                self.limits.check_upstream(client())?;
                // Boxed for the same reason: a miss is rare, its future large.
                Box::pin(self.resolver.resolve(&key.0, &key.1)).await?
            }
        };
        Ok(self.code_visit_of(&resolved, key.1, options, outcome))
    }

    fn code_visit_of(
        &self,
        resolved: &Resolved,
        role: RoleName,
        options: &JoinOptions,
        outcome: CacheOutcome,
    ) -> Visit {
        Visit {
            meeting_url: self.links.prebuilt.meeting_link(&resolved.code, options),
            room: resolved.room.clone(),
            role,
            joined_with: JoinWith::Code,
            outcome,
            signed_in: None,
            renewed_session: None,
        }
    }

    /// A fresh token per visit: for the user id bound into the link, else a new random one;
    /// valid until the signed link expires or `access.token_ttl_secs` from now, whichever is first.
    pub(super) async fn token_visit(
        &self,
        room: RoomName,
        role: RoleName,
        options: &JoinOptions,
        admission: Admission,
        client: impl FnOnce() -> IpAddr,
    ) -> Result<Visit, PortalError> {
        let (room_ref, outcome) = match self.resolver.known_room(&room, &role).await {
            Some(known) => (known, CacheOutcome::Hit),
            None => {
                self.limits.check_upstream(client())?;
                self.resolver.token_room(&room, &role).await?
            }
        };
        let user_id = match &options.user_id {
            Some(bound) => bound.as_str().to_owned(),
            None => uuid::Uuid::new_v4().to_string(),
        };
        let lifetime_end = unix_now().saturating_add(self.tokens.ttl.as_secs());
        let grant = TokenGrant {
            room_id: &room_ref.id,
            role: role.as_str(),
            user_id: &user_id,
            expires_at: admission
                .until
                .map_or(lifetime_end, |until| until.min(lifetime_end)),
        };
        let token = self
            .tokens
            .tokens
            .mint(grant)
            .map_err(PortalError::TokenMint)?;
        let meeting_url =
            self.tokens
                .link
                .link(&self.links.prebuilt, &room_ref.id, &role, &token, options);
        Ok(Visit {
            room: room_ref,
            role,
            meeting_url,
            joined_with: JoinWith::Token,
            outcome,
            signed_in: None,
            renewed_session: None,
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

/// A provider's name as a meeting name: without control characters, at most as long as the
/// meeting allows (a name is never refused for that: it is the person's own).
fn display_name(name: &str) -> Option<DisplayName> {
    let cleaned: String = name
        .chars()
        .filter(|c| !c.is_control())
        .take(DisplayName::MAX_CHARS)
        .collect();
    DisplayName::parse(cleaned.trim()).ok()
}
