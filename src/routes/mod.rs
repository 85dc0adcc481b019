//! The route table. Handlers parse input into domain types first, then ask the resolver.

pub mod api;
mod assets;
use std::sync::Arc;
pub mod health;
mod index;
mod join;
mod share;

use actix_web::{HttpResponse, web};

use crate::access::AccessRules;
use crate::branding::Branding;
use crate::error::WebError;
use crate::links::LinkBuilder;
use crate::metrics::Metrics;
use crate::rate_limit::RateLimits;
use crate::resolver::Resolver;

/// What the handlers share: built once at startup, outside the per-worker closure.
pub struct AppState {
    pub resolver: Resolver,
    pub links: LinkBuilder,
    pub access: AccessRules,
    pub limits: RateLimits,
    pub metrics: Arc<Metrics>,
    pub branding: Branding,
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    let page = || {
        web::route()
            .guard(actix_web::guard::Any(actix_web::guard::Get()).or(actix_web::guard::Head()))
    };
    // The hot pages first: routes are tried in order, and each pattern costs a regex match.
    cfg.service(web::resource("/join/{room}/{role}").route(page().to(join::join_page)))
        .service(web::resource("/embed/{room}/{role}").route(page().to(join::embed_page)))
        .configure(api::configure)
        .service(web::resource("/").route(page().to(index::index_page)))
        .service(web::resource("/healthz").route(page().to(health::healthz)))
        .service(web::resource("/readyz").route(page().to(health::readyz)))
        .service(web::resource("/rooms/{room}").route(page().to(share::share_page)))
        .service(web::resource("/static/theme.css").route(page().to(assets::theme)))
        .service(web::resource("/static/{file}").route(page().to(assets::asset)))
        .service(web::resource("/favicon.ico").route(page().to(assets::favicon)))
        .default_service(web::to(not_found));
}

/// An HTML page that is never cached: pages carry room codes or per-visitor data.
fn html(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(body)
}

async fn not_found() -> Result<actix_web::HttpResponse, WebError> {
    Err(WebError::NotFound)
}
