//! The visitor's side of a lobby: the page that asks to join (the join or embed page of a
//! waiting role), the knock (a POST, so link scanners knock on nothing), and the waiting page,
//! live through Server-Sent Events, with a polling fallback and a meta refresh without script,
//! which enters the meeting once the visitor is let in.

use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use futures_util::stream;

use super::brand::Brand;
use super::html::{html, path_and_query, see_other};
use super::join::{PageQuery, page_of, session_cookie, tagged};
use crate::domain::{PageKind, RoleName, RoomName};
use crate::portal::gate::Admitted;
use crate::portal::lobby::{TicketState, TicketView};
use crate::portal::{PortalError, VisitRequest};
use crate::web::error::WebError;
use crate::web::i18n::{self, Html, Speech};
use crate::web::language::speech;
use crate::web::same_origin::from_own_form;
use crate::web::state::AppState;

/// The cookie that holds a waiting browser's ticket (`Path=/lobby/t/<id>`).
const TICKET_COOKIE: &str = "pp_ticket";

#[derive(Template)]
#[template(path = "lobby-knock.html")]
struct KnockPage<'a> {
    t: Speech<'a>,
    brand: Brand<'a>,
    room_title: &'a str,
    role: &'a str,
    action: &'a str,
    form_token: &'a str,
    bound_name: Option<&'a str>,
    typed: &'a str,
    problem: Option<Html<'a>>,
}

/// What the knock form's token is issued for.
fn knock_form(room: &RoomName, role: &RoleName) -> String {
    format!("knock {room}/{role}")
}

/// The page of a waiting role: the room, the role, a name (locked when the link or sign-in
/// gives one) and "Ask to join".
pub(crate) fn knock_page(
    state: &AppState,
    room: &RoomName,
    role: &RoleName,
    admitted: &Admitted,
    req: &HttpRequest,
    problem: Option<(&str, &str)>,
) -> Result<HttpResponse, WebError> {
    let title = state
        .portal
        .rooms()
        .known_title(room)
        .unwrap_or_else(|| room.to_string());
    let query = PageQuery::parse(req.query_string())?;
    let bound = match &admitted.signed_in {
        Some(person) => Some(person.shown_as.clone()),
        None => query
            .name()
            .map(str::to_owned)
            .filter(|_| admitted.names_visitor()),
    };
    let form_token = state.portal.forms().issue(&knock_form(room, role));
    let action = path_and_query(req);
    let t = speech(state, req);
    let page = KnockPage {
        t,
        brand: Brand::speaking(state, &t),
        room_title: &title,
        role: role.as_str(),
        action: &action,
        form_token: &form_token,
        bound_name: bound.as_deref(),
        // A public link's name is a suggestion the visitor may change.
        typed: problem.map_or_else(|| query.name().unwrap_or_default(), |(_, typed)| typed),
        problem: problem.map(|_| t.lobby_name_missing()),
    };
    let mut response = html(page.render()?);
    if problem.is_some() {
        *response.status_mut() = StatusCode::BAD_REQUEST;
    }
    Ok(response)
}

