//! `/join/{room}/{role}` (full page) and `/embed/{room}/{role}` (the iframe alone).

use std::borrow::Cow;

use actix_web::cookie::Cookie;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use askama::filters::{Escaper, Html};
use percent_encoding::utf8_percent_encode;

use super::auth::{SESSION_COOKIE, SIGN_OUT};
use super::brand::Brand;
use super::html::{html, path_and_query, see_other};
use crate::domain::{JoinOptions, PageKind, RoleName, RoomName, URL_COMPONENT};
use crate::portal::access::Signature;
use crate::portal::sso::SessionState;
use crate::portal::{PortalError, Visit, VisitRequest};
use crate::web::error::WebError;
use crate::web::framing::note_framing;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "join.html")]
struct JoinPage<'a> {
    brand: &'a str,
    logo_url: Option<&'a str>,
    logo_dark_url: Option<&'a str>,
    /// Escaped once (see [`escaped_once`]).
    room_title_html: &'a str,
    role: &'a str,
    meeting_url_html: &'a str,
    /// Who is signed in (for `sso` roles), with a sign-out button and its form's token.
    signed_in: Option<&'a str>,
    sign_out_token: &'a str,
}

/// The join page of a role that lets people in from the room's lobby: the same, with a link
/// to the waiting room that counts who waits.
#[derive(Template)]
#[template(path = "join-host.html")]
struct HostJoinPage<'a> {
    brand: &'a str,
    logo_url: Option<&'a str>,
    logo_dark_url: Option<&'a str>,
    room_title_html: &'a str,
    role: &'a str,
    meeting_url_html: &'a str,
    signed_in: Option<&'a str>,
    sign_out_token: &'a str,
    lobby_room: &'a str,
}

#[derive(Template)]
#[template(path = "sign-in.html")]
struct SignInPage<'a> {
    brand: Brand<'a>,
    room_title: &'a str,
    role: &'a str,
    message: &'a str,
    next: &'a str,
}

#[derive(Template)]
#[template(path = "embed.html")]
struct EmbedPage<'a> {
    /// Escaped once (see [`escaped_once`]).
    room_title_html: &'a str,
    role: &'a str,
    meeting_url_html: &'a str,
}

/// The embedded page of a role that lets people in from the room's lobby: the same, with a
/// link to the waiting room carrying the host's pass (its cookie may be refused when framed).
#[derive(Template)]
#[template(path = "embed-host.html")]
struct HostEmbedPage<'a> {
    room_title_html: &'a str,
    role: &'a str,
    meeting_url_html: &'a str,
    lobby_room: &'a str,
    pass: &'a str,
}

pub async fn join_page(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let (room, role) = parse_path(&path)?;
    let query = PageQuery::parse(req.query_string())?;
    respond(&state, PageKind::Join, room, role, query, &req).await
}

pub async fn embed_page(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let (room, role) = parse_path(&path)?;
    let query = PageQuery::parse(req.query_string())?;
    respond(&state, PageKind::Embed, room, role, query, &req).await
}

fn parse_path(path: &(String, String)) -> Result<(RoomName, RoleName), WebError> {
    Ok((RoomName::parse(&path.0)?, RoleName::parse(&path.1)?))
}

/// A join or embed page, its input parsed (by its route, or by the hot path for a bare link):
/// the portal lets the visitor in, or the page says why not; an `sso` role's visitor without a
/// session signs in first (a top-level page at the provider, an embedded one in a window of its
/// own, since providers refuse to be framed).
pub(crate) async fn respond(
    state: &AppState,
    kind: PageKind,
    room: RoomName,
    role: RoleName,
    query: PageQuery,
    req: &HttpRequest,
) -> Result<HttpResponse, WebError> {
    let title_of = room.clone();
    let role_of = role.clone();
    let visit = match visit(state, kind, room, role, query, req).await {
        Err(WebError::Portal(PortalError::Knock(admitted))) => {
            return super::lobby::knock_page(state, &title_of, &role_of, &admitted, req, None);
        }
        Err(WebError::Portal(PortalError::SignInRequired(session))) => {
            return match kind {
                PageKind::Join => {
                    let next = path_and_query(req);
                    let next = utf8_percent_encode(&next, URL_COMPONENT);
                    Ok(see_other(&format!("/auth/login?next={next}")).finish())
                }
                PageKind::Embed => sign_in_page(
                    state,
                    &title_of,
                    &role_of,
                    req,
                    session == SessionState::Expired,
                ),
            };
        }
        Err(error) if refuses_the_visitor(&error) => {
            let title = state.portal.rooms().known_title(&title_of);
            let title = title.unwrap_or_else(|| title_of.to_string());
            return Err(error.about(&title, role_of.as_str()));
        }
        other => other?,
    };
    tagged(
        page_of(state, req.headers(), req.path(), kind, &visit),
        &visit,
    )
}

