//! The console's status page: 100ms, the circuit breaker, the code cache, the store, replicas,
//! the version, and the console's live sessions (which an operator may end).

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::Chrome;
use super::form::{Operator, Posted};
use crate::portal::{UpstreamHealth, rfc3339};
use crate::web::error::WebError;
use crate::web::pages::brand::Brand;
use crate::web::pages::html::{html, see_other};
use crate::web::state::AppState;

struct SessionRow {
    id: String,
    actor: String,
    via: &'static str,
    since: String,
    seen: String,
    mine: bool,
}

#[derive(Template)]
#[template(path = "console/status.html")]
struct StatusPage<'a> {
    brand: Brand<'a>,
    chrome: Chrome<'a>,
    notice: Option<&'static str>,
    upstream: String,
    circuit_open: bool,
    cached_codes: u64,
    hit_rate: String,
    store: &'static str,
    replicas: &'static str,
    version: &'static str,
    sessions: Vec<SessionRow>,
}

#[derive(Deserialize)]
pub struct StatusQuery {
    done: Option<String>,
}

fn day_time(unix_secs: i64) -> String {
    rfc3339(u64::try_from(unix_secs).unwrap_or(0))
        .replace('T', " ")
        .trim_end_matches('Z')
        .to_owned()
}

pub async fn page(
    state: web::Data<AppState>,
    Operator(user): Operator,
    query: web::Query<StatusQuery>,
) -> Result<HttpResponse, WebError> {
    let status = state.portal.status().await;
    let sessions = state
        .portal
        .console()
        .sessions()
        .await?
        .into_iter()
        .map(|session| SessionRow {
            mine: session.session == user.session,
            actor: session
                .actor
                .strip_prefix("console: ")
                .unwrap_or(&session.actor)
                .to_owned(),
            via: if session.via == "oidc" {
                "sign-in"
            } else {
                "admin token"
            },
            since: day_time(session.created_at),
            seen: day_time(session.seen_at),
            id: session.session,
        })
        .collect();
    let page = StatusPage {
        brand: Brand::of(&state),
        chrome: Chrome::of(&user, "status"),
        notice: (query.done.as_deref() == Some("ended")).then_some("The session was ended."),
        upstream: match &status.upstream {
            UpstreamHealth::Healthy => "answering".to_owned(),
            UpstreamHealth::Degraded(reason) => {
                format!("failing, cached pages still served: {reason}")
            }
            UpstreamHealth::Down(reason) => format!("not reachable: {reason}"),
        },
        circuit_open: status.circuit_open,
        cached_codes: status.cached_codes,
        hit_rate: status.hit_rate().map_or_else(
            || "no lookups yet".to_owned(),
            |rate| format!("{rate:.1} % of {} lookups", status.cache_lookups),
        ),
        store: match (status.store_ok, status.store_shared) {
            (true, true) => "PostgreSQL, answering",
            (true, false) => "SQLite, answering",
            (false, _) => "not answering",
        },
        replicas: if status.store_shared {
            "any number, sharing the PostgreSQL store"
        } else {
            "one (a SQLite store belongs to one replica)"
        },
        version: status.version,
        sessions,
    };
    Ok(html(page.render()?))
}

pub async fn end_session(
    state: web::Data<AppState>,
    path: web::Path<String>,
    Posted { user, .. }: Posted,
) -> Result<HttpResponse, WebError> {
    let session = path.into_inner();
    if session.len() != 64 || !session.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(WebError::NotFound);
    }
    state.portal.console().end(&user, &session).await?;
    if session == user.session {
        return Ok(see_other("/admin/sign-in").finish());
    }
    Ok(see_other("/admin/status?done=ended").finish())
}
