//! The words of error pages: a title and an explanation for a person, per kind of failure.

use crate::portal::access::LinkRejection;
use crate::portal::sso::SsoError;
use crate::portal::{ErrorKind, InvitationState, PortalError};

/// Title and explanation of the error page for a failure of the portal's services.
pub(super) fn portal_wording(error: &PortalError) -> (&'static str, &'static str) {
    match error {
        PortalError::UnknownRoom => (
            "Meeting room not found",
            "There is no meeting room with this name. Check the link, or ask the person who sent it for a new one.",
        ),
        PortalError::UnknownRole => (
            "Role not found",
            "This meeting room has no such role. Check the link, or ask the person who sent it for a new one.",
        ),
        PortalError::RoomDisabled => (
            "This meeting room is closed",
            "The organiser has disabled this room, so nobody can join it right now.",
        ),
        PortalError::RoleClosed => (
            "This role is closed",
            "The link for this role was turned off in the meeting service. Ask the organiser for a new one.",
        ),
        PortalError::Upstream(_) => match error.kind() {
            ErrorKind::Conflict | ErrorKind::NotFound => (
                "The meeting service refused",
                "The meeting service refused to open this room right now. Please tell the portal's operator.",
            ),
            ErrorKind::Unavailable => (
                "The meeting service is not answering",
                "The video service behind this page did not answer in time. Please try again in a few seconds.",
            ),
            _ => (
                "The meeting service had a problem",
                "The video service behind this page answered with an error. Please try again in a little while; if it keeps happening, tell the portal's operator.",
            ),
        },
        PortalError::Link(LinkRejection::Expired) => (
            "This link has expired",
            "The personal link you used is no longer valid. Ask the person who sent it for a new one.",
        ),
        PortalError::Link(LinkRejection::Revoked) => (
            "This link was withdrawn",
            "The organiser withdrew the personal link you used. Ask them for a new one.",
        ),
        PortalError::Link(LinkRejection::Invalid) => (
            "This link was changed or is incomplete",
            "The personal link you opened is not the one the organiser made: something in it was changed, or part of it was cut off when it was copied. Open the link exactly as you received it, or ask the person who sent it for a new one.",
        ),
        PortalError::Link(LinkRejection::Unsigned) => (
            "This role needs a personal link",
            "Joining in this role needs a personal link from the meeting's organiser. Ask them for one; \
             organisers make them with the portal's admin API or its sign command.",
        ),
        PortalError::Knock(_) => (
            "Ask to join",
            "This meeting has a host who lets people in. Open the link again to ask to join.",
        ),
        PortalError::UnknownTicket => (
            "This waiting page is not yours",
            "The page of someone waiting to join works only in the browser that asked. Open the meeting link again to ask to join.",
        ),
        PortalError::NoLobby(_) => (
            "This room has no waiting room",
            "Only a room with a waiting room can make its invitees wait.",
        ),
        PortalError::NotAHost => (
            "Only hosts can do this",
            "Letting people in is for the meeting's hosts: open your own host link first, then the waiting list from its page.",
        ),
        PortalError::LobbyFull => (
            "Too many people are waiting",
            "The waiting room of this meeting is full right now. Please try again in a minute.",
        ),
        PortalError::ConsoleTokenWrong => (
            "That is not the admin token",
            "The console opens with the portal's admin token (admin.token). Check it and try again.",
        ),
        PortalError::ConsoleNotGranted => (
            "The console is not open to you",
            "You are signed in, but your account does not grant the operator's console. Ask whoever runs the portal to add you to its admins.",
        ),
        PortalError::ConfiguredRoom(_) => (
            "This room is set in the settings file",
            "Rooms configured in the portal's settings are changed there, not here.",
        ),
        PortalError::SigningDisabled => (
            "Signed links are off",
            "The portal has no signing key, so it cannot make personal links.",
        ),
        PortalError::Invalid(_) | PortalError::TooLong { .. } => {
            ("This request is not valid", "The request has a mistake.")
        }
        PortalError::PublicRole(_) => (
            "This role needs no signed link",
            "Anyone with the plain link can join this role, so a signed link would change nothing.",
        ),
        PortalError::TooManyRequests { .. } => (
            "Too many requests",
            "Too many pages were opened from your address in a short time. Please wait a moment and try again.",
        ),
        PortalError::TokenMint(_) => (
            "Something went wrong",
            "The portal could not prepare your way into the meeting. Please try again; if it keeps happening, tell the portal's operator.",
        ),
        PortalError::UnknownInvitation => (
            "Invitation not found",
            "There is no invitation at this address. Check the link, or ask the person who sent it for a new one.",
        ),
        PortalError::InvitationEnded(InvitationState::Expired) => (
            "This invitation has expired",
            "The invitation is no longer valid. Ask the person who sent it for a new one.",
        ),
        PortalError::InvitationEnded(InvitationState::Revoked) => (
            "This invitation was withdrawn",
            "The organiser withdrew this invitation. Ask them for a new one if you still need to join.",
        ),
        PortalError::InvitationEnded(InvitationState::Ended) => (
            "This meeting has ended",
            "The meeting this invitation was for is over, so the invitation no longer opens it.",
        ),
        PortalError::InvitationEnded(InvitationState::Cancelled) => (
            "This meeting was cancelled",
            "The organiser cancelled the meeting this invitation was for.",
        ),
        PortalError::InvitationEnded(InvitationState::Scheduled) => (
            "This meeting has not opened yet",
            "Come back a few minutes before it starts: the invitation opens then.",
        ),
        PortalError::InvitationEnded(_) => (
            "This invitation has been used",
            "The invitation was already used as many times as it allows. Ask the person who sent it for a new one.",
        ),
        PortalError::UnknownEvent => ("Event not found", "There is no such event."),
        PortalError::BadHook(_) | PortalError::HookSecret | PortalError::HookSource => {
            ("Not a webhook", "This address receives 100ms's webhooks.")
        }
        PortalError::BadSchedule(_) => (
            "These times do not make a meeting",
            "Check the event's start, end and time zone.",
        ),
        PortalError::EventCancelled => (
            "This meeting was cancelled",
            "The organiser cancelled this meeting.",
        ),
        PortalError::NoOrganizer | PortalError::NoInviteeEmail => (
            "No calendar invitation to send",
            "A calendar invitation needs the organiser's and the invitee's e-mail addresses.",
        ),
        PortalError::Store(_) => (
            "The portal is busy",
            "The portal could not reach its records just now. Please try again in a few seconds.",
        ),
        PortalError::SignInRequired(_) => (
            "Please sign in",
            "This meeting role is for people signed in with their company account.",
        ),
        PortalError::NotGranted(_) => (
            "This role is not for your account",
            "You are signed in, but your account does not have what this role needs.",
        ),
        PortalError::SignIn(sso) => sign_in_wording(sso),
        PortalError::SignInOff => ("Page not found", "Sign-in is not set up on this portal."),
    }
}

fn sign_in_wording(error: &SsoError) -> (&'static str, &'static str) {
    match error {
        SsoError::ProviderUnavailable(_) => (
            "The sign-in service is not answering",
            "Your company's sign-in service did not answer. Please try again in a little while.",
        ),
        SsoError::Denied(_) => (
            "Sign-in was not completed",
            "The sign-in was cancelled or not allowed, so the meeting cannot open. Open the meeting link again to retry.",
        ),
        SsoError::Refused(_) | SsoError::NotStarted => (
            "This sign-in cannot be completed",
            "This sign-in was not started in this browser, was already used, or took too long. Open the meeting link again to sign in anew.",
        ),
        SsoError::Invalid(_) => (
            "The sign-in could not be verified",
            "What the sign-in service sent back could not be trusted, so you were not signed in. Please tell the portal's operator.",
        ),
    }
}
