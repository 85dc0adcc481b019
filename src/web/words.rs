//! The words of error pages: a title and an explanation for a person, per kind of failure.

use super::i18n::Msg;
use crate::portal::access::LinkRejection;
use crate::portal::sso::SsoError;
use crate::portal::{ErrorKind, InvitationState, PortalError};

/// Title and explanation of the error page for a failure of the portal's services.
pub(super) fn portal_wording(error: &PortalError) -> (Msg, Msg) {
    match error {
        PortalError::UnknownRoom => (Msg::ErrorUnknownRoom, Msg::ErrorUnknownRoomText),
        PortalError::UnknownRole => (Msg::ErrorUnknownRole, Msg::ErrorUnknownRoleText),
        PortalError::RoomDisabled => (Msg::ErrorRoomDisabled, Msg::ErrorRoomDisabledText),
        PortalError::RoleClosed => (Msg::ErrorRoleClosed, Msg::ErrorRoleClosedText),
        PortalError::Upstream(_) => match error.kind() {
            ErrorKind::Conflict | ErrorKind::NotFound => {
                (Msg::ErrorUpstreamRefused, Msg::ErrorUpstreamRefusedText)
            }
            ErrorKind::Unavailable => (Msg::ErrorUpstreamDown, Msg::ErrorUpstreamDownText),
            _ => (Msg::ErrorUpstreamFailed, Msg::ErrorUpstreamFailedText),
        },
        PortalError::Link(LinkRejection::Expired) => {
            (Msg::ErrorLinkExpired, Msg::ErrorLinkExpiredText)
        }
        PortalError::Link(LinkRejection::Revoked) => {
            (Msg::ErrorLinkRevoked, Msg::ErrorLinkRevokedText)
        }
        PortalError::Link(LinkRejection::Invalid) => {
            (Msg::ErrorLinkChanged, Msg::ErrorLinkChangedText)
        }
        PortalError::Link(LinkRejection::Unsigned) => {
            (Msg::ErrorLinkNeeded, Msg::ErrorLinkNeededText)
        }
        PortalError::Knock(_) => (Msg::ErrorKnock, Msg::ErrorKnockText),
        PortalError::UnknownTicket => (Msg::ErrorUnknownTicket, Msg::ErrorUnknownTicketText),
        PortalError::NoLobby(_) => (Msg::ErrorNoLobby, Msg::ErrorNoLobbyText),
        PortalError::NotAHost => (Msg::ErrorNotAHost, Msg::ErrorNotAHostText),
        PortalError::LobbyFull => (Msg::ErrorLobbyFull, Msg::ErrorLobbyFullText),
        PortalError::ConsoleTokenWrong => (Msg::ErrorConsoleToken, Msg::ErrorConsoleTokenText),
        PortalError::ConsoleNotGranted => (Msg::ErrorConsoleDenied, Msg::ErrorConsoleDeniedText),
        PortalError::ConfiguredRoom(_) => (Msg::ErrorConfiguredRoom, Msg::ErrorConfiguredRoomText),
        PortalError::SigningDisabled => (Msg::ErrorSigningOff, Msg::ErrorSigningOffText),
        PortalError::Invalid(_) | PortalError::TooLong { .. } => {
            (Msg::ErrorRequestInvalid, Msg::ErrorRequestMistake)
        }
        PortalError::PublicRole(_) => (Msg::ErrorPublicRole, Msg::ErrorPublicRoleText),
        PortalError::TooManyRequests { .. } => (Msg::ErrorTooMany, Msg::ErrorTooManyText),
        PortalError::TokenMint(_) => (Msg::ErrorSomethingWrong, Msg::ErrorTokenMintText),
        PortalError::UnknownInvitation => {
            (Msg::ErrorUnknownInvitation, Msg::ErrorUnknownInvitationText)
        }
        PortalError::InvitationEnded(InvitationState::Expired) => {
            (Msg::ErrorInvitationExpired, Msg::ErrorInvitationExpiredText)
        }
        PortalError::InvitationEnded(InvitationState::Revoked) => {
            (Msg::ErrorInvitationRevoked, Msg::ErrorInvitationRevokedText)
        }
        PortalError::InvitationEnded(InvitationState::Ended) => {
            (Msg::ErrorMeetingEnded, Msg::ErrorMeetingEndedText)
        }
        PortalError::InvitationEnded(InvitationState::Cancelled) => {
            (Msg::ErrorMeetingCancelled, Msg::ErrorMeetingCancelledText)
        }
        PortalError::InvitationEnded(InvitationState::Scheduled) => {
            (Msg::ErrorNotOpenYet, Msg::ErrorNotOpenYetText)
        }
        PortalError::InvitationEnded(_) => (Msg::ErrorInvitationUsed, Msg::ErrorInvitationUsedText),
        PortalError::UnknownEvent => (Msg::ErrorUnknownEvent, Msg::ErrorUnknownEventText),
        PortalError::BadHook(_) | PortalError::HookSecret | PortalError::HookSource => {
            (Msg::ErrorNotAHook, Msg::ErrorNotAHookText)
        }
        PortalError::BadSchedule(_) => (Msg::ErrorBadSchedule, Msg::ErrorBadScheduleText),
        PortalError::EventCancelled => (Msg::ErrorMeetingCancelled, Msg::ErrorEventCancelledText),
        PortalError::NoOrganizer | PortalError::NoInviteeEmail => {
            (Msg::ErrorNoCalendar, Msg::ErrorNoCalendarText)
        }
        PortalError::Store(_) => (Msg::ErrorBusy, Msg::ErrorBusyText),
        PortalError::SignInRequired(_) => (Msg::ErrorSignIn, Msg::SignInNeeded),
        PortalError::NotGranted(_) => (Msg::ErrorNotGrantedTitle, Msg::ErrorNotGrantedText),
        PortalError::SignIn(sso) => sign_in_wording(sso),
        PortalError::SignInOff => (Msg::ErrorNotFound, Msg::ErrorSignInOff),
    }
}

fn sign_in_wording(error: &SsoError) -> (Msg, Msg) {
    match error {
        SsoError::ProviderUnavailable(_) => (Msg::ErrorProviderDown, Msg::ErrorProviderDownText),
        SsoError::Denied(_) => (Msg::ErrorSignInDenied, Msg::ErrorSignInDeniedText),
        SsoError::Refused(_) | SsoError::NotStarted => {
            (Msg::ErrorSignInRefused, Msg::ErrorSignInRefusedText)
        }
        SsoError::Invalid(_) => (Msg::ErrorSignInInvalid, Msg::ErrorSignInInvalidText),
    }
}
