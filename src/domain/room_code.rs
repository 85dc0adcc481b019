use std::fmt;

use compact_str::CompactString;

/// A 100ms room code such as `abc-defg-hij`: letters in three hyphen-separated groups,
/// the shape hosted Prebuilt recognises in `/meeting/<code>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RoomCode(CompactString);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a 100ms room code: expected letters in three groups like abc-defg-hij")]
pub struct InvalidRoomCode;

impl RoomCode {
    pub fn parse(input: &str) -> Result<Self, InvalidRoomCode> {
        let groups: Vec<&str> = input.split('-').collect();
        let well_formed = groups.len() == 3
            && groups.iter().all(|g| {
                !g.is_empty() && g.len() <= 16 && g.bytes().all(|b| b.is_ascii_alphabetic())
            });
        if well_formed {
            Ok(Self(input.into()))
        } else {
            Err(InvalidRoomCode)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RoomCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_code_shapes_parse() {
        assert!(RoomCode::parse("wpi-srjb-wer").is_ok());
        assert!(RoomCode::parse("hkj-sdf-fda").is_ok());
    }

    #[test]
    fn other_shapes_are_rejected() {
        for bad in [
            "",
            "abc",
            "abc-def",
            "abc-de1-fgh",
            "a-b-c-d",
            "abc--def",
            "../x-y-z",
        ] {
            assert_eq!(RoomCode::parse(bad), Err(InvalidRoomCode), "{bad}");
        }
    }
}
