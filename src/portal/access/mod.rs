//! Access: who may open which role (policies), the signed links that open signed roles, and
//! the revocations that end links issued before a time.

mod policy;
mod revocations;
mod signing;

use std::time::Duration;

pub use policy::RolePolicies;
pub use revocations::Revocations;
pub use signing::{LinkRejection, LinkSigner, LinkTarget, Signature, Verified};

use super::PortalError;
use crate::domain::clock::unix_now;
use crate::domain::{AccessPolicy, JoinWith, RoleName, RoomName};
use crate::settings::Settings;

/// A visitor let in: how they join, and (`until`) when the signed link that let them in expires
/// (Unix seconds).
#[derive(Debug, Clone, Copy)]
pub struct Admission {
    pub join_with: JoinWith,
    pub until: Option<u64>,
}

/// Policies and signing together: what a visit needs to be let in.
pub struct AccessRules {
    pub policies: RolePolicies,
    pub signer: LinkSigner,
    /// The longest validity a signed link may be given.
    pub max_link_ttl: Duration,
    /// Per role, when links issued earlier stopped opening it (kept in memory: the hot path
    /// reads no store).
    pub revocations: Revocations,
}

impl AccessRules {
    pub fn new(settings: &Settings) -> Self {
        Self {
            policies: RolePolicies::new(settings),
            signer: LinkSigner::new(&settings.access.signing_keys),
            max_link_ttl: settings.access.max_link_ttl,
            revocations: Revocations::default(),
        }
    }

    /// How a bare link (no signature, no session) joins the role: only a public role lets
    /// one in. One policy look-up: this is every cached page view's check.
    pub fn admit_bare(&self, room: &RoomName, role: &RoleName) -> Option<JoinWith> {
        let policy = self.policies.policy(room, role);
        (policy == AccessPolicy::Public).then(|| self.policies.join_with_under(policy, room, role))
    }

    /// Lets the visit in, or says why not: an off role does not exist; a signed one needs a
    /// genuine, unexpired signature over exactly this target, and is let in until it expires.
    pub fn admit(
        &self,
        target: LinkTarget<'_>,
        signature: Signature<'_>,
    ) -> Result<Admission, PortalError> {
        let policy = self.policies.policy(target.room, target.role);
        let join_with = self
            .policies
            .join_with_under(policy, target.room, target.role);
        let until = match policy {
            AccessPolicy::Off => return Err(PortalError::UnknownRole),
            // Signed-in visitors are let in by the portal's sign-in, which knows the session.
            AccessPolicy::Public | AccessPolicy::Sso => None,
            AccessPolicy::Signed => {
                let now = unix_now();
                let verified = self
                    .signer
                    .verify(target, signature, now)
                    .map_err(PortalError::Link)?;
                // Lowering access.max_link_ttl_secs shortens links already handed out too.
                let latest = now.saturating_add(self.max_link_ttl.as_secs());
                if verified.expires_at > latest {
                    return Err(PortalError::Link(LinkRejection::Invalid));
                }
                if self
                    .revocations
                    .revokes(target.room, target.role, verified.issued_ms)
                {
                    return Err(PortalError::Link(LinkRejection::Revoked));
                }
                Some(verified.expires_at)
            }
        };
        Ok(Admission { join_with, until })
    }
}
