//! `/i/{id}`: an invitation. GET shows whom it is for and a "Join" button (counting nothing, so
//! link scanners cannot use it up); POST counts a use and sends the browser to the meeting with
//! a pass (`/i/{id}?pass=…`), which reloads without counting again.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::html::{html, see_other};
use super::join::{join_page_of, session_cookie, tagged};
use crate::domain::InvitationId;
use crate::portal::PortalError;
use crate::web::error::WebError;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage<'a> {
    room_title: &'a str,
    role: &'a str,
    name: Option<&'a str>,
    expires: &'a str,
    action: &'a str,
}

pub async fn show(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let id = parse_id(&path)?;
    if let Some(pass) = pass_of(req.query_string())? {
        let client = || state.client_address.of(req.headers(), req.peer_addr());
        let session = session_cookie(&req);
        let session = session.as_ref().map(|c| c.value());
        let visit = match state
            .portal
            .invitations()
            .visit(&id, &pass, session, client)
            .await
        {
            Err(PortalError::SignInRequired(_)) => return Ok(sign_in_first(&id)),
            visit => visit?,
        };
        return tagged(join_page_of(&state, &visit), &visit);
    }
    let view = state.portal.invitations().view(&id).await?;
    let action = format!("/i/{}", view.id);
    let page = InvitePage {
        room_title: &view.room_title,
        role: view.role.as_str(),
        name: view.name.as_deref(),
        expires: &view.expires,
        action: &action,
    };
    Ok(html(page.render()?))
}

pub async fn join(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let id = parse_id(&path)?;
    let session = session_cookie(&req);
    let session = session.as_ref().map(|c| c.value());
    let pass = match state.portal.invitations().use_once(&id, session).await {
        Err(PortalError::SignInRequired(_)) => return Ok(sign_in_first(&id)),
        pass => pass?,
    };
    let location = format!("/i/{id}?pass={pass}");
    Ok(see_other(&location).finish())
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
