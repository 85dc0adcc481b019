//! Static files, compiled into the binary so the portal needs no files at run time.

use actix_web::http::header;
use actix_web::{HttpResponse, web};

use crate::web::error::WebError;
use crate::web::state::AppState;

const STYLESHEET: &str = include_str!("../../../static/portal.css");
const FAVICON: &str = include_str!("../../../static/favicon.svg");
const SHARE_SCRIPT: &str = include_str!("../../../static/share.js");
const SIGN_IN_SCRIPT: &str = include_str!("../../../static/sign-in.js");
const SIGNED_IN_SCRIPT: &str = include_str!("../../../static/signed-in.js");
const LOCAL_TIMES_SCRIPT: &str = include_str!("../../../static/local-times.js");
const COUNTDOWN_SCRIPT: &str = include_str!("../../../static/countdown.js");
const IN_APP_SCRIPT: &str = include_str!("../../../static/in-app.js");
const CONSOLE_SCRIPT: &str = include_str!("../../../static/console.js");
const LOBBY_SCRIPT: &str = include_str!("../../../static/lobby.js");
const LOBBY_HOST_SCRIPT: &str = include_str!("../../../static/lobby-host.js");
const NEW_TAB_ICON: &str = include_str!("../../../static/new-tab.svg");

pub async fn asset(file: web::Path<String>) -> Result<HttpResponse, WebError> {
    let (body, content_type) = match file.as_str() {
        "portal.css" => (STYLESHEET, "text/css; charset=utf-8"),
        "favicon.svg" => (FAVICON, "image/svg+xml"),
        "share.js" => (SHARE_SCRIPT, "text/javascript; charset=utf-8"),
        "sign-in.js" => (SIGN_IN_SCRIPT, "text/javascript; charset=utf-8"),
        "signed-in.js" => (SIGNED_IN_SCRIPT, "text/javascript; charset=utf-8"),
        "local-times.js" => (LOCAL_TIMES_SCRIPT, "text/javascript; charset=utf-8"),
        "countdown.js" => (COUNTDOWN_SCRIPT, "text/javascript; charset=utf-8"),
        "in-app.js" => (IN_APP_SCRIPT, "text/javascript; charset=utf-8"),
        "console.js" => (CONSOLE_SCRIPT, "text/javascript; charset=utf-8"),
        "lobby.js" => (LOBBY_SCRIPT, "text/javascript; charset=utf-8"),
        "lobby-host.js" => (LOBBY_HOST_SCRIPT, "text/javascript; charset=utf-8"),
        "new-tab.svg" => (NEW_TAB_ICON, "image/svg+xml"),
        _ => return Err(WebError::NotFound),
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(body))
}

/// The operator's accent colour; short-lived in caches, since settings change with a restart.
pub async fn theme(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(state.portal.branding().theme_css.clone())
}

pub async fn favicon() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(FAVICON)
}