/// The join or embed page of a visit asked for at `path`, noting a framing its browser will
/// refuse (see `web::framing`).
pub(crate) fn page_of(
    state: &AppState,
    headers: &header::HeaderMap,
    path: &str,
    kind: PageKind,
    visit: &Visit,
) -> Result<HttpResponse, WebError> {
    note_framing(state, headers, path, visit.room.framing.as_deref());
    match kind {
        PageKind::Join => join_page_of(state, visit),
        PageKind::Embed => embed_page_of(state, visit),
    }
}

/// A page that says no to this visitor (403, 410) names the room and role it is about.
fn refuses_the_visitor(error: &WebError) -> bool {
    use actix_web::ResponseError;
    use actix_web::http::StatusCode;
    matches!(
        error.status_code(),
        StatusCode::FORBIDDEN | StatusCode::GONE
    )
}

/// A routed page, tagged with how its code was found, for the access log.
pub(crate) fn tagged(
    page: Result<HttpResponse, WebError>,
    visit: &Visit,
) -> Result<HttpResponse, WebError> {
    let mut page = page?;
    page.extensions_mut().insert(visit.outcome);
    Ok(page)
}

/// An embedded page cannot show the provider (providers refuse to be framed): it offers a
/// button that signs in in a window of its own.
fn sign_in_page(
    state: &AppState,
    room: &RoomName,
    role: &RoleName,
    req: &HttpRequest,
    expired: bool,
) -> Result<HttpResponse, WebError> {
    let title = state
        .portal
        .rooms()
        .known_title(room)
        .unwrap_or_else(|| room.to_string());
    let message = if expired {
        "Your session has ended. Sign in again with your company account to continue."
    } else {
        "This meeting role is for people signed in with their company account."
    };
    let next = path_and_query(req);
    let page = SignInPage {
        brand: Brand::of(state),
        room_title: &title,
        role: role.as_str(),
        message,
        next: &next,
    };
    Ok(html(page.render()?))
}

pub(crate) fn embed_page_of(state: &AppState, visit: &Visit) -> Result<HttpResponse, WebError> {
    let view = EmbedPage {
        room_title_html: &escaped_once(&visit.room.title),
        role: visit.role.as_str(),
        meeting_url_html: &escaped_once(&visit.meeting_url),
    };
    let Some(room) = &visit.lobby_host else {
        return page(state, view.render()?, visit);
    };
    let host_view = HostEmbedPage {
        room_title_html: view.room_title_html,
        role: view.role,
        meeting_url_html: view.meeting_url_html,
        lobby_room: room.as_str(),
        pass: &state.portal.lobby().host_pass(room),
    };
    page(state, host_view.render()?, visit)
}

/// The join page of a visit (by a link, a sign-in or an invitation).
pub(crate) fn join_page_of(state: &AppState, visit: &Visit) -> Result<HttpResponse, WebError> {
    let branding = state.portal.branding();
    let (logo_url, logo_dark_url) = branding.logos();
    let view = JoinPage {
        brand: &branding.title,
        logo_url,
        logo_dark_url,
        room_title_html: &escaped_once(&visit.room.title),
        role: visit.role.as_str(),
        meeting_url_html: &escaped_once(&visit.meeting_url),
        signed_in: visit.signed_in.as_deref(),
        sign_out_token: &visit
            .signed_in
            .as_ref()
            .map(|_| state.portal.forms().issue(SIGN_OUT))
            .unwrap_or_default(),
    };
    let Some(room) = &visit.lobby_host else {
        return page(state, view.render()?, visit);
    };
    let host_view = HostJoinPage {
        brand: view.brand,
        logo_url: view.logo_url,
        logo_dark_url: view.logo_dark_url,
        room_title_html: view.room_title_html,
        role: view.role,
        meeting_url_html: view.meeting_url_html,
        signed_in: view.signed_in,
        sign_out_token: view.sign_out_token,
        lobby_room: room.as_str(),
    };
    let mut response = page(state, host_view.render()?, visit)?;
    {
        // The pass that lets this browser admit people in the room.
        let cookie = super::lobby_hosts::host_cookie(state, room);
        response
            .add_cookie(&cookie)
            .map_err(|e| WebError::Internal(format!("could not set a cookie: {e}").into()))?;
    }
    Ok(response)
}

