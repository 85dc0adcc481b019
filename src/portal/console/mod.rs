//! The operator's console: who is signed in to it. Sessions are rows in the store (so signing
//! out, an admin ending them, or their lifetimes end them on every replica), referenced by a
//! sealed cookie holding a random id of which the store keeps only the digest. People get in
//! with the admin token typed into a form, or through the OpenID provider when they hold the
//! `access.oidc.admin` claim; such a session also needs the person's sign-in to still grant the
//! console at every page, so a claim taken away closes the console at their next sign-in.

use std::net::IpAddr;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::PortalError;
use super::admin_token::AdminToken;
use super::rate_limit::RateLimits;
use super::seal::Sealer;
use super::sso::Sso;
use crate::domain::clock::unix_now;
use crate::store::{Actor, AuditEntry, ConsoleSessionRow, Store};

/// A session's "last seen" is written anew at most this often.
const SEEN_RESOLUTION_SECS: u64 = 60;

/// How someone signed in to the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Token,
    SignIn,
}

impl Via {
    fn as_str(self) -> &'static str {
        match self {
            Self::Token => "token",
            Self::SignIn => "oidc",
        }
    }
}

/// A person in the console, as a page sees them.
#[derive(Debug, Clone)]
pub struct ConsoleUser {
    /// How the audit log names them.
    pub actor: Actor,
    pub via: Via,
    /// The CSRF token of this session's forms.
    pub csrf: String,
    /// Which session (the store's digest of its id).
    pub session: String,
    /// Unix seconds.
    pub expires_at: i64,
    /// The portal's sign-in cookie with its "last seen" moved on, to send back (a console used
    /// for long keeps the sign-in it stands on alive).
    pub renewed_sign_in: Option<String>,
}

/// A live console session, for the list of sessions.
#[derive(Debug, Clone)]
pub struct ConsoleSessionInfo {
    pub session: String,
    pub actor: String,
    pub via: String,
    pub created_at: i64,
    pub seen_at: i64,
    pub expires_at: i64,
}

/// Why a page of the console is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// Not signed in (or the session ended): sign in.
    SignIn,
    /// Signed in through the provider, without the console's claim.
    NotGranted,
}

#[derive(Serialize, Deserialize)]
struct Cookie {
    id: String,
}

pub struct Console {
    store: Arc<Store>,
    token: AdminToken,
    sso: Option<Arc<Sso>>,
    limits: Arc<RateLimits>,
    cookies: Sealer,
    on: bool,
    idle: u64,
    max: u64,
}

/// What the console is made of.
pub(crate) struct ConsoleParts {
    pub store: Arc<Store>,
    pub token: AdminToken,
    pub sso: Option<Arc<Sso>>,
    pub limits: Arc<RateLimits>,
    pub cookies: Sealer,
    pub on: bool,
    pub idle: u64,
    pub max: u64,
}

impl Console {
    pub(crate) fn new(parts: ConsoleParts) -> Self {
        let ConsoleParts {
            store,
            token,
            sso,
            limits,
            cookies,
            on,
            idle,
            max,
        } = parts;
        Self {
            store,
            token,
            sso,
            limits,
            cookies,
            on,
            idle,
            max,
        }
    }

    /// Whether the console exists: turned on, with a way in.
    pub fn is_on(&self) -> bool {
        self.on && (self.offers_token() || self.offers_sign_in())
    }

    pub fn offers_token(&self) -> bool {
        self.token.enabled()
    }

    pub fn offers_sign_in(&self) -> bool {
        self.sso.as_ref().is_some_and(|sso| sso.opens_console())
    }

