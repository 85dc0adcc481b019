//! `/join/{room}/{role}` (full page) and `/embed/{room}/{role}` (the iframe alone).

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::html::html;
use crate::domain::{JoinOptions, PageKind, RoleName, RoomName};
use crate::portal::VisitRequest;
use crate::portal::access::Signature;
use crate::resolver::CacheOutcome;
use crate::web::error::WebError;
use crate::web::state::AppState;

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
    let visit = visit(&state, PageKind::Join, &path, &req).await?;
    join_page_of(&state, &visit)
}

pub async fn embed_page(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let visit = visit(&state, PageKind::Embed, &path, &req).await?;
    let view = EmbedPage {
        room_title: &visit.room.title,
        role: visit.role.as_str(),
        meeting_url: &visit.meeting_url,
    };
    Ok(page(view.render()?, visit.outcome))
}

/// The join page of a visit let in some other way (an invitation).
pub(super) fn join_page_of(
    state: &AppState,
    visit: &crate::portal::Visit,
) -> Result<HttpResponse, WebError> {
    let branding = state.portal.branding();
    let view = JoinPage {
        brand: &branding.title,
        logo_url: branding.logo_url.as_deref(),
        room_title: &visit.room.title,
        role: visit.role.as_str(),
        meeting_url: &visit.meeting_url,
    };
    Ok(page(view.render()?, visit.outcome))
}

/// The page, tagged with how its code was found (for the access log).
fn page(body: String, outcome: CacheOutcome) -> HttpResponse {
    let mut response = html(body);
    response.extensions_mut().insert(outcome);
    response
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
    let request = VisitRequest {
        kind,
        room,
        role,
        options,
        signature: Signature {
            iat: query.iat.as_deref(),
            exp: query.exp.as_deref(),
            sig: query.sig.as_deref(),
        },
    };
    let client = || state.client_address.of(req.headers(), req.peer_addr());
    Ok(state.portal.visit(request, client).await?)
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
