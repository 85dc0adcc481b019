//! The admin token, for the admin API's bearer header and the console's sign-in form: kept only
//! as a SHA-256 digest and compared in constant time.

use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

pub struct AdminToken {
    digest: Option<[u8; 32]>,
}

impl AdminToken {
    /// `None`: no token opens anything.
    pub fn new(token: Option<&SecretString>) -> Self {
        Self {
            digest: token.map(|t| digest(t.expose_secret())),
        }
    }

    pub fn enabled(&self) -> bool {
        self.digest.is_some()
    }

    /// Whether `presented` is the token.
    pub fn matches(&self, presented: &str) -> bool {
        self.digest
            .is_some_and(|expected| bool::from(digest(presented).ct_eq(&expected)))
    }
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_token_matches_and_none_opens_nothing() {
        let token = AdminToken::new(Some(&SecretString::from("s3cret-token")));
        assert!(token.matches("s3cret-token"));
        assert!(!token.matches("s3cret"));
        assert!(!token.matches(""));
        assert!(!AdminToken::new(None).matches(""));
    }
}
