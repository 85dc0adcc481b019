//! A signed-in person, as the session cookie carries them: who (`sub`, from the provider), the
//! name the meeting shows, the claims that grant roles, and the session's lifetimes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The provider's subject: the person's user id in the meeting.
    pub sub: String,
    /// The display name from `access.oidc.name_claim`, if the provider gave one.
    pub name: Option<String>,
    /// The `email` claim, when the provider gave one (how the console's audit names people).
    #[serde(default)]
    pub email: Option<String>,
    /// The `locale` claim (a BCP 47 tag), when the provider gave one: pages speak it unless
    /// the visitor chose another language.
    #[serde(default)]
    pub locale: Option<String>,
    /// Values of the claims that `access.oidc.role_claims` look at.
    pub claims: BTreeMap<String, Vec<String>>,
    /// The issuer that signed the person in (a session of another provider is not valid).
    pub iss: String,
    /// Unix seconds: signed in, last seen, ends at the latest.
    pub iat: u64,
    pub seen: u64,
    pub exp: u64,
}

/// Why a session cookie does not let someone in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionState {
    /// No cookie, or one that is not genuine.
    Absent,
    /// Genuine, but past its idle or absolute lifetime.
    Expired,
}

impl Session {
    /// Whether the session is still good at `now` for a portal whose sessions idle out after
    /// `idle` seconds.
    pub fn check(&self, issuer: &str, now: u64, idle: u64) -> Result<(), SessionState> {
        if self.iss != issuer {
            return Err(SessionState::Absent);
        }
        if now >= self.exp || now.saturating_sub(self.seen) >= idle {
            return Err(SessionState::Expired);
        }
        Ok(())
    }

    /// Whether the person has any of `any_of` in `claim`.
    pub fn holds(&self, claim: &str, any_of: &[String]) -> bool {
        self.claims
            .get(claim)
            .is_some_and(|values| values.iter().any(|v| any_of.contains(v)))
    }
}

/// The values of a claim as strings: a string, a number or a boolean, or a list of those.
pub fn claim_values(value: &serde_json::Value) -> Vec<String> {
    use serde_json::Value;
    match value {
        Value::String(text) => vec![text.clone()],
        Value::Number(number) => vec![number.to_string()],
        Value::Bool(flag) => vec![flag.to_string()],
        Value::Array(items) => items.iter().flat_map(claim_values).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        Session {
            sub: "alice".into(),
            name: Some("Alice".into()),
            email: None,
            locale: None,
            claims: BTreeMap::from([("groups".into(), vec!["staff".into(), "hosts".into()])]),
            iss: "https://id.example.com".into(),
            iat: 1_000,
            seen: 1_000,
            exp: 5_000,
        }
    }

    #[test]
    fn a_session_ends_when_idle_or_at_its_end_and_belongs_to_one_issuer() {
        let s = session();
        assert_eq!(s.check("https://id.example.com", 1_500, 600), Ok(()));
        assert_eq!(
            s.check("https://id.example.com", 1_600, 600),
            Err(SessionState::Expired)
        );
        assert_eq!(
            s.check("https://id.example.com", 5_000, 10_000),
            Err(SessionState::Expired)
        );
        assert_eq!(
            s.check("https://evil.example.com", 1_500, 600),
            Err(SessionState::Absent)
        );
    }

    #[test]
    fn roles_are_granted_by_any_listed_claim_value() {
        let s = session();
        assert!(s.holds("groups", &["hosts".into()]));
        assert!(!s.holds("groups", &["admins".into()]));
        assert!(!s.holds("roles", &["hosts".into()]));
        assert_eq!(
            claim_values(&serde_json::json!(["a", 1, true, {"x": 1}])),
            ["a", "1", "true"]
        );
    }
}
