//! Headers every response carries, and the Content-Security-Policy of HTML pages.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web;

use crate::settings::CspSource;
use crate::web::state::AppState;

/// Headers every response carries, and the Content-Security-Policy of HTML pages.
pub struct SecurityHeaders {
    content_security_policy: HeaderValue,
}

impl SecurityHeaders {
    /// No inline script anywhere; frames only from Prebuilt; framed only by `frame_ancestors`.
    pub fn new(
        prebuilt_origin: &str,
        frame_ancestors: &[CspSource],
        logo_origin: Option<&str>,
    ) -> Self {
        let ancestors: Vec<&str> = frame_ancestors.iter().map(CspSource::as_str).collect();
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
        .app_data::<web::Data<AppState>>()
        .map(|state| state.security.content_security_policy.clone());
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
