//! `/auth/*`: signing in through the OpenID provider (for `sso` roles) and out again. The
//! sign-in in progress and the session are sealed cookies; see `portal::sso`.

use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::brand::Brand;
use super::html::{html, see_other};
use crate::portal::PortalError;
use crate::portal::sso::{Callback, ReturnTo};
use crate::settings::Settings;
use crate::web::error::WebError;
use crate::web::i18n::{Markup, Speech};
use crate::web::language::{speech, speech_of};
use crate::web::same_origin::from_own_form;
use crate::web::state::AppState;

pub const SESSION_COOKIE: &str = "pp_session";
const LOGIN_COOKIE: &str = "pp_login";

/// How the sign-in cookies are written.
pub struct SessionCookies {
    secure: bool,
    /// `None` over https, so an `/embed` page framed by an intranet on another site still
    /// sees the session (browsers send only `SameSite=None` cookies to cross-site frames, and
    /// only with `Secure`); `Lax` over plain http, where `None` is refused. CSRF is not opened
    /// by this: the cookie only lets its owner see pages, `frame-ancestors` limits who frames
    /// them, and sign-out is a POST from our own form.
    same_site: SameSite,
}

impl SessionCookies {
    pub fn new(settings: &Settings) -> Self {
        let secure = settings
            .server
            .public_url
            .as_ref()
            .is_some_and(|url| url.0.scheme() == "https");
        Self {
            secure,
            same_site: if secure {
                SameSite::None
            } else {
                SameSite::Lax
            },
        }
    }

    /// Whether cookies are `Secure` (the portal is reached over https).
    pub fn secure(&self) -> bool {
        self.secure
    }

    pub fn session<'a>(&self, value: String, max_age: std::time::Duration) -> Cookie<'a> {
        Cookie::build(SESSION_COOKIE, value)
            .path("/")
            .http_only(true)
            .secure(self.secure)
            .same_site(self.same_site)
            .max_age(seconds(max_age))
            .finish()
    }

    /// The cookie that keeps a visitor's choice of language, for a year.
    pub fn language<'a>(&self, language: crate::domain::Language) -> Cookie<'a> {
        Cookie::build(crate::web::i18n::LANGUAGE_COOKIE, language.tag())
            .path("/")
            .http_only(true)
            .secure(self.secure)
            .same_site(self.same_site)
            .max_age(time::Duration::days(365))
            .finish()
    }

    fn cleared_session<'a>(&self) -> Cookie<'a> {
        let mut cookie = self.session(String::new(), std::time::Duration::ZERO);
        cookie.make_removal();
        cookie
    }

    /// The sign-in in progress: read only at `/auth/callback`, which the provider reaches by a
    /// top-level navigation, so `Lax` is enough.
    fn login<'a>(&self, value: String, max_age: std::time::Duration) -> Cookie<'a> {
        Cookie::build(LOGIN_COOKIE, value)
            .path("/auth")
            .http_only(true)
            .secure(self.secure)
            .same_site(SameSite::Lax)
            .max_age(seconds(max_age))
            .finish()
    }

    fn cleared_login<'a>(&self) -> Cookie<'a> {
        let mut cookie = self.login(String::new(), std::time::Duration::ZERO);
        cookie.make_removal();
        cookie
    }
}

fn seconds(duration: std::time::Duration) -> time::Duration {
    time::Duration::seconds(i64::try_from(duration.as_secs()).unwrap_or(i64::MAX))
}

#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    popup: Option<String>,
}

/// Starts signing in, then back to `next` (a join or embed page of this portal).
pub async fn login(
    state: web::Data<AppState>,
    query: web::Query<LoginQuery>,
) -> Result<HttpResponse, WebError> {
    let sso = state
        .portal
        .sso()
        .ok_or(WebError::Portal(PortalError::SignInOff))?;
    let back = ReturnTo {
        path: safe_return_path(query.next.as_deref()),
        popup: query.popup.as_deref() == Some("1"),
    };
    let (url, login) = sso.begin(back).await.map_err(PortalError::SignIn)?;
    Ok(see_other(url.as_str())
        .cookie(state.cookies.login(login, sso.login_window()))
        .finish())
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    iss: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

#[derive(Template)]
#[template(path = "signed-in.html")]
struct SignedInPage<'a> {
    t: Speech<'a>,
    brand: Brand<'a>,
    next: &'a str,
}

