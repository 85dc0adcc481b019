//! An invitation's id: 128 random bits, written as 22 URL-safe base64 characters. Knowing one
//! is what opens the invitation, so it is never derived from anything guessable.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InvitationId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an invitation id")]
pub struct InvalidInvitationId;

impl InvitationId {
    pub const LEN: usize = 22;

    /// A new id from the operating system's random source (through `rand`'s thread generator,
    /// a CSPRNG seeded from it).
    pub fn generate() -> Self {
        let bytes: [u8; 16] = rand::random();
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    pub fn parse(input: &str) -> Result<Self, InvalidInvitationId> {
        let well_formed = input.len() == Self::LEN
            && input
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && URL_SAFE_NO_PAD.decode(input).is_ok_and(|b| b.len() == 16);
        if well_formed {
            Ok(Self(input.to_owned()))
        } else {
            Err(InvalidInvitationId)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for InvitationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_22_url_safe_characters_that_parse_back_and_differ() {
        let a = InvitationId::generate();
        let b = InvitationId::generate();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 22);
        assert_eq!(InvitationId::parse(a.as_str()), Ok(a));
    }

    #[test]
    fn anything_else_is_not_an_id() {
        for bad in [
            "",
            "short",
            "../../etc/passwd______",
            "AAAAAAAAAAAAAAAAAAAAAAA",
            "AAAAAAAAAAAAAAAAAAAAA=",
        ] {
            assert_eq!(InvitationId::parse(bad), Err(InvalidInvitationId), "{bad}");
        }
    }
}
