use std::fmt;

use serde::{Deserialize, Serialize};

/// Who may open a role's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum AccessPolicy {
    /// Anyone with the URL.
    Public,
    /// Only with a valid signed, expiring link from the admin API or CLI.
    Signed,
    /// Nobody: the role is not offered.
    Off,
}

impl fmt::Display for AccessPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Public => "public",
            Self::Signed => "signed",
            Self::Off => "off",
        })
    }
}
