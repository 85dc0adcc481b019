//! Access: who may open which role (policies) and the signed links that open signed roles.

mod policy;
mod signing;

use std::time::Duration;

pub use policy::RolePolicies;
pub use signing::{LinkRejection, LinkSigner, LinkTarget, Signature};

use super::PortalError;
use crate::domain::clock::unix_now;
use crate::domain::{AccessPolicy, JoinWith};
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
}

impl AccessRules {
    pub fn new(settings: &Settings) -> Self {
        Self {
            policies: RolePolicies::new(settings),
            signer: LinkSigner::new(&settings.access.signing_keys),
            max_link_ttl: settings.access.max_link_ttl,
        }
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
            AccessPolicy::Public => None,
            AccessPolicy::Signed => {
                let now = unix_now();
                let exp = self
                    .signer
                    .verify(target, signature, now)
                    .map_err(PortalError::Link)?;
                // Lowering access.max_link_ttl_secs shortens links already handed out too.
                let latest = now.saturating_add(self.max_link_ttl.as_secs());
                if exp > latest {
                    return Err(PortalError::Link(LinkRejection::Invalid));
                }
                Some(exp)
            }
        };
        Ok(Admission { join_with, until })
    }
}
