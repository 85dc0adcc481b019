//! Sign-in through the company's OpenID provider, for roles whose policy is `sso`: the login in
//! progress and the session live in sealed cookies (no server state), the provider is asked
//! only at sign-in, and a role is granted by the claims `access.oidc.role_claims` names.

mod provider;
mod session;

use std::collections::BTreeMap;
use std::time::Duration;

use openidconnect::{ClientId, ClientSecret, IssuerUrl, RedirectUrl};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;
use url::Url;

use super::seal::Sealer;
use crate::domain::clock::unix_now;
use crate::domain::{PortalBase, RoleName};
use crate::settings::{OidcSettings, RoleClaim, SigningKeys};
use provider::Provider;
pub use session::{Session, SessionState};

/// How long a sign-in may take, from leaving the portal to coming back.
const LOGIN_WINDOW_SECS: u64 = 600;
/// A session's "last seen" is written anew at most this often (each time is a new cookie).
const SEEN_RESOLUTION_SECS: u64 = 60;

#[derive(Debug, thiserror::Error)]
pub enum SsoError {
    /// Discovery, the token endpoint or userinfo did not answer (or not usably).
    #[error("the sign-in service is not answering: {0}")]
    ProviderUnavailable(String),
    /// The person (or the provider) said no, e.g. consent denied.
    #[error("sign-in was not completed: {0}")]
    Denied(String),
    /// The provider refused to complete the sign-in (e.g. a code used twice).
    #[error("{0}")]
    Refused(String),
    /// What came back could not be trusted (signature, issuer, audience, nonce, subject).
    #[error("the sign-in could not be verified: {0}")]
    Invalid(String),
    /// No sign-in of this browser is waiting (none started, another one since, or too old),
    /// or the answer is not for it (`state`).
    #[error("this sign-in is not the one this browser started")]
    NotStarted,
}

/// Where the person goes after signing in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnTo {
    /// A path of this portal.
    pub path: String,
    /// Signed in from an embedded page, in a window of its own that closes itself.
    pub popup: bool,
}

/// A sign-in in progress, kept by the browser until the provider sends it back.
#[derive(Serialize, Deserialize)]
struct LoginState {
    state: String,
    nonce: String,
    verifier: String,
    back: ReturnTo,
    exp: u64,
}

/// What the provider sent back to `/auth/callback`.
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    /// The answering issuer (RFC 9207), when the provider says.
    pub iss: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// A role an `sso` visitor lacks: it needs one of these values in this claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGrant {
    pub role: RoleName,
    pub claim: String,
    pub any_of: Vec<String>,
}

pub struct Sso {
    provider: Provider,
    issuer: String,
    name_claim: String,
    role_claims: BTreeMap<RoleName, RoleClaim>,
    /// Who may use the operator's console.
    admin_claim: Option<RoleClaim>,
    idle: u64,
    max: u64,
    logins: Sealer,
    sessions: Sealer,
    portal: PortalBase,
}

impl Sso {
    /// Sign-in as configured; `None` when `access.oidc.issuer` is unset. `secret` is shared by
    /// every replica (cookies made by one are read by all).
    pub fn new(
        settings: &OidcSettings,
        portal: &PortalBase,
        cookie_keys: &SigningKeys,
    ) -> anyhow::Result<Option<Self>> {
        let Some(issuer) = &settings.issuer else {
            return Ok(None);
        };
        let issuer_text = issuer.0.as_str().trim_end_matches('/').to_owned();
        let client_id = settings.client_id.clone().unwrap_or_default();
        let client_secret = settings
            .client_secret
            .as_ref()
            .map(|s| ClientSecret::new(s.expose_secret().to_owned()));
        let redirect = RedirectUrl::from_url(portal.path_url(&["auth", "callback"]));
        let provider = Provider::new(
            IssuerUrl::new(issuer_text.clone())?,
            ClientId::new(client_id),
            client_secret,
            redirect,
            settings.scopes.clone(),
        )?;
        let sealer = |purpose| {
            Sealer::new(cookie_keys, purpose)
                .ok_or_else(|| anyhow::anyhow!("no key for sign-in cookies"))
        };
        Ok(Some(Self {
            provider,
            issuer: issuer_text,
            name_claim: settings.name_claim.clone(),
            role_claims: settings.role_claims.clone(),
            admin_claim: settings.admin.clone(),
            idle: settings.session_idle.as_secs(),
            max: settings.session_max.as_secs(),
            logins: sealer("login")?,
            sessions: sealer("session")?,
            portal: portal.clone(),
        }))
    }

    /// The provider's origin (sign-out forms are sent on to it).
    pub fn provider_origin(&self) -> String {
        Url::parse(&self.issuer).map_or_else(
            |_| self.issuer.clone(),
            |u| u.origin().ascii_serialization(),
        )
    }

    /// Starts a sign-in that comes back to `back`: the provider's URL, and the login cookie.
    pub async fn begin(&self, back: ReturnTo) -> Result<(Url, String), SsoError> {
        let started = self.provider.start().await?;
        let login = LoginState {
            state: started.state,
            nonce: started.nonce,
            verifier: started.verifier,
            back,
            exp: unix_now() + LOGIN_WINDOW_SECS,
        };
        Ok((started.url, self.logins.seal(&login)))
    }

