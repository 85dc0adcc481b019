use std::fmt;

use compact_str::CompactString;

/// A role of a 100ms template, as named in a portal URL. Roles are case-sensitive in 100ms.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoleName(CompactString);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidRoleName {
    #[error("a role name cannot be empty")]
    Empty,
    #[error("a role name can be at most {} characters long", RoleName::MAX_LEN)]
    TooLong,
    #[error("a role name may only contain letters, digits, '-' and '_'")]
    BadCharacter,
}

impl RoleName {
    pub const MAX_LEN: usize = 64;

    pub fn parse(input: &str) -> Result<Self, InvalidRoleName> {
        if input.is_empty() {
            return Err(InvalidRoleName::Empty);
        }
        if input.len() > Self::MAX_LEN {
            return Err(InvalidRoleName::TooLong);
        }
        if !input
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
        {
            return Err(InvalidRoleName::BadCharacter);
        }
        Ok(Self(input.into()))
    }

    /// Roles such as `__internal_recorder` belong to 100ms's own bots; nobody joins as them.
    pub fn is_internal(&self) -> bool {
        self.0.starts_with("__")
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for RoleName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RoleName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl serde::Serialize for RoleName {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_keep_their_case() {
        assert_eq!(RoleName::parse("Guest-1_a").unwrap().as_str(), "Guest-1_a");
    }

    #[test]
    fn malformed_role_names_are_rejected() {
        assert_eq!(RoleName::parse(""), Err(InvalidRoleName::Empty));
        assert_eq!(RoleName::parse("a.b"), Err(InvalidRoleName::BadCharacter));
        assert_eq!(RoleName::parse("<b>"), Err(InvalidRoleName::BadCharacter));
        assert_eq!(
            RoleName::parse(&"r".repeat(65)),
            Err(InvalidRoleName::TooLong)
        );
    }

    #[test]
    fn double_underscore_roles_are_internal() {
        assert!(
            RoleName::parse("__internal_recorder")
                .unwrap()
                .is_internal()
        );
        assert!(!RoleName::parse("host").unwrap().is_internal());
    }
}
