//! Management-token checks, as 100ms documents them: HS256 with the app secret, `type`,
//! `version`, `access_key`, and the time claims.

use actix_web::HttpRequest;
use actix_web::http::header::AUTHORIZATION;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};

use super::store::Refusal;
use crate::hms::ManagementClaims;

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
