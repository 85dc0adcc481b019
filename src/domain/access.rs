use std::fmt;

use serde::{Deserialize, Serialize};

/// Who may open a role's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase", try_from = "String")]
pub enum AccessPolicy {
    /// Anyone with the URL.
    Public,
    /// Only with a valid signed, expiring link from the admin API or CLI.
    Signed,
    /// Nobody: the role is not offered.
    Off,
}

impl TryFrom<String> for AccessPolicy {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        match value.trim().to_ascii_lowercase().as_str() {
            "public" => Ok(Self::Public),
            "signed" => Ok(Self::Signed),
            "off" => Ok(Self::Off),
            _ => Err(format!(
                "{value:?} is not one of \"public\", \"signed\", \"off\""
            )),
        }
    }
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
