//! The HTML pages and what browsers fetch besides them: join and embed pages, share pages, the
//! index, static assets, health probes and metrics.

pub mod assets;
pub mod auth;
pub mod brand;
pub mod health;
pub(crate) mod html;
pub mod index;
pub mod invite;
pub mod join;
pub mod lobby;
pub mod lobby_hosts;
pub(crate) mod meeting_page;
pub(crate) mod qr;
pub mod reports;
pub mod share;
pub mod skeleton;

use actix_web::HttpResponse;

use super::error::WebError;

pub async fn not_found() -> Result<HttpResponse, WebError> {
    Err(WebError::NotFound)
}
