//! The one web error type: every failure a visitor or API client can meet. Pages render it as an
//! HTML error page, the admin API as `application/problem+json` (RFC 9457), both with the right
//! status. Details go to the log (with their cause chain), never to a visitor.

use std::error::Error as StdError;
use std::fmt;

use actix_web::body::EitherBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use super::i18n::Languages;
use super::language::speech;
use super::pages::brand::Brand;
use super::state::AppState;
use crate::domain::{InvalidJoinOption, InvalidRoleName, InvalidRoomName, Language};
use crate::portal::access::LinkRejection;
use crate::portal::{ErrorKind, PortalError};

/// Seconds a client is asked to wait when 100ms is unreachable.
const RETRY_AFTER_SECS: u32 = 10;

#[derive(thiserror::Error)]
pub enum WebError {
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("no such page")]
    NotFound,
    #[error("a valid admin token is required")]
    Unauthorized,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("send the body as JSON, with the header Content-Type: application/json")]
    UnsupportedMediaType,
    #[error("the body is too large")]
    TooLarge,
    /// The admin API without a token set.
    #[error(
        "the admin API is off: set PORTAL__ADMIN__TOKEN (e.g. openssl rand -hex 32) to turn it on"
    )]
    AdminApiOff,
    /// A state-changing request from another site's page.
    #[error("this request came from another site")]
    CrossSite,
    #[error(transparent)]
    Portal(#[from] PortalError),
    /// A fault of the portal itself (e.g. a template that failed to render).
    #[error("internal error: {0}")]
    Internal(#[source] Box<dyn StdError + Send + Sync>),
    /// An error of a meeting page, shown with what it is about (the room and role).
    #[error("{error}")]
    About {
        room_title: String,
        role: String,
        error: Box<WebError>,
    },
}

/// The cause chain, for logs: `error` then each `Caused by:`.
impl fmt::Debug for WebError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")?;
        let mut cause = self.source();
        while let Some(error) = cause {
            write!(f, "\n  Caused by: {error}")?;
            cause = error.source();
        }
        Ok(())
    }
}

impl WebError {
    /// The error itself, without what it is about.
    pub(super) fn core(&self) -> &Self {
        match self {
            Self::About { error, .. } => error.core(),
            error => error,
        }
    }

    /// The same error, shown as being about `room` (its title) and `role`.
    pub fn about(self, room_title: &str, role: &str) -> Self {
        Self::About {
            room_title: room_title.to_owned(),
            role: role.to_owned(),
            error: Box::new(self),
        }
    }

    /// The error for a bare error status produced outside the handlers (router, extractors).
    pub fn from_status(status: StatusCode) -> Self {
        match status {
            StatusCode::NOT_FOUND => Self::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => Self::MethodNotAllowed,
            StatusCode::UNAUTHORIZED => Self::Unauthorized,
            StatusCode::PAYLOAD_TOO_LARGE => Self::TooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => Self::UnsupportedMediaType,
            s if s.is_client_error() => Self::BadRequest("the request could not be read".into()),
            _ => Self::Internal(format!("bare {status} response").into()),
        }
    }

    pub fn internal(error: impl StdError + Send + Sync + 'static) -> Self {
        Self::Internal(Box::new(error))
    }

    pub fn log(&self) {
        let status = self.status_code();
        if status.is_server_error() {
            tracing::warn!(error = ?self, status = status.as_u16(), "request failed");
        }
    }

    /// Headers every error carries: never cached, and a retry hint when 100ms is away.
    pub(super) fn finish(&self, mut response: HttpResponse) -> HttpResponse {
        let status = self.status_code();
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        match self.core() {
            Self::Portal(PortalError::TooManyRequests { retry_after_secs }) => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_secs));
            }
            _ if status == StatusCode::SERVICE_UNAVAILABLE => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
            }
            Self::Unauthorized => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"prebuilt-portal admin API\""),
                );
            }
            _ => {}
        }
        response
    }
}

