//! The hosts' side of a lobby: who waits (a page of its own, and a count on the admitting
//! role's join page), live through Server-Sent Events, with Admit, Turn away and Admit all.
//! Deciding needs the host's pass, a cookie set when an admitting role's page opens, and a
//! form from the portal's own page.

use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use futures_util::stream;

use super::brand::Brand;
use super::html::{html, see_other};
use super::lobby::event_stream;
use crate::domain::RoomName;
use crate::domain::clock::unix_now;
use crate::portal::lobby::{HostPresence, Waiting};
use crate::portal::{Actor, PortalError};
use crate::web::error::WebError;
use crate::web::i18n::{self, Speech};
use crate::web::language::speech;
use crate::web::same_origin::from_own_form;
use crate::web::state::AppState;

/// The cookie of a host's pass (`Path=/lobby/r/<room>`).
const HOST_COOKIE: &str = "pp_host";

/// The host's pass, for the response of an admitting role's page.
pub(crate) fn host_cookie<'a>(state: &AppState, room: &RoomName) -> Cookie<'a> {
    let lobby = state.portal.lobby();
    Cookie::build(HOST_COOKIE, lobby.host_pass(room))
        .path(format!("/lobby/r/{room}"))
        .http_only(true)
        .secure(state.cookies.secure())
        .same_site(SameSite::Lax)
        .max_age(time::Duration::seconds(
            i64::try_from(lobby.host_pass_lifetime().as_secs()).unwrap_or(i64::MAX),
        ))
        .finish()
}

/// The room, when this browser holds a host's pass for it (its cookie).
fn host_room(state: &AppState, req: &HttpRequest, room: &str) -> Result<RoomName, WebError> {
    let room = RoomName::parse(room)?;
    let pass = req.cookie(HOST_COOKIE);
    if !state
        .portal
        .lobby()
        .is_host(&room, pass.as_ref().map(Cookie::value))
    {
        return Err(PortalError::NotAHost.into());
    }
    Ok(room)
}

/// The pass carried in the address (`?pass=`) by an embedded host page, whose cookies are
/// third-party when another site frames it.
fn carried_pass(req: &HttpRequest) -> Option<String> {
    url::form_urlencoded::parse(req.query_string().as_bytes())
        .find(|(key, _)| key == "pass")
        .map(|(_, value)| value.into_owned())
}

/// The room, for a page that reads (never decides): by the cookie or a carried pass.
fn reading_host_room(
    state: &AppState,
    req: &HttpRequest,
    room: &str,
) -> Result<RoomName, WebError> {
    let parsed = RoomName::parse(room)?;
    match carried_pass(req) {
        Some(pass) if state.portal.lobby().is_host(&parsed, Some(&pass)) => Ok(parsed),
        _ => host_room(state, req, room),
    }
}

/// What the decision forms' token is issued for.
fn decide_form(room: &RoomName) -> String {
    format!("lobby {room}")
}

/// Someone waiting, as the lists show them (`templates/lobby-waiting.html`).
pub(crate) struct WaitingRow {
    pub(crate) ticket: String,
    pub(crate) name: String,
    pub(crate) role: String,
    /// Whole minutes waited so far.
    pub(crate) waited_minutes: u64,
    pub(crate) name_bound: bool,
}

#[derive(Template)]
#[template(path = "lobby-hosts.html")]
struct HostsPage<'a> {
    t: Speech<'a>,
    brand: Brand<'a>,
    room: &'a str,
    room_title: &'a str,
    count: usize,
    waiting: Vec<WaitingRow>,
    form_token: &'a str,
}

fn waited_minutes(since: i64) -> u64 {
    let secs = i64::try_from(unix_now()).unwrap_or(i64::MAX) - since;
    u64::try_from(secs.max(0) / 60).unwrap_or(0)
}

