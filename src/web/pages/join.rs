//! `/join/{room}/{role}` (full page) and `/embed/{room}/{role}` (the iframe alone).

use std::borrow::Cow;

use actix_web::cookie::Cookie;
use actix_web::dev::ServiceRequest;
use actix_web::http::{Method, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use askama::filters::{Escaper, Html};
use percent_encoding::utf8_percent_encode;

use super::auth::SESSION_COOKIE;
use super::html::{html, path_and_query, see_other};
use crate::domain::{JoinOptions, PageKind, RoleName, RoomName, URL_COMPONENT};
use crate::portal::access::Signature;
use crate::portal::sso::SessionState;
use crate::portal::{PortalError, Visit, VisitRequest};
use crate::resolver::CacheOutcome;
use crate::telemetry::HOT_ROUTES;
use crate::web::error::WebError;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "join.html")]
struct JoinPage<'a> {
    brand: &'a str,
    logo_url: Option<&'a str>,
    /// Escaped once (see [`escaped_once`]).
    room_title_html: &'a str,
    role: &'a str,
    meeting_url_html: &'a str,
    /// Who is signed in (for `sso` roles), with a sign-out button.
    signed_in: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "sign-in.html")]
struct SignInPage<'a> {
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

pub async fn join_page(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let visit = match visit(&state, PageKind::Join, &path, &req).await {
        Err(WebError::Portal(PortalError::SignInRequired(_))) => {
            // Top-level pages go to the provider and come back.
            let next = path_and_query(&req);
            let next = utf8_percent_encode(&next, URL_COMPONENT);
            return Ok(see_other(&format!("/auth/login?next={next}")).finish());
        }
        other => other?,
    };
    tagged(join_page_of(&state, &visit), &visit)
}

/// A routed page, tagged with how its code was found, for the access log.
pub(super) fn tagged(
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
    path: &(String, String),
    req: &HttpRequest,
    expired: bool,
) -> Result<HttpResponse, WebError> {
    let room = RoomName::parse(&path.0)?;
    let role = RoleName::parse(&path.1)?;
    let title = state
        .portal
        .known_title(&room)
        .unwrap_or_else(|| room.to_string());
    let message = if expired {
        "Your session has ended. Sign in again with your company account to continue."
    } else {
        "This meeting role is for people signed in with their company account."
    };
    let next = path_and_query(req);
    let page = SignInPage {
        room_title: &title,
        role: role.as_str(),
        message,
        next: &next,
    };
    Ok(html(page.render()?))
}

pub async fn embed_page(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let visit = match visit(&state, PageKind::Embed, &path, &req).await {
        Err(WebError::Portal(PortalError::SignInRequired(session))) => {
            return sign_in_page(&state, &path, &req, session == SessionState::Expired);
        }
        other => other?,
    };
    tagged(embed_page_of(&state, &visit), &visit)
}

fn embed_page_of(state: &AppState, visit: &Visit) -> Result<HttpResponse, WebError> {
    let view = EmbedPage {
        room_title_html: &escaped_once(&visit.room.title),
        role: visit.role.as_str(),
        meeting_url_html: &escaped_once(&visit.meeting_url),
    };
    page(state, view.render()?, visit)
}

/// A hot page view: `GET /join/<room>/<role>` or `/embed/<room>/<role>` with no query (a bare
/// link), its names already valid domain names. Anything else (a query, escapes, HEAD, names
/// to refuse) goes through the routes.
pub struct HotPage {
    kind: PageKind,
    room: RoomName,
    role: RoleName,
}

impl HotPage {
    pub fn of(req: &ServiceRequest) -> Option<Self> {
        if req.method() != Method::GET || !req.query_string().is_empty() {
            return None;
        }
        let path = req.path();
        let (kind, rest) = if let Some(rest) = path.strip_prefix("/join/") {
            (PageKind::Join, rest)
        } else {
            (PageKind::Embed, path.strip_prefix("/embed/")?)
        };
        let (room, role) = rest.split_once('/')?;
        // Escaped names are left to the router, which decodes them.
        if room.contains('%') || role.contains('%') {
            return None;
        }
        Some(Self {
            kind,
            room: RoomName::parse(room).ok()?,
            role: RoleName::parse(role).ok()?,
        })
    }

