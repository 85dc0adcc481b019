//! A stand-in for the hosted Prebuilt page that shows what it was opened with: a room code
//! (`/meeting/{code}`), or an auth token for a room id and role
//! (`/preview/{room_id}/{role}?auth_token=…`), checked as 100ms would. Without a token the
//! room id and role path is refused unless the dashboard toggle `room_id_role_links` is on.
//! Opening it joins the room as a peer (what the active-rooms API then lists), under the `name`
//! and `userId` it was opened with (a token's user id wins); the page shows the peer's name as
//! 100ms has it now, so a rename through the API shows, and its Leave button leaves.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use serde_json::json;

use super::Emulator;
use super::account::Peer;
use super::auth::TokenRefusal;

pub const PAGE_VIEW: &str = "meeting_page";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/meeting/{code}", web::get().to(code_page))
        .route("/preview/{code}", web::get().to(code_page))
        .route("/meeting/{room_id}/{role}", web::get().to(room_role_page))
        .route("/preview/{room_id}/{role}", web::get().to(room_role_page))
        .route("/_peers/{room_id}/{peer_id}", web::get().to(peer_now))
        .route("/_peers/leave", web::post().to(leave));
}

#[derive(Template)]
#[template(path = "emulator/meeting.html")]
struct MeetingPage<'a> {
    heading: &'a str,
    room: String,
    role: String,
    /// The room code, or how the page was joined without one.
    code: String,
    name: Option<&'a str>,
    user_id: Option<String>,
    skip_preview: bool,
    /// When the auth token it was joined with expires (RFC 3339).
    token_expires: Option<String>,
    /// The peer this page joined as (none when it could not join).
    peer: Option<Peer>,
    room_id: String,
}

/// What the page shows besides the visitor's own options.
struct Outcome {
    status: StatusCode,
    heading: String,
    room_id: String,
    room: String,
    role: String,
    code: String,
    user_id: Option<String>,
    token_expires: Option<String>,
}

impl Outcome {
    fn refused(status: u16, heading: impl Into<String>) -> Self {
        Self {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::FORBIDDEN),
            heading: heading.into(),
            room_id: String::new(),
            room: String::new(),
            role: String::new(),
            code: String::new(),
            user_id: None,
            token_expires: None,
        }
    }
}

async fn code_page(
    emu: web::Data<Emulator>,
    req: HttpRequest,
    code: web::Path<String>,
) -> HttpResponse {
    let query = query_of(&req);
    // As in hosted Prebuilt, an auth token takes precedence over the code.
    let outcome = match query.get("auth_token") {
        Some(token) => token_outcome(&emu, token, None),
        None => code_outcome(&emu, &code),
    };
    render(&emu, &query, outcome)
}

