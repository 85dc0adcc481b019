//! The hot path: bare links to join and embed pages (`GET /join/<room>/<role>` or
//! `/embed/<room>/<role>` with no query, most page views) are answered here, before routing,
//! by the envelope middleware. The route table, the extractors and the nested services cost
//! about a third of such a view. Each request is parsed once; the gate's memory tier and the
//! code cache are read once; a view that memory cannot answer goes on from here with what was
//! parsed, through the same page functions as the routes (`pages::join`), never through the
//! router again.
//!
//! Rules: nothing here waits on the store; a cached public code answers without an await that
//! could yield; anything that needs more (a token, a signature, a sign-in, 100ms) takes the
//! routes' own code, so both ways answer the same bytes and headers.

use actix_web::HttpResponse;
use actix_web::dev::ServiceRequest;
use actix_web::http::Method;

use crate::domain::{JoinOptions, PageKind, RoleName, RoomName};
use crate::portal::{CacheOutcome, FromMemory};
use crate::telemetry::HOT_ROUTES;
use crate::web::error::WebError;
use crate::web::language::speech;
use crate::web::pages::brand::Brand;
use crate::web::pages::join::{PageQuery, page_of, respond, tagged};
use crate::web::state::AppState;

/// A hot page view: `GET /join/<room>/<role>` or `/embed/<room>/<role>` with no query (a bare
/// link), its names already valid domain names. Anything else (a query, escapes, HEAD, names
/// that do not parse) goes through the routes.
pub struct HotPage {
    kind: PageKind,
    room: RoomName,
    role: RoleName,
}

impl HotPage {
    pub fn of(req: &ServiceRequest) -> Option<Self> {
        if req.method() != Method::GET || !req.query_string().is_empty() {
            return None;
        }
        let path = req.path();
        let (kind, rest) = if let Some(rest) = path.strip_prefix("/join/") {
            (PageKind::Join, rest)
        } else {
            (PageKind::Embed, path.strip_prefix("/embed/")?)
        };
        let (room, role) = rest.split_once('/')?;
        // Escaped names are left to the router, which decodes them.
        if room.contains('%') || role.contains('%') {
            return None;
        }
        Some(Self {
            kind,
            room: RoomName::parse(room).ok()?,
            role: RoleName::parse(role).ok()?,
        })
    }

    /// Its route's pattern, as the access log and metrics name it.
    pub fn route(&self) -> &'static str {
        let [join, embed] = HOT_ROUTES;
        match self.kind {
            PageKind::Join => join,
            PageKind::Embed => embed,
        }
    }
}

/// The page of a hot view, as its route would answer it (error pages included), and how its
/// code was found (`None`: the page does not say, see [`tagged`]).
pub async fn answer(
    state: &AppState,
    req: &ServiceRequest,
    hot: HotPage,
) -> (HttpResponse, Option<CacheOutcome>) {
    let visits = state.portal.visits();
    let page = match visits.from_memory(hot.room, hot.role).await {
        FromMemory::Answered(visit) => {
            let page = page_of(state, req.headers(), req.path(), "", hot.kind, &visit);
            return match page {
                Ok(page) => (page, Some(visit.outcome)),
                Err(error) => (branded(state, req, &error), None),
            };
        }
        FromMemory::NotCached(room, role) => {
            let http = req.request();
            let client = || state.client_address.of(http.headers(), http.peer_addr());
            let options = JoinOptions::default();
            match Box::pin(visits.code_visit(room, role, &options, client)).await {
                Ok(visit) => {
                    let page = page_of(state, req.headers(), req.path(), "", hot.kind, &visit);
                    tagged(page, &visit)
                }
                Err(error) => Err(error.into()),
            }
        }
        FromMemory::AskTheGate(room, role) => {
            let query = PageQuery::default();
            Box::pin(respond(state, hot.kind, room, role, query, req.request())).await
        }
    };
    match page {
        Ok(page) => (page, None),
        Err(error) => (branded(state, req, &error), None),
    }
}

/// The error page, branded (logged once, as a routed error is).
fn branded(state: &AppState, req: &ServiceRequest, error: &WebError) -> HttpResponse {
    error.log();
    let t = speech(state, req.request());
    error.page(Brand::speaking(state, &t), t)
}
