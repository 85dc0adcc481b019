//! `GET /meeting/{code}`: a stand-in for the hosted Prebuilt page that shows what it was opened with.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::Emulator;

pub const PAGE_VIEW: &str = "meeting_page";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/meeting/{code}", web::get().to(meeting_page))
        .route("/preview/{code}", web::get().to(meeting_page));
}

#[derive(Template)]
#[template(path = "emulator/meeting.html")]
struct MeetingPage<'a> {
    heading: &'a str,
    room: String,
    role: String,
    code: &'a str,
    name: Option<&'a str>,
    user_id: Option<&'a str>,
    skip_preview: bool,
}

async fn meeting_page(
    emu: web::Data<Emulator>,
    req: HttpRequest,
    code: web::Path<String>,
) -> HttpResponse {
    emu.count(PAGE_VIEW);
    let query: HashMap<String, String> = url::form_urlencoded::parse(req.query_string().as_bytes())
        .into_owned()
        .collect();
    let found = {
        let store = emu.store();
        store.codes().iter().find(|c| c.code == *code).map(|c| {
            let room = store.room(&c.room_id).ok();
            let usable = c.enabled && room.is_some_and(|r| r.enabled);
            let room_name = room.map(|r| r.name.clone()).unwrap_or_default();
            (room_name, c.role.clone(), usable)
        })
    };
    let (status, heading, room, role) = match found {
        Some((room, role, true)) => (StatusCode::OK, "Joined the meeting", room, role),
        Some((room, role, false)) => (
            StatusCode::FORBIDDEN,
            "Psst! This room is currently inactive.",
            room,
            role,
        ),
        None => (
            StatusCode::NOT_FOUND,
            "Room code does not exist",
            String::new(),
            String::new(),
        ),
    };
    let page = MeetingPage {
        heading,
        room,
        role,
        code: &code,
        name: query.get("name").map(String::as_str),
        user_id: query.get("userId").map(String::as_str),
        skip_preview: query
            .get("skip_preview_headful")
            .is_some_and(|v| v == "true"),
    };
    match page.render() {
        Ok(html) => HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .body(html),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}
