//! The console's rooms: the list (search, paging), a new room, and one room's page with its
//! roles and links, its invitations, and its settings (for rooms made through the portal).

use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::Chrome;
use super::form::{Operator, Posted};
use crate::domain::{RoleName, RoomName};
use crate::portal::console::ConsoleUser;
use crate::portal::{Codes, RoomQuery, RoomRequest, RoomSummary};
use crate::web::error::WebError;
use crate::web::pages::brand::Brand;
use crate::web::pages::html::{html, see_other};
use crate::web::pages::qr;
use crate::web::pages::share::embed_snippet;
use crate::web::state::AppState;

const PAGE_SIZE: u32 = 50;

#[derive(Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    offset: Option<u32>,
    done: Option<String>,
}

#[derive(Template)]
#[template(path = "console/rooms.html")]
struct RoomsPage<'a> {
    brand: Brand<'a>,
    chrome: Chrome<'a>,
    search: &'a str,
    rooms: Vec<RoomSummary>,
    summary: String,
    previous: Option<String>,
    next: Option<String>,
    notice: Option<String>,
}

pub async fn list(
    state: web::Data<AppState>,
    Operator(user): Operator,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, WebError> {
    let search = query.q.as_deref().unwrap_or_default().trim();
    let search: String = search.chars().take(200).collect();
    let offset = query.offset.unwrap_or(0).min(1_000_000_000);
    let page = state
        .portal
        .rooms()
        .list(&RoomQuery {
            search: search.clone(),
            limit: PAGE_SIZE,
            offset,
        })
        .await?;
    let shown = page.rooms.len() as u64;
    let href = |offset: u64| {
        let q = url::form_urlencoded::byte_serialize(search.as_bytes()).collect::<String>();
        format!("/admin?q={q}&offset={offset}")
    };
    let summary = match (page.total, shown) {
        (0, _) if search.is_empty() => "No rooms yet.".to_owned(),
        (0, _) => format!("No room's name or title contains \u{201c}{search}\u{201d}."),
        (1, 1) => "1 room.".to_owned(),
        (total, _) if total == shown => format!("{total} rooms."),
        (total, _) => format!(
            "Rooms {} to {} of {total}.",
            u64::from(offset) + 1,
            u64::from(offset) + shown
        ),
    };
    let page = RoomsPage {
        brand: Brand::of(&state),
        chrome: Chrome::of(&user, "rooms"),
        search: &search,
        summary,
        previous: (offset > 0).then(|| href(u64::from(offset.saturating_sub(PAGE_SIZE)))),
        next: (u64::from(offset) + shown < page.total).then(|| href(u64::from(offset) + shown)),
        rooms: page.rooms,
        notice: query
            .done
            .as_deref()
            .and_then(done_words)
            .map(str::to_owned),
    };
    Ok(html(page.render()?))
}

/// What a `?done=` after a change says.
fn done_words(done: &str) -> Option<&'static str> {
    Some(match done {
        "created" => "The room was created.",
        "saved" => "Saved.",
        "removed" => "The room was removed and its 100ms codes disabled.",
        "rotated" => "The role has a new code; the old one no longer opens the meeting.",
        "revoked" => "Every signed link and invitation of the role made until now is revoked.",
        "invitation-revoked" => "The invitation was revoked.",
        "admitted" => "Let in: their page enters the meeting.",
        "denied" => "Turned away.",
        _ => return None,
    })
}

#[derive(Template)]
#[template(path = "console/new-room.html")]
struct NewRoomPage<'a> {
    brand: Brand<'a>,
    chrome: Chrome<'a>,
    problem: Option<&'a str>,
    name: &'a str,
    title: &'a str,
}

pub async fn new_room(
    state: web::Data<AppState>,
    Operator(user): Operator,
) -> Result<HttpResponse, WebError> {
    render_new_room(&state, &user, None, "", "")
}

fn render_new_room(
    state: &AppState,
    user: &ConsoleUser,
    problem: Option<&str>,
    name: &str,
    title: &str,
) -> Result<HttpResponse, WebError> {
    let page = NewRoomPage {
        brand: Brand::of(state),
        chrome: Chrome::of(user, "rooms"),
        problem,
        name,
        title,
    };
    let mut response = html(page.render()?);
    if problem.is_some() {
        *response.status_mut() = actix_web::http::StatusCode::BAD_REQUEST;
    }
    Ok(response)
}

pub async fn create(
    state: web::Data<AppState>,
    Posted { user, fields }: Posted,
) -> Result<HttpResponse, WebError> {
    let name = fields.text("name").unwrap_or_default();
    let title = fields.text("title");
    let Ok(room) = RoomName::parse(name) else {
        let problem = "A room's name is letters, digits and . - : _ (at most 100).";
        return render_new_room(
            &state,
            &user,
            Some(problem),
            name,
            title.unwrap_or_default(),
        );
    };
    if title.is_some_and(|t| t.chars().count() > 200 || t.chars().any(char::is_control)) {
        let problem = "A title is at most 200 characters, on one line.";
        return render_new_room(
            &state,
            &user,
            Some(problem),
            name,
            title.unwrap_or_default(),
        );
    }
    let template_id = fields.text("template_id").map(str::to_owned);
    if template_id
        .as_deref()
        .is_some_and(|t| t.len() > 64 || !t.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        let problem = "A 100ms template id is letters and digits.";
        return render_new_room(
            &state,
            &user,
            Some(problem),
            name,
            title.unwrap_or_default(),
        );
    }
    let request = RoomRequest {
        room: room.clone(),
        template_id,
        description: None,
        title: title.map(str::to_owned),
        listed: fields.ticked("listed"),
        access: BTreeMap::new(),
    };
    state
        .portal
        .rooms()
        .create_room(request, Codes::OfCodeRoles, user.actor.clone())
        .await?;
    Ok(see_other(&format!("/admin/rooms/{room}?done=created")).finish())
}

