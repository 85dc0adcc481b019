use std::sync::Arc;

use super::InvitationState;
use super::access::LinkRejection;
use super::sso::{MissingGrant, SessionState, SsoError};
use crate::hms::{ApiProblem, HmsError};
use crate::resolver::ResolveError;
use crate::store::StoreError;

/// What kind of failure an error is, for whoever answers it: the web layer maps each to a
/// status, without looking inside the layers below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The request itself is wrong.
    BadRequest,
    /// The visitor must sign in (or sign in again).
    SignInRequired,
    /// The sign-in provider sent something that cannot be trusted.
    SignInInvalid,
    /// Never for this visitor (a closed room or role, a missing signature, a missing claim).
    Forbidden,
    NotFound,
    /// It conflicts with the state of the portal or of 100ms.
    Conflict,
    /// Well formed, but its parts do not fit together (an event that ends before it starts).
    Unprocessable,
    /// It existed and has ended (an expired or revoked link, an ended invitation).
    Gone,
    TooManyRequests,
    /// Something the portal needs (100ms, the store, the provider) is not answering now.
    Unavailable,
    /// 100ms answered with an error.
    UpstreamFailed,
    /// A fault of the portal itself.
    Internal,
}

/// Everything the portal's services can refuse or fail with. The web layer turns these into
/// pages or problem+json by their [`ErrorKind`], the CLI into one line.
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
    Upstream(Arc<ResolveError>),
    #[error(transparent)]
    Link(LinkRejection),
    #[error("signed links are off: set access.signing_keys (PORTAL__ACCESS__SIGNING_KEYS)")]
    SigningDisabled,
    /// A signed link to a public role that joins with its code would promise an expiry,
    /// revocation and name binding that its plain link does not keep.
    #[error("{0} is public: the plain link works and cannot expire")]
    PublicRole(crate::domain::RoleName),
    /// The request asks for something that cannot be (e.g. a link valid for no time).
    #[error("{0}")]
    Invalid(&'static str),
    /// A link or invitation asked to last longer than `access.max_link_ttl_secs` allows.
    #[error(
        "a link or invitation can last at most {most} (access.max_link_ttl_secs); asked for {asked}"
    )]
    TooLong {
        asked: crate::domain::Lifetime,
        most: crate::domain::Lifetime,
    },
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
    /// The role waits in the room's lobby: the visitor asks to join (with what they would
    /// enter with once admitted).
    #[error("this role waits in the lobby until a host lets the visitor in")]
    Knock(Box<super::gate::Admitted>),
    /// No such lobby ticket, or not this browser's.
    #[error("no such ticket")]
    UnknownTicket,
    /// An invitation asked to wait in a room that has no lobby (nobody would admit).
    #[error("{0} has no lobby: set rooms.aliases.{0}.lobby (who waits, who admits)")]
    NoLobby(crate::domain::RoomName),
    /// Deciding in a lobby without the host's pass of its room.
    #[error("only the room's hosts let people in")]
    NotAHost,
    /// The room's lobby is full.
    #[error("too many people are waiting in this room's lobby; retry in a minute")]
    LobbyFull,
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
    /// The console's sign-in form was sent with another token than the admin token.
    #[error("that is not the admin token")]
    ConsoleTokenWrong,
    /// Signed in, but the claims do not open the console (`access.oidc.admin`).
    #[error("your sign-in does not grant the console (access.oidc.admin)")]
    ConsoleNotGranted,
    /// A room of the settings file: changed there, not through the API or console.
    #[error("{0} is configured in the settings ([rooms.aliases.{0}]): change it there")]
    ConfiguredRoom(crate::domain::RoomName),
    #[error("no such event")]
    UnknownEvent,
    /// A webhook body that is not an event (not JSON, no id, type or data, a known type
    /// without what it needs).
    #[error("{0}")]
    BadHook(String),
    /// A webhook call without one of the secrets in its header.
    #[error("the webhook secret header is missing or wrong")]
    HookSecret,
    /// A webhook call from an address `hms.webhook_sources` does not allow.
    #[error("webhooks are not accepted from this address")]
    HookSource,
    /// An event's times or zone do not make an event (each field well formed on its own).
    #[error("{0}")]
    BadSchedule(String),
    /// A cancelled event stays cancelled: it cannot be moved.
    #[error("the event was cancelled")]
    EventCancelled,
    /// The organiser's calendar files name an organiser.
    #[error("set ui.organizer_email to make calendar invitations to mail")]
    NoOrganizer,
    #[error("this invitee has no e-mail address to send a calendar invitation to")]
    NoInviteeEmail,
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
                Self::Upstream(error)
            }
        }
    }
}

