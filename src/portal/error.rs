use std::sync::Arc;

use super::InvitationState;
use super::access::LinkRejection;
use super::sso::{MissingGrant, SessionState, SsoError};
use crate::hms::HmsError;
use crate::resolver::ResolveError;
use crate::store::StoreError;

/// Everything the portal's services can refuse or fail with. The web layer turns these into
/// pages or problem+json, the CLI into one line.
#[derive(Debug, thiserror::Error)]
pub enum PortalError {
    #[error("no such room")]
    UnknownRoom,
    #[error("no such role in this room")]
    UnknownRole,
    #[error("the room is disabled in 100ms")]
    RoomDisabled,
    #[error("this role is closed: its room code was disabled in 100ms")]
    RoleClosed,
    /// 100ms refused the request or failed; the resolver's error, shared by every waiter.
    #[error(transparent)]
    Hms(Arc<ResolveError>),
    #[error(transparent)]
    Link(LinkRejection),
    #[error("signed links are off: set access.signing_keys (PORTAL__ACCESS__SIGNING_KEYS)")]
    SigningDisabled,
    /// The request asks for something that cannot be (e.g. a link valid for no time).
    #[error("{0}")]
    Invalid(&'static str),
    #[error("too many requests; retry in {retry_after_secs} s")]
    TooManyRequests { retry_after_secs: u64 },
    /// Signing a visit's 100ms auth token failed (a fault of the portal, not of the visitor).
    #[error("could not mint a 100ms auth token")]
    TokenMint(#[source] HmsError),
    #[error("no such invitation")]
    UnknownInvitation,
    /// The invitation expired, was used up or revoked (never `Open`).
    #[error("the invitation can no longer be used ({0:?})")]
    InvitationEnded(InvitationState),
    /// An `sso` role, and no current session (none, or one that expired).
    #[error("this role needs signing in")]
    SignInRequired(SessionState),
    /// Signed in, but the claims do not grant the role.
    #[error("the {} role needs one of {:?} in the claim {}", .0.role, .0.any_of, .0.claim)]
    NotGranted(MissingGrant),
    /// Signing in failed or is off.
    #[error(transparent)]
    SignIn(#[from] SsoError),
    #[error("sign-in is not set up")]
    SignInOff,
    /// The store could not be reached (or read); nothing was changed.
    #[error("the store is unavailable")]
    Store(#[source] Arc<StoreError>),
}

impl From<StoreError> for PortalError {
    fn from(error: StoreError) -> Self {
        Self::Store(Arc::new(error))
    }
}

impl From<Arc<StoreError>> for PortalError {
    fn from(error: Arc<StoreError>) -> Self {
        Self::Store(error)
    }
}

impl From<Arc<ResolveError>> for PortalError {
    fn from(error: Arc<ResolveError>) -> Self {
        match error.as_ref() {
            ResolveError::UnknownRoom => Self::UnknownRoom,
            ResolveError::UnknownRole => Self::UnknownRole,
            ResolveError::RoomDisabled => Self::RoomDisabled,
            ResolveError::RoleClosed => Self::RoleClosed,
            ResolveError::Rejected(_) | ResolveError::Exists(_) | ResolveError::Upstream(_) => {
                Self::Hms(error)
            }
        }
    }
}
