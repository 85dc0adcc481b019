//! What visitors do: open a role's meeting (join and embed pages, and the meeting behind an
//! invitation) and a room's share page. The gate decides who gets in; this service finds what
//! they join with: the role's code (cached, else through 100ms) or a fresh per-visit token.

mod tokens;

use std::net::IpAddr;
use std::sync::Arc;

use tokens::Minted;
pub(super) use tokens::TokenMinting;

use super::attendance::{Attendance, VisitSource, link_digest};
use super::gate::{Admitted, Decision, Door, Gate};
use super::links::LinkBuilder;
use super::names::NameKeeper;
use super::rate_limit::RateLimits;
use super::{CacheOutcome, PortalError};
use crate::domain::{
    AccessPolicy, DisplayName, JoinOptions, JoinWith, PageKind, RoleName, RoomName,
};
use crate::resolver::{Resolved, Resolver, RoomRef};

/// A visit to a join or embed page, parsed.
pub struct VisitRequest<'a> {
    pub kind: PageKind,
    pub room: RoomName,
    pub role: RoleName,
    pub options: JoinOptions,
    pub signature: super::access::Signature<'a>,
    /// The session cookie, if the browser sent one (read only for `sso` roles).
    pub session: Option<&'a str>,
}

impl VisitRequest<'_> {
    /// The door this visitor came through: their page, with its link and session.
    pub(crate) fn door(&self) -> Door<'_> {
        Door::Link {
            kind: self.kind,
            options: &self.options,
            signature: self.signature,
            session: self.session,
        }
    }
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
    /// The signed-in person's `locale` claim.
    pub locale: Option<String>,
    /// The room whose lobby this visitor's role admits from (their page shows who waits).
    pub lobby_host: Option<RoomName>,
}

/// A bare link's visit as memory answers it (see [`Visits::from_memory`]); the room and role
/// come back for what comes next.
pub enum FromMemory {
    /// The role's code was in memory: the whole visit.
    Answered(Visit),
    /// A public role that joins with its code, not cached: ask 100ms ([`Visits::code_visit`]),
    /// the gate has spoken.
    NotCached(RoomName, RoleName),
    /// Anything else (a token to mint, a signature or sign-in to check, a refusal to explain):
    /// the full [`Visits::visit`].
    AskTheGate(RoomName, RoleName),
}

/// A room's share page: the roles anyone may open, with their links.
pub struct ShareView {
    pub title: String,
    pub roles: Vec<SharedRole>,
    /// Roles that exist but only open through signed links.
    pub has_signed_roles: bool,
    /// The sites that may frame the room's pages (CSP sources; `'self'` is this portal), and
    /// whether they are the room's own rather than the portal's.
    pub embeddable_by: Vec<String>,
    pub own_framing: bool,
}

pub struct SharedRole {
    pub role: RoleName,
    pub join_url: String,
    pub embed_url: String,
}

pub struct Visits {
    gate: Arc<Gate>,
    resolver: Arc<Resolver>,
    links: Arc<LinkBuilder>,
    tokens: Arc<TokenMinting>,
    limits: Arc<RateLimits>,
    names: Arc<NameKeeper>,
    /// `security.frame_ancestors`, for share pages.
    frame_ancestors: Vec<String>,
    /// Where each token's user id is noted with what let it in.
    attendance: Arc<Attendance>,
}

/// What the visits service is built from.
pub(super) struct VisitParts {
    pub gate: Arc<Gate>,
    pub resolver: Arc<Resolver>,
    pub links: Arc<LinkBuilder>,
    pub tokens: Arc<TokenMinting>,
    pub limits: Arc<RateLimits>,
    pub names: Arc<NameKeeper>,
    pub frame_ancestors: Vec<String>,
    pub attendance: Arc<Attendance>,
}

impl Visits {
    pub(super) fn new(parts: VisitParts) -> Self {
        Self {
            gate: parts.gate,
            resolver: parts.resolver,
            links: parts.links,
            tokens: parts.tokens,
            limits: parts.limits,
            names: parts.names,
            frame_ancestors: parts.frame_ancestors,
            attendance: parts.attendance,
        }
    }

    /// Asks the gate, then finds what the visitor joins with: the role's code or the room for
    /// a fresh token, from memory when known, else through 100ms, which counts against
    /// `client`'s rate limit (asked only then, as finding the address costs a little).
    pub async fn visit(
        &self,
        request: VisitRequest<'_>,
        client: impl FnOnce() -> IpAddr,
    ) -> Result<Visit, PortalError> {
        let decision = self
            .gate
            .decide(&request.room, &request.role, request.door())
            .await;
        let admitted = decision.admitted()?;
        let source = match (&request.signature.sig, &admitted.signed_in) {
            (Some(sig), _) => VisitSource::Link(link_digest(sig)),
            (None, Some(person)) => VisitSource::SignIn(person.shown_as.clone()),
            (None, None) => VisitSource::Open,
        };
        let VisitRequest {
            room,
            role,
            options,
            ..
        } = request;
        self.enter(room, role, options, admitted, source, client)
            .await
    }

