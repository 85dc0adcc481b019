//! The gate: the one place that decides whether a visitor may reach a room and role, whatever
//! way they came in (a bare link, a signed link, sign-in, an invitation; next the lobby and
//! schedules), and whether a link or invitation may be issued for one. Its answer is a
//! [`Decision`], which new ways in extend with variants of their own instead of new checks in
//! their callers.
//!
//! Two tiers: [`Gate::at_memory`] answers a bare link from memory alone, synchronously, for the
//! hot path; [`Gate::decide`] may do more (check a signature or a session; next: read the store).

mod decision;

use std::sync::Arc;

pub use decision::{Admitted, Decision, Door, Refusal, SignedIn};

use super::PortalError;
use super::access::{AccessRules, LinkRejection, LinkTarget, Signature};
use super::sso::{SessionState, Sso};
use crate::domain::clock::unix_now;
use crate::domain::{
    AccessPolicy, DisplayName, JoinOptions, JoinWith, Lifetime, PageKind, RoleName, RoomName,
    UserId,
};
use crate::resolver::{Reach, Resolver};

pub struct Gate {
    resolver: Arc<Resolver>,
    access: Arc<AccessRules>,
    sso: Option<Arc<Sso>>,
    /// `invitations.sso_requires_sign_in`.
    sso_invitations_sign_in: bool,
}

impl Gate {
    pub(super) fn new(
        resolver: Arc<Resolver>,
        access: Arc<AccessRules>,
        sso: Option<Arc<Sso>>,
        sso_invitations_sign_in: bool,
    ) -> Self {
        Self {
            resolver,
            access,
            sso,
            sso_invitations_sign_in,
        }
    }

    /// Whether visitors may reach the room at all (any of its pages, its share page).
    pub fn room(&self, room: &RoomName) -> Result<(), Refusal> {
        // Not served covers another name of a configured room and a disabled one too.
        if !self.resolver.serves(room) {
            return Err(Refusal::UnknownRoom);
        }
        Ok(())
    }

    /// The room and role as such, before anything the visitor brings: the room is served and
    /// the role is one visitors may have there. No lock, no call to 100ms.
    fn reachable(&self, room: &RoomName, role: &RoleName) -> Result<AccessPolicy, Refusal> {
        match self.resolver.reaches(room, role) {
            Reach::Yes if !role.is_internal() => {}
            Reach::NoSuchRoom => return Err(Refusal::UnknownRoom),
            Reach::Yes | Reach::NoSuchRole => return Err(Refusal::UnknownRole),
        }
        match self.access.policies.policy(room, role) {
            AccessPolicy::Off => Err(Refusal::UnknownRole),
            policy => Ok(policy),
        }
    }

    /// The memory-only tier, for a bare link (no signature, no session): every cached page
    /// view asks it, so it takes no lock beyond the policy look-up and never waits.
    pub fn at_memory(&self, room: &RoomName, role: &RoleName) -> Decision {
        let policy = match self.reachable(room, role) {
            Ok(policy) => policy,
            Err(refusal) => return Decision::Refused(refusal),
        };
        match policy {
            AccessPolicy::Public if self.access.policies.waits(room, role) => {
                Decision::WaitInLobby(Admitted {
                    join_with: JoinWith::Token,
                    until: None,
                    signed_in: None,
                    token_to_grant_end: false,
                })
            }
            AccessPolicy::Public => self.public(room, role, None),
            AccessPolicy::Signed => Decision::NeedsSignature(LinkRejection::Unsigned),
            AccessPolicy::Sso | AccessPolicy::Off => Decision::SignInFirst(SessionState::Absent),
        }
    }

    /// The full decision for a visitor who came through `door`.
    pub async fn decide(&self, room: &RoomName, role: &RoleName, door: Door<'_>) -> Decision {
        let policy = match self.reachable(room, role) {
            Ok(policy) => policy,
            Err(refusal) => return Decision::Refused(refusal),
        };
        let decision = self.through(room, role, door, policy);
        // An invitation is the operator's own grant: its invitee waits only where the
        // invitation says (its own service sends them there).
        let Door::Link { options, .. } = door else {
            return decision;
        };
        // A signed link that says so waits too, in a room with a lobby (an unsigned
        // `lobby=1` has no grant to wait with, and changes nothing).
        let signed_to_wait = options.lobby
            && matches!(decision, Decision::JoinWithToken { until: Some(_), .. })
            && !self.access.policies.admitters(room).is_empty();
        if signed_to_wait {
            return self.waiting(decision);
        }
        self.lobby(room, role, decision)
    }