    /// Completes the sign-in the login cookie says this browser started: the new session
    /// (as a cookie value) and where to go.
    pub async fn complete(
        &self,
        callback: Callback,
        login_cookie: Option<&str>,
    ) -> Result<(String, ReturnTo), SsoError> {
        let login: LoginState = login_cookie
            .and_then(|c| self.logins.open(c))
            .filter(|l: &LoginState| l.exp > unix_now())
            .ok_or(SsoError::NotStarted)?;
        let state_matches = callback
            .state
            .as_deref()
            .is_some_and(|s| bool::from(s.as_bytes().ct_eq(login.state.as_bytes())));
        if !state_matches {
            return Err(SsoError::NotStarted);
        }
        // An answer from another provider than ours (a mix-up attack) is not used.
        if callback
            .iss
            .as_deref()
            .is_some_and(|iss| iss.trim_end_matches('/') != self.issuer)
        {
            return Err(SsoError::Invalid("the answer names another issuer".into()));
        }
        if let Some(error) = callback.error {
            let reason = callback.error_description.unwrap_or(error);
            return Err(SsoError::Denied(reason));
        }
        let code = callback
            .code
            .ok_or_else(|| SsoError::Invalid("the provider sent no code".into()))?;
        let claims = self
            .provider
            .finish(code, login.verifier, login.nonce)
            .await?;
        let now = unix_now();
        let session = Session {
            sub: claims
                .get("sub")
                .and_then(|s| s.as_str())
                .unwrap_or_default()
                .to_owned(),
            name: claims
                .get(&self.name_claim)
                .and_then(|n| n.as_str())
                .map(str::to_owned),
            email: claims
                .get("email")
                .and_then(|e| e.as_str())
                .map(str::to_owned),
            locale: claims
                .get("locale")
                .and_then(|l| l.as_str())
                .filter(|l| l.len() <= 35)
                .map(str::to_owned),
            claims: self
                .role_claims
                .values()
                .chain(self.admin_claim.as_ref())
                .filter_map(|grant| {
                    let values = session::claim_values(claims.get(&grant.claim)?);
                    Some((grant.claim.clone(), values))
                })
                .collect(),
            iss: self.issuer.clone(),
            iat: now,
            seen: now,
            exp: now + self.max,
        };
        Ok((self.sessions.seal(&session), login.back))
    }

    /// The person a session cookie stands for, if it is genuine and current; with a renewed
    /// cookie when its "last seen" should move on.
    pub fn session(&self, cookie: Option<&str>) -> Result<(Session, Option<String>), SessionState> {
        let mut session: Session = cookie
            .and_then(|c| self.sessions.open(c))
            .ok_or(SessionState::Absent)?;
        let now = unix_now();
        session.check(&self.issuer, now, self.idle)?;
        let resolution = SEEN_RESOLUTION_SECS.min(self.idle / 2);
        let renewed = (now.saturating_sub(session.seen) >= resolution).then(|| {
            session.seen = now;
            self.sessions.seal(&session)
        });
        Ok((session, renewed))
    }

    /// Whether the session's claims grant `role`.
    pub fn grant(&self, session: &Session, role: &RoleName) -> Result<(), MissingGrant> {
        let Some(grant) = self.role_claims.get(role) else {
            return Ok(());
        };
        if session.holds(&grant.claim, &grant.any_of) {
            Ok(())
        } else {
            Err(MissingGrant {
                role: role.clone(),
                claim: grant.claim.clone(),
                any_of: grant.any_of.clone(),
            })
        }
    }

    /// Whether signing in can open the operator's console at all.
    pub fn opens_console(&self) -> bool {
        self.admin_claim.is_some()
    }

    /// Whether the session's claims open the operator's console (`access.oidc.admin`).
    pub fn grants_console(&self, session: &Session) -> bool {
        self.admin_claim
            .as_ref()
            .is_some_and(|grant| session.holds(&grant.claim, &grant.any_of))
    }

    /// Where the browser goes to sign out at the provider too (RP-initiated logout), or `None`
    /// when the provider has no such page.
    pub async fn sign_out_url(&self) -> Option<Url> {
        let mut url = self.provider.end_session().await?;
        url.query_pairs_mut()
            .append_pair("client_id", self.provider.client_id())
            .append_pair(
                "post_logout_redirect_uri",
                self.portal.path_url(&["auth", "signed-out"]).as_str(),
            );
        Some(url)
    }

    /// Asks the provider for its discovery document now; answers the issuer it checked.
    pub async fn check(&self) -> Result<&str, SsoError> {
        self.provider.discover().await?;
        Ok(&self.issuer)
    }

    /// How long a session cookie may live in the browser.
    pub fn session_max(&self) -> Duration {
        Duration::from_secs(self.max)
    }

    /// How long a login cookie may live in the browser.
    pub fn login_window(&self) -> Duration {
        Duration::from_secs(LOGIN_WINDOW_SECS)
    }
}