/// "Ask to join": a ticket in the room's lobby, kept by this browser, then its waiting page.
pub async fn knock(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, WebError> {
    let kind = if req.path().starts_with("/embed/") {
        PageKind::Embed
    } else {
        PageKind::Join
    };
    let room = RoomName::parse(&path.0)?;
    let role = RoleName::parse(&path.1)?;
    let query = PageQuery::parse(req.query_string())?;
    let options = query.options()?;
    if !state.portal.lobby().waits(&room, &role) && !options.lobby {
        // Only a page that waits (its role, or a link that says so) takes a form; every other
        // page is GET alone.
        return Err(WebError::MethodNotAllowed);
    }
    if !from_own_form(&state, &req, &body, &knock_form(&room, &role)) {
        return Err(WebError::CrossSite);
    }
    let typed: Option<String> = url::form_urlencoded::parse(&body)
        .find(|(key, _)| key == "name")
        .map(|(_, value)| value.into_owned());
    let session = session_cookie(&req);
    let request = VisitRequest {
        kind,
        room: room.clone(),
        role: role.clone(),
        options,
        signature: query.signature(),
        session: session.as_ref().map(Cookie::value),
    };
    let client = state.client_address.of(req.headers(), req.peer_addr());
    let knocked = state
        .portal
        .lobby()
        .knock(request, typed.as_deref(), client)
        .await;
    let (id, pass) = match knocked {
        Ok(ticket) => ticket,
        Err(PortalError::Invalid(words)) => {
            let admitted = Admitted {
                join_with: crate::domain::JoinWith::Token,
                until: None,
                signed_in: None,
                token_to_grant_end: false,
            };
            let typed = typed.unwrap_or_default();
            return knock_page(&state, &room, &role, &admitted, &req, Some((words, &typed)));
        }
        Err(error) => return Err(error.into()),
    };
    let mut response = see_other(&format!("/lobby/t/{id}")).finish();
    set_ticket_cookie(&state, &mut response, &id, pass, kind)?;
    Ok(response)
}

/// The ticket's cookie: only for its own pages; an embedded page's browser keeps it in the
/// framing site's partition (over https), where third-party cookies are blocked otherwise.
pub(crate) fn set_ticket_cookie(
    state: &AppState,
    response: &mut HttpResponse,
    id: &str,
    pass: String,
    kind: PageKind,
) -> Result<(), WebError> {
    let lifetime = state.portal.lobby().ticket_pass_lifetime();
    let embedded = kind == PageKind::Embed && state.cookies.secure();
    let cookie = Cookie::build(TICKET_COOKIE, pass)
        .path(format!("/lobby/t/{id}"))
        .http_only(true)
        .secure(state.cookies.secure())
        .same_site(if embedded {
            SameSite::None
        } else {
            SameSite::Lax
        })
        .max_age(time::Duration::seconds(
            i64::try_from(lifetime.as_secs()).unwrap_or(i64::MAX),
        ))
        .finish();
    // The cookie crate of this actix has no `Partitioned` yet: it is appended by hand.
    let mut value = cookie.to_string();
    if embedded {
        value.push_str("; Partitioned");
    }
    let value = HeaderValue::from_str(&value)
        .map_err(|e| WebError::Internal(format!("could not set a cookie: {e}").into()))?;
    response.headers_mut().append(header::SET_COOKIE, value);
    Ok(())
}

fn ticket_pass(req: &HttpRequest) -> Option<String> {
    req.cookie(TICKET_COOKIE).map(|c| c.value().to_owned())
}

#[derive(Template)]
#[template(path = "lobby-wait.html")]
struct WaitPage<'a> {
    t: Speech<'a>,
    brand: Brand<'a>,
    id: &'a str,
    room_title: &'a str,
    role: &'a str,
    name: &'a str,
    position: usize,
    host_present: bool,
}

#[derive(Template)]
#[template(path = "lobby-closed.html")]
struct ClosedPage<'a> {
    t: Speech<'a>,
    brand: Brand<'a>,
    room_title: &'a str,
    heading: Html<'a>,
    explanation: Html<'a>,
    message: Option<&'a str>,
}

/// The waiting page; once admitted, the meeting itself (in this browser only).
pub async fn waiting(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let pass = ticket_pass(&req);
    let lobby = state.portal.lobby();
    let ticket = lobby.ticket(&path, pass.as_deref()).await?;
    let title = state
        .portal
        .rooms()
        .known_title(&ticket.room)
        .unwrap_or_else(|| ticket.room.to_string());
    match ticket.state {
        TicketState::Waiting => {
            let t = speech(&state, &req);
            let page = WaitPage {
                t,
                brand: Brand::speaking(&state, &t),
                id: &ticket.id,
                room_title: &title,
                role: ticket.role.as_str(),
                name: &ticket.name,
                position: ticket.position,
                host_present: ticket.host_present,
            };
            Ok(html(page.render()?))
        }
        TicketState::Admitted | TicketState::Entered => {
            let client = || state.client_address.of(req.headers(), req.peer_addr());
            let visit = lobby.enter(&ticket.id, pass.as_deref(), client).await?;
            let (headers, query) = (req.headers(), req.query_string());
            let page = page_of(&state, headers, req.path(), query, ticket.kind, &visit);
            tagged(page, &visit)
        }
        TicketState::Denied | TicketState::Lapsed => {
            closed(&state, &ticket, &title, speech(&state, &req))
        }
    }
}

