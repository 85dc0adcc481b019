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
use crate::web::i18n::{self, Msg, Speech, Words};
use crate::web::language::speech;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "share.html")]
struct SharePage<'a> {
    t: Speech<'a>,
    brand: Brand<'a>,
    title: String,
    roles: Vec<RoleShare>,
    /// Roles that exist but only open through signed links.
    has_signed_roles: bool,
    /// The sites that may frame the room's pages, for people: `'self'` is this portal.
    embeddable_by: String,
    /// The setting that lists them, as HTML: the room's own `frame_ancestors`, or
    /// `security.frame_ancestors`.
    setting: String,
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
    let t = speech(&state, &req);
    let roles = view
        .roles
        .into_iter()
        .map(|shared| {
            let role = shared.role.as_str();
            let label = t.raw_with(Msg::ShareQrLabel, &[("room", &title), ("role", role)]);
            RoleShare {
                role: role.to_owned(),
                embed_snippet: embed_snippet(&shared.embed_url, &title),
                mailto: mailto(t.words(), &title, role, &shared.join_url),
                qr_svg: qr::svg(&shared.join_url, &label).unwrap_or_default(),
                join_url: shared.join_url,
            }
        })
        .collect();
    let setting = if view.own_framing {
        let code = i18n::Html("<code>frame_ancestors</code>");
        t.share_this_room_setting(code).to_string()
    } else {
        "<code>security.frame_ancestors</code>".to_owned()
    };
    let page = SharePage {
        t,
        brand: Brand::speaking(&state, &t),
        title,
        roles,
        has_signed_roles: view.has_signed_roles,
        embeddable_by: sites_for_people(&view.embeddable_by, t.words()),
        setting,
    };
    Ok(html(page.render()?))
}

/// `'self' https://intranet.example.com` as "this portal and https://intranet.example.com".
fn sites_for_people(sources: &[String], words: &Words) -> String {
    let names: Vec<&str> = sources
        .iter()
        .map(|source| match source.as_str() {
            "'self'" => words.raw(Msg::ShareSiteSelf),
            "'none'" => words.raw(Msg::ShareSiteNone),
            other => other,
        })
        .collect();
    match names.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, others)) => words.raw_with(
            Msg::ShareSites,
            &[("others", &others.join(", ")), ("last", last)],
        ),
        None => words.raw(Msg::ShareSiteNone).to_owned(),
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

pub(crate) fn mailto(words: &Words, title: &str, role: &str, join_url: &str) -> String {
    let encode = |text: &str| utf8_percent_encode(text, URL_COMPONENT).to_string();
    let subject = words.raw_with(Msg::ShareMailSubject, &[("room", title)]);
    let body = words.raw_with(
        Msg::ShareMailBody,
        &[("room", title), ("role", role), ("link", join_url)],
    );
    format!(
        "mailto:?subject={}&body={}",
        encode(&subject),
        encode(&body)
    )
}
