//! `/rooms/{room}`: everything needed to pass a room's links on: the URL to copy, a QR code, an
//! open link, a share button and an embed snippet, for each public role. Signed roles are not
//! shown: their links come from the organiser.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use percent_encoding::utf8_percent_encode;

use super::brand::Brand;
use super::html::html;
use super::qr;
use crate::domain::{RoomName, URL_COMPONENT};
use crate::web::error::WebError;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "share.html")]
struct SharePage<'a> {
    brand: Brand<'a>,
    title: String,
    roles: Vec<RoleShare>,
    /// Roles that exist but only open through signed links.
    has_signed_roles: bool,
    /// The sites that may frame the room's pages, for people: `'self'` is this portal.
    embeddable_by: String,
    /// Whether those are the room's own sites (`frame_ancestors` of the room).
    own_framing: bool,
}

struct RoleShare {
    role: String,
    join_url: String,
    embed_snippet: String,
    mailto: String,
    qr_svg: String,
}

pub async fn share_page(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let room = RoomName::parse(&path)?;
    let client = || state.client_address.of(req.headers(), req.peer_addr());
    let view = state.portal.visits().share(&room, client).await?;
    let title = view.title;
    let roles = view
        .roles
        .into_iter()
        .map(|shared| {
            let role = shared.role.as_str();
            let label = format!("QR code of the link to join {title} as {role}");
            RoleShare {
                role: role.to_owned(),
                embed_snippet: embed_snippet(&shared.embed_url, &title),
                mailto: mailto(&title, role, &shared.join_url),
                qr_svg: qr::svg(&shared.join_url, &label).unwrap_or_default(),
                join_url: shared.join_url,
            }
        })
        .collect();
    let page = SharePage {
        brand: Brand::of(&state),
        title,
        roles,
        has_signed_roles: view.has_signed_roles,
        embeddable_by: sites_for_people(&view.embeddable_by),
        own_framing: view.own_framing,
    };
    Ok(html(page.render()?))
}

/// `'self' https://intranet.example.com` as "this portal and https://intranet.example.com".
fn sites_for_people(sources: &[String]) -> String {
    let names: Vec<&str> = sources
        .iter()
        .map(|source| match source.as_str() {
            "'self'" => "this portal",
            "'none'" => "no site",
            other => other,
        })
        .collect();
    match names.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => "no site".to_owned(),
    }
}

/// The iframe an intranet author pastes; the `allow` list is what lets the meeting use the
/// camera, microphone and screen sharing inside a frame.
pub(crate) fn embed_snippet(embed_url: &str, title: &str) -> String {
    let attr = |value: &str| {
        askama::filters::escape(value, askama::filters::Html)
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    format!(
        "<iframe src=\"{}\" title=\"{}\" allow=\"camera *;microphone *;display-capture *\" allowfullscreen style=\"width:100%;height:640px;border:0\"></iframe>",
        attr(embed_url),
        attr(title)
    )
}

pub(crate) fn mailto(title: &str, role: &str, join_url: &str) -> String {
    let encode = |text: &str| utf8_percent_encode(text, URL_COMPONENT).to_string();
    let subject = format!("Join {title}");
    let body = format!("Join {title} as {role}: {join_url}");
    format!(
        "mailto:?subject={}&body={}",
        encode(&subject),
        encode(&body)
    )
}
