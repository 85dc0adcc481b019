//! Domain types: user input is parsed into these at the edge, so the rest of the code can trust it.

mod access;
mod join_options;
mod portal_link;
mod prebuilt_link;
mod role_name;
mod room_code;
mod room_name;

pub use access::AccessPolicy;
pub use join_options::{DisplayName, InvalidJoinOption, JoinOptions, UserId};
pub use portal_link::{PageKind, PortalBase, reachable_host};
pub use prebuilt_link::{InvalidPrebuiltBase, PrebuiltBase};
pub use role_name::{InvalidRoleName, RoleName};
pub use room_code::{InvalidRoomCode, RoomCode};
pub use room_name::{InvalidRoomName, RoomName};

/// Escapes everything but RFC 3986 unreserved characters, so a space is `%20` (never `+`), which
/// every query and `mailto:` parser reads the same way.
pub const URL_COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
