//! The OpenAPI 3 document of the admin API, and its error answers, written once here.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};
use utoipa::{IntoResponses, Modify, OpenApi};

use super::types::{NewInvitation, NewLink, NewRoom, PurgeRequest, PurgeResult, RoomPatch};
use crate::domain::{AccessPolicy, JoinWith};
use crate::portal::AuditRecord;
use crate::portal::lobby::{Decided, Waiting};
use crate::portal::{
    ClosedCodes, Invitation, InvitationList, InvitationState, Revoked, RoleLink, RoomChanged,
    RoomLinks, RoomList, RoomRemoved, RoomSource, RoomSummary, SignedLink,
};
use crate::web::error::{ApiError, Problem, WebError};
use crate::web::state::AppState;

/// The document; there only while the API is on.
pub(super) async fn document(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    if !state.admin.enabled() {
        return Err(ApiError(WebError::AdminApiOff));
    }
    let mut document =
        serde_json::to_value(ApiDoc::openapi()).map_err(|e| ApiError(WebError::internal(e)))?;
    // A lifetime's largest number of seconds is the configured `access.max_link_ttl_secs`.
    let most = state.portal.links().longest_lifetime().as_secs();
    for schema in ["NewLink", "NewInvitation"] {
        let seconds = format!("/components/schemas/{schema}/properties/expires_in/oneOf/0");
        if let Some(seconds) = document.pointer_mut(&seconds) {
            seconds["maximum"] = most.into();
        }
    }
    Ok(HttpResponse::Ok().json(document))
}

/// Problem answers (`application/problem+json`), by status, with what each means.
fn problems(answers: &[(u16, &str)]) -> BTreeMap<String, RefOr<Response>> {
    answers
        .iter()
        .map(|(status, description)| {
            let content = ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build();
            let response = ResponseBuilder::new()
                .description(*description)
                .content("application/problem+json", content)
                .build();
            (status.to_string(), RefOr::T(response))
        })
        .collect()
}

macro_rules! problem_set {
    ($($(#[$doc:meta])* $name:ident: [$(($status:literal, $description:literal)),* $(,)?];)*) => {$(
        $(#[$doc])*
        pub(super) struct $name;

        impl IntoResponses for $name {
            fn responses() -> BTreeMap<String, RefOr<Response>> {
                problems(&[$(($status, $description)),*])
            }
        }
    )*};
}

problem_set! {
    /// What every admin call can meet.
    AdminErrors: [
        (400, "Malformed request"),
        (401, "Missing or wrong token"),
        (429, "Too many calls from this address"),
    ];
    /// Calls that reach 100ms.
    HmsErrors: [
        (403, "The room is disabled in 100ms"),
        (502, "100ms failed"),
        (503, "100ms unreachable"),
    ];
    NotFound: [(404, "No such room or role (the role may be off), or no such 100ms template")];
    Refused: [(409, "The room is configured in the settings (read-only here), or has no lobby for an invitation that waits, 100ms refused the change (e.g. the room has 100 codes), no signing key is configured, or the role is public and joins with its code (a signed link would change nothing)")];
    /// An event's times that are each well formed but make no event.
    Unprocessable: [(422, "The times or time zone do not make an event (it ends before it starts, is over already, is open longer than links may last, or its zone is unknown)")];
    /// Calls that take a JSON body.
    BodyErrors: [
        (413, "The body is too large"),
        (415, "The body is not JSON (send Content-Type: application/json)"),
    ];
    /// Calls that read or write the store.
    StoreErrors: [(503, "The store (database) is unavailable; nothing was changed")];
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "prebuilt-portal admin API",
        description = "Create, list, change and remove rooms and read their links, rotate room codes, sign and revoke links, make invitations, read the audit log, purge the portal's cache. \
                       Every call needs `Authorization: Bearer <admin.token>`."
    ),
    paths(
        super::rooms::create, super::rooms::list, super::rooms::show, super::rooms::update,
        super::rooms::remove, super::rooms::links, super::rooms::rotate, super::rooms::revoke,
        super::cache::purge, super::links::sign, super::invites::create, super::invites::list,
        super::invites::show, super::invites::revoke, super::audit::list, super::lobby::list,
        super::lobby::admit, super::lobby::deny, super::events::create, super::events::list,
        super::events::show, super::events::change, super::events::cancel,
        super::events::organizer_calendar, super::attendance::of_room,
        super::attendance::of_event, super::attendance::of_invitation
    ),
    components(schemas(
        NewRoom, RoomLinks, RoleLink, PurgeRequest, PurgeResult, NewLink, SignedLink, AccessPolicy,
        JoinWith, Problem, Revoked, NewInvitation, Invitation, InvitationList, InvitationState,
        AuditRecord, RoomList, RoomSummary, RoomSource, RoomPatch, RoomChanged, ClosedCodes,
        RoomRemoved, super::lobby::LobbyList, Waiting, Decided, super::events::NewEvent,
        super::events::NewInvitee, super::events::EventPatch, crate::portal::events::Event,
        crate::portal::events::EventList, crate::portal::events::EventState,
        crate::portal::attendance::AttendanceReport, crate::portal::attendance::Attendee,
        super::attendance::Format
    )),
    modifiers(&BearerToken),
    tags(
        (name = "rooms", description = "Rooms, codes and links"),
        (name = "links", description = "Signed, expiring links, and revoking them"),
        (name = "invites", description = "Counted, revocable invitations (/i/<id>)"),
        (name = "audit", description = "Who did what"),
        (name = "events", description = "Meetings with a time, their invitations and calendar files"),
        (name = "attendance", description = "Who came, from 100ms's webhooks"),
        (name = "lobby", description = "Who waits in a room's lobby; admitting and turning away"),
        (name = "cache", description = "The portal's code cache")
    )
)]
pub struct ApiDoc;

struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "admin_token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