    /// Its route's pattern, as the access log and metrics name it.
    pub fn route(&self) -> &'static str {
        let [join, embed] = HOT_ROUTES;
        match self.kind {
            PageKind::Join => join,
            PageKind::Embed => embed,
        }
    }
}

/// The page of a hot view whose code is in memory, as its route would answer it, and how the
/// code was found; `None` when the route must decide (see
/// [`crate::portal::Portal::visit_from_memory`]).
pub async fn page_from_memory(
    state: &AppState,
    hot: HotPage,
) -> Option<(HttpResponse, CacheOutcome)> {
    let visit = state.portal.visit_from_memory(hot.room, hot.role).await?;
    let page = match hot.kind {
        PageKind::Join => join_page_of(state, &visit),
        PageKind::Embed => embed_page_of(state, &visit),
    };
    Some((page.ok()?, visit.outcome))
}

/// The join page of a visit (by a link, a sign-in or an invitation).
pub(super) fn join_page_of(state: &AppState, visit: &Visit) -> Result<HttpResponse, WebError> {
    let branding = state.portal.branding();
    let view = JoinPage {
        brand: &branding.title,
        logo_url: branding.logo_url.as_deref(),
        room_title_html: &escaped_once(&visit.room.title),
        role: visit.role.as_str(),
        meeting_url_html: &escaped_once(&visit.meeting_url),
        signed_in: visit.signed_in.as_deref(),
    };
    page(state, view.render()?, visit)
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
    if let (Some(renewed), Some(sso)) = (&visit.renewed_session, state.portal.sso()) {
        let cookie = state.cookies.session(renewed.clone(), sso.session_max());
        response
            .add_cookie(&cookie)
            .map_err(|e| WebError::Internal(format!("could not set a cookie: {e}").into()))?;
    }
    Ok(response)
}

/// Parses the request into domain types, then lets the portal admit and resolve the visit.
async fn visit(
    state: &AppState,
    kind: PageKind,
    path: &(String, String),
    req: &HttpRequest,
) -> Result<crate::portal::Visit, WebError> {
    let room = RoomName::parse(&path.0)?;
    let role = RoleName::parse(&path.1)?;
    let query = PageQuery::parse(req.query_string())?;
    let options = JoinOptions::parse(
        query.name.as_deref(),
        query.user_id.as_deref(),
        query.skip_preview.as_deref(),
    )?;
    let session = session_cookie(req);
    let request = VisitRequest {
        kind,
        room,
        role,
        options,
        session: session.as_ref().map(Cookie::value),
        signature: Signature {
            iat: query.iat.as_deref(),
            exp: query.exp.as_deref(),
            sig: query.sig.as_deref(),
        },
    };
    let client = || state.client_address.of(req.headers(), req.peer_addr());
    Ok(state.portal.visit(request, client).await?)
}

/// The session cookie's value, read only when the request has cookies at all.
fn session_cookie(req: &HttpRequest) -> Option<Cookie<'static>> {
    if !req.headers().contains_key(header::COOKIE) {
        return None;
    }
    req.cookie(SESSION_COOKIE)
}

/// The query parameters a page reads; any other is ignored, but giving one of these twice is
/// refused, since it is unclear which one the visitor meant.
#[derive(Default)]
struct PageQuery {
    name: Option<String>,
    user_id: Option<String>,
    skip_preview: Option<String>,
    iat: Option<String>,
    exp: Option<String>,
    sig: Option<String>,
}

impl PageQuery {
    fn parse(query: &str) -> Result<Self, WebError> {
        let mut parsed = Self::default();
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            let slot = match key.as_ref() {
                "name" => &mut parsed.name,
                "user_id" => &mut parsed.user_id,
                "skip_preview" => &mut parsed.skip_preview,
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