#[derive(Template)]
#[template(path = "console/room.html")]
struct RoomPage<'a> {
    /// English words (the lobby list is shared with the hosts' page).
    t: &'static crate::web::i18n::Words,
    brand: Brand<'a>,
    chrome: Chrome<'a>,
    room: RoomSummary,
    editable: bool,
    notice: Option<&'static str>,
    roles: Vec<RoleView>,
    roles_problem: Option<String>,
    role_names: Vec<String>,
    policy_rows: Vec<(String, String)>,
    frame_text: String,
    can_sign: bool,
    invitations: Vec<InvitationRow>,
    /// Who waits in the room's lobby, when it has one.
    lobby: Option<Vec<crate::web::pages::lobby_hosts::WaitingRow>>,
}

struct RoleView {
    role: String,
    policy: String,
    join_with: String,
    join_url: String,
    embed_snippet: String,
    qr_svg: String,
}

struct InvitationRow {
    id: String,
    who: String,
    role: String,
    state: &'static str,
    uses: String,
    expires: String,
    open: bool,
}

#[derive(Deserialize)]
pub struct RoomQueryString {
    done: Option<String>,
}

pub async fn show(
    state: web::Data<AppState>,
    Operator(user): Operator,
    path: web::Path<String>,
    query: web::Query<RoomQueryString>,
) -> Result<HttpResponse, WebError> {
    let room = RoomName::parse(&path)?;
    let rooms = state.portal.rooms();
    let summary = rooms.show(&room).await?;
    // The roles come from 100ms; the page still serves its settings when 100ms fails.
    let (roles, roles_problem) = match rooms.room_links(&room, Codes::OfCodeRoles).await {
        Ok(links) => (links.links, None),
        Err(error) => (
            Vec::new(),
            Some(format!("The roles could not be read from 100ms: {error}.")),
        ),
    };
    let roles: Vec<RoleView> = roles
        .into_iter()
        .map(|link| {
            let label = format!(
                "QR code of the link to join {} as {}",
                summary.title, link.role
            );
            RoleView {
                qr_svg: qr::svg(&link.join_url, &label).unwrap_or_default(),
                embed_snippet: embed_snippet(&link.embed_url, &summary.title),
                policy: link.access.to_string(),
                join_with: format!("{:?}", link.join_with).to_lowercase(),
                join_url: link.join_url,
                role: link.role,
            }
        })
        .collect();
    let mut role_names: Vec<String> = roles.iter().map(|r| r.role.clone()).collect();
    for role in summary.policies.keys() {
        if !role_names.iter().any(|r| r == role.as_str()) {
            role_names.push(role.to_string());
        }
    }
    let policy_rows = role_names
        .iter()
        .map(|role| {
            let current = RoleName::parse(role)
                .ok()
                .and_then(|r| summary.policies.get(&r))
                .map_or_else(|| "default".to_owned(), ToString::to_string);
            (role.clone(), current)
        })
        .collect();
    let invitations = state
        .portal
        .invitations()
        .list(Some(&room), 100, 0)
        .await?
        .invitations
        .into_iter()
        .map(|invitation| InvitationRow {
            who: invitation
                .name
                .clone()
                .or(invitation.note.clone())
                .unwrap_or_else(|| "anyone with the link".to_owned()),
            role: invitation.role,
            state: invitation.state.words(),
            uses: match invitation.max_uses {
                Some(most) => format!("{} of {most}", invitation.uses),
                None => invitation.uses.to_string(),
            },
            expires: invitation.expires,
            open: invitation.state == crate::portal::InvitationState::Open,
            id: invitation.id,
        })
        .collect();
    let lobby = match state.portal.gate().admitters(&room).is_empty() {
        true => None,
        false => {
            let waiting = state.portal.lobby().waiting(&room).await?;
            Some(
                waiting
                    .into_iter()
                    .map(crate::web::pages::lobby_hosts::row)
                    .collect(),
            )
        }
    };
    let page = RoomPage {
        t: crate::web::i18n::english(),
        lobby,
        brand: Brand::of(&state),
        chrome: Chrome::of(&user, "rooms"),
        editable: summary.source == crate::portal::RoomSource::Created,
        frame_text: summary.frame_ancestors.join("\n"),
        notice: query.done.as_deref().and_then(done_words),
        room: summary,
        roles,
        roles_problem,
        role_names,
        policy_rows,
        can_sign: state.portal.links().can_sign(),
        invitations,
    };
    Ok(html(page.render()?))
}