    /// A visitor the door lets in waits in the lobby first where the role does; they will
    /// enter with a per-visit token (their own, never the role's code).
    fn lobby(&self, room: &RoomName, role: &RoleName, decision: Decision) -> Decision {
        if !self.access.policies.waits(room, role) {
            return decision;
        }
        self.waiting(decision)
    }

    /// What an admitting decision becomes for a visitor who waits first.
    fn waiting(&self, decision: Decision) -> Decision {
        match decision {
            Decision::JoinWithCode => Decision::WaitInLobby(Admitted {
                join_with: JoinWith::Token,
                until: None,
                signed_in: None,
                token_to_grant_end: false,
            }),
            Decision::JoinWithToken { until, signed_in } => Decision::WaitInLobby(Admitted {
                join_with: JoinWith::Token,
                until,
                signed_in,
                token_to_grant_end: false,
            }),
            other => other,
        }
    }

    /// Whether the role's visitors wait in the room's lobby.
    pub fn waits(&self, room: &RoomName, role: &RoleName) -> bool {
        self.access.policies.waits(room, role)
    }

    /// The roles that let visitors in from the room's lobby.
    pub fn admitters(&self, room: &RoomName) -> Vec<RoleName> {
        self.access.policies.admitters(room).to_vec()
    }

    /// Whether the role's people let visitors in from the room's lobby.
    pub fn admits(&self, room: &RoomName, role: &RoleName) -> bool {
        self.access.policies.admits(room, role)
    }

    fn through(
        &self,
        room: &RoomName,
        role: &RoleName,
        door: Door<'_>,
        policy: AccessPolicy,
    ) -> Decision {
        match (door, policy) {
            // The operator's grant: an invitation opens any reachable role, until it ends; an
            // `sso` role's invitee signs in too, unless the operator said the grant is enough.
            (Door::Invitation { until, .. }, AccessPolicy::Public) => {
                self.public(room, role, Some(until))
            }
            (Door::Invitation { until, session }, AccessPolicy::Sso)
                if self.sso_invitations_sign_in =>
            {
                match self.sign_in(role, session) {
                    Decision::JoinWithToken {
                        until: session_end,
                        signed_in,
                    } => Decision::JoinWithToken {
                        until: Some(session_end.map_or(until, |end| end.min(until))),
                        signed_in,
                    },
                    decision => decision,
                }
            }
            (Door::Invitation { until, .. }, _) => Decision::JoinWithToken {
                until: Some(until),
                signed_in: None,
            },
            (
                Door::Link {
                    kind,
                    options,
                    signature,
                    ..
                },
                AccessPolicy::Public,
            ) => match self.public(room, role, None) {
                // A signed link to a public role that joins with tokens keeps what it promises
                // (expiry, revocation, the bound name); without a signature the role is public.
                Decision::JoinWithToken { .. } if signature.sig.is_some() => {
                    self.signed_link(kind, room, role, options, signature)
                }
                decision => decision,
            },
            (
                Door::Link {
                    kind,
                    options,
                    signature,
                    ..
                },
                AccessPolicy::Signed,
            ) => self.signed_link(kind, room, role, options, signature),
            (Door::Link { session, .. }, _) => self.sign_in(role, session),
        }
    }

    /// A signed link: genuine, unexpired, unrevoked, over exactly this page and options.
    fn signed_link(
        &self,
        kind: PageKind,
        room: &RoomName,
        role: &RoleName,
        options: &JoinOptions,
        signature: Signature<'_>,
    ) -> Decision {
        let target = LinkTarget {
            kind,
            room,
            role,
            options,
        };
        match self.signature(target, signature) {
            Ok(until) => Decision::JoinWithToken {
                until: Some(until),
                signed_in: None,
            },
            Err(rejection) => Decision::NeedsSignature(rejection),
        }
    }

