//! The admin JSON API under `/api/v1`, one file per resource: rooms (create, links, rotate,
//! revoke), links (sign), invites, audit, cache (purge), and the OpenAPI document generated
//! from them. Errors are
//! `application/problem+json`.

mod attendance;
mod audit;
mod cache;
mod events;
mod input;
pub(crate) use events::calendar_response;
mod invites;
mod links;
mod lobby;
mod openapi;
mod rooms;
mod types;

use actix_web::http::Method;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{DefaultHeaders, from_fn};
use actix_web::{HttpResponse, ResponseError, web};

use super::error::{ApiError, WebError};
use super::middleware::require_admin;

pub fn configure(cfg: &mut web::ServiceConfig) {
    let body = web::PayloadConfig::new(input::BODY_LIMIT);
    cfg.service(
        web::scope("/api/v1")
            // Answers carry room codes and links: no cache may keep them.
            .wrap(DefaultHeaders::new().add((header::CACHE_CONTROL, "no-store")))
            .app_data(body)
            .route("/openapi.json", web::get().to(openapi::document))
            .service(
                web::scope("")
                    .wrap(from_fn(require_admin))
                    .service(
                        web::resource("/rooms")
                            .route(web::post().to(rooms::create))
                            .route(web::get().to(rooms::list))
                            .default_service(web::to(|| not_allowed("GET, POST"))),
                    )
                    .service(
                        web::resource("/rooms/{room}")
                            .route(web::get().to(rooms::show))
                            .route(web::patch().to(rooms::update))
                            .route(web::delete().to(rooms::remove))
                            .default_service(web::to(|| not_allowed("GET, PATCH, DELETE"))),
                    )
                    .service(
                        only("/rooms/{room}/links", Method::GET).route(web::get().to(rooms::links)),
                    )
                    .service(
                        only("/rooms/{room}/roles/{role}/rotate", Method::POST)
                            .route(web::post().to(rooms::rotate)),
                    )
                    .service(
                        only("/rooms/{room}/roles/{role}/revoke", Method::POST)
                            .route(web::post().to(rooms::revoke)),
                    )
                    .service(
                        only("/rooms/{room}/lobby", Method::GET).route(web::get().to(lobby::list)),
                    )
                    .service(
                        only("/rooms/{room}/lobby/{ticket}/admit", Method::POST)
                            .route(web::post().to(lobby::admit)),
                    )
                    .service(
                        only("/rooms/{room}/lobby/{ticket}/deny", Method::POST)
                            .route(web::post().to(lobby::deny)),
                    )
                    .service(
                        web::resource("/invites")
                            .route(web::post().to(invites::create))
                            .route(web::get().to(invites::list))
                            .default_service(web::to(|| not_allowed("GET, POST"))),
                    )
                    .service(
                        web::resource("/invites/{id}")
                            .route(web::get().to(invites::show))
                            .route(web::delete().to(invites::revoke))
                            .default_service(web::to(|| not_allowed("GET, DELETE"))),
                    )
                    .service(
                        only("/rooms/{room}/attendance", Method::GET)
                            .route(web::get().to(attendance::of_room)),
                    )
                    .service(
                        only("/events/{id}/attendance", Method::GET)
                            .route(web::get().to(attendance::of_event)),
                    )
                    .service(
                        only("/invites/{id}/attendance", Method::GET)
                            .route(web::get().to(attendance::of_invitation)),
                    )
                    .service(
                        web::resource("/events")
                            // An event carries up to 500 invitees.
                            .app_data(web::PayloadConfig::new(events::BODY_LIMIT))
                            .route(web::post().to(events::create))
                            .route(web::get().to(events::list))
                            .default_service(web::to(|| not_allowed("GET, POST"))),
                    )
                    .service(
                        web::resource("/events/{id}")
                            .route(web::get().to(events::show))
                            .route(web::patch().to(events::change))
                            .route(web::delete().to(events::cancel))
                            .default_service(web::to(|| not_allowed("GET, PATCH, DELETE"))),
                    )
                    .service(
                        only("/events/{id}/invitations/{invitation}", Method::GET)
                            .route(web::get().to(events::organizer_calendar)),
                    )
                    .service(only("/audit", Method::GET).route(web::get().to(audit::list)))
                    .service(only("/cache/purge", Method::POST).route(web::post().to(cache::purge)))
                    .service(only("/links", Method::POST).route(web::post().to(links::sign)))
                    .default_service(web::to(not_found)),
            ),
    );
}

/// A resource answering 405 with `Allow` to every method but `allowed`.
fn only(path: &str, allowed: Method) -> actix_web::Resource {
    web::resource(path).default_service(web::to(move || {
        let allowed = allowed.clone();
        async move { not_allowed(allowed.as_str()).await }
    }))
}

/// 405, with the methods the resource has.
async fn not_allowed(allowed: &str) -> HttpResponse {
    let mut response = ApiError(WebError::MethodNotAllowed).error_response();
    if let Ok(value) = HeaderValue::from_str(allowed) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}

async fn not_found() -> Result<HttpResponse, ApiError> {
    Err(ApiError(WebError::NotFound))
}
