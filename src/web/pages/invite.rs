//! `/i/{id}`: an invitation. GET shows whom it is for and a "Join" button (counting nothing, so
//! link scanners cannot use it up); POST (from this page only: a form token and the browser's
//! origin say so) counts a use and sends the browser to the meeting with a pass
//! (`/i/{id}?pass=…`), which reloads without counting again. The pass is also kept in a cookie
//! scoped to the invitation (`Path=/i/<id>`, for as long as the pass lives), so reopening the
//! invitation in the same browser (a closed tab, the mail link again) joins again without
//! counting a use.

use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::brand::Brand;
use super::html::{html, see_other};
use super::join::{join_page_of, session_cookie, tagged};
use crate::domain::InvitationId;
use crate::domain::PageKind;
use crate::domain::clock::unix_now;
use crate::portal::{Joined, PortalError};
use crate::web::error::WebError;
use crate::web::same_origin::from_own_form;
use crate::web::state::AppState;

/// The cookie that keeps an invitation's pass in the browser that pressed Join.
const PASS_COOKIE: &str = "portal_invitation";

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage<'a> {
    brand: Brand<'a>,
    room_title: &'a str,
    role: &'a str,
    name: Option<&'a str>,
    /// When it ends, for people (UTC) and for the script that shows it in their own time zone.
    expires: &'a str,
    expires_at: &'a str,
    action: &'a str,
    form_token: &'a str,
}

pub async fn show(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let id = parse_id(&path)?;
    if let Some(pass) = pass_of(req.query_string())? {
        return meeting(&state, &id, &pass, &req).await;
    }
    // The browser that pressed Join comes back in, while its pass lives.
    if let Some(kept) = req.cookie(PASS_COOKIE) {
        let rejoined = meeting(&state, &id, kept.value(), &req).await;
        if rejoined.is_ok() {
            return rejoined;
        }
    }
    let view = state.portal.invitations().view(&id).await?;
    let action = format!("/i/{}", view.id);
    let page = InvitePage {
        brand: Brand::of(&state),
        room_title: &view.room_title,
        role: view.role.as_str(),
        name: view.name.as_deref(),
        expires: &view.expires,
        expires_at: &view.expires_at,
        action: &action,
        form_token: &state.portal.forms().issue(&action),
    };
    Ok(html(page.render()?))
}

/// The meeting behind a pass.
async fn meeting(
    state: &AppState,
    id: &InvitationId,
    pass: &str,
    req: &HttpRequest,
) -> Result<HttpResponse, WebError> {
    let client = || state.client_address.of(req.headers(), req.peer_addr());
    let session = session_cookie(req);
    let session = session.as_ref().map(|c| c.value());
    let visit = match state
        .portal
        .invitations()
        .visit(id, pass, session, client)
        .await
    {
        Err(PortalError::SignInRequired(_)) => return Ok(sign_in_first(id)),
        visit => visit?,
    };
    tagged(join_page_of(state, &visit), &visit)
}

pub async fn join(
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let id = parse_id(&path)?;
    let action = format!("/i/{id}");
    // Why it cannot be used (expired, used up, revoked, closed) is said whoever asks.
    state.portal.invitations().view(&id).await?;
    if !from_own_form(&state, &req, &body, &action) {
        return Err(WebError::CrossSite);
    }
    let session = session_cookie(&req);
    let session = session.as_ref().map(|c| c.value());
    let client = state.client_address.of(req.headers(), req.peer_addr());
    let pass = match state.portal.invitations().join(&id, session, client).await {
        Err(PortalError::SignInRequired(_)) => return Ok(sign_in_first(&id)),
        Ok(Joined::Meeting(pass)) => pass,
        Ok(Joined::Lobby { ticket, pass }) => {
            // The invitee waits in the room's lobby, on the waiting page of their ticket.
            let mut response = see_other(&format!("/lobby/t/{ticket}")).finish();
            super::lobby::set_ticket_cookie(&state, &mut response, &ticket, pass, PageKind::Join)?;
            return Ok(response);
        }
        Err(error) => return Err(error.into()),
    };
    let lifetime = pass.until.saturating_sub(unix_now());
    let cookie = Cookie::build(PASS_COOKIE, pass.sealed.clone())
        .path(action.clone())
        .http_only(true)
        .secure(state.cookies.secure())
        .same_site(SameSite::Lax)
        .max_age(time::Duration::seconds(
            i64::try_from(lifetime).unwrap_or(0),
        ))
        .finish();
    let location = format!("{action}?pass={}", pass.sealed);
    Ok(see_other(&location).cookie(cookie).finish())
}

/// An invitation to an `sso` role: sign in, then back to the invitation's page to press Join.
fn sign_in_first(id: &InvitationId) -> HttpResponse {
    see_other(&format!("/auth/login?next=/i/{id}")).finish()
}

/// Anything that is not an id names no invitation.
fn parse_id(text: &str) -> Result<InvitationId, WebError> {
    InvitationId::parse(text).map_err(|_| WebError::Portal(PortalError::UnknownInvitation))
}

fn pass_of(query: &str) -> Result<Option<String>, WebError> {
    let mut passes = url::form_urlencoded::parse(query.as_bytes())
        .filter(|(key, _)| key == "pass")
        .map(|(_, value)| value.into_owned());
    let pass = passes.next();
    if passes.next().is_some() {
        return Err(WebError::BadRequest(
            "the parameter pass is given twice".into(),
        ));
    }
    Ok(pass)
}