fn portal_status(error: &PortalError) -> StatusCode {
    match error.kind() {
        ErrorKind::BadRequest => StatusCode::BAD_REQUEST,
        ErrorKind::SignInRequired | ErrorKind::SignInInvalid => StatusCode::UNAUTHORIZED,
        ErrorKind::Forbidden => StatusCode::FORBIDDEN,
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::Conflict => StatusCode::CONFLICT,
        ErrorKind::Unprocessable => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorKind::Gone => StatusCode::GONE,
        ErrorKind::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
        ErrorKind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        ErrorKind::UpstreamFailed => StatusCode::BAD_GATEWAY,
        ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// What an API client is told: the error's own words, except for the portal's internal faults
/// and signature details (a forger learns nothing from "invalid" versus "unsigned").
fn detail(error: &WebError) -> String {
    match error.core() {
        WebError::Internal(_) => "the portal could not complete the request".into(),
        WebError::Portal(PortalError::Link(LinkRejection::Expired)) => {
            "the signed link has expired".into()
        }
        WebError::Portal(PortalError::Link(LinkRejection::Revoked)) => {
            "the signed link was revoked".into()
        }
        WebError::Portal(PortalError::Link(_)) => "this role needs a signed link".into(),
        WebError::Portal(PortalError::Invalid(reason)) => format!("bad request: {reason}"),
        WebError::Portal(error @ PortalError::TooLong { .. }) => format!("bad request: {error}"),
        other => other.to_string(),
    }
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::AdminApiOff => StatusCode::NOT_FOUND,
            Self::CrossSite => StatusCode::FORBIDDEN,
            Self::Portal(error) => portal_status(error),
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            Self::About { error, .. } => error.status_code(),
        }
    }

    /// The HTML error page without branding (the envelope brands every page it passes).
    fn error_response(&self) -> HttpResponse {
        self.log();
        self.page(
            Brand::plain(),
            Languages::fallback().speech(Language::English, ""),
        )
    }
}

/// The same errors, answered to API clients as `application/problem+json`.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct ApiError(#[from] pub WebError);

/// RFC 9457 problem details.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// Always `about:blank`: the status says what kind of problem it is.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: &'static str,
    pub status: u16,
    pub detail: String,
}

impl ApiError {
    pub fn bad_request(reason: &str) -> Self {
        Self(WebError::BadRequest(reason.to_owned()))
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.0.status_code()
    }

    fn error_response(&self) -> HttpResponse {
        self.0.log();
        let status = self.0.status_code();
        let problem = Problem {
            kind: "about:blank",
            title: status.canonical_reason().unwrap_or("Error"),
            status: status.as_u16(),
            detail: detail(&self.0),
        };
        let body = serde_json::to_string(&problem).unwrap_or_default();
        let response = HttpResponse::build(status)
            .content_type("application/problem+json")
            .body(body);
        self.0.finish(response)
    }
}

macro_rules! into_web_error {
    ($($source:ty => $variant:expr),* $(,)?) => {$(
        impl From<$source> for WebError {
            fn from(error: $source) -> Self {
                $variant(error)
            }
        }
        impl From<$source> for ApiError {
            fn from(error: $source) -> Self {
                Self(WebError::from(error))
            }
        }
    )*};
}

into_web_error! {
    InvalidRoomName => |e: InvalidRoomName| WebError::BadRequest(e.to_string()),
    InvalidRoleName => |e: InvalidRoleName| WebError::BadRequest(e.to_string()),
    InvalidJoinOption => |e: InvalidJoinOption| WebError::BadRequest(e.to_string()),
    askama::Error => WebError::internal,
}

impl From<PortalError> for ApiError {
    fn from(error: PortalError) -> Self {
        Self(WebError::Portal(error))
    }
}

/// Error pages carry the operator's branding: an error a handler raised (rendered again, now
/// branded) and a bare error status no handler rendered (router 404/405, extractor errors; problem
/// JSON under `/api/`). Every other response passes as it is.
/// A page that set its own framing policy (the console: never framed) keeps it on the error
/// page that replaces it.
fn keep_framing_policy(from: &header::HeaderMap, to: &mut header::HeaderMap) {
    for name in [header::CONTENT_SECURITY_POLICY, header::X_FRAME_OPTIONS] {
        if let Some(value) = from.get(&name) {
            to.insert(name, value.clone());
        }
    }
}

pub fn render_errors<B>(
    res: ServiceResponse<B>,
    state: &AppState,
) -> ServiceResponse<EitherBody<B>> {
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res.map_into_left_body();
    }
    let raised = res
        .response()
        .error()
        .and_then(|e| e.as_error::<WebError>())
        .map(|error| {
            let t = speech(state, res.request());
            error.page(Brand::speaking(state, &t), t)
        });
    if let Some(mut branded) = raised {
        keep_framing_policy(res.response().headers(), branded.headers_mut());
        let (request, _) = res.into_parts();
        return ServiceResponse::new(request, branded).map_into_right_body();
    }
    let rendered = res
        .response()
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html") || ct.contains("json"));
    if rendered {
        return res.map_into_left_body();
    }
    let error = WebError::from_status(status);
    let mut response = if res.request().path().starts_with("/api/") {
        ApiError(error).error_response()
    } else {
        error.log();
        let t = speech(state, res.request());
        error.page(Brand::speaking(state, &t), t)
    };
    keep_framing_policy(res.response().headers(), response.headers_mut());
    let (request, _) = res.into_parts();
    ServiceResponse::new(request, response).map_into_right_body()
}
