//! The error page a person reads: a title and an explanation in their language (the words in
//! `web/words.rs`), what the page was about, and "Try again" when the trouble may pass.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use super::error::WebError;
use super::i18n::{Html, Msg, Speech};
use super::pages::brand::Brand;
use super::words::portal_wording;
use crate::portal::PortalError;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    t: Speech<'a>,
    brand: Brand<'a>,
    status: u16,
    title: Html<'a>,
    /// The room and role the page was about.
    about: Option<String>,
    message: Html<'a>,
    /// A "Try again" link (to this very page): the trouble may pass.
    retry: bool,
}

impl WebError {
    /// Title and explanation for a person reading the error page.
    fn wording(&self) -> (Msg, Msg) {
        match self.core() {
            Self::BadRequest(_) => (Msg::ErrorLinkInvalid, Msg::ErrorAddressMistake),
            Self::NotFound | Self::AdminApiOff => (Msg::ErrorNotFound, Msg::ErrorNoPage),
            Self::Unauthorized => (Msg::ErrorNotAuthorised, Msg::ErrorNeedsAdminToken),
            Self::MethodNotAllowed => (Msg::ErrorNotAllowed, Msg::ErrorWrongMethod),
            Self::UnsupportedMediaType | Self::TooLarge => {
                (Msg::ErrorRequestInvalid, Msg::ErrorRequestMistake)
            }
            Self::CrossSite => (Msg::ErrorCrossSite, Msg::ErrorCrossSiteText),
            Self::Portal(error) => portal_wording(error),
            Self::Internal(_) | Self::About { .. } => {
                (Msg::ErrorSomethingWrong, Msg::ErrorInternalText)
            }
        }
    }

    /// The HTML error page, with the operator's branding when known.
    pub fn page<'a>(&self, mut brand: Brand<'a>, t: Speech<'a>) -> HttpResponse {
        let status = self.status_code();
        // A mistake in the address is not carried into the language links.
        let t = if matches!(self.core(), Self::BadRequest(_)) {
            let t = t.without_query();
            brand.switch = t.switch();
            t
        } else {
            t
        };
        let (title, message) = self.wording();
        let (title, message) = (t.text(title), t.text(message));
        let reason = match self.core() {
            Self::BadRequest(reason) => Some(t.error_bad_address(reason.as_str()).to_string()),
            Self::Portal(PortalError::NotGranted(missing)) => Some(
                t.error_not_granted(
                    missing.role.as_str(),
                    missing.claim.as_str(),
                    missing.any_of.join(" | ").as_str(),
                )
                .to_string(),
            ),
            _ => None,
        };
        let about = match self {
            Self::About {
                room_title, role, ..
            } => Some(
                t.error_about(room_title.as_str(), role.as_str())
                    .to_string(),
            ),
            _ => None,
        };
        let page = ErrorPage {
            t,
            brand,
            status: status.as_u16(),
            title,
            about,
            message: reason.as_deref().map_or(message, Html),
            retry: matches!(
                status,
                StatusCode::SERVICE_UNAVAILABLE
                    | StatusCode::BAD_GATEWAY
                    | StatusCode::TOO_MANY_REQUESTS
            ),
        };
        let response = match page.render() {
            Ok(html) => HttpResponse::build(status)
                .content_type("text/html; charset=utf-8")
                .body(html),
            Err(_) => HttpResponse::build(status)
                .content_type("text/plain; charset=utf-8")
                .body(title.as_str().to_owned()),
        };
        self.finish(response)
    }
}
