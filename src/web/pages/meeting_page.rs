//! The meeting's pages: the join page (a bar and the frame) and the embed page (the frame
//! alone), for plain visitors and for hosts (with the waiting room).

use std::borrow::Cow;

use actix_web::HttpResponse;
use actix_web::http::header;
use actix_web::web::Bytes;
use askama::Template;
use askama::filters::{Escaper, Html as HtmlEscaper};

use super::auth::SIGN_OUT;
use super::html::html;
use super::skeleton;
use crate::domain::PageKind;
use crate::portal::Visit;
use crate::web::i18n::{self, Html, Speech};

use crate::web::error::WebError;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "join.html")]
struct JoinPage<'a> {
    t: Speech<'a>,
    brand: &'a str,
    logo_url: Option<&'a str>,
    logo_dark_url: Option<&'a str>,
    /// Escaped once (see [`escaped_once`]).
    room_title_html: Html<'a>,
    role: &'a str,
    meeting_url_html: Html<'a>,
    /// Who is signed in (for `sso` roles), with a sign-out button and its form's token.
    signed_in: Option<&'a str>,
    sign_out_token: &'a str,
}

/// The join page of a role that lets people in from the room's lobby: the same, with a link
/// to the waiting room that counts who waits.
#[derive(Template)]
#[template(path = "join-host.html")]
struct HostJoinPage<'a> {
    t: Speech<'a>,
    brand: &'a str,
    logo_url: Option<&'a str>,
    logo_dark_url: Option<&'a str>,
    room_title_html: Html<'a>,
    role: &'a str,
    meeting_url_html: Html<'a>,
    signed_in: Option<&'a str>,
    sign_out_token: &'a str,
    lobby_room: &'a str,
}

#[derive(Template)]
#[template(path = "embed.html")]
struct EmbedPage<'a> {
    t: Speech<'a>,
    /// Escaped once (see [`escaped_once`]).
    room_title_html: Html<'a>,
    role: &'a str,
    meeting_url_html: Html<'a>,
}

/// The embedded page of a role that lets people in from the room's lobby: the same, with a
/// link to the waiting room carrying the host's pass (its cookie may be refused when framed).
#[derive(Template)]
#[template(path = "embed-host.html")]
struct HostEmbedPage<'a> {
    t: Speech<'a>,
    room_title_html: Html<'a>,
    role: &'a str,
    meeting_url_html: Html<'a>,
    lobby_room: &'a str,
    pass: &'a str,
}

pub(crate) fn embed_page_of(
    state: &AppState,
    visit: &Visit,
    t: Speech<'_>,
) -> Result<HttpResponse, WebError> {
    let render = || -> Result<Bytes, WebError> {
        let title = escaped_once(&visit.room.title);
        let url = escaped_once(&visit.meeting_url);
        if visit.lobby_host.is_none()
            && let Some(page) = cut_page(state, PageKind::Embed, &t, &title, visit, &url)
        {
            return Ok(Bytes::from(page));
        }
        let (room_title_html, role, meeting_url_html) =
            (Html(&title), visit.role.as_str(), Html(&url));
        let page = match &visit.lobby_host {
            None => EmbedPage {
                t,
                room_title_html,
                role,
                meeting_url_html,
            }
            .render_sized()?,
            Some(room) => HostEmbedPage {
                t,
                room_title_html,
                role,
                meeting_url_html,
                lobby_room: room.as_str(),
                pass: &state.portal.lobby().host_pass(room),
            }
            .render_sized()?,
        };
        Ok(Bytes::from(page))
    };
    page(state, render()?, visit)
}

