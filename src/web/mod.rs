//! Everything HTTP, and the only layer that knows actix: the route table, the shared state,
//! error pages and problem+json, middleware, HTML pages and the admin API. Handlers parse input
//! into domain types, then ask the portal's services.

pub mod api;
mod console;
mod csv;
pub mod error;
mod error_page;
mod framing;
mod hooks;
pub mod hot_path;
pub mod i18n;
mod language;
pub mod middleware;
pub mod pages;
pub mod same_origin;
pub mod state;
mod words;

use actix_web::web;

use crate::telemetry::HOT_ROUTES;
use pages::{assets, auth, health, index, invite, join, lobby, lobby_hosts, reports, share};

/// Every route of the main port (`/metrics` has a listener of its own).
pub fn configure(cfg: &mut web::ServiceConfig) {
    let page = || {
        web::route()
            .guard(actix_web::guard::Any(actix_web::guard::Get()).or(actix_web::guard::Head()))
    };
    // Bare links to these two (most page views) never reach this table: `hot_path.rs` answers
    // them before routing. The rest (queries, HEAD, escaped names) come here, first: routes are
    // tried in order, and each pattern costs a regex match. Named by their patterns, which the
    // access log reads without allocating.
    let [join_route, embed_route] = HOT_ROUTES;
    cfg.service(
        web::resource(join_route)
            .name(join_route)
            .route(page().to(join::join_page))
            .route(web::post().to(lobby::knock)),
    )
    .service(
        web::resource(embed_route)
            .name(embed_route)
            .route(page().to(join::embed_page))
            .route(web::post().to(lobby::knock)),
    )
    .configure(api::configure)
    .configure(console::configure)
    .service(web::resource("/").route(page().to(index::index_page)))
    .service(web::resource("/healthz").route(page().to(health::healthz)))
    .service(web::resource("/readyz").route(page().to(health::readyz)))
    .service(web::resource("/rooms/{room}").route(page().to(share::share_page)))
    .service(web::resource("/auth/login").route(page().to(auth::login)))
    .service(web::resource("/auth/callback").route(page().to(auth::callback)))
    .service(web::resource("/auth/logout").route(web::post().to(auth::logout)))
    .service(web::resource("/auth/signed-out").route(page().to(auth::signed_out)))
    .service(
        web::resource("/csp-reports")
            .app_data(web::PayloadConfig::new(reports::REPORT_LIMIT))
            .route(web::post().to(reports::csp_report)),
    )
    .service(
        web::resource("/hooks/100ms")
            .app_data(web::PayloadConfig::new(
                crate::portal::attendance::HOOK_LIMIT,
            ))
            .route(web::post().to(hooks::hms_hook)),
    )
    .service(
        web::resource("/i/{id}")
            .route(page().to(invite::show))
            .route(web::post().to(invite::join)),
    )
    .service(web::resource("/lobby/t/{id}").route(page().to(lobby::waiting)))
    .service(web::resource("/lobby/t/{id}/events").route(page().to(lobby::ticket_events)))
    .service(web::resource("/lobby/t/{id}/state").route(page().to(lobby::ticket_state)))
    .service(web::resource("/lobby/r/{room}").route(page().to(lobby_hosts::hosts_page)))
    .service(web::resource("/lobby/r/{room}/events").route(page().to(lobby_hosts::host_events)))
    .service(
        web::resource("/lobby/r/{room}/admit-all").route(web::post().to(lobby_hosts::admit_all)),
    )
    .service(
        web::resource("/lobby/r/{room}/{ticket}/{action}")
            .route(web::post().to(lobby_hosts::decide)),
    )
    .service(web::resource("/static/theme.css").route(page().to(assets::theme)))
    .service(web::resource("/static/{file}").route(page().to(assets::asset)))
    .service(web::resource("/favicon.ico").route(page().to(assets::favicon)))
    .default_service(web::to(pages::not_found));
}