    /// How long the session cookie may live in the browser.
    pub fn session_max(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.max)
    }

    /// Signs in with the admin token: the new session's cookie value.
    pub async fn sign_in_with_token(
        &self,
        presented: &str,
        client: IpAddr,
    ) -> Result<String, PortalError> {
        self.limits.check_console_sign_in(client)?;
        if !self.token.matches(presented.trim()) {
            return Err(PortalError::ConsoleTokenWrong);
        }
        self.start(Actor::Console("console: admin token".into()), Via::Token)
            .await
    }

    /// Signs in the person the portal's sign-in session (`sso_cookie`) stands for, when their
    /// claims open the console: the new session's cookie value.
    pub async fn sign_in_with_sso(
        &self,
        sso_cookie: Option<&str>,
        client: IpAddr,
    ) -> Result<String, PortalError> {
        self.limits.check_console_sign_in(client)?;
        let sso = self.sso.as_ref().ok_or(PortalError::SignInOff)?;
        let (session, _) = sso
            .session(sso_cookie)
            .map_err(PortalError::SignInRequired)?;
        if !sso.grants_console(&session) {
            return Err(PortalError::ConsoleNotGranted);
        }
        let who = match &session.email {
            Some(email) => format!("console: {email} (sub {})", session.sub),
            None => format!("console: sub {}", session.sub),
        };
        self.start(Actor::Console(who.into()), Via::SignIn).await
    }

    async fn start(&self, actor: Actor, via: Via) -> Result<String, PortalError> {
        let id = random_text();
        let now = seconds(unix_now());
        let row = ConsoleSessionRow {
            id_digest: digest(&id),
            actor: actor.as_str().to_owned(),
            via: via.as_str().to_owned(),
            csrf: random_text(),
            created_at: now,
            seen_at: now,
            expires_at: now.saturating_add(seconds(self.max)),
        };
        let audit = AuditEntry {
            actor,
            action: "console.signed-in",
            subject: "console".into(),
            detail: Some(format!("via {}", via.as_str())),
        };
        self.store.start_console_session(&row, &audit).await?;
        Ok(self.cookies.seal(&Cookie { id }))
    }

    /// The person a console cookie stands for, if their session is live (and, for one made by
    /// signing in, their sign-in still grants the console).
    pub async fn user(
        &self,
        cookie: Option<&str>,
        sso_cookie: Option<&str>,
    ) -> Result<Result<ConsoleUser, Denied>, PortalError> {
        let Some(Cookie { id }) = cookie.and_then(|c| self.cookies.open(c)) else {
            return Ok(Err(Denied::SignIn));
        };
        let id_digest = digest(&id);
        let Some(row) = self.store.console_session(&id_digest).await? else {
            return Ok(Err(Denied::SignIn));
        };
        let now = seconds(unix_now());
        let actor = Actor::Console(row.actor.clone().into());
        if now.saturating_sub(row.seen_at) >= seconds(self.idle) {
            let audit = ended(actor, "idle");
            self.store.end_console_session(&id_digest, &audit).await?;
            return Ok(Err(Denied::SignIn));
        }
        let via = if row.via == Via::SignIn.as_str() {
            Via::SignIn
        } else {
            Via::Token
        };
        let mut renewed_sign_in = None;
        if via == Via::SignIn {
            match self.still_granted(sso_cookie) {
                Ok(renewed) => renewed_sign_in = renewed,
                Err(denied) => {
                    let audit = ended(actor, "sign-in no longer grants the console");
                    self.store.end_console_session(&id_digest, &audit).await?;
                    return Ok(Err(denied));
                }
            }
        }
        if now.saturating_sub(row.seen_at) >= seconds(SEEN_RESOLUTION_SECS) {
            self.store.touch_console_session(&id_digest, now).await?;
        }
        Ok(Ok(ConsoleUser {
            actor,
            via,
            csrf: row.csrf,
            session: id_digest,
            expires_at: row.expires_at,
            renewed_sign_in,
        }))
    }

    fn still_granted(&self, sso_cookie: Option<&str>) -> Result<Option<String>, Denied> {
        let sso = self.sso.as_ref().ok_or(Denied::SignIn)?;
        let (session, renewed) = sso.session(sso_cookie).map_err(|_| Denied::SignIn)?;
        if sso.grants_console(&session) {
            Ok(renewed)
        } else {
            Err(Denied::NotGranted)
        }
    }

    /// Whether a form's token is this session's.
    pub fn form_is_genuine(&self, user: &ConsoleUser, token: Option<&str>) -> bool {
        token.is_some_and(|t| bool::from(t.as_bytes().ct_eq(user.csrf.as_bytes())))
    }

    /// Ends the person's own session.
    pub async fn sign_out(&self, user: &ConsoleUser) -> Result<(), PortalError> {
        let audit = ended(user.actor.clone(), "signed out");
        self.store
            .end_console_session(&user.session, &audit)
            .await?;
        Ok(())
    }

    /// Ends someone's session (from the console's list of sessions).
    pub async fn end(&self, user: &ConsoleUser, session: &str) -> Result<bool, PortalError> {
        let audit = AuditEntry {
            actor: user.actor.clone(),
            action: "console.session-ended",
            subject: "console".into(),
            detail: Some(format!("session {}", short(session))),
        };
        Ok(self.store.end_console_session(session, &audit).await?)
    }

    /// Live sessions, newest first.
    pub async fn sessions(&self) -> Result<Vec<ConsoleSessionInfo>, PortalError> {
        Ok(self
            .store
            .live_console_sessions()
            .await?
            .into_iter()
            .filter(|row| seconds(unix_now()).saturating_sub(row.seen_at) < seconds(self.idle))
            .map(|row| ConsoleSessionInfo {
                session: row.id_digest,
                actor: row.actor,
                via: row.via,
                created_at: row.created_at,
                seen_at: row.seen_at,
                expires_at: row.expires_at,
            })
            .collect())
    }
}

fn ended(actor: Actor, why: &str) -> AuditEntry {
    AuditEntry {
        actor,
        action: "console.signed-out",
        subject: "console".into(),
        detail: Some(why.to_owned()),
    }
}

/// A session's short name in audit lines and lists.
pub fn short(session: &str) -> &str {
    session.get(..12).unwrap_or(session)
}

fn random_text() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

fn digest(id: &str) -> String {
    let digest = Sha256::digest(id.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn seconds(secs: u64) -> i64 {
    i64::try_from(secs).unwrap_or(i64::MAX)
}
