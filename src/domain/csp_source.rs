//! A site allowed to put portal pages in a frame: one source of the CSP `frame-ancestors`
//! directive (`'self'`, `https://intranet.example.com`, `https://*.example.com`).

use std::fmt;

/// A source of the CSP `frame-ancestors` directive, the keywords quoted as CSP needs them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CspSource(String);

impl CspSource {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for CspSource {
    type Err = String;

    fn from_str(source: &str) -> Result<Self, Self::Err> {
        if source.is_empty() || source.contains(|c: char| c.is_whitespace() || c == ';' || c == ',')
        {
            return Err(format!(
                "{source:?} is not a CSP source such as 'self' or https://intranet.example.com"
            ));
        }
        Ok(Self(match source {
            // A common slip: the keywords must be quoted in CSP.
            "self" | "none" => format!("'{source}'"),
            other => other.to_owned(),
        }))
    }
}

impl fmt::Display for CspSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for CspSource {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl serde::Serialize for CspSource {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}
