//! Bearer-token check of the admin API (the token is `portal::AdminToken`); without a configured
//! token the API does not exist (404).

use actix_web::ResponseError;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::AUTHORIZATION;
use actix_web::middleware::Next;
use actix_web::web;
use secrecy::SecretString;

use crate::portal::AdminToken;
use crate::web::error::{ApiError, WebError};
use crate::web::state::AppState;

pub struct AdminAuth {
    token: AdminToken,
}

impl AdminAuth {
    /// `None`: the admin API is off.
    pub fn new(token: Option<&SecretString>) -> Self {
        Self {
            token: AdminToken::new(token),
        }
    }

    pub fn enabled(&self) -> bool {
        self.token.enabled()
    }

    fn check(&self, authorization: Option<&str>) -> Result<(), WebError> {
        if !self.token.enabled() {
            return Err(WebError::AdminApiOff);
        }
        let presented = authorization
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(WebError::Unauthorized)?;
        if self.token.matches(presented) {
            Ok(())
        } else {
            Err(WebError::Unauthorized)
        }
    }
}

/// Middleware of the protected API scope: 404 when the API is off, 401 without a valid token.
pub async fn require_admin<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    let authorization = req
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        let response = ApiError(WebError::NotFound).error_response();
        return Ok(req.into_response(response).map_into_right_body());
    };
    let verdict = state.admin.check(authorization);
    // Counted before the token is judged, so guessing tokens is slow too.
    let client = state.client_address.of(req.headers(), req.peer_addr());
    let limited = state
        .portal
        .admit_admin_call(client)
        .map_err(WebError::from);
    let verdict = match verdict {
        Err(WebError::AdminApiOff) => verdict,
        _ => limited.and(verdict),
    };
    match verdict {
        // Answered here rather than raised, so the outer middleware still add their headers.
        Err(error) => Ok(req
            .into_response(ApiError(error).error_response())
            .map_into_right_body()),
        Ok(()) => Ok(next.call(req).await?.map_into_left_body()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_bearer_token_passes() {
        let auth = AdminAuth::new(Some(&SecretString::from("s3cret-token")));
        assert!(auth.check(Some("Bearer s3cret-token")).is_ok());
        assert!(matches!(
            auth.check(Some("Bearer s3cret")),
            Err(WebError::Unauthorized)
        ));
        assert!(matches!(
            auth.check(Some("s3cret-token")),
            Err(WebError::Unauthorized)
        ));
        assert!(matches!(auth.check(None), Err(WebError::Unauthorized)));
    }

    #[test]
    fn without_a_token_the_api_is_absent() {
        let auth = AdminAuth::new(None);
        assert!(matches!(
            auth.check(Some("Bearer anything")),
            Err(WebError::AdminApiOff)
        ));
    }
}
