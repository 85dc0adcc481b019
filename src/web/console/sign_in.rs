//! Signing in to the console and out of it: the admin token typed into a form, or the portal's
//! sign-in through the OpenID provider for people whose claims grant the console. The session
//! cookie is `SameSite=Strict`, so after the provider's redirects (a cross-site chain, after
//! which a Strict cookie would not be sent) the person presses "Open the console" on a page of
//! the portal (sent by script at once) and the cookie is set by that same-site form.

use actix_web::cookie::Cookie;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::form::{Fields, Posted};
use super::{cleared_cookie, session_cookie};
use crate::portal::PortalError;
use crate::web::error::WebError;
use crate::web::pages::auth::SESSION_COOKIE;
use crate::web::pages::brand::Brand;
use crate::web::pages::html::{html, see_other};
use crate::web::same_origin::from_own_form;
use crate::web::state::AppState;

/// What the sign-in forms' tokens are issued for.
const SIGN_IN_FORM: &str = "/admin/sign-in";
const CONTINUE_FORM: &str = "/admin/sign-in/oidc";

#[derive(Template)]
#[template(path = "console/sign-in.html")]
struct SignInPage<'a> {
    brand: Brand<'a>,
    problem: Option<&'a str>,
    offers_token: bool,
    offers_sign_in: bool,
    form_token: &'a str,
}

fn sign_in_page(state: &AppState, problem: Option<&str>) -> Result<String, WebError> {
    let console = state.portal.console();
    let form_token = state.portal.forms().issue(SIGN_IN_FORM);
    let page = SignInPage {
        brand: Brand::of(state),
        problem,
        offers_token: console.offers_token(),
        offers_sign_in: console.offers_sign_in(),
        form_token: &form_token,
    };
    Ok(page.render()?)
}

pub async fn page(state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    Ok(html(sign_in_page(&state, None)?))
}

/// The token form: a session, or the form again with what went wrong.
pub async fn with_token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, WebError> {
    if !from_own_form(&state, &req, &body, SIGN_IN_FORM) {
        return Err(WebError::CrossSite);
    }
    let fields = Fields::parse(&body);
    let client = state.client_address.of(req.headers(), req.peer_addr());
    let presented = fields.get("token").unwrap_or_default();
    match state
        .portal
        .console()
        .sign_in_with_token(presented, client)
        .await
    {
        Ok(cookie) => Ok(see_other("/admin")
            .cookie(session_cookie(&state, cookie))
            .finish()),
        Err(PortalError::ConsoleTokenWrong) => {
            let mut response = html(sign_in_page(
                &state,
                Some("That is not the admin token. Check it and try again."),
            )?);
            *response.status_mut() = StatusCode::UNAUTHORIZED;
            Ok(response)
        }
        Err(error) => Err(error.into()),
    }
}

#[derive(Template)]
#[template(path = "console/continue.html")]
struct ContinuePage<'a> {
    brand: Brand<'a>,
    who: &'a str,
    form_token: &'a str,
}

/// Back from the provider: who signed in, and the button that opens the console (a 403 page
/// when their claims do not grant it).
pub async fn continue_page(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let sso = state.portal.sso().ok_or(PortalError::SignInOff)?;
    if !state.portal.console().offers_sign_in() {
        return Err(PortalError::SignInOff.into());
    }
    let cookie = req.cookie(SESSION_COOKIE);
    let (session, _) = sso
        .session(cookie.as_ref().map(Cookie::value))
        .map_err(PortalError::SignInRequired)?;
    if !sso.grants_console(&session) {
        return Err(PortalError::ConsoleNotGranted.into());
    }
    let who = session
        .email
        .clone()
        .or(session.name.clone())
        .unwrap_or(session.sub.clone());
    let form_token = state.portal.forms().issue(CONTINUE_FORM);
    let page = ContinuePage {
        brand: Brand::of(&state),
        who: &who,
        form_token: &form_token,
    };
    Ok(html(page.render()?))
}

/// "Open the console" after signing in: the session, set by a same-site request.
pub async fn with_sign_in(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, WebError> {
    if !from_own_form(&state, &req, &body, CONTINUE_FORM) {
        return Err(WebError::CrossSite);
    }
    let client = state.client_address.of(req.headers(), req.peer_addr());
    let sign_in = req.cookie(SESSION_COOKIE);
    let cookie = state
        .portal
        .console()
        .sign_in_with_sso(sign_in.as_ref().map(Cookie::value), client)
        .await?;
    Ok(see_other("/admin")
        .cookie(session_cookie(&state, cookie))
        .finish())
}

/// Ends the person's console session (their sign-in at the provider stays).
pub async fn sign_out(
    state: web::Data<AppState>,
    Posted { user, .. }: Posted,
) -> Result<HttpResponse, WebError> {
    state.portal.console().sign_out(&user).await?;
    Ok(see_other("/admin/sign-in")
        .cookie(cleared_cookie(&state))
        .finish())
}
