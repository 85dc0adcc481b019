//! Who may open which role, and how they join: the room's own setting (configured, or kept in
//! the store for rooms made through the admin API), else the role's, else the default.

use std::collections::{BTreeMap, HashMap};
use std::sync::RwLock;

use crate::domain::{AccessPolicy, JoinWith, RoleName, RoomName};
use crate::settings::{RoomLobby, Settings};

/// The settings' rooms, looked up on every view. Their names are the operator's, never a
/// visitor's, so no visitor can flood these maps: a fast seeded hash (foldhash) serves them,
/// where SipHash cost two hashings of the room's name per view.
type ConfiguredRooms<T> = HashMap<RoomName, T, foldhash::fast::RandomState>;

pub struct RolePolicies {
    default: AccessPolicy,
    by_role: BTreeMap<RoleName, AccessPolicy>,
    by_room: ConfiguredRooms<BTreeMap<RoleName, AccessPolicy>>,
    join_by_role: BTreeMap<RoleName, JoinWith>,
    join_by_room: ConfiguredRooms<BTreeMap<RoleName, JoinWith>>,
    /// Policies of rooms made through the admin API or CLI (configured rooms' win).
    stored: RwLock<HashMap<RoomName, BTreeMap<RoleName, AccessPolicy>>>,
    /// Rooms with a lobby: which roles wait, which admit.
    lobbies: ConfiguredRooms<RoomLobby>,
}

impl RolePolicies {
    pub fn new(settings: &Settings) -> Self {
        let by_room = settings
            .rooms
            .aliases
            .iter()
            .map(|(alias, room)| (alias.clone(), room.access.clone()))
            .collect();
        let join_by_room = settings
            .rooms
            .aliases
            .iter()
            .map(|(alias, room)| (alias.clone(), room.join_with.clone()))
            .collect();
        Self {
            default: settings.access.default,
            by_role: settings.access.roles.clone(),
            by_room,
            join_by_role: settings.access.join_with.clone(),
            join_by_room,
            stored: RwLock::default(),
            lobbies: settings
                .rooms
                .aliases
                .iter()
                .filter_map(|(alias, room)| Some((alias.clone(), room.lobby.clone()?)))
                .collect(),
        }
    }

    /// Whether the role's visitors wait in the room's lobby (an empty map costs nothing).
    pub fn waits(&self, room: &RoomName, role: &RoleName) -> bool {
        !self.lobbies.is_empty()
            && self
                .lobbies
                .get(room)
                .is_some_and(|lobby| lobby.roles.contains(role))
    }

    /// The roles that let visitors in from the room's lobby.
    pub fn admitters(&self, room: &RoomName) -> &[RoleName] {
        self.lobbies
            .get(room)
            .map_or(&[], |lobby| lobby.admitted_by.as_slice())
    }

    /// Whether the role's people let visitors in from the room's lobby.
    pub fn admits(&self, room: &RoomName, role: &RoleName) -> bool {
        self.lobbies
            .get(room)
            .is_some_and(|lobby| lobby.admitted_by.contains(role))
    }

    /// The policies of a room made through the admin API or CLI.
    pub fn set_stored(&self, room: RoomName, access: BTreeMap<RoleName, AccessPolicy>) {
        let mut stored = self.stored.write().unwrap_or_else(|p| p.into_inner());
        stored.insert(room, access);
    }

    /// Forgets the policies of a room that was removed.
    pub fn remove_stored(&self, room: &RoomName) {
        let mut stored = self.stored.write().unwrap_or_else(|p| p.into_inner());
        stored.remove(room);
    }

    /// The policies set for a room (configured or kept), over `[access]`.
    pub fn room_policies(&self, room: &RoomName) -> BTreeMap<RoleName, AccessPolicy> {
        if let Some(configured) = self.by_room.get(room) {
            return configured.clone();
        }
        let stored = self.stored.read().unwrap_or_else(|p| p.into_inner());
        stored.get(room).cloned().unwrap_or_default()
    }

    /// A role's policy were the room's own policies `room_policies` (what a change would make).
    pub fn policy_under(
        &self,
        room_policies: &BTreeMap<RoleName, AccessPolicy>,
        role: &RoleName,
    ) -> AccessPolicy {
        room_policies
            .get(role)
            .or_else(|| self.by_role.get(role))
            .copied()
            .unwrap_or(self.default)
    }

    fn stored_policy(&self, room: &RoomName, role: &RoleName) -> Option<AccessPolicy> {
        let stored = self.stored.read().unwrap_or_else(|p| p.into_inner());
        if stored.is_empty() {
            return None;
        }
        stored.get(room).and_then(|roles| roles.get(role)).copied()
    }

    /// A role that is not public always joins with a token, so its room code never reaches a
    /// browser; a public one as configured, else with its code.
    pub fn join_with(&self, room: &RoomName, role: &RoleName) -> JoinWith {
        self.join_with_under(self.policy(room, role), room, role)
    }

    /// [`RolePolicies::join_with`] for a role whose policy is already known.
    pub fn join_with_under(
        &self,
        policy: AccessPolicy,
        room: &RoomName,
        role: &RoleName,
    ) -> JoinWith {
        if policy != AccessPolicy::Public {
            return JoinWith::Token;
        }
        self.join_by_room
            .get(room)
            .and_then(|roles| roles.get(role))
            .or_else(|| self.join_by_role.get(role))
            .copied()
            .unwrap_or(JoinWith::Code)
    }

    pub fn policy(&self, room: &RoomName, role: &RoleName) -> AccessPolicy {
        self.by_room
            .get(room)
            .and_then(|roles| roles.get(role))
            .copied()
            .or_else(|| self.stored_policy(room, role))
            .or_else(|| self.by_role.get(role).copied())
            .unwrap_or(self.default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_rooms_host_is_signed_and_guests_are_public() {
        let policies = RolePolicies::new(&Settings::defaults().unwrap());
        let room = RoomName::parse("demo").unwrap();
        let role = |r: &str| RoleName::parse(r).unwrap();
        assert_eq!(policies.policy(&room, &role("host")), AccessPolicy::Signed);
        assert_eq!(policies.policy(&room, &role("guest")), AccessPolicy::Public);
        assert_eq!(
            policies.policy(&room, &role("moderator")),
            AccessPolicy::Signed
        );
    }

    #[test]
    fn signed_roles_join_with_tokens_and_public_ones_with_codes_unless_set() {
        let mut settings = Settings::defaults().unwrap();
        let room = RoomName::parse("demo").unwrap();
        let role = |r: &str| RoleName::parse(r).unwrap();
        let policies = RolePolicies::new(&settings);
        assert_eq!(policies.join_with(&room, &role("host")), JoinWith::Token);
        assert_eq!(policies.join_with(&room, &role("guest")), JoinWith::Code);
        settings
            .access
            .join_with
            .insert(role("viewer"), JoinWith::Token);
        settings
            .access
            .join_with
            .insert(role("host"), JoinWith::Code);
        let policies = RolePolicies::new(&settings);
        assert_eq!(policies.join_with(&room, &role("viewer")), JoinWith::Token);
        assert_eq!(
            policies.join_with(&room, &role("host")),
            JoinWith::Token,
            "a signed role never joins with its code"
        );
    }
}