/// Text the page shows more than once (the title thrice, the meeting link twice), escaped here
/// once and given to the template as `|safe`, instead of byte by byte at every use; most hold
/// nothing to escape and are borrowed as they are.
fn escaped_once(text: &str) -> Cow<'_, str> {
    if !text
        .bytes()
        .any(|b| matches!(b, b'<' | b'>' | b'&' | b'"' | b'\''))
    {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 16);
    // Writing to a String cannot fail.
    let _ = Html.write_escaped_str(&mut escaped, text);
    Cow::Owned(escaped)
}

/// The page, with the session renewed when it should be.
fn page(state: &AppState, body: String, visit: &Visit) -> Result<HttpResponse, WebError> {
    let mut response = html(body);
    if let Some(ancestors) = &visit.room.framing {
        response.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            state.security.room_policy(ancestors),
        );
    }
    if let (Some(renewed), Some(sso)) = (&visit.renewed_session, state.portal.sso()) {
        let cookie = state.cookies.session(renewed.clone(), sso.session_max());
        response
            .add_cookie(&cookie)
            .map_err(|e| WebError::Internal(format!("could not set a cookie: {e}").into()))?;
    }
    Ok(response)
}

/// Lets the portal admit and resolve the visit.
async fn visit(
    state: &AppState,
    kind: PageKind,
    room: RoomName,
    role: RoleName,
    query: PageQuery,
    req: &HttpRequest,
) -> Result<Visit, WebError> {
    let options = query.options()?;
    let session = session_cookie(req);
    let request = VisitRequest {
        kind,
        room,
        role,
        options,
        session: session.as_ref().map(Cookie::value),
        signature: query.signature(),
    };
    let client = || state.client_address.of(req.headers(), req.peer_addr());
    Ok(state.portal.visits().visit(request, client).await?)
}

/// The session cookie's value, read only when the request has cookies at all.
pub(super) fn session_cookie(req: &HttpRequest) -> Option<Cookie<'static>> {
    if !req.headers().contains_key(header::COOKIE) {
        return None;
    }
    req.cookie(SESSION_COOKIE)
}

/// The query parameters a page reads; any other is ignored, but giving one of these twice is
/// refused, since it is unclear which one the visitor meant.
#[derive(Default)]
pub(crate) struct PageQuery {
    name: Option<String>,
    user_id: Option<String>,
    skip_preview: Option<String>,
    lobby: Option<String>,
    iat: Option<String>,
    exp: Option<String>,
    sig: Option<String>,
}

impl PageQuery {
    /// The join options the query gives.
    pub(crate) fn options(&self) -> Result<JoinOptions, WebError> {
        Ok(JoinOptions::parse(
            self.name.as_deref(),
            self.user_id.as_deref(),
            self.skip_preview.as_deref(),
        )?
        .with_lobby(self.lobby.as_deref())?)
    }

    /// The signature the query carries (if any).
    pub(crate) fn signature(&self) -> Signature<'_> {
        Signature {
            iat: self.iat.as_deref(),
            exp: self.exp.as_deref(),
            sig: self.sig.as_deref(),
        }
    }

    /// The name the link gives.
    pub(crate) fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    pub(crate) fn parse(query: &str) -> Result<Self, WebError> {
        let mut parsed = Self::default();
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            let slot = match key.as_ref() {
                "name" => &mut parsed.name,
                "user_id" => &mut parsed.user_id,
                "skip_preview" => &mut parsed.skip_preview,
                "lobby" => &mut parsed.lobby,
                "iat" => &mut parsed.iat,
                "exp" => &mut parsed.exp,
                "sig" => &mut parsed.sig,
                _ => continue,
            };
            if slot.replace(value.into_owned()).is_some() {
                return Err(WebError::BadRequest(format!(
                    "the parameter {key} is given twice"
                )));
            }
        }
        Ok(parsed)
    }
}
