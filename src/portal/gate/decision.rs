//! What the gate answers: how a visitor came ([`Door`]), its word on them ([`Decision`]), why it
//! stays shut ([`Refusal`]) and whom it let in ([`Admitted`]).

use crate::domain::{DisplayName, JoinOptions, JoinWith, PageKind, UserId};
use crate::portal::PortalError;
use crate::portal::access::{LinkRejection, Signature};
use crate::portal::sso::{MissingGrant, SessionState};

/// How a visitor came to a room and role.
#[derive(Debug, Clone, Copy)]
pub enum Door<'a> {
    /// A join or embed page: a bare or signed link, with the browser's sign-in session if any.
    Link {
        kind: PageKind,
        options: &'a JoinOptions,
        signature: Signature<'a>,
        session: Option<&'a str>,
    },
    /// An invitation whose pass was checked: the operator's grant, until then (Unix seconds),
    /// with the browser's sign-in session for an `sso` role.
    Invitation {
        until: u64,
        session: Option<&'a str>,
    },
}

/// Who is signed in, as the meeting shows them.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The name the page shows: their name, else their subject.
    pub shown_as: String,
    /// The identity bound into the visit (from the provider, whatever the link says).
    pub name: Option<DisplayName>,
    pub user_id: Option<UserId>,
    /// The session cookie renewed (its "last seen" moved on), to send back.
    pub renewed_session: Option<String>,
    /// Their `locale` claim, for the page's language.
    pub locale: Option<String>,
}

/// The gate's answer for one visitor.
#[derive(Debug)]
#[non_exhaustive]
pub enum Decision {
    /// In, with the role's room code (a public role).
    JoinWithCode,
    /// In, with a fresh per-visit token valid at most until `until` (Unix seconds), as
    /// `signed_in` when the door was a sign-in.
    JoinWithToken {
        until: Option<u64>,
        signed_in: Option<SignedIn>,
    },
    /// The door is right, but the role waits in the room's lobby until a host lets the
    /// visitor in: what they would enter with (always a per-visit token), once admitted.
    WaitInLobby(Admitted),
    /// Not yet: sign in first (no session, or one that ended).
    SignInFirst(SessionState),
    /// A signed role, and the link's signature is missing, wrong, expired or revoked.
    NeedsSignature(LinkRejection),
    /// Never through this door.
    Refused(Refusal),
}

/// Why the gate stays shut whatever the visitor brings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The portal does not serve the room (unknown, disabled, or another name of a room).
    UnknownRoom,
    /// The room has no such role for visitors (`off`, internal, or not among its roles).
    UnknownRole,
    /// Signed in, but the claims do not grant the role.
    NotGranted(MissingGrant),
    /// An `sso` role on a portal without sign-in.
    SignInOff,
}

/// A visitor let in: how, until when, and as whom.
#[derive(Debug)]
pub struct Admitted {
    pub join_with: JoinWith,
    pub until: Option<u64>,
    pub signed_in: Option<SignedIn>,
    /// The token lasts to `until` (at most 12 hours), not `access.token_ttl_secs`: an
    /// event's, so a reconnect never fails before the event is over.
    pub token_to_grant_end: bool,
}

impl Admitted {
    /// Whether the visitor came with a grant that names them: every grant with an end (a signed
    /// link, an invitation, a sign-in) binds the name it carries; a public role's open door
    /// names nobody, so its visitors pick their own.
    pub fn names_visitor(&self) -> bool {
        self.until.is_some()
    }
}

impl Decision {
    /// The admission, or the refusal as the error pages and API answer it.
    pub fn admitted(self) -> Result<Admitted, PortalError> {
        match self {
            Self::JoinWithCode => Ok(Admitted {
                join_with: JoinWith::Code,
                until: None,
                signed_in: None,
                token_to_grant_end: false,
            }),
            Self::JoinWithToken { until, signed_in } => Ok(Admitted {
                join_with: JoinWith::Token,
                until,
                signed_in,
                token_to_grant_end: false,
            }),
            Self::WaitInLobby(admitted) => Err(PortalError::Knock(Box::new(admitted))),
            Self::SignInFirst(state) => Err(PortalError::SignInRequired(state)),
            Self::NeedsSignature(rejection) => Err(PortalError::Link(rejection)),
            Self::Refused(refusal) => Err(refusal.into()),
        }
    }
}

impl From<Refusal> for PortalError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::UnknownRoom => Self::UnknownRoom,
            Refusal::UnknownRole => Self::UnknownRole,
            Refusal::NotGranted(missing) => Self::NotGranted(missing),
            Refusal::SignInOff => Self::UnknownRole,
        }
    }
}
