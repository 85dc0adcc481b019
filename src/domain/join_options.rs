/// What a visitor may pass to Prebuilt through the portal's query string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JoinOptions {
    pub name: Option<DisplayName>,
    pub user_id: Option<UserId>,
    pub skip_preview: bool,
    /// A signed link's visitor waits in the room's lobby first (part of what it signs).
    pub lobby: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidJoinOption {
    #[error("the name can be at most {} characters long", DisplayName::MAX_CHARS)]
    NameTooLong,
    #[error("the name cannot contain control characters or line breaks")]
    NameControlCharacter,
    #[error("the user id can be at most {} characters long", UserId::MAX_CHARS)]
    UserIdTooLong,
    #[error("the user id may only contain printable characters without spaces")]
    UserIdBadCharacter,
    #[error("skip_preview must be 1, true, 0 or false")]
    SkipPreview,
    #[error("lobby must be 1, true, 0 or false")]
    Lobby,
}

impl JoinOptions {
    /// Parses the raw query values; blank values count as absent.
    pub fn parse(
        name: Option<&str>,
        user_id: Option<&str>,
        skip_preview: Option<&str>,
    ) -> Result<Self, InvalidJoinOption> {
        let name = non_blank(name).map(DisplayName::parse).transpose()?;
        let user_id = non_blank(user_id).map(UserId::parse).transpose()?;
        let skip_preview = flag(skip_preview).ok_or(InvalidJoinOption::SkipPreview)?;
        Ok(Self {
            name,
            user_id,
            skip_preview,
            lobby: false,
        })
    }

    /// The same, waiting in the lobby when `lobby` says so (`1`, `true`).
    pub fn with_lobby(self, lobby: Option<&str>) -> Result<Self, InvalidJoinOption> {
        let lobby = flag(lobby).ok_or(InvalidJoinOption::Lobby)?;
        Ok(Self { lobby, ..self })
    }
}

/// A yes/no query value: absent or blank is no; `None` when it is neither.
fn flag(value: Option<&str>) -> Option<bool> {
    match non_blank(value) {
        None | Some("0" | "false") => Some(false),
        Some("1" | "true") => Some(true),
        Some(_) => None,
    }
}

fn non_blank(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// The participant's display name, shown to everyone in the meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    /// Longer names are rejected rather than cut, so nobody joins under a name they did not choose.
    pub const MAX_CHARS: usize = 100;

    pub fn parse(input: &str) -> Result<Self, InvalidJoinOption> {
        let name = input.trim();
        if name.chars().count() > Self::MAX_CHARS {
            return Err(InvalidJoinOption::NameTooLong);
        }
        if name.chars().any(char::is_control) {
            return Err(InvalidJoinOption::NameControlCharacter);
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The id 100ms reports for the participant in webhooks and APIs (`userId` in Prebuilt).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserId(String);

impl UserId {
    pub const MAX_CHARS: usize = 128;

    pub fn parse(input: &str) -> Result<Self, InvalidJoinOption> {
        let id = input.trim();
        if id.chars().count() > Self::MAX_CHARS {
            return Err(InvalidJoinOption::UserIdTooLong);
        }
        if id.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(InvalidJoinOption::UserIdBadCharacter);
        }
        Ok(Self(id.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_values_are_absent() {
        let options = JoinOptions::parse(Some("  "), Some(""), None).unwrap();
        assert_eq!(options, JoinOptions::default());
    }

    #[test]
    fn names_are_trimmed_and_keep_unicode() {
        let options = JoinOptions::parse(Some("  Ada Lovelace ✓ "), None, Some("1")).unwrap();
        assert_eq!(options.name.unwrap().as_str(), "Ada Lovelace ✓");
        assert!(options.skip_preview);
    }

    #[test]
    fn names_with_line_breaks_or_too_long_are_rejected() {
        assert_eq!(
            DisplayName::parse("Ada\r\nSet-Cookie: x"),
            Err(InvalidJoinOption::NameControlCharacter)
        );
        assert!(DisplayName::parse(&"é".repeat(100)).is_ok());
        assert_eq!(
            DisplayName::parse(&"é".repeat(101)),
            Err(InvalidJoinOption::NameTooLong)
        );
    }

    #[test]
    fn skip_preview_accepts_only_clear_values() {
        assert!(
            !JoinOptions::parse(None, None, Some("false"))
                .unwrap()
                .skip_preview
        );
        assert_eq!(
            JoinOptions::parse(None, None, Some("maybe")),
            Err(InvalidJoinOption::SkipPreview)
        );
    }

    #[test]
    fn user_ids_cannot_hold_spaces() {
        assert_eq!(
            UserId::parse("a b"),
            Err(InvalidJoinOption::UserIdBadCharacter)
        );
        assert_eq!(UserId::parse("emp-42").unwrap().as_str(), "emp-42");
    }
}