pub async fn hosts_page(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    if carried_pass(&req).is_some() {
        // Opened from an embedded host page, in a tab of its own: the pass becomes this
        // site's own cookie, and leaves the address (and the history).
        let room = reading_host_room(&state, &req, &path)?;
        return Ok(see_other(&format!("/lobby/r/{room}"))
            .cookie(host_cookie(&state, &room))
            .finish());
    }
    let room = host_room(&state, &req, &path)?;
    let waiting = state.portal.lobby().waiting(&room).await?;
    let title = state
        .portal
        .rooms()
        .known_title(&room)
        .unwrap_or_else(|| room.to_string());
    let form_token = state.portal.forms().issue(&decide_form(&room));
    let t = speech(&state, &req);
    let page = HostsPage {
        t,
        brand: Brand::speaking(&state, &t),
        room: room.as_str(),
        room_title: &title,
        count: waiting.len(),
        waiting: waiting.into_iter().map(row).collect(),
        form_token: &form_token,
    };
    Ok(html(page.render()?))
}

pub(crate) fn row(person: Waiting) -> WaitingRow {
    WaitingRow {
        waited_minutes: waited_minutes(person.since),
        ticket: person.ticket,
        name: person.name,
        role: person.role,
        name_bound: person.name_bound,
    }
}

/// Admit or Turn away (with a message), from the hosts' page.
pub async fn decide(
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, WebError> {
    let (room, ticket, action) = path.into_inner();
    let room = host_room(&state, &req, &room)?;
    if !from_own_form(&state, &req, &body, &decide_form(&room)) {
        return Err(WebError::CrossSite);
    }
    let admit = match action.as_str() {
        "admit" => true,
        "deny" => false,
        _ => return Err(WebError::NotFound),
    };
    let message: Option<String> = url::form_urlencoded::parse(&body)
        .find(|(key, _)| key == "message")
        .map(|(_, value)| value.into_owned());
    state
        .portal
        .lobby()
        .decide(&room, &ticket, admit, message.as_deref(), host_actor(&room))
        .await?;
    Ok(see_other(&format!("/lobby/r/{room}")).finish())
}

/// Admit all who wait now.
pub async fn admit_all(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, WebError> {
    let room = host_room(&state, &req, &path)?;
    if !from_own_form(&state, &req, &body, &decide_form(&room)) {
        return Err(WebError::CrossSite);
    }
    let lobby = state.portal.lobby();
    for person in lobby.waiting(&room).await? {
        // One decided meanwhile (by another host) is left as it is.
        match lobby
            .decide(&room, &person.ticket, true, None, host_actor(&room))
            .await
        {
            Ok(_) | Err(PortalError::UnknownTicket) => {}
            Err(error) => return Err(error.into()),
        }
    }
    Ok(see_other(&format!("/lobby/r/{room}")).finish())
}

/// How audit lines name a host deciding from their page.
fn host_actor(room: &RoomName) -> Actor {
    Actor::Host(format!("host of {room}").into())
}

/// How many wait, as Server-Sent Events (`count` now and at each change); while the stream
/// is open, waiting pages say someone who can let them in is there.
pub async fn host_events(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let room = reading_host_room(&state, &req, &path)?;
    let lobby = state.portal.lobby();
    let start = HostEvents {
        changes: lobby.watch(&room),
        presence: lobby.host_present(&room),
        state: state.clone(),
        room,
        last: None,
    };
    let events = stream::unfold(start, |mut events| async move {
        let chunk = events.next().await?;
        Some((Ok::<_, actix_web::Error>(web::Bytes::from(chunk)), events))
    });
    Ok(event_stream().streaming(events))
}

struct HostEvents {
    state: web::Data<AppState>,
    room: RoomName,
    changes: tokio::sync::watch::Receiver<u64>,
    /// Held while the stream lives.
    #[allow(dead_code)]
    presence: HostPresence,
    last: Option<usize>,
}

impl HostEvents {
    async fn next(&mut self) -> Option<String> {
        loop {
            if self.last.is_some() {
                // Speaking now and then also finds a closed list soon (a write fails), so
                // waiting pages stop saying someone is there.
                let quiet = self.state.portal.lobby().keep_alive();
                match tokio::time::timeout(quiet, self.changes.changed()).await {
                    Err(_) => return Some(": keep-alive\n\n".to_owned()),
                    Ok(Err(_)) => return None,
                    Ok(Ok(())) => {}
                }
            }
            let version = *self.changes.borrow_and_update();
            let count = self
                .state
                .portal
                .lobby()
                .count(&self.room, version)
                .await
                .unwrap_or(0);
            if self.last == Some(count) {
                continue;
            }
            self.last = Some(count);
            return Some(format!("event: count\ndata: {count}\n\n"));
        }
    }
}
