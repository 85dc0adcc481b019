//! `/join/{room}/{role}` (full page) and `/embed/{room}/{role}` (the iframe alone).

use std::sync::Arc;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{AppState, html};
use crate::access::{LinkRejection, Signature};
use crate::domain::{AccessPolicy, JoinOptions, PageKind, RoleName, RoomName};
use crate::error::WebError;
use crate::hms::token::unix_now;
use crate::metrics::CacheOutcome;
use crate::resolver::Resolved;

#[derive(Template)]
#[template(path = "join.html")]
struct JoinPage<'a> {
    brand: &'a str,
    logo_url: Option<&'a str>,
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
    let meeting = meeting(&state, PageKind::Join, &path, &req).await?;
    let view = JoinPage {
        brand: &state.branding.title,
        logo_url: state.branding.logo_url.as_deref(),
        room_title: &meeting.resolved.room.title,
        role: meeting.resolved.role.as_str(),
        meeting_url: &meeting.url,
    };
    Ok(page(view.render()?, meeting.outcome))
}

pub async fn embed_page(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let meeting = meeting(&state, PageKind::Embed, &path, &req).await?;
    let view = EmbedPage {
        room_title: &meeting.resolved.room.title,
        role: meeting.resolved.role.as_str(),
        meeting_url: &meeting.url,
    };
    Ok(page(view.render()?, meeting.outcome))
}

struct Meeting {
    resolved: Arc<Resolved>,
    url: String,
    outcome: CacheOutcome,
}

/// The page, tagged with how its code was found (for the access log).
fn page(body: String, outcome: CacheOutcome) -> HttpResponse {
    let mut response = html(body);
    response.extensions_mut().insert(outcome);
    response
}

/// Parses the request, applies the role's access policy, resolves the code and builds the
/// Prebuilt link.
async fn meeting(
    state: &AppState,
    kind: PageKind,
    path: &(String, String),
    req: &HttpRequest,
) -> Result<Meeting, WebError> {
    let room = RoomName::parse(&path.0)?;
    let role = RoleName::parse(&path.1)?;
    let query = PageQuery::parse(req.query_string())?;
    let options = JoinOptions::parse(
        query.name.as_deref(),
        query.user_id.as_deref(),
        query.skip_preview.as_deref(),
    )?;
    // Roles that cannot exist are 404 before any signature talk or call to 100ms.
    if role.is_internal() || !state.resolver.may_have_role(&room, &role) {
        return Err(WebError::UnknownRole);
    }
    match state.access.policy(&room, &role) {
        AccessPolicy::Off => return Err(WebError::UnknownRole),
        AccessPolicy::Public => {}
        AccessPolicy::Signed => {
            let signature = Signature {
                exp: query.exp.as_deref(),
                sig: query.sig.as_deref(),
            };
            state
                .access
                .verify(kind, &room, &role, &options, signature, unix_now())
                .map_err(|rejection| match rejection {
                    LinkRejection::Expired => WebError::LinkExpired,
                    LinkRejection::Unsigned | LinkRejection::Invalid => {
                        WebError::SignedLinkRequired
                    }
                })?;
        }
    }
    let key = (room, role);
    let (resolved, outcome) = match state.resolver.fresh(&key).await {
        Some(hit) => (hit, CacheOutcome::Hit),
        None => {
            state.limits.check_upstream(req)?;
            state.resolver.resolve(&key.0, &key.1).await?
        }
    };
    Ok(Meeting {
        url: state.links.prebuilt.meeting_link(&resolved.code, &options),
        resolved,
        outcome,
    })
}

/// The query parameters a page reads; any other is ignored, but giving one of these twice is
/// refused, since it is unclear which one the visitor meant.
#[derive(Default)]
struct PageQuery {
    name: Option<String>,
    user_id: Option<String>,
    skip_preview: Option<String>,
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
