//! Middleware for every response: security headers and one access-log line per request.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web;

use crate::metrics::CacheOutcome;
use crate::routes::AppState;
use crate::telemetry::access::{self, AccessLine};

/// Headers every response carries, and the Content-Security-Policy of HTML pages.
pub struct SecurityHeaders {
    content_security_policy: HeaderValue,
}

impl SecurityHeaders {
    /// No inline script anywhere; frames only from Prebuilt; framed only by `frame_ancestors`.
    pub fn new(
        prebuilt_origin: &str,
        frame_ancestors: &[String],
        logo_origin: Option<&str>,
    ) -> Self {
        let ancestors: Vec<String> = frame_ancestors
            .iter()
            .map(|source| match source.as_str() {
                // A common slip: the keywords must be quoted in CSP.
                "self" | "none" => format!("'{source}'"),
                other => other.to_owned(),
            })
            .collect();
        let policy = format!(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{}; \
             frame-src {prebuilt_origin}; frame-ancestors {}; base-uri 'none'; form-action 'self'; \
             object-src 'none'",
            logo_origin.map(|o| format!(" {o}")).unwrap_or_default(),
            ancestors.join(" ")
        );
        Self {
            content_security_policy: HeaderValue::from_str(&policy).unwrap_or_else(|_| {
                HeaderValue::from_static("default-src 'self'; frame-ancestors 'self'")
            }),
        }
    }
}

pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let policy = req
        .app_data::<web::Data<SecurityHeaders>>()
        .map(|s| s.content_security_policy.clone());
    let mut res = next.call(req).await?;
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"));
    let headers = res.headers_mut();
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let (true, Some(policy)) = (is_html, policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    Ok(res)
}

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
            .metrics
            .request(&route, res.status().as_str(), latency);
    }
    access::log(&AccessLine {
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
