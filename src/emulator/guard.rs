//! The emulator is a development tool without real security, so it keeps to this machine: it
//! answers only requests addressed to a loopback host, and its control endpoints want the
//! per-process token.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{AUTHORIZATION, HOST};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, web};
use subtle::ConstantTimeEq;

use super::Emulator;
use crate::settings::is_loopback;

/// Refuses requests whose `Host` is not loopback (e.g. a DNS-rebinding page in a browser).
pub async fn loopback_host<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    let loopback_only = req
        .app_data::<web::Data<Emulator>>()
        .is_none_or(|emu| emu.inner.loopback_only);
    let host = req
        .headers()
        .get(HOST)
        .and_then(|v| v.to_str().ok())
        .map(host_name)
        .unwrap_or_default();
    if loopback_only && !is_loopback(host) {
        let response = HttpResponse::Forbidden()
            .content_type("text/plain; charset=utf-8")
            .body("the 100ms emulator answers only requests to a loopback host\n");
        return Ok(req.into_response(response).map_into_right_body());
    }
    Ok(next.call(req).await?.map_into_left_body())
}

/// `/_emulator/*` only with `Authorization: Bearer <control token>`.
pub async fn control_token<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    let presented = req
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default()
        .trim()
        .to_owned();
    let allowed = req.app_data::<web::Data<Emulator>>().is_some_and(|emu| {
        let expected = emu.control_token().as_bytes();
        !expected.is_empty() && bool::from(presented.as_bytes().ct_eq(expected))
    });
    if !allowed {
        let response = HttpResponse::Unauthorized()
            .insert_header((
                "WWW-Authenticate",
                "Bearer realm=\"100ms emulator control\"",
            ))
            .json(serde_json::json!({
                "error": "the emulator's control endpoints need its control token"
            }));
        return Ok(req.into_response(response).map_into_right_body());
    }
    Ok(next.call(req).await?.map_into_left_body())
}

/// The host of a `Host` header value: `[::1]:8081` → `[::1]`, `localhost:8081` → `localhost`.
fn host_name(value: &str) -> &str {
    match value.rfind(':') {
        Some(colon) if !value[colon..].contains(']') => &value[..colon],
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_port_is_cut_from_hosts_and_addresses() {
        assert_eq!(super::host_name("127.0.0.1:8081"), "127.0.0.1");
        assert_eq!(super::host_name("[::1]:8081"), "[::1]");
        assert_eq!(super::host_name("[::1]"), "[::1]");
        assert_eq!(super::host_name("localhost"), "localhost");
    }
}
