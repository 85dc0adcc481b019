//! Management tokens: HS256 JWTs signed with the app secret, minted once and shared by every
//! worker until shortly before they expire.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use super::HmsError;
use crate::domain::clock::unix_now;

/// The claims of a 100ms management token, exactly as the contract lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagementClaims {
    pub access_key: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub version: u8,
    pub iat: u64,
    pub nbf: u64,
    pub exp: u64,
    pub jti: String,
}

impl ManagementClaims {
    pub const KIND: &'static str = "management";
    pub const VERSION: u8 = 2;
}

/// 24 hours, as in every official sample.
pub const LIFETIME: Duration = Duration::from_secs(24 * 3600);
/// Backdating `iat`/`nbf` absorbs a clock that runs a little ahead of 100ms's (the Node SDK uses 10 s).
pub const CLOCK_SKEW: Duration = Duration::from_secs(10);
/// A token this close to expiry is replaced, so no request travels with one about to lapse.
pub const REFRESH_MARGIN: Duration = Duration::from_secs(300);

pub struct ManagementTokens {
    access_key: String,
    key: EncodingKey,
    current: Mutex<Option<Minted>>,
    mints: AtomicU64,
}

struct Minted {
    token: Arc<str>,
    refresh_after: u64,
}

impl ManagementTokens {
    pub fn new(access_key: &str, app_secret: &SecretString) -> Self {
        Self {
            access_key: access_key.to_owned(),
            key: EncodingKey::from_secret(app_secret.expose_secret().as_bytes()),
            current: Mutex::new(None),
            mints: AtomicU64::new(0),
        }
    }

    /// How many tokens were minted so far.
    pub fn mints(&self) -> u64 {
        self.mints.load(Ordering::Relaxed)
    }

    /// The token to send now: the shared one, or a fresh one when it is near expiry.
    pub fn bearer(&self) -> Result<Arc<str>, HmsError> {
        let now = unix_now();
        let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(minted) = current.as_ref().filter(|m| now < m.refresh_after) {
            return Ok(minted.token.clone());
        }
        let minted = self.mint(now)?;
        let token = minted.token.clone();
        *current = Some(minted);
        Ok(token)
    }

    /// Drops `rejected` after 100ms refused it, unless another request already replaced it.
    pub fn discard(&self, rejected: &Arc<str>) {
        let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        if current
            .as_ref()
            .is_some_and(|m| Arc::ptr_eq(&m.token, rejected))
        {
            *current = None;
        }
    }

    fn mint(&self, now: u64) -> Result<Minted, HmsError> {
        let iat = now.saturating_sub(CLOCK_SKEW.as_secs());
        let claims = ManagementClaims {
            access_key: self.access_key.clone(),
            kind: ManagementClaims::KIND.to_owned(),
            version: ManagementClaims::VERSION,
            iat,
            nbf: iat,
            exp: iat + LIFETIME.as_secs(),
            jti: uuid::Uuid::new_v4().to_string(),
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.key)
            .map_err(|e| HmsError::Token(e.into()))?;
        self.mints.fetch_add(1, Ordering::Relaxed);
        tracing::debug!(jti = %claims.jti, "minted a 100ms management token");
        Ok(Minted {
            token: token.into(),
            refresh_after: claims.exp - REFRESH_MARGIN.as_secs(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{DecodingKey, Validation};

    fn tokens() -> ManagementTokens {
        ManagementTokens::new("access-key-1", &SecretString::from("s3cret"))
    }

    #[test]
    fn a_token_carries_the_documented_claims_and_lifetime() {
        let token = tokens().bearer().unwrap();
        let data = jsonwebtoken::decode::<ManagementClaims>(
            &*token,
            &DecodingKey::from_secret(b"s3cret"),
            &Validation::new(Algorithm::HS256),
        )
        .unwrap();
        let claims = data.claims;
        assert_eq!(data.header.alg, Algorithm::HS256);
        assert_eq!(data.header.typ.as_deref(), Some("JWT"));
        assert_eq!(claims.access_key, "access-key-1");
        assert_eq!(claims.kind, "management");
        assert_eq!(claims.version, 2);
        assert_eq!(claims.nbf, claims.iat);
        assert_eq!(claims.exp - claims.iat, 24 * 3600);
        let now = unix_now();
        assert!(
            claims.iat <= now - 9 && claims.iat >= now - 12,
            "iat is backdated by ~10 s"
        );
        assert_eq!(
            uuid::Uuid::parse_str(&claims.jti)
                .unwrap()
                .get_version_num(),
            4
        );
    }

    #[test]
    fn the_token_is_reused_until_discarded() {
        let tokens = tokens();
        let first = tokens.bearer().unwrap();
        assert!(Arc::ptr_eq(&first, &tokens.bearer().unwrap()));
        tokens.discard(&first);
        let second = tokens.bearer().unwrap();
        assert_ne!(first, second);
        // A stale rejection does not throw away the newer token.
        tokens.discard(&first);
        assert!(Arc::ptr_eq(&second, &tokens.bearer().unwrap()));
    }
}
