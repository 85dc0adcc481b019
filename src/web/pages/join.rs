//! `/join/{room}/{role}` (full page) and `/embed/{room}/{role}` (the iframe alone).

use actix_web::cookie::Cookie;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use percent_encoding::utf8_percent_encode;

use super::auth::SESSION_COOKIE;
use super::brand::Brand;
use super::html::{html, path_and_query, see_other};
pub(crate) use super::meeting_page::{embed_page_of, join_page_of};
use crate::domain::{JoinOptions, PageKind, RoleName, RoomName, URL_COMPONENT};
use crate::portal::access::Signature;
use crate::portal::sso::SessionState;
use crate::portal::{PortalError, Visit, VisitRequest};
use crate::web::error::WebError;
use crate::web::framing::note_framing;
use crate::web::i18n::{self, Html, Speech};
use crate::web::language::{speech, speech_of};
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "sign-in.html")]
struct SignInPage<'a> {
    t: Speech<'a>,
    brand: Brand<'a>,
    room_title: &'a str,
    role: &'a str,
    message: Html<'a>,
    next: &'a str,
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
    let page = page_of(
        state,
        req.headers(),
        req.path(),
        req.query_string(),
        kind,
        &visit,
    );
    tagged(page, &visit)
}

/// The join or embed page of a visit asked for at `path`, noting a framing its browser will
/// refuse (see `web::framing`).
pub(crate) fn page_of(
    state: &AppState,
    headers: &header::HeaderMap,
    path: &str,
    query: &str,
    kind: PageKind,
    visit: &Visit,
) -> Result<HttpResponse, WebError> {
    note_framing(state, headers, path, visit.room.framing.as_deref());
    let t = speech_of(state, headers, query, visit.locale.as_deref());
    match kind {
        PageKind::Join => join_page_of(state, visit, t),
        PageKind::Embed => embed_page_of(state, visit, t),
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
    let t = speech(state, req);
    let message = if expired {
        t.sign_in_again()
    } else {
        t.sign_in_needed()
    };
    let next = path_and_query(req);
    let page = SignInPage {
        t,
        brand: Brand::speaking(state, &t),
        room_title: &title,
        role: role.as_str(),
        message,
        next: &next,
    };
    Ok(html(page.render()?))
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