/// The join page of a visit (by a link, a sign-in or an invitation).
pub(crate) fn join_page_of(
    state: &AppState,
    visit: &Visit,
    t: Speech<'_>,
) -> Result<HttpResponse, WebError> {
    let render = || -> Result<Bytes, WebError> {
        let branding = state.portal.branding();
        let (logo_url, logo_dark_url) = branding.logos();
        let title = escaped_once(&visit.room.title);
        let url = escaped_once(&visit.meeting_url);
        if visit.lobby_host.is_none()
            && visit.signed_in.is_none()
            && let Some(page) = cut_page(state, PageKind::Join, &t, &title, visit, &url)
        {
            return Ok(Bytes::from(page));
        }
        let sign_out_token = visit
            .signed_in
            .as_ref()
            .map(|_| state.portal.forms().issue(SIGN_OUT))
            .unwrap_or_default();
        let view = JoinPage {
            t,
            brand: &branding.title,
            logo_url,
            logo_dark_url,
            room_title_html: Html(&title),
            role: visit.role.as_str(),
            meeting_url_html: Html(&url),
            signed_in: visit.signed_in.as_deref(),
            sign_out_token: &sign_out_token,
        };
        let page = match &visit.lobby_host {
            None => view.render_sized()?,
            Some(room) => HostJoinPage {
                t,
                brand: view.brand,
                logo_url: view.logo_url,
                logo_dark_url: view.logo_dark_url,
                room_title_html: view.room_title_html,
                role: view.role,
                meeting_url_html: view.meeting_url_html,
                signed_in: view.signed_in,
                sign_out_token: view.sign_out_token,
                lobby_room: room.as_str(),
            }
            .render_sized()?,
        };
        Ok(Bytes::from(page))
    };
    let mut response = page(state, render()?, visit)?;
    if let Some(room) = &visit.lobby_host {
        // The pass that lets this browser admit people in the room.
        let cookie = super::lobby_hosts::host_cookie(state, room);
        response
            .add_cookie(&cookie)
            .map_err(|e| WebError::Internal(format!("could not set a cookie: {e}").into()))?;
    }
    Ok(response)
}

/// A bare link's page (no query, so its language switch is the plain one) from the pieces
/// made the first time (see `skeleton`).
fn cut_page(
    state: &AppState,
    kind: PageKind,
    t: &Speech<'_>,
    title: &str,
    visit: &Visit,
    url: &str,
) -> Option<String> {
    if t.has_query() {
        return None;
    }
    let language = t.words().language();
    let role = escaped_once(visit.role.as_str());
    state
        .skeletons
        .fill((kind, language), title, &role, url, |kind| {
            let speech = state.languages.speech(language, "");
            skeleton(state.portal.branding(), kind, speech)
        })
}

/// A page kind in a language with the skeleton's stand-ins for its values, for a visitor who
/// is neither signed in nor a host.
fn skeleton(branding: &crate::portal::Branding, kind: PageKind, t: Speech<'_>) -> Option<String> {
    let (room_title_html, role, meeting_url_html) =
        (Html(skeleton::TITLE), skeleton::ROLE, Html(skeleton::URL));
    let page = match kind {
        PageKind::Join => {
            let (logo_url, logo_dark_url) = branding.logos();
            JoinPage {
                t,
                brand: &branding.title,
                logo_url,
                logo_dark_url,
                room_title_html,
                role,
                meeting_url_html,
                signed_in: None,
                sign_out_token: "",
            }
            .render_sized()
        }
        PageKind::Embed => EmbedPage {
            t,
            room_title_html,
            role,
            meeting_url_html,
        }
        .render_sized(),
    };
    page.ok()
}

/// Renders a meeting page into a buffer sized for it once: askama's size hint counts only the
/// template's own text, and the words and the language switch would otherwise make the buffer
/// grow (and be copied) twice per view.
trait RenderSized: Template {
    fn render_sized(&self) -> askama::Result<String> {
        let mut page = String::with_capacity(PAGE_CAPACITY);
        self.render_into(&mut page)?;
        Ok(page)
    }
}

impl<T: Template> RenderSized for T {}

/// Bytes a meeting page takes, with room to spare (about 2 KiB with its language switch).
const PAGE_CAPACITY: usize = 4096;

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
    let _ = HtmlEscaper.write_escaped_str(&mut escaped, text);
    Cow::Owned(escaped)
}

/// The page, with the session renewed when it should be.
fn page(
    state: &AppState,
    body: impl actix_web::body::MessageBody + 'static,
    visit: &Visit,
) -> Result<HttpResponse, WebError> {
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