/// The provider sends the browser back here: the session starts, and the person goes on.
pub async fn callback(
    state: web::Data<AppState>,
    query: web::Query<CallbackQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let sso = state
        .portal
        .sso()
        .ok_or(WebError::Portal(PortalError::SignInOff))?;
    let query = query.into_inner();
    let callback = Callback {
        code: query.code,
        state: query.state,
        iss: query.iss,
        error: query.error,
        error_description: query.error_description,
    };
    let login = req.cookie(LOGIN_COOKIE);
    let (session, back) = sso
        .complete(callback, login.as_ref().map(|c| c.value()))
        .await
        .map_err(PortalError::SignIn)?;
    let session = state.cookies.session(session, sso.session_max());
    let login = state.cookies.cleared_login();
    if back.popup {
        // Its address holds the provider's one-time code: no language links to reload it.
        let t = speech_of(&state, req.headers(), "", None);
        let page = SignedInPage {
            t,
            brand: Brand {
                switch: Markup::none(),
                ..Brand::speaking(&state, &t)
            },
            next: &back.path,
        };
        let mut response = html(page.render()?);
        for cookie in [&session, &login] {
            response.add_cookie(cookie).map_err(|e| internal(&e))?;
        }
        return Ok(response);
    }
    Ok(see_other(&back.path).cookie(session).cookie(login).finish())
}

/// Ends the session here, then at the provider when it offers that; only from the portal's own
/// pages (another site's form cannot sign a visitor out).
/// What the sign-out form's token is issued for.
pub const SIGN_OUT: &str = "/auth/logout";

pub async fn logout(
    state: web::Data<AppState>,
    body: web::Bytes,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    if !from_own_form(&state, &req, &body, SIGN_OUT) {
        return Err(WebError::CrossSite);
    }
    let sso = state
        .portal
        .sso()
        .ok_or(WebError::Portal(PortalError::SignInOff))?;
    let location = match sso.sign_out_url().await {
        Some(url) => url.to_string(),
        None => "/auth/signed-out".to_owned(),
    };
    Ok(see_other(&location)
        .cookie(state.cookies.cleared_session())
        .finish())
}

#[derive(Template)]
#[template(path = "signed-out.html")]
struct SignedOutPage<'a> {
    t: Speech<'a>,
    brand: Brand<'a>,
}

pub async fn signed_out(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let t = speech(&state, &req);
    let page = SignedOutPage {
        t,
        brand: Brand::speaking(&state, &t),
    };
    Ok(html(page.render()?))
}

/// Only this portal's meeting pages (and invitations, and the console's sign-in) are places to
/// return to; anything else
/// goes to `/`. The
/// path is kept as visible ASCII (any other byte percent-encoded), so it always makes a valid
/// `Location`, whatever a login link carried.
fn safe_return_path(next: Option<&str>) -> String {
    let Some(next) = next else {
        return "/".to_owned();
    };
    let encoded = percent_encoding::percent_encode(next.as_bytes(), NOT_VISIBLE_ASCII).to_string();
    let is_meeting_page = (encoded.starts_with("/join/")
        || encoded.starts_with("/embed/")
        || encoded.starts_with("/i/")
        || encoded == CONSOLE_CONTINUE)
        && !encoded.contains('\\')
        && !encoded.starts_with("//");
    if is_meeting_page {
        encoded
    } else {
        "/".to_owned()
    }
}

/// Where signing in for the operator's console comes back to.
const CONSOLE_CONTINUE: &str = "/admin/sign-in/oidc";

/// Every byte but visible ASCII (`!` to `~`); `%` stays, so escapes already there are kept.
const NOT_VISIBLE_ASCII: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS.add(b' ');

fn internal(error: &dyn std::fmt::Display) -> WebError {
    WebError::Internal(format!("could not set a cookie: {error}").into())
}

#[cfg(test)]
mod tests {
    use super::safe_return_path;

    #[test]
    fn only_meeting_pages_of_this_portal_are_returned_to() {
        assert_eq!(
            safe_return_path(Some("/join/demo/host?x=1")),
            "/join/demo/host?x=1"
        );
        assert_eq!(
            safe_return_path(Some("/embed/demo/host")),
            "/embed/demo/host"
        );
        assert_eq!(
            safe_return_path(Some("/admin/sign-in/oidc")),
            "/admin/sign-in/oidc"
        );
        assert_eq!(safe_return_path(Some("/admin/rooms")), "/");
        for bad in [
            "https://evil.example",
            "//evil.example/join/",
            "/api/v1/rooms",
            "/join\\evil",
        ] {
            assert_eq!(safe_return_path(Some(bad)), "/", "{bad:?}");
        }
        for (odd, kept) in [
            ("/join/\r\nx", "/join/%0D%0Ax"),
            ("/join/demo/host\u{1}", "/join/demo/host%01"),
            ("/join/demo/host\u{7f}", "/join/demo/host%7F"),
            ("/join/demo/hôst", "/join/demo/h%C3%B4st"),
            (
                "/join/demo/host?name=Ada Lovelace",
                "/join/demo/host?name=Ada%20Lovelace",
            ),
        ] {
            assert_eq!(safe_return_path(Some(odd)), kept, "{odd:?}");
        }
        assert_eq!(safe_return_path(None), "/");
    }
}