fn closed(
    state: &AppState,
    ticket: &TicketView,
    title: &str,
    t: Speech<'_>,
) -> Result<HttpResponse, WebError> {
    let (heading, explanation, status) = if ticket.state == TicketState::Denied {
        (
            t.lobby_denied_heading(),
            t.lobby_denied(),
            StatusCode::FORBIDDEN,
        )
    } else {
        (t.lobby_lapsed_heading(), t.lobby_lapsed(), StatusCode::GONE)
    };
    let page = ClosedPage {
        t,
        brand: Brand::speaking(state, &t),
        room_title: title,
        heading,
        explanation,
        message: ticket.message.as_deref(),
    };
    let mut response = html(page.render()?);
    *response.status_mut() = status;
    Ok(response)
}

/// The ticket's state as JSON, for pages whose browser has no event streams (polling).
pub async fn ticket_state(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let pass = ticket_pass(&req);
    let ticket = state.portal.lobby().ticket(&path, pass.as_deref()).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(serde_json::json!({
            "state": ticket.state.as_str(),
            "position": ticket.position,
            "host_present": ticket.host_present,
        })))
}

/// The ticket's state as Server-Sent Events: one `state` event now and at each change, a
/// keep-alive comment in between; the stream ends once the ticket is decided.
pub async fn ticket_events(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let pass = ticket_pass(&req);
    let id = path.into_inner();
    // The pass is checked once; from then on the stream reads the room's shared line.
    let first = state.portal.lobby().ticket(&id, pass.as_deref()).await?;
    let changes = state.portal.lobby().watch(&first.room);
    let start = Events {
        state: state.clone(),
        room: first.room,
        id,
        changes,
        last: None,
        done: false,
    };
    let events = stream::unfold(start, |mut events| async move {
        if events.done {
            return None;
        }
        let chunk = events.next().await;
        Some((Ok::<_, actix_web::Error>(web::Bytes::from(chunk)), events))
    });
    Ok(event_stream().streaming(events))
}

/// An event stream's response head: not cached, not buffered by proxies.
pub(crate) fn event_stream() -> actix_web::HttpResponseBuilder {
    let mut response = HttpResponse::Ok();
    response
        .content_type("text/event-stream")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header(("x-accel-buffering", "no"));
    response
}

struct Events {
    state: web::Data<AppState>,
    room: RoomName,
    id: String,
    changes: tokio::sync::watch::Receiver<u64>,
    last: Option<(TicketState, usize, bool)>,
    done: bool,
}

impl Events {
    /// The next chunk: the ticket's state when it moved, else a keep-alive comment. The read
    /// is boxed: a waiting stream then holds only its small idle state, not the room of a
    /// store query's future (thousands of pages wait at once).
    async fn next(&mut self) -> String {
        loop {
            if self.last.is_some() {
                let quiet = self.state.portal.lobby().keep_alive();
                let woke = tokio::time::timeout(quiet, self.changes.changed()).await;
                if woke.is_err() {
                    // Quiet for a while: say so, and note the page is still open.
                    let _ = Box::pin(self.read()).await;
                    return ": keep-alive\n\n".to_owned();
                }
                if woke.is_ok_and(|changed| changed.is_err()) {
                    self.done = true;
                    return ": closing\n\n".to_owned();
                }
            }
            let Some(now) = Box::pin(self.read()).await else {
                self.done = true;
                return "event: state\ndata: lapsed\n\n".to_owned();
            };
            if self.last == Some(now) {
                continue;
            }
            self.last = Some(now);
            let (state, position, host_present) = now;
            self.done = state != TicketState::Waiting;
            return format!(
                "event: state\ndata: {{\"state\":\"{}\",\"position\":{position},\"host_present\":{host_present}}}\n\n",
                state.as_str()
            );
        }
    }

    async fn read(&mut self) -> Option<(TicketState, usize, bool)> {
        let version = *self.changes.borrow_and_update();
        self.state
            .portal
            .lobby()
            .standing(&self.room, &self.id, version)
            .await
            .ok()
    }
}
