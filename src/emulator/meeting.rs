//! A stand-in for the hosted Prebuilt page that shows what it was opened with: a room code
//! (`/meeting/{code}`), or an auth token for a room id and role
//! (`/preview/{room_id}/{role}?auth_token=…`), checked as 100ms would. Without a token the
//! room id and role path is refused unless the dashboard toggle `room_id_role_links` is on.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::Emulator;
use super::auth::TokenRefusal;

pub const PAGE_VIEW: &str = "meeting_page";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/meeting/{code}", web::get().to(code_page))
        .route("/preview/{code}", web::get().to(code_page))
        .route("/meeting/{room_id}/{role}", web::get().to(room_role_page))
        .route("/preview/{room_id}/{role}", web::get().to(room_role_page));
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
}

/// What the page shows besides the visitor's own options.
struct Outcome {
    status: StatusCode,
    heading: String,
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
    let has_role = store
        .template(&room.template_id)
        .is_some_and(|t| t.roles.iter().any(|r| r == role));
    if !has_role {
        return Outcome::refused(404, "Role not found");
    }
    Outcome {
        status: StatusCode::OK,
        heading: "Joined the meeting".to_owned(),
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
    let page = MeetingPage {
        heading: &outcome.heading,
        room: outcome.room,
        role: outcome.role,
        code: outcome.code,
        name: query.get("name").map(String::as_str),
        user_id: outcome.user_id.or_else(|| query.get("userId").cloned()),
        skip_preview: query
            .get("skip_preview_headful")
            .is_some_and(|v| v == "true"),
        token_expires: outcome.token_expires,
    };
    match page.render() {
        Ok(html) => HttpResponse::build(outcome.status)
            .content_type("text/html; charset=utf-8")
            .insert_header(("Cache-Control", "no-store"))
            .body(html),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}
