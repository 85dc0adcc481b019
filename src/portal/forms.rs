//! Tokens of the portal's own forms (Join on an invitation, sign-out, and next the console and
//! the lobby), against cross-site request forgery: each form carries a sealed token naming what
//! it is for, valid for a while; the web layer also checks that the request came from the
//! portal's own pages (`Origin`, `Sec-Fetch-Site`).

use serde::{Deserialize, Serialize};

use super::seal::Sealer;
use crate::domain::clock::unix_now;

/// How long a page's form may be sent after the page was shown.
const LIFETIME_SECS: u64 = 12 * 3600;

pub struct FormTokens {
    sealer: Sealer,
}

#[derive(Serialize, Deserialize)]
struct Token {
    /// What the form does, e.g. `join /i/<id>`.
    form: String,
    exp: u64,
}

impl FormTokens {
    pub(super) fn new(sealer: Sealer) -> Self {
        Self { sealer }
    }

    /// A token for the form that does `form`.
    pub fn issue(&self, form: &str) -> String {
        self.sealer.seal(&Token {
            form: form.to_owned(),
            exp: unix_now().saturating_add(LIFETIME_SECS),
        })
    }

    /// Whether `token` was issued for `form` and is still valid.
    pub fn check(&self, form: &str, token: Option<&str>) -> bool {
        token
            .and_then(|t| self.sealer.open::<Token>(t))
            .is_some_and(|t| t.form == form && t.exp > unix_now())
    }
}
