use std::fmt;

use serde::Serialize;

use super::one_of_words;

/// Who may open a role's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum AccessPolicy {
    /// Anyone with the URL.
    Public,
    /// Only with a valid signed, expiring link from the admin API or CLI.
    Signed,
    /// People signed in through the company's OpenID provider (roles granted from claims).
    Sso,
    /// Nobody: the role is not offered.
    Off,
}

impl fmt::Display for AccessPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Public => "public",
            Self::Signed => "signed",
            Self::Sso => "sso",
            Self::Off => "off",
        })
    }
}

/// How a visitor enters the meeting: with the role's shareable room code, or with a fresh 100ms
/// auth token minted for this visit (short-lived, bound to a user id). Roles that are not
/// `public` always join with a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum JoinWith {
    Code,
    Token,
}

one_of_words!(AccessPolicy, "an access policy", [
    "public" => Self::Public,
    "signed" => Self::Signed,
    "sso" => Self::Sso,
    "off" => Self::Off,
]);

one_of_words!(JoinWith, "a way to join", ["code" => Self::Code, "token" => Self::Token]);
