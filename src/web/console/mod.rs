//! `/admin`: the operator's console, server-rendered and usable without script. Every page is
//! `no-store` and refuses to be framed; every page but sign-in needs a console session (see
//! `portal::console`), found by the guard below; every form that changes something carries the
//! session's CSRF token and must come from the portal's own origin.

mod attendance;
mod audit;
mod events;
mod form;
mod handouts;
mod room_actions;
mod rooms;
mod sign_in;
mod status;

use std::sync::Arc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{Next, from_fn};
use actix_web::{HttpMessage, ResponseError, web};

use super::error::WebError;
use super::pages::auth::SESSION_COOKIE;
use super::pages::html::see_other;
use super::state::AppState;
use crate::portal::PortalError;
use crate::portal::console::{ConsoleUser, Denied};

/// The console session's cookie (`Path=/admin`, `SameSite=Strict`).
const CONSOLE_COOKIE: &str = "pp_console";

pub fn configure(cfg: &mut web::ServiceConfig) {
    let page = || {
        web::route()
            .guard(actix_web::guard::Any(actix_web::guard::Get()).or(actix_web::guard::Head()))
    };
    cfg.service(
        web::scope("/admin")
            .wrap(from_fn(console_headers))
            .service(
                web::resource("/sign-in")
                    .route(page().to(sign_in::page))
                    .route(web::post().to(sign_in::with_token)),
            )
            .service(
                web::resource("/sign-in/oidc")
                    .route(page().to(sign_in::continue_page))
                    .route(web::post().to(sign_in::with_sign_in)),
            )
            .service(
                web::scope("")
                    .wrap(from_fn(require_operator))
                    .service(web::resource("").route(page().to(rooms::list)))
                    .service(web::resource("/").route(page().to(rooms::list)))
                    .service(web::resource("/sign-out").route(web::post().to(sign_in::sign_out)))
                    .service(web::resource("/rooms/new").route(page().to(rooms::new_room)))
                    .service(web::resource("/rooms").route(web::post().to(rooms::create)))
                    .service(
                        web::resource("/rooms/{room}")
                            .route(page().to(rooms::show))
                            .route(web::post().to(room_actions::update)),
                    )
                    .service(
                        web::resource("/rooms/{room}/delete")
                            .route(web::post().to(room_actions::delete)),
                    )
                    .service(
                        web::resource("/rooms/{room}/lobby/{ticket}/{action}")
                            .route(web::post().to(room_actions::lobby_decision)),
                    )
                    .service(
                        web::resource("/rooms/{room}/roles/{role}/{action}")
                            .route(web::post().to(room_actions::role_action)),
                    )
                    .service(
                        web::resource("/rooms/{room}/links").route(web::post().to(handouts::sign)),
                    )
                    .service(
                        web::resource("/rooms/{room}/invitations")
                            .route(web::post().to(handouts::invite)),
                    )
                    .service(
                        web::resource("/invitations/{id}/revoke")
                            .route(web::post().to(handouts::revoke)),
                    )
                    .service(
                        web::resource("/events")
                            .route(page().to(events::list))
                            .route(web::post().to(events::create)),
                    )
                    .service(
                        web::resource("/events/{id}")
                            .route(page().to(events::show))
                            .route(web::post().to(events::change)),
                    )
                    .service(
                        web::resource("/rooms/{room}/attendance")
                            .route(page().to(attendance::of_room)),
                    )
                    .service(
                        web::resource("/rooms/{room}/attendance.csv")
                            .route(page().to(attendance::room_csv)),
                    )
                    .service(
                        web::resource("/events/{id}/attendance")
                            .route(page().to(attendance::of_event)),
                    )
                    .service(
                        web::resource("/events/{id}/attendance.csv")
                            .route(page().to(attendance::event_csv)),
                    )
                    .service(
                        web::resource("/events/{id}/cancel").route(web::post().to(events::cancel)),
                    )
                    .service(
                        web::resource("/events/{id}/invitations/{invitation}")
                            .route(page().to(events::organizer_calendar)),
                    )
                    .service(web::resource("/audit").route(page().to(audit::page)))
                    .service(web::resource("/audit.csv").route(page().to(audit::csv)))
                    .service(web::resource("/status").route(page().to(status::page)))
                    .service(
                        web::resource("/sessions/{session}/end")
                            .route(web::post().to(status::end_session)),
                    ),
            ),
    );
}

/// Every answer under `/admin`: never kept by a cache, never framed; and no console at all
/// (404) when it is off.
async fn console_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(refuse(req, WebError::NotFound));
    };
    if !state.portal.console().is_on() {
        return Ok(refuse(req, WebError::NotFound));
    }
    let mut response = next.call(req).await?.map_into_left_body();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        state.security.room_policy(&Arc::from("'none'")),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// The console's pages past sign-in: the person's session, or the way to sign in.
async fn require_operator(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(refuse(req, WebError::NotFound));
    };
    let console_cookie = req.cookie(CONSOLE_COOKIE);
    let sign_in_cookie = req.cookie(SESSION_COOKIE);
    let found = state
        .portal
        .console()
        .user(
            console_cookie.as_ref().map(Cookie::value),
            sign_in_cookie.as_ref().map(Cookie::value),
        )
        .await;
    let user = match found {
        Ok(Ok(user)) => user,
        Ok(Err(Denied::SignIn)) => {
            let response = see_other("/admin/sign-in")
                .cookie(cleared_cookie(&state))
                .finish();
            return Ok(req.into_response(response).map_into_right_body());
        }
        Ok(Err(Denied::NotGranted)) => {
            return Ok(refuse(req, PortalError::ConsoleNotGranted.into()));
        }
        Err(error) => return Ok(refuse(req, error.into())),
    };
    let renewed = user.renewed_sign_in.clone();
    req.extensions_mut().insert(user);
    let mut response = next.call(req).await?;
    if let Some(renewed) = renewed
        && let Some(sso) = state.portal.sso()
    {
        let cookie = state.cookies.session(renewed, sso.session_max());
        let _ = response.response_mut().add_cookie(&cookie);
    }
    Ok(response.map_into_left_body())
}

fn refuse<B>(req: ServiceRequest, error: WebError) -> ServiceResponse<EitherBody<B>> {
    req.into_response(error.error_response())
        .map_into_right_body()
}

/// The console session's cookie: sent only to `/admin`, only from the portal's own pages.
fn session_cookie<'a>(state: &AppState, value: String) -> Cookie<'a> {
    let max_age = state.portal.console().session_max();
    Cookie::build(CONSOLE_COOKIE, value)
        .path("/admin")
        .http_only(true)
        .secure(state.cookies.secure())
        .same_site(SameSite::Strict)
        .max_age(time::Duration::seconds(
            i64::try_from(max_age.as_secs()).unwrap_or(i64::MAX),
        ))
        .finish()
}

fn cleared_cookie<'a>(state: &AppState) -> Cookie<'a> {
    let mut cookie = session_cookie(state, String::new());
    cookie.make_removal();
    cookie
}

/// What every console page shows around its content: who is signed in, the session's CSRF
/// token (for the sign-out form) and which section is open.
pub(super) struct Chrome<'a> {
    pub who: &'a str,
    pub csrf: &'a str,
    pub section: &'static str,
}

impl<'a> Chrome<'a> {
    fn of(user: &'a ConsoleUser, section: &'static str) -> Self {
        let who = user.actor.as_str();
        Self {
            who: who.strip_prefix("console: ").unwrap_or(who),
            csrf: &user.csrf,
            section,
        }
    }
}