    /// A public role: with its code, or with tokens where `access.join_with` says so.
    fn public(&self, room: &RoomName, role: &RoleName, until: Option<u64>) -> Decision {
        match self
            .access
            .policies
            .join_with_under(AccessPolicy::Public, room, role)
        {
            JoinWith::Code => Decision::JoinWithCode,
            JoinWith::Token => Decision::JoinWithToken {
                until,
                signed_in: None,
            },
        }
    }

    /// A genuine, unexpired, unrevoked signature over exactly this target: until when it opens.
    fn signature(
        &self,
        target: LinkTarget<'_>,
        signature: Signature<'_>,
    ) -> Result<u64, LinkRejection> {
        let now = unix_now();
        let verified = self.access.signer.verify(target, signature, now)?;
        // Lowering access.max_link_ttl_secs shortens links already handed out too.
        let latest = now.saturating_add(self.access.max_link_ttl.as_secs());
        if verified.expires_at > latest {
            return Err(LinkRejection::Invalid);
        }
        if self
            .access
            .revocations
            .revokes(target.room, target.role, verified.issued_ms)
        {
            return Err(LinkRejection::Revoked);
        }
        Ok(verified.expires_at)
    }

    /// An `sso` role: a current session whose claims grant the role; the identity is the
    /// provider's, whatever the link says.
    fn sign_in(&self, role: &RoleName, session: Option<&str>) -> Decision {
        let Some(sso) = &self.sso else {
            return Decision::Refused(Refusal::SignInOff);
        };
        let (person, renewed_session) = match sso.session(session) {
            Ok(current) => current,
            Err(state) => return Decision::SignInFirst(state),
        };
        if let Err(missing) = sso.grant(&person, role) {
            return Decision::Refused(Refusal::NotGranted(missing));
        }
        Decision::JoinWithToken {
            until: Some(person.exp),
            signed_in: Some(SignedIn {
                name: person.name.as_deref().and_then(display_name),
                user_id: UserId::parse(&person.sub).ok(),
                shown_as: person.name.unwrap_or(person.sub),
                renewed_session,
                locale: person.locale,
            }),
        }
    }

    /// Whether an operator's command names a room and role that exist, as far as the portal
    /// knows without calling 100ms: the room is served, and the role is not internal and, where
    /// the room's roles are known (configured, or learnt from 100ms), among them. A typo is
    /// refused before anything is changed or audited.
    pub async fn known(&self, room: &RoomName, role: &RoleName) -> Result<(), PortalError> {
        match self.resolver.reaches(room, role) {
            Reach::NoSuchRoom => return Err(PortalError::UnknownRoom),
            Reach::NoSuchRole => return Err(PortalError::UnknownRole),
            Reach::Yes if role.is_internal() => return Err(PortalError::UnknownRole),
            Reach::Yes => {}
        }
        match self.resolver.known_roles(room).await {
            Some(roles) if !roles.contains(role) => Err(PortalError::UnknownRole),
            _ => Ok(()),
        }
    }

    /// Whether a signed link or invitation may be issued for the role (it exists and is not
    /// off) for that long, and when one made now ends. A lifetime past the longest allowed is
    /// refused, never cut. Never calls 100ms (see [`Gate::known`]).
    pub async fn issuing(
        &self,
        room: &RoomName,
        role: &RoleName,
        lifetime: Lifetime,
    ) -> Result<u64, PortalError> {
        if lifetime.as_secs() == 0 {
            return Err(PortalError::Invalid(
                "a link or invitation must last at least 1 second",
            ));
        }
        let most = self.access.max_link_ttl;
        if lifetime.duration() > most {
            return Err(PortalError::TooLong {
                asked: lifetime,
                most: most.into(),
            });
        }
        self.reachable(room, role)?;
        self.known(room, role).await?;
        Ok(unix_now().saturating_add(lifetime.as_secs()))
    }

    /// The longest a signed link or invitation may be open (`access.max_link_ttl_secs`).
    pub fn longest_link(&self) -> std::time::Duration {
        self.access.max_link_ttl
    }

    /// The role's policy (for the share page, the CLI and the admin API's answers).
    pub fn policy(&self, room: &RoomName, role: &RoleName) -> AccessPolicy {
        self.access.policies.policy(room, role)
    }

    /// How the role's visitors join: with its code or with per-visit tokens.
    pub fn join_with(&self, room: &RoomName, role: &RoleName) -> JoinWith {
        self.access.policies.join_with(room, role)
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
