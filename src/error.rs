//! The one web error type: every failure a visitor can meet, rendered as an HTML error page with
//! the right status. Details go to the log, never to the page.

use std::sync::Arc;

use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use crate::domain::{InvalidJoinOption, InvalidRoleName, InvalidRoomName};
use crate::resolver::ResolveError;

/// Seconds a visitor is asked to wait when 100ms is unreachable.
const RETRY_AFTER_SECS: u32 = 10;

#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("page not found")]
    NotFound,
    #[error("unknown room")]
    UnknownRoom,
    #[error("unknown role")]
    UnknownRole,
    #[error("room disabled")]
    RoomDisabled,
    #[error("100ms failed: {0}")]
    Upstream(Arc<ResolveError>),
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("internal error: {0}")]
    Internal(String),
}

/// What the error page says.
struct Wording {
    title: &'static str,
    message: String,
}

impl PageError {
    fn wording(&self) -> Wording {
        let (title, message) = match self {
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
            Self::MethodNotAllowed => ("Not allowed", "This page cannot be used that way.".into()),
            Self::Internal(_) => (
                "Something went wrong",
                "The portal could not show this page. Please try again; if it keeps happening, tell the portal's operator.".into(),
            ),
        };
        Wording { title, message }
    }

    /// The page error for a bare error status produced outside the handlers (router, extractors).
    pub fn from_status(status: StatusCode) -> Self {
        match status {
            StatusCode::NOT_FOUND => Self::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => Self::MethodNotAllowed,
            s if s.is_client_error() => Self::BadRequest("the request could not be read".into()),
            _ => Self::Internal(format!("bare {status} response")),
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    title: &'a str,
    message: &'a str,
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::NotFound | Self::UnknownRoom | Self::UnknownRole => StatusCode::NOT_FOUND,
            Self::RoomDisabled => StatusCode::FORBIDDEN,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Upstream(error) => match error.as_ref() {
                ResolveError::Upstream(hms) if hms.is_unavailable() => {
                    StatusCode::SERVICE_UNAVAILABLE
                }
                _ => StatusCode::BAD_GATEWAY,
            },
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status.is_server_error() {
            tracing::warn!(error = %self, status = status.as_u16(), "page failed");
        }
        let wording = self.wording();
        let page = ErrorPage {
            status: status.as_u16(),
            title: wording.title,
            message: &wording.message,
        };
        let mut response = match page.render() {
            Ok(html) => HttpResponse::build(status)
                .content_type("text/html; charset=utf-8")
                .body(html),
            Err(_) => HttpResponse::build(status)
                .content_type("text/plain; charset=utf-8")
                .body(wording.title),
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
        }
        response
    }
}

impl From<Arc<ResolveError>> for PageError {
    fn from(error: Arc<ResolveError>) -> Self {
        match error.as_ref() {
            ResolveError::UnknownRoom => Self::UnknownRoom,
            ResolveError::UnknownRole => Self::UnknownRole,
            ResolveError::RoomDisabled => Self::RoomDisabled,
            ResolveError::Upstream(_) => Self::Upstream(error),
        }
    }
}

impl From<InvalidRoomName> for PageError {
    fn from(error: InvalidRoomName) -> Self {
        Self::BadRequest(error.to_string())
    }
}

impl From<InvalidRoleName> for PageError {
    fn from(error: InvalidRoleName) -> Self {
        Self::BadRequest(error.to_string())
    }
}

impl From<InvalidJoinOption> for PageError {
    fn from(error: InvalidJoinOption) -> Self {
        Self::BadRequest(error.to_string())
    }
}

impl From<askama::Error> for PageError {
    fn from(error: askama::Error) -> Self {
        Self::Internal(error.to_string())
    }
}

/// Middleware hook: error responses that no handler rendered (router 404/405, extractor errors)
/// get the same HTML error page as everything else.
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
    let page = PageError::from_status(res.status()).error_response();
    let (request, _) = res.into_parts();
    let response = ServiceResponse::new(request, page).map_into_right_body();
    Ok(ErrorHandlerResponse::Response(response))
}