impl PortalError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::UnknownRoom
            | Self::UnknownRole
            | Self::UnknownInvitation
            | Self::UnknownTicket
            | Self::UnknownEvent
            | Self::SignInOff => ErrorKind::NotFound,
            Self::RoomDisabled
            | Self::RoleClosed
            | Self::NotGranted(_)
            | Self::ConsoleNotGranted
            | Self::NotAHost
            | Self::HookSource => ErrorKind::Forbidden,
            Self::HookSecret => ErrorKind::SignInRequired,
            Self::BadHook(_) => ErrorKind::BadRequest,
            Self::ConsoleTokenWrong => ErrorKind::SignInRequired,
            Self::Upstream(error) => upstream_kind(error),
            Self::Link(LinkRejection::Expired | LinkRejection::Revoked) => ErrorKind::Gone,
            Self::Link(_) => ErrorKind::Forbidden,
            Self::InvitationEnded(_) => ErrorKind::Gone,
            Self::Store(_) => ErrorKind::Unavailable,
            Self::SignInRequired(_) => ErrorKind::SignInRequired,
            // Not a failure: the page that asks to join answers it (403 where nothing does).
            Self::Knock(_) => ErrorKind::Forbidden,
            Self::LobbyFull => ErrorKind::Unavailable,
            Self::SignIn(SsoError::ProviderUnavailable(_)) => ErrorKind::Unavailable,
            Self::SignIn(SsoError::Denied(_)) => ErrorKind::Forbidden,
            Self::SignIn(SsoError::Refused(_) | SsoError::NotStarted) => ErrorKind::BadRequest,
            Self::SignIn(SsoError::Invalid(_)) => ErrorKind::SignInInvalid,
            Self::SigningDisabled
            | Self::ConfiguredRoom(_)
            | Self::NoLobby(_)
            | Self::EventCancelled
            | Self::NoOrganizer
            | Self::NoInviteeEmail => ErrorKind::Conflict,
            Self::BadSchedule(_) => ErrorKind::Unprocessable,
            Self::Invalid(_) | Self::TooLong { .. } => ErrorKind::BadRequest,
            // Well formed, but at odds with the role's policy (a role made public since).
            Self::PublicRole(_) => ErrorKind::Conflict,
            Self::TooManyRequests { .. } => ErrorKind::TooManyRequests,
            Self::TokenMint(_) => ErrorKind::Internal,
        }
    }

    /// 100ms could not be reached at all (no connection, no answer in time, circuit open).
    pub fn upstream_unreachable(&self) -> bool {
        self.hms_error().is_some_and(HmsError::is_unavailable)
    }

    /// The HTTP status 100ms answered with, when it answered with an error.
    pub fn upstream_status(&self) -> Option<u16> {
        self.hms_error()?.status().map(|status| status.as_u16())
    }

    fn hms_error(&self) -> Option<&HmsError> {
        match self {
            Self::Upstream(error) => match error.as_ref() {
                ResolveError::Upstream(hms) | ResolveError::Rejected(hms) => Some(hms),
                _ => None,
            },
            _ => None,
        }
    }
}

fn upstream_kind(error: &ResolveError) -> ErrorKind {
    match error {
        // 100ms names something of the request that does not exist (e.g. a template).
        ResolveError::Rejected(hms) if hms.problem() == Some(ApiProblem::ReferenceNotFound) => {
            ErrorKind::NotFound
        }
        // Other refusals conflict with 100ms's state (e.g. a room's 100 codes are used up).
        ResolveError::Rejected(_) | ResolveError::Exists(_) => ErrorKind::Conflict,
        ResolveError::Upstream(hms) if hms.is_unavailable() => ErrorKind::Unavailable,
        ResolveError::UnknownRoom | ResolveError::UnknownRole => ErrorKind::NotFound,
        ResolveError::RoomDisabled | ResolveError::RoleClosed => ErrorKind::Forbidden,
        ResolveError::Upstream(_) => ErrorKind::UpstreamFailed,
    }
}
