//! The console's audit log: filtered by room, actor, action and time, paged, and exported as
//! CSV with every cell a spreadsheet could run as a formula neutralised.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::Chrome;
use super::form::Operator;
use crate::portal::{AuditFilter, AuditRecord, rfc3339};
use crate::web::error::WebError;
use crate::web::pages::brand::Brand;
use crate::web::pages::html::html;
use crate::web::state::AppState;

const PAGE_SIZE: u32 = 100;
/// The most lines one export holds (newest first).
const CSV_LINES: u32 = 10_000;

/// The filters as the form sends them (days as `YYYY-MM-DD`, UTC).
#[derive(Debug, Default, Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    room: String,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    since: String,
    #[serde(default)]
    until: String,
    offset: Option<u32>,
}

impl AuditQuery {
    fn filter(&self) -> Result<AuditFilter, WebError> {
        let day = |text: &str, next: bool| -> Result<Option<i64>, WebError> {
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            let at = humantime::parse_rfc3339(&format!("{text}T00:00:00Z"))
                .map_err(|_| WebError::BadRequest(format!("{text:?} is not a day (YYYY-MM-DD)")))?;
            let ms = at
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
            Ok(Some(if next { ms + 86_400_000 } else { ms }))
        };
        Ok(AuditFilter {
            room: self.room.trim().chars().take(100).collect(),
            actor: self.actor.trim().chars().take(200).collect(),
            action: self.action.trim().chars().take(100).collect(),
            since_ms: day(&self.since, false)?,
            until_ms: day(&self.until, true)?,
        })
    }

    /// The query string of these filters (without the offset).
    fn query_string(&self) -> String {
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("room", self.room.trim())
            .append_pair("actor", self.actor.trim())
            .append_pair("action", self.action.trim())
            .append_pair("since", self.since.trim())
            .append_pair("until", self.until.trim())
            .finish()
    }
}

struct Line {
    at: String,
    actor: String,
    action: String,
    subject: String,
    detail: String,
}

fn when(record: &AuditRecord) -> String {
    rfc3339(u64::try_from(record.at_ms / 1000).unwrap_or(0))
        .replace('T', " ")
        .trim_end_matches('Z')
        .to_owned()
}

#[derive(Template)]
#[template(path = "console/audit.html")]
struct AuditPage<'a> {
    brand: Brand<'a>,
    chrome: Chrome<'a>,
    filter: &'a AuditQuery,
    lines: Vec<Line>,
    csv_href: String,
    previous: Option<String>,
    next: Option<String>,
}

pub async fn page(
    state: web::Data<AppState>,
    Operator(user): Operator,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, WebError> {
    let filter = query.filter()?;
    let offset = query.offset.unwrap_or(0).min(1_000_000_000);
    let mut records = state
        .portal
        .rooms()
        .audit_search(&filter, PAGE_SIZE + 1, offset)
        .await?;
    let more = records.len() > PAGE_SIZE as usize;
    records.truncate(PAGE_SIZE as usize);
    let filters = query.query_string();
    let page = AuditPage {
        brand: Brand::of(&state),
        chrome: Chrome::of(&user, "audit"),
        filter: &query,
        lines: records
            .iter()
            .map(|record| Line {
                at: when(record),
                actor: record.actor.clone(),
                action: record.action.clone(),
                subject: record.subject.clone(),
                detail: record.detail.clone().unwrap_or_default(),
            })
            .collect(),
        csv_href: format!("/admin/audit.csv?{filters}"),
        previous: (offset > 0).then(|| {
            format!(
                "/admin/audit?{filters}&offset={}",
                offset.saturating_sub(PAGE_SIZE)
            )
        }),
        next: more.then(|| format!("/admin/audit?{filters}&offset={}", offset + PAGE_SIZE)),
    };
    Ok(html(page.render()?))
}

pub async fn csv(
    state: web::Data<AppState>,
    _: Operator,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, WebError> {
    let filter = query.filter()?;
    let records = state
        .portal
        .rooms()
        .audit_search(&filter, CSV_LINES, 0)
        .await?;
    let mut rows = vec![["at_utc", "actor", "action", "subject", "detail"].map(str::to_owned)];
    for record in &records {
        rows.push([
            when(record),
            record.actor.clone(),
            record.action.clone(),
            record.subject.clone(),
            record.detail.clone().unwrap_or_default(),
        ]);
    }
    Ok(crate::web::csv::download(&rows, "audit-log.csv"))
}