async fn room_role_page(
    emu: web::Data<Emulator>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> HttpResponse {
    let query = query_of(&req);
    let (room_id, role) = path.into_inner();
    let outcome = match query.get("auth_token") {
        Some(token) => token_outcome(&emu, token, Some((&room_id, &role))),
        None if emu.inner.room_id_role_links => {
            joined(&emu, &room_id, &role, "(room id and role link)")
        }
        None => Outcome::refused(
            403,
            "Accessing room using this link format is disabled — You can re-enable this from the developer section in Dashboard",
        ),
    };
    render(&emu, &query, outcome)
}

fn code_outcome(emu: &Emulator, code: &str) -> Outcome {
    let store = emu.account();
    let Some(record) = store.codes().iter().find(|c| c.code == code) else {
        return Outcome::refused(404, "Room code does not exist");
    };
    let room = store.room(&record.room_id).ok();
    let usable = record.enabled && room.is_some_and(|r| r.enabled);
    Outcome {
        status: if usable {
            StatusCode::OK
        } else {
            StatusCode::FORBIDDEN
        },
        heading: if usable {
            "Joined the meeting"
        } else {
            "Psst! This room is currently inactive."
        }
        .to_owned(),
        room_id: record.room_id.clone(),
        room: room.map(|r| r.name.clone()).unwrap_or_default(),
        role: record.role.clone(),
        code: code.to_owned(),
        user_id: None,
        token_expires: None,
    }
}

fn token_outcome(emu: &Emulator, token: &str, path: Option<(&str, &str)>) -> Outcome {
    let claims = match emu.inner.tokens.check_app(token, path) {
        Ok(claims) => claims,
        Err(TokenRefusal { status, reason }) => {
            return Outcome::refused(status, format!("This auth token cannot join: {reason}"));
        }
    };
    let mut outcome = joined(emu, &claims.room_id, &claims.role, "(auth token)");
    if outcome.status == StatusCode::OK {
        outcome.user_id = Some(claims.user_id);
        let expires = std::time::UNIX_EPOCH + std::time::Duration::from_secs(claims.exp);
        outcome.token_expires = Some(humantime::format_rfc3339_seconds(expires).to_string());
    }
    outcome
}

/// Joins `role` of the room with id `room_id`, if the room is usable and has that role.
fn joined(emu: &Emulator, room_id: &str, role: &str, code: &str) -> Outcome {
    let store = emu.account();
    let Ok(room) = store.room(room_id) else {
        return Outcome::refused(404, "Room not found");
    };
    if !room.enabled {
        return Outcome::refused(403, "Psst! This room is currently inactive.");
    }
    if !store.room_has_role(room, role) {
        return Outcome::refused(404, "Role not found");
    }
    Outcome {
        status: StatusCode::OK,
        heading: "Joined the meeting".to_owned(),
        room_id: room.id.clone(),
        room: room.name.clone(),
        role: role.to_owned(),
        code: code.to_owned(),
        user_id: None,
        token_expires: None,
    }
}

fn query_of(req: &HttpRequest) -> HashMap<String, String> {
    url::form_urlencoded::parse(req.query_string().as_bytes())
        .into_owned()
        .collect()
}

fn render(emu: &Emulator, query: &HashMap<String, String>, outcome: Outcome) -> HttpResponse {
    emu.count(PAGE_VIEW);
    let name = query.get("name").map(String::as_str);
    let user_id = outcome.user_id.or_else(|| query.get("userId").cloned());
    // Prebuilt names a peer without a name by a UUID, and gives one without a user id a UUID.
    let peer = (outcome.status == StatusCode::OK).then(|| {
        let uuid = || uuid::Uuid::new_v4().to_string();
        let peer = emu.account().live_mut().join(
            (&outcome.room_id, &outcome.room),
            &outcome.role,
            &name.map_or_else(uuid, str::to_owned),
            &user_id.clone().unwrap_or_else(uuid),
        );
        emu.send_hooks();
        peer
    });
    let page = MeetingPage {
        heading: &outcome.heading,
        room: outcome.room,
        role: outcome.role,
        code: outcome.code,
        name,
        user_id,
        skip_preview: query
            .get("skip_preview_headful")
            .is_some_and(|v| v == "true"),
        token_expires: outcome.token_expires,
        peer,
        room_id: outcome.room_id,
    };
    html(outcome.status, page.render())
}

fn html(status: StatusCode, rendered: askama::Result<String>) -> HttpResponse {
    match rendered {
        Ok(html) => HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .insert_header(("Cache-Control", "no-store"))
            .body(html),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}

/// The peer as 100ms has it now, with the messages sent to it (to it, its role or everyone);
/// the page's script shows renames and messages; 404 once it left.
async fn peer_now(emu: web::Data<Emulator>, path: web::Path<(String, String)>) -> HttpResponse {
    let (room_id, peer_id) = path.into_inner();
    let mut account = emu.account();
    account.live_mut().heard_from(&peer_id);
    let live = account.live();
    match live.peer(&room_id, &peer_id) {
        Ok(peer) => {
            let messages: Vec<String> = live
                .messages(&room_id)
                .into_iter()
                .filter(|m| match (&m.peer_id, &m.role) {
                    (Some(to), _) => *to == peer.id,
                    (None, Some(role)) => *role == peer.role,
                    (None, None) => true,
                })
                .map(|m| m.message)
                .collect();
            let body = json!({ "name": peer.name, "role": peer.role, "messages": messages });
            HttpResponse::Ok()
                .insert_header(("Cache-Control", "no-store"))
                .json(body)
        }
        Err(_) => HttpResponse::NotFound().json(json!({
            "left": true,
            "removed": live.removal(&peer_id),
        })),
    }
}

#[derive(Deserialize)]
struct LeaveForm {
    room_id: String,
    peer_id: String,
}

#[derive(Template)]
#[template(path = "emulator/left.html")]
struct LeftPage {
    name: Option<String>,
}

/// The Leave button: the peer leaves the room (the session ends with its last peer).
async fn leave(emu: web::Data<Emulator>, form: web::Form<LeaveForm>) -> HttpResponse {
    let left = emu.account().live_mut().leave(&form.room_id, &form.peer_id);
    emu.send_hooks();
    let page = LeftPage {
        name: left.map(|peer| peer.name),
    };
    html(StatusCode::OK, page.render())
}
