//! Who may open which role: the room's own setting, else the role's, else the default.

use std::collections::{BTreeMap, HashMap};

use crate::domain::{AccessPolicy, RoleName, RoomName};
use crate::settings::Settings;

pub struct RolePolicies {
    default: AccessPolicy,
    by_role: BTreeMap<RoleName, AccessPolicy>,
    by_room: HashMap<RoomName, BTreeMap<RoleName, AccessPolicy>>,
}

impl RolePolicies {
    pub fn new(settings: &Settings) -> Self {
        let by_room = settings
            .rooms
            .aliases
            .iter()
            .map(|(alias, room)| (alias.clone(), room.access.clone()))
            .collect();
        Self {
            default: settings.access.default,
            by_role: settings.access.roles.clone(),
            by_room,
        }
    }

    pub fn policy(&self, room: &RoomName, role: &RoleName) -> AccessPolicy {
        self.by_room
            .get(room)
            .and_then(|roles| roles.get(role))
            .or_else(|| self.by_role.get(role))
            .copied()
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
}
