use std::fmt;

use compact_str::CompactString;

/// A room as it appears in portal URLs: a configured alias or a 100ms room name.
///
/// 100ms allows `a-z A-Z 0-9 . - : _` in room names and treats them case-insensitively,
/// so the parsed form is lowercase: `/join/Demo/guest` and `/join/demo/guest` are one room.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoomName(CompactString);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidRoomName {
    #[error("a room name cannot be empty")]
    Empty,
    #[error("a room name can be at most {} characters long", RoomName::MAX_LEN)]
    TooLong,
    #[error("a room name may only contain letters, digits, '.', '-', ':' and '_'")]
    BadCharacter,
    #[error("a room name needs at least one letter or digit")]
    NoAlphanumeric,
}

impl RoomName {
    pub const MAX_LEN: usize = 100;

    pub fn parse(input: &str) -> Result<Self, InvalidRoomName> {
        if input.is_empty() {
            return Err(InvalidRoomName::Empty);
        }
        if input.len() > Self::MAX_LEN {
            return Err(InvalidRoomName::TooLong);
        }
        if !input
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'_'))
        {
            return Err(InvalidRoomName::BadCharacter);
        }
        // Rules out "." and "..", which would read as path traversal.
        if !input.bytes().any(|b| b.is_ascii_alphanumeric()) {
            return Err(InvalidRoomName::NoAlphanumeric);
        }
        let mut name = CompactString::from(input);
        name.as_mut_str().make_ascii_lowercase();
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for RoomName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RoomName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_all_allowed_characters_parse_lowercased() {
        let name = RoomName::parse("Team.Sync-2:a_b").unwrap();
        assert_eq!(name.as_str(), "team.sync-2:a_b");
    }

    #[test]
    fn malformed_names_are_rejected() {
        assert_eq!(RoomName::parse(""), Err(InvalidRoomName::Empty));
        assert_eq!(RoomName::parse(".."), Err(InvalidRoomName::NoAlphanumeric));
        assert_eq!(RoomName::parse("a/b"), Err(InvalidRoomName::BadCharacter));
        assert_eq!(RoomName::parse("a b"), Err(InvalidRoomName::BadCharacter));
        assert_eq!(RoomName::parse("ré"), Err(InvalidRoomName::BadCharacter));
        assert_eq!(
            RoomName::parse(&"a".repeat(101)),
            Err(InvalidRoomName::TooLong)
        );
        assert!(RoomName::parse(&"a".repeat(100)).is_ok());
    }
}
