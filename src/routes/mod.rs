//! The route table. Handlers parse input into domain types first, then ask the resolver.

mod assets;
mod health;
mod join;

use actix_web::web;

use crate::error::PageError;

pub use join::PageState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    let page = || {
        web::route()
            .guard(actix_web::guard::Any(actix_web::guard::Get()).or(actix_web::guard::Head()))
    };
    cfg.service(web::resource("/healthz").route(page().to(health::healthz)))
        .service(web::resource("/join/{room}/{role}").route(page().to(join::join_page)))
        .service(web::resource("/embed/{room}/{role}").route(page().to(join::embed_page)))
        .service(web::resource("/static/{file}").route(page().to(assets::asset)))
        .service(web::resource("/favicon.ico").route(page().to(assets::favicon)))
        .default_service(web::to(not_found));
}

async fn not_found() -> Result<actix_web::HttpResponse, PageError> {
    Err(PageError::NotFound)
}
