//! `/join/{room}/{role}` (full page) and `/embed/{room}/{role}` (the iframe alone).

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{AppState, html};
use crate::domain::{JoinOptions, RoleName, RoomName};
use crate::error::WebError;

#[derive(Template)]
#[template(path = "join.html")]
struct JoinPage<'a> {
    room_title: &'a str,
    role: &'a str,
    meeting_url: &'a str,
}

#[derive(Template)]
#[template(path = "embed.html")]
struct EmbedPage<'a> {
    room_title: &'a str,
    role: &'a str,
    meeting_url: &'a str,
}

pub async fn join_page(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let (title, role, url) = meeting(&state, &path, &req).await?;
    let page = JoinPage {
        room_title: &title,
        role: role.as_str(),
        meeting_url: &url,
    };
    Ok(html(page.render()?))
}

pub async fn embed_page(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let (title, role, url) = meeting(&state, &path, &req).await?;
    let page = EmbedPage {
        room_title: &title,
        role: role.as_str(),
        meeting_url: &url,
    };
    Ok(html(page.render()?))
}

/// Parses the request, resolves the code and builds the Prebuilt link: (room title, role, link).
async fn meeting(
    state: &AppState,
    path: &(String, String),
    req: &HttpRequest,
) -> Result<(String, RoleName, String), WebError> {
    let room = RoomName::parse(&path.0)?;
    let role = RoleName::parse(&path.1)?;
    let options = join_options(req.query_string())?;
    let resolved = state.resolver.resolve(&room, &role).await?;
    let link = state.links.prebuilt.meeting_link(&resolved.code, &options);
    Ok((resolved.room.title.clone(), role, link.into()))
}

/// Reads `name`, `user_id` and `skip_preview`; other parameters are ignored, but giving one of
/// these twice is refused, since it is unclear which one the visitor meant.
fn join_options(query: &str) -> Result<JoinOptions, WebError> {
    let (mut name, mut user_id, mut skip_preview) = (None, None, None);
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        let slot = match key.as_ref() {
            "name" => &mut name,
            "user_id" => &mut user_id,
            "skip_preview" => &mut skip_preview,
            _ => continue,
        };
        if slot.replace(value).is_some() {
            return Err(WebError::BadRequest(format!(
                "the parameter {key} is given twice"
            )));
        }
    }
    Ok(JoinOptions::parse(
        name.as_deref(),
        user_id.as_deref(),
        skip_preview.as_deref(),
    )?)
}
