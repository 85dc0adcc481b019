//! Handing out a room: a signed link or an invitation made from the room's page, shown with its
//! URL to copy, a QR code and an e-mail link; and revoking an invitation.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::Chrome;
use super::form::{Fields, Posted};
use crate::domain::{
    DisplayName, InvitationId, JoinOptions, Lifetime, PageKind, RoleName, RoomName, UserId,
};
use crate::portal::{InvitationRequest, LinkRequest};
use crate::web::error::WebError;
use crate::web::pages::brand::Brand;
use crate::web::pages::html::{html, see_other};
use crate::web::pages::qr;
use crate::web::pages::share::mailto;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "console/handout.html")]
struct HandoutPage<'a> {
    brand: Brand<'a>,
    chrome: Chrome<'a>,
    heading: &'a str,
    about: String,
    room: &'a str,
    room_title: &'a str,
    role: &'a str,
    url: &'a str,
    expires: &'a str,
    mailto: String,
    qr_svg: String,
}

/// What both forms share: the room, its title, the role and the lifetime.
struct Handout {
    room: RoomName,
    title: String,
    role: RoleName,
    expires_in: Lifetime,
}

fn handout(state: &AppState, path: &str, fields: &Fields) -> Result<Handout, WebError> {
    let room = RoomName::parse(path)?;
    let role = RoleName::parse(fields.get("role").unwrap_or_default())?;
    let lifetime = fields.text("expires_in").unwrap_or("1h");
    let expires_in = Lifetime::parse(lifetime).map_err(|_| {
        WebError::BadRequest(format!(
            "{lifetime:?} is not a lifetime such as 90m, 1h or 7d"
        ))
    })?;
    let title = state
        .portal
        .rooms()
        .known_title(&room)
        .unwrap_or_else(|| room.to_string());
    Ok(Handout {
        room,
        title,
        role,
        expires_in,
    })
}

fn optional<T, E: std::fmt::Display>(
    text: Option<&str>,
    parse: impl Fn(&str) -> Result<T, E>,
) -> Result<Option<T>, WebError> {
    text.map(parse)
        .transpose()
        .map_err(|e| WebError::BadRequest(e.to_string()))
}

fn render(
    state: &AppState,
    user: &crate::portal::console::ConsoleUser,
    handout: &Handout,
    heading: &str,
    about: String,
    url: &str,
    expires: &str,
) -> Result<HttpResponse, WebError> {
    let role = handout.role.as_str();
    let page = HandoutPage {
        brand: Brand::of(state),
        chrome: Chrome::of(user, "rooms"),
        heading,
        about,
        room: handout.room.as_str(),
        room_title: &handout.title,
        role,
        url,
        expires,
        mailto: mailto(crate::web::i18n::english(), &handout.title, role, url),
        qr_svg: qr::svg(url, &format!("QR code of the {heading}")).unwrap_or_default(),
    };
    Ok(html(page.render()?))
}

/// A signed link to a role's join page.
pub async fn sign(
    state: web::Data<AppState>,
    path: web::Path<String>,
    Posted { user, fields }: Posted,
) -> Result<HttpResponse, WebError> {
    let handout = handout(&state, &path, &fields)?;
    let options = JoinOptions::parse(fields.text("name"), fields.text("user_id"), None)?
        .with_lobby(fields.get("lobby").map(|_| "1"))?;
    let about = match &options.name {
        Some(name) => format!("for {}", name.as_str()),
        None => "for whoever holds it".to_owned(),
    };
    let request = LinkRequest {
        kind: PageKind::Join,
        room: handout.room.clone(),
        role: handout.role.clone(),
        options,
        expires_in: handout.expires_in,
    };
    let link = state
        .portal
        .links()
        .sign(&request, user.actor.clone())
        .await?;
    render(
        &state,
        &user,
        &handout,
        "Signed link",
        about,
        &link.url,
        &link.expires,
    )
}

/// An invitation (`/i/<id>`): counted, revocable, listed on the room's page.
pub async fn invite(
    state: web::Data<AppState>,
    path: web::Path<String>,
    Posted { user, fields }: Posted,
) -> Result<HttpResponse, WebError> {
    let handout = handout(&state, &path, &fields)?;
    let max_uses = optional(fields.text("max_uses"), str::parse::<u32>)?;
    let request = InvitationRequest {
        room: handout.room.clone(),
        role: handout.role.clone(),
        name: optional(fields.text("name"), DisplayName::parse)?,
        user_id: optional(fields.text("user_id"), UserId::parse)?,
        expires_in: handout.expires_in,
        max_uses,
        note: fields.text("note").map(str::to_owned),
        lobby: fields.ticked("lobby"),
    };
    let invitation = state
        .portal
        .invitations()
        .create(request, user.actor.clone())
        .await?;
    let about = match &invitation.name {
        Some(name) => format!("invitation for {name}"),
        None => "invitation".to_owned(),
    };
    render(
        &state,
        &user,
        &handout,
        "Invitation",
        about,
        &invitation.url,
        &invitation.expires,
    )
}

pub async fn revoke(
    state: web::Data<AppState>,
    path: web::Path<String>,
    Posted { user, .. }: Posted,
) -> Result<HttpResponse, WebError> {
    let id = InvitationId::parse(&path).map_err(|_| WebError::NotFound)?;
    let invitation = state
        .portal
        .invitations()
        .revoke(&id, user.actor.clone())
        .await?;
    Ok(see_other(&format!(
        "/admin/rooms/{}?done=invitation-revoked",
        invitation.room
    ))
    .finish())
}
