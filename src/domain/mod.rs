//! Domain types: user input is parsed into these at the edge, so the rest of the code can trust it.

mod join_options;
mod prebuilt_link;
mod role_name;
mod room_code;
mod room_name;

pub use join_options::{DisplayName, InvalidJoinOption, JoinOptions, UserId};
pub use prebuilt_link::{InvalidPrebuiltBase, PrebuiltBase};
pub use role_name::{InvalidRoleName, RoleName};
pub use room_code::{InvalidRoomCode, RoomCode};
pub use room_name::{InvalidRoomName, RoomName};
