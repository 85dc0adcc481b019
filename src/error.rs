//! The one web error type: every failure a visitor or API client can meet. Pages render it as an
//! HTML error page, the admin API as `application/problem+json` (RFC 9457), both with the right
//! status. Details go to the log, never to a visitor.

use std::sync::Arc;

use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpResponse, ResponseError};
use askama::Template;
use serde::Serialize;

use crate::domain::{InvalidJoinOption, InvalidRoleName, InvalidRoomName};
use crate::resolver::ResolveError;

/// Seconds a client is asked to wait when 100ms is unreachable.
const RETRY_AFTER_SECS: u32 = 10;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("no such page")]
    NotFound,
    #[error("no such room")]
    UnknownRoom,
    #[error("no such role in this room")]
    UnknownRole,
    #[error("the room is disabled in 100ms")]
    RoomDisabled,
    #[error("{0}")]
    Upstream(Arc<ResolveError>),
    #[error("100ms rejected the request: {0}")]
    Rejected(String),
    #[error("a valid admin token is required")]
    Unauthorized,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("this role needs a signed link")]
    SignedLinkRequired,
    #[error("the signed link has expired")]
    LinkExpired,
    #[error("signed links are off: set access.signing_keys (PORTAL__ACCESS__SIGNING_KEYS)")]
    SigningDisabled,
    #[error("too many requests; retry in {retry_after_secs} s")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("internal error: {0}")]
    Internal(String),
}

impl WebError {
    /// Title and explanation for a person reading the error page.
    fn wording(&self) -> (&'static str, String) {
        match self {
            Self::BadRequest(reason) => ("This link is not valid", format!("The address has a mistake: {reason}.")),
            Self::NotFound => ("Page not found", "There is no page at this address.".into()),
            Self::UnknownRoom => (
                "Meeting room not found",
                "There is no meeting room with this name. Check the link, or ask the person who sent it for a new one.".into(),
            ),
            Self::UnknownRole => (
                "Role not found",
                "This meeting room has no such role. Check the link, or ask the person who sent it for a new one.".into(),
            ),
            Self::RoomDisabled => (
                "This meeting room is closed",
                "The organiser has disabled this room, so nobody can join it right now.".into(),
            ),
            Self::Upstream(_) if self.status_code() == StatusCode::SERVICE_UNAVAILABLE => (
                "The meeting service is not answering",
                "100ms, the video service behind this page, did not answer in time. Please try again in a few seconds.".into(),
            ),
            Self::Upstream(_) => (
                "The meeting service had a problem",
                "100ms, the video service behind this page, answered with an error. Please try again in a little while; if it keeps happening, tell the portal's operator.".into(),
            ),
            Self::Rejected(_) => (
                "The meeting service refused",
                "100ms refused to hand out a link for this room right now. Please tell the portal's operator.".into(),
            ),
            Self::Unauthorized => ("Not authorised", "This needs a valid admin token.".into()),
            Self::MethodNotAllowed => ("Not allowed", "This page cannot be used that way.".into()),
            Self::SignedLinkRequired => (
                "This link needs a signature",
                "Joining in this role needs a personal link from the meeting's organiser. Ask them for one; \
                 organisers make them with the portal's admin API or its sign command.".into(),
            ),
            Self::LinkExpired => (
                "This link has expired",
                "The personal link you used is no longer valid. Ask the person who sent it for a new one.".into(),
            ),
            Self::SigningDisabled => (
                "Signed links are off",
                "The portal has no signing key, so it cannot make personal links.".into(),
            ),
            Self::TooManyRequests { .. } => (
                "Too many requests",
                "Too many pages were opened from your address in a short time. Please wait a moment and try again.".into(),
            ),
            Self::Internal(_) => (
                "Something went wrong",
                "The portal could not show this page. Please try again; if it keeps happening, tell the portal's operator.".into(),
            ),
        }
    }

    /// The error for a bare error status produced outside the handlers (router, extractors).
    pub fn from_status(status: StatusCode) -> Self {
        match status {
            StatusCode::NOT_FOUND => Self::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => Self::MethodNotAllowed,
            StatusCode::UNAUTHORIZED => Self::Unauthorized,
            s if s.is_client_error() => Self::BadRequest("the request could not be read".into()),
            _ => Self::Internal(format!("bare {status} response")),
        }
    }

    fn log(&self) {
        let status = self.status_code();
        if status.is_server_error() {
            tracing::warn!(error = %self, status = status.as_u16(), "request failed");
        }
    }

    /// Headers every error carries: never cached, and a retry hint when 100ms is away.
    fn finish(&self, mut response: HttpResponse) -> HttpResponse {
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        match self {
            Self::TooManyRequests { retry_after_secs } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_secs));
            }
            _ if self.status_code() == StatusCode::SERVICE_UNAVAILABLE => {
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

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    title: &'a str,
    message: &'a str,
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::NotFound | Self::UnknownRoom | Self::UnknownRole => StatusCode::NOT_FOUND,
            Self::RoomDisabled => StatusCode::FORBIDDEN,
            // 100ms says "… not found" for a missing template; other refusals conflict with its state.
            Self::Rejected(message) if message.to_ascii_lowercase().contains("not found") => {
                StatusCode::NOT_FOUND
            }
            Self::Rejected(_) => StatusCode::CONFLICT,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::SignedLinkRequired => StatusCode::FORBIDDEN,
            Self::LinkExpired => StatusCode::GONE,
            Self::SigningDisabled => StatusCode::CONFLICT,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Upstream(error) => match error.as_ref() {
                ResolveError::Upstream(hms) if hms.is_unavailable() => {
                    StatusCode::SERVICE_UNAVAILABLE
                }
                _ => StatusCode::BAD_GATEWAY,
            },
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The HTML error page.
    fn error_response(&self) -> HttpResponse {
        self.log();
        let status = self.status_code();
        let (title, message) = self.wording();
        let page = ErrorPage {
            status: status.as_u16(),
            title,
            message: &message,
        };
        let response = match page.render() {
            Ok(html) => HttpResponse::build(status)
                .content_type("text/html; charset=utf-8")
                .body(html),
            Err(_) => HttpResponse::build(status)
                .content_type("text/plain; charset=utf-8")
                .body(title),
        };
        self.finish(response)
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
            detail: match &self.0 {
                WebError::Internal(_) => "the portal could not complete the request".into(),
                other => other.to_string(),
            },
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
    askama::Error => |e: askama::Error| WebError::Internal(e.to_string()),
    Arc<ResolveError> => |e: Arc<ResolveError>| match e.as_ref() {
        ResolveError::UnknownRoom => WebError::UnknownRoom,
        ResolveError::UnknownRole => WebError::UnknownRole,
        ResolveError::RoomDisabled => WebError::RoomDisabled,
        ResolveError::Rejected(message) => WebError::Rejected(message.clone()),
        ResolveError::Upstream(_) => WebError::Upstream(e),
    },
}

/// Middleware hook: error responses that no handler rendered (router 404/405, extractor errors)
/// get the same error page, or problem JSON under `/api/`.
pub fn render_bare_error<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let rendered = res
        .response()
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html") || ct.contains("json"));
    if rendered {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let error = WebError::from_status(res.status());
    let response = if res.request().path().starts_with("/api/") {
        ApiError(error).error_response()
    } else {
        error.error_response()
    };
    let (request, _) = res.into_parts();
    let response = ServiceResponse::new(request, response).map_into_right_body();
    Ok(ErrorHandlerResponse::Response(response))
}
