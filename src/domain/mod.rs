//! Domain types: user input is parsed into these at the edge, so the rest of the code can trust it.

mod access_policy;
pub mod clock;
mod csp_source;
mod invitation_id;
mod join_options;
mod language;
mod lifetime;
mod portal_link;
mod prebuilt_link;
mod role_name;
mod room_code;
mod room_name;
mod token_link;

pub use access_policy::{AccessPolicy, JoinWith};
pub use csp_source::CspSource;
pub use invitation_id::{InvalidInvitationId, InvitationId};
pub use join_options::{DisplayName, InvalidJoinOption, JoinOptions, UserId};
pub use language::{Language, Offered, UnknownLanguage};
pub use lifetime::{InvalidLifetime, Lifetime, deserialize_in as lifetime_in};
pub use portal_link::{PageKind, PortalBase, reachable_host};
pub use prebuilt_link::{InvalidPrebuiltBase, PrebuiltBase};
pub use role_name::{InvalidRoleName, RoleName};
pub use room_code::{InvalidRoomCode, RoomCode};
pub use room_name::{InvalidRoomName, RoomName};
pub use token_link::{InvalidTokenLinkTemplate, TokenLinkTemplate};

/// Escapes everything but RFC 3986 unreserved characters, so a space is `%20` (never `+`), which
/// every query and `mailto:` parser reads the same way.
pub const URL_COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `FromStr` and `Deserialize` through the type's own `parse`, so settings and query strings
/// produce the same domain values as URL paths do.
macro_rules! parsed_from_text {
    ($($type:ty => $error:ty),* $(,)?) => {$(
        impl std::str::FromStr for $type {
            type Err = $error;

            fn from_str(input: &str) -> Result<Self, Self::Err> {
                Self::parse(input)
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                Self::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    )*};
}

/// `Deserialize` (and `FromStr`) for an enum written as one of a few words, whose error lists
/// them: `"private" is not an access policy: use public, signed, sso or off`. Serde's derived
/// message (or the config crate's "enum … does not have variant constructor") names none.
macro_rules! one_of_words {
    ($type:ty, $what:literal, [$($word:literal => $value:expr),+ $(,)?]) => {
        impl std::str::FromStr for $type {
            type Err = String;

            fn from_str(text: &str) -> Result<Self, String> {
                match text {
                    $($word => Ok($value),)+
                    _ => Err($crate::domain::not_one_of(text, $what, &[$($word),+])),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use one_of_words;

/// `"x" is not a <what>: use a, b or c`.
pub fn not_one_of(text: &str, what: &str, words: &[&str]) -> String {
    let list = match words.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    format!("{text:?} is not {what}: use {list}")
}

parsed_from_text! {
    RoomName => InvalidRoomName,
    RoleName => InvalidRoleName,
    PrebuiltBase => InvalidPrebuiltBase,
    TokenLinkTemplate => InvalidTokenLinkTemplate,
}
