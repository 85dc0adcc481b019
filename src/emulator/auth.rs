//! Token checks, as 100ms documents them: HS256 with the app secret, `type`, `version`,
//! `access_key`, and the time claims. Management tokens call the API; auth (`app`) tokens join
//! meetings. Neither is accepted in place of the other.

use actix_web::HttpRequest;
use actix_web::http::header::AUTHORIZATION;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};

use super::account::Refusal;
use crate::hms::{AppClaims, ManagementClaims};

/// Leeway for `exp`/`nbf`, so clients a few seconds apart still get through.
const LEEWAY_SECS: u64 = 10;

pub struct TokenCheck {
    access_key: String,
    key: DecodingKey,
    validation: Validation,
}

impl TokenCheck {
    pub fn new(access_key: &str, app_secret: &str) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = LEEWAY_SECS;
        validation.validate_nbf = true;
        validation.set_required_spec_claims(&["exp", "nbf", "iat", "jti"]);
        Self {
            access_key: access_key.to_owned(),
            key: DecodingKey::from_secret(app_secret.as_bytes()),
            validation,
        }
    }

    /// The claims of a valid `Authorization: Bearer` token, or 401 `Token validation error`.
    pub fn check(&self, request: &HttpRequest) -> Result<ManagementClaims, Refusal> {
        let refuse = |detail: &str| Refusal::new(401, "Token validation error").with_detail(detail);
        let header = request
            .headers()
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| refuse("not found"))?;
        let token = header
            .strip_prefix("Bearer ")
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| refuse("not found"))?;
        let claims = jsonwebtoken::decode::<ManagementClaims>(token, &self.key, &self.validation)
            .map_err(|e| refuse(&reason(&e)))?
            .claims;
        if claims.kind != ManagementClaims::KIND {
            return Err(refuse("token type is not management"));
        }
        if claims.version != ManagementClaims::VERSION {
            return Err(refuse("unsupported token version"));
        }
        if claims.access_key != self.access_key {
            return Err(refuse("invalid access key"));
        }
        Ok(claims)
    }
}

/// Why a meeting page refused an auth token: 401 for a token that is not valid at all (or not
/// now), 403 for a valid one that does not open this room or role.
#[derive(Debug)]
pub struct TokenRefusal {
    pub status: u16,
    pub reason: String,
}

impl TokenCheck {
    /// The claims of a valid auth token for `room_id` and `role` (when the path names them).
    pub fn check_app(
        &self,
        token: &str,
        path: Option<(&str, &str)>,
    ) -> Result<AppClaims, TokenRefusal> {
        let refuse = |status: u16, reason: String| TokenRefusal { status, reason };
        let claims = jsonwebtoken::decode::<AppClaims>(token, &self.key, &self.validation)
            .map_err(|e| refuse(401, reason(&e)))?
            .claims;
        if claims.kind != AppClaims::KIND {
            return Err(refuse(
                401,
                format!("token type is {:?}, not app", claims.kind),
            ));
        }
        if claims.version != AppClaims::VERSION {
            return Err(refuse(401, "unsupported token version".into()));
        }
        if claims.access_key != self.access_key {
            return Err(refuse(401, "invalid access key".into()));
        }
        if let Some((room_id, role)) = path
            && (claims.room_id != room_id || claims.role != role)
        {
            return Err(refuse(
                403,
                "the token is for another room or role than the link".into(),
            ));
        }
        Ok(claims)
    }
}

fn reason(error: &jsonwebtoken::errors::Error) -> String {
    use jsonwebtoken::errors::ErrorKind;
    match error.kind() {
        ErrorKind::ExpiredSignature => "token is expired".into(),
        ErrorKind::ImmatureSignature => "token is not valid yet".into(),
        ErrorKind::InvalidSignature => "signature is invalid".into(),
        ErrorKind::InvalidAlgorithm => "algorithm must be HS256".into(),
        ErrorKind::MissingRequiredClaim(claim) => format!("missing claim {claim}"),
        _ => "malformed token".into(),
    }
}
