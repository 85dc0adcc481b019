//! What the handlers and middleware share: built once at startup, outside the per-worker closure.

use super::i18n::Languages;
use super::middleware::{AdminAuth, ClientAddress, SecurityHeaders};
use super::pages::auth::SessionCookies;
use super::pages::skeleton::Skeletons;
use crate::portal::Portal;

pub struct AppState {
    pub portal: Portal,
    /// Where a request's client address is read from.
    pub client_address: ClientAddress,
    pub security: SecurityHeaders,
    pub admin: AdminAuth,
    /// How sign-in cookies are written.
    pub cookies: SessionCookies,
    /// The languages pages are offered in.
    pub languages: Languages,
    /// The bare links' meeting pages, made once per language.
    pub skeletons: Skeletons,
}
