//! Probes: `/healthz` (the process serves) and `/readyz` (it can do its job: 100ms answers).

use actix_web::{HttpResponse, web};
use serde_json::json;

use crate::portal::UpstreamHealth;
use crate::web::state::AppState;

/// Liveness: the process is up and serving.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body("ok\n")
}

/// Readiness: settings were valid (or the process would not run), a management token mints,
/// and 100ms (or the emulator) answered well within the last minute, or answers a cheap read now.
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let (mut response, body) = match state.portal.readiness().await {
        UpstreamHealth::Healthy => (HttpResponse::Ok(), json!({ "status": "ready" })),
        // Still ready: cached pages are served while 100ms fails.
        UpstreamHealth::Degraded(reason) => (
            HttpResponse::Ok(),
            json!({ "status": "degraded", "reason": reason }),
        ),
        UpstreamHealth::Down(reason) => (
            HttpResponse::ServiceUnavailable(),
            json!({ "status": "not ready", "reason": reason }),
        ),
    };
    response
        .insert_header(("Cache-Control", "no-store"))
        .json(body)
}

/// Prometheus text exposition.
pub async fn metrics(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(state.portal.metrics_text().await)
}