    /// The visit of a bare link (no query, no session) from memory: what most page views are,
    /// answered without anything that could wait when the gate lets a bare link in with the
    /// role's code and the code is cached.
    pub async fn from_memory(&self, room: RoomName, role: RoleName) -> FromMemory {
        if !matches!(self.gate.at_memory(&room, &role), Decision::JoinWithCode) {
            return FromMemory::AskTheGate(room, role);
        }
        let key = (room, role);
        match self.resolver.cached(&key).await {
            Some((resolved, outcome)) => FromMemory::Answered(self.code_visit_of(
                &resolved,
                key.1,
                &JoinOptions::default(),
                outcome,
            )),
            None => FromMemory::NotCached(key.0, key.1),
        }
    }

    /// Into the meeting the gate admitted to, as the gate says: with the role's code, or with
    /// a token, as the signed-in person where the door was a sign-in.
    pub(super) async fn enter(
        &self,
        room: RoomName,
        role: RoleName,
        mut options: JoinOptions,
        admitted: Admitted,
        source: VisitSource,
        client: impl FnOnce() -> IpAddr,
    ) -> Result<Visit, PortalError> {
        let names_visitor = admitted.names_visitor();
        let Admitted {
            join_with,
            until,
            signed_in,
            token_to_grant_end,
        } = admitted;
        let (shown_as, renewed_session, locale) = match signed_in {
            Some(person) => {
                options = JoinOptions {
                    name: person.name,
                    user_id: person.user_id,
                    ..options
                };
                (Some(person.shown_as), person.renewed_session, person.locale)
            }
            None => (None, None, None),
        };
        // The token path is boxed: its future is large (minting, finding the room), and every
        // page view's future would otherwise be as large and be copied as it moves.
        // Admitting roles are never public: they join with tokens.
        let lobby_host =
            (join_with == JoinWith::Token && self.gate.admits(&room, &role)).then(|| room.clone());
        let visit = match join_with {
            JoinWith::Code => self.code_visit(room, role, &options, client).await,
            JoinWith::Token => {
                let bound_name = options.name.as_ref().filter(|_| names_visitor);
                let portal_room = room.clone();
                let visit = Box::pin(self.token_visit(
                    room,
                    role,
                    &options,
                    (until, token_to_grant_end),
                    client,
                ))
                .await;
                visit.map(|(visit, minted)| {
                    // Attendance reads who this user id is.
                    self.attendance.note_visit(
                        &minted.user_id,
                        &portal_room,
                        visit.role.as_str(),
                        &source,
                        options.name.as_ref().map(DisplayName::as_str),
                    );
                    if let Some(name) = bound_name {
                        let until = minted.expires_at;
                        self.names
                            .keep(&visit.room.id, &minted.user_id, name.as_str(), until);
                    }
                    visit
                })
            }
        }?;
        Ok(Visit {
            signed_in: shown_as,
            renewed_session,
            locale,
            lobby_host,
            ..visit
        })
    }

    /// A visit with the role's code, for a role the gate let in with it: from memory, else
    /// through 100ms (rate limited for `client`).
    pub async fn code_visit(
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
                // Joining a look-up under way costs 100ms nothing, so it costs the client nothing.
                if !self.resolver.is_looking_up(&key.0, Some(&key.1)) {
                    self.limits.check_upstream(client())?;
                }
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
            locale: None,
            lobby_host: None,
        }
    }

    /// A fresh token per visit: for the user id bound into the link, else a new random one;
    /// valid until `until` (the link's or session's end) or `access.token_ttl_secs` from now,
    /// whichever is first.
    async fn token_visit(
        &self,
        room: RoomName,
        role: RoleName,
        options: &JoinOptions,
        (until, to_grant_end): (Option<u64>, bool),
        client: impl FnOnce() -> IpAddr,
    ) -> Result<(Visit, Minted), PortalError> {
        let (room_ref, outcome) = match self.resolver.known_room(&room, &role).await {
            Some(known) => (known, CacheOutcome::Hit),
            None => {
                if !self.resolver.is_looking_up(&room, None) {
                    self.limits.check_upstream(client())?;
                }
                self.resolver.token_room(&room, &role).await?
            }
        };
        let minted = self.tokens.meeting_url(
            &self.links.prebuilt,
            &room_ref,
            &role,
            options,
            (until, to_grant_end),
        )?;
        let visit = Visit {
            room: room_ref,
            role,
            meeting_url: minted.url.clone(),
            joined_with: JoinWith::Token,
            outcome,
            signed_in: None,
            renewed_session: None,
            locale: None,
            lobby_host: None,
        };
        Ok((visit, minted))
    }

    /// The share page of `room`: its title and public roles. Calls 100ms (rate limited for
    /// `client`) only when they are not known yet.
    pub async fn share(
        &self,
        room: &RoomName,
        client: impl FnOnce() -> IpAddr,
    ) -> Result<ShareView, PortalError> {
        self.gate.room(room)?;
        if !self.resolver.roles_known(room) && !self.resolver.is_looking_up(room, None) {
            self.limits.check_upstream(client())?;
        }
        let title = self.resolver.title(room).await?;
        let roles = self.resolver.roles(room).await?;
        let policy = |role| self.gate.policy(room, role);
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
        let own = self.resolver.framing(room);
        let embeddable_by = match &own {
            Some(sites) => sites.split(' ').map(str::to_owned).collect(),
            None => self.frame_ancestors.clone(),
        };
        Ok(ShareView {
            title,
            roles,
            has_signed_roles,
            embeddable_by,
            own_framing: own.is_some(),
        })
    }
}
