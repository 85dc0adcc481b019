//! Auth tokens (`type: "app"`): what a browser joins a meeting with instead of a room code.
//! Signed like management tokens (HS256, the app secret) but bound to a room, a role and a user,
//! and short-lived: one per visit.

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use super::HmsError;
use super::token::CLOCK_SKEW;
use crate::domain::clock::unix_now;

/// The claims of a 100ms auth token, as the contract lists them (hms-api.md §1.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppClaims {
    pub access_key: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub version: u8,
    pub room_id: String,
    pub role: String,
    pub user_id: String,
    pub iat: u64,
    pub nbf: u64,
    pub exp: u64,
    pub jti: String,
}

impl AppClaims {
    pub const KIND: &'static str = "app";
    pub const VERSION: u8 = 2;
}

/// Who a token is for, and until when.
#[derive(Debug, Clone, Copy)]
pub struct TokenGrant<'a> {
    pub room_id: &'a str,
    pub role: &'a str,
    pub user_id: &'a str,
    /// Unix seconds.
    pub expires_at: u64,
}

pub struct AuthTokens {
    access_key: String,
    key: EncodingKey,
}

impl AuthTokens {
    pub fn new(access_key: &str, app_secret: &SecretString) -> Self {
        Self {
            access_key: access_key.to_owned(),
            key: EncodingKey::from_secret(app_secret.expose_secret().as_bytes()),
        }
    }

    /// A fresh token (its own `jti`) for one visit.
    pub fn mint(&self, grant: TokenGrant<'_>) -> Result<String, HmsError> {
        let iat = unix_now().saturating_sub(CLOCK_SKEW.as_secs());
        let claims = AppClaims {
            access_key: self.access_key.clone(),
            kind: AppClaims::KIND.to_owned(),
            version: AppClaims::VERSION,
            room_id: grant.room_id.to_owned(),
            role: grant.role.to_owned(),
            user_id: grant.user_id.to_owned(),
            iat,
            nbf: iat,
            exp: grant.expires_at,
            jti: uuid::Uuid::new_v4().to_string(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.key)
            .map_err(|e| HmsError::Token(e.into()))
    }
}

#[cfg(test)]
mod tests {
    use jsonwebtoken::{DecodingKey, Validation};

    use super::*;

    #[test]
    fn a_token_carries_the_room_role_user_and_expiry_it_was_minted_for() {
        let tokens = AuthTokens::new("key-1", &SecretString::from("s3cret"));
        let expires_at = unix_now() + 600;
        let grant = TokenGrant {
            room_id: "65f1",
            role: "host",
            user_id: "ada",
            expires_at,
        };
        let first = tokens.mint(grant).unwrap();
        let second = tokens.mint(grant).unwrap();
        let decode = |token: &str| {
            jsonwebtoken::decode::<AppClaims>(
                token,
                &DecodingKey::from_secret(b"s3cret"),
                &Validation::new(Algorithm::HS256),
            )
            .unwrap()
            .claims
        };
        let claims = decode(&first);
        assert_eq!(
            (claims.kind.as_str(), claims.version),
            ("app", 2),
            "an app token, not a management one"
        );
        assert_eq!(claims.access_key, "key-1");
        assert_eq!(
            (
                claims.room_id.as_str(),
                claims.role.as_str(),
                claims.user_id.as_str()
            ),
            ("65f1", "host", "ada")
        );
        assert_eq!(claims.exp, expires_at);
        assert_ne!(claims.jti, decode(&second).jti, "every visit its own jti");
    }
}
