//! `/_emulator/…`: fault injection and counters over HTTP, for tests and tools outside the process.

use std::time::Duration;

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

use super::Emulator;
use super::guard::control_token;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/_emulator")
            .wrap(from_fn(control_token))
            .route("/faults", web::post().to(set_faults))
            .route("/faults", web::delete().to(clear_faults))
            .route("/stats", web::get().to(stats)),
    );
}

#[derive(Deserialize)]
struct FaultRequest {
    latency_ms: Option<u64>,
    fail_next: Option<FailNext>,
}

#[derive(Deserialize)]
struct FailNext {
    count: usize,
    status: u16,
    retry_after_secs: Option<u64>,
}

async fn set_faults(emu: web::Data<Emulator>, body: web::Json<FaultRequest>) -> HttpResponse {
    if let Some(ms) = body.latency_ms {
        emu.set_latency(Duration::from_millis(ms));
    }
    if let Some(fail) = &body.fail_next {
        if !(400..=599).contains(&fail.status) {
            return HttpResponse::BadRequest().json(json!({ "error": "status must be 400-599" }));
        }
        emu.fail_next_with_retry_after(fail.count, fail.status, fail.retry_after_secs);
    }
    HttpResponse::NoContent().finish()
}

async fn clear_faults(emu: web::Data<Emulator>) -> HttpResponse {
    emu.clear_faults();
    HttpResponse::NoContent().finish()
}

async fn stats(emu: web::Data<Emulator>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "calls": emu.calls_snapshot(), "total": emu.total_calls() }))
}
