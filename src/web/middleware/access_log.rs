//! One access-log line per request, and the request metrics.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web;

use crate::resolver::CacheOutcome;
use crate::telemetry::access_log::{self, AccessLine};
use crate::web::state::AppState;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// One line per request: method, route pattern (never the raw path or query, which can hold
/// names and signatures), status, latency and request id, echoed in `X-Request-Id`.
pub async fn access_log(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let request_id = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|id| is_safe_request_id(id))
        .map_or_else(new_request_id, str::to_owned);
    let method = req.method().clone();
    let mut res = next.call(req).await?;
    let route = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "(unmatched)".to_owned());
    let status = res.status().as_u16();
    let latency = started.elapsed();
    let cache = res
        .response()
        .extensions()
        .get::<CacheOutcome>()
        .map_or("-", |outcome| outcome.as_str());
    if let Some(state) = res.request().app_data::<web::Data<AppState>>() {
        state
            .portal
            .metrics()
            .request(&route, res.status().as_str(), latency);
    }
    access_log::log(&AccessLine {
        method: method.as_str(),
        route: &route,
        status,
        latency_us: u64::try_from(latency.as_micros()).unwrap_or(u64::MAX),
        cache,
        request_id: &request_id,
    });
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        res.headers_mut().insert(REQUEST_ID, value);
    }
    Ok(res)
}

/// A process-unique id without a system call: a random prefix chosen at start and a counter.
fn new_request_id() -> String {
    static PREFIX: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let prefix = *PREFIX.get_or_init(rand::random);
    format!(
        "{prefix:08x}-{:012x}",
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Client-given ids are echoed only when short and plain, so logs and headers stay clean.
fn is_safe_request_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}
