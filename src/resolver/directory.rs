//! Which rooms the portal serves and how each is found in 100ms: configured aliases, rooms the
//! admin API made or looked up, and (per `rooms.unknown`) any other 100ms room name.

use std::collections::HashMap;
use std::sync::RwLock;

use crate::domain::{RoleName, RoomName};
use crate::settings::{RoomsSettings, UnknownRooms};

/// A room of the index page.
#[derive(Debug, Clone)]
pub struct ListedRoom {
    pub name: RoomName,
    pub title: String,
}

#[derive(Debug, Clone)]
pub(super) enum RoomPlan {
    Pinned {
        id: String,
        title: String,
    },
    ByName {
        name: String,
        title: String,
        create: Option<CreateSpec>,
    },
}

#[derive(Debug, Clone)]
pub(super) struct CreateSpec {
    pub template_id: Option<String>,
    pub description: Option<String>,
}

impl RoomPlan {
    pub(super) fn title(&self) -> &str {
        match self {
            Self::Pinned { title, .. } | Self::ByName { title, .. } => title,
        }
    }
}

struct Alias {
    plan: RoomPlan,
    roles: Vec<RoleName>,
    listed: bool,
}

pub(super) struct RoomDirectory {
    aliases: HashMap<RoomName, Alias>,
    /// Rooms the admin API created or read, served by this process even when `rooms.unknown = deny`.
    registered: RwLock<HashMap<RoomName, RoomPlan>>,
    unknown: UnknownRooms,
    /// Which unknown names `rooms.unknown = "create"` may create; none when unset.
    create_pattern: Option<regex_lite::Regex>,
    default_template: Option<String>,
}

fn non_empty(value: &str) -> Option<String> {
    Some(value.trim())
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

impl RoomDirectory {
    pub(super) fn new(settings: &RoomsSettings, default_template_id: &str) -> Self {
        let default_template = non_empty(default_template_id);
        let aliases = settings
            .aliases
            .iter()
            .filter(|(_, room)| room.enabled)
            .filter_map(|(alias, room)| {
                let key = RoomName::parse(alias).ok()?;
                let title = non_empty(&room.title).unwrap_or_else(|| alias.clone());
                let plan = match non_empty(&room.room_id) {
                    Some(id) => RoomPlan::Pinned { id, title },
                    None => RoomPlan::ByName {
                        name: non_empty(&room.name).unwrap_or_else(|| alias.clone()),
                        title,
                        create: Some(CreateSpec {
                            template_id: non_empty(&room.template_id).or(default_template.clone()),
                            description: non_empty(&room.description),
                        }),
                    },
                };
                let roles = room
                    .roles
                    .iter()
                    .filter_map(|r| RoleName::parse(r).ok())
                    .collect();
                Some((
                    key,
                    Alias {
                        plan,
                        roles,
                        listed: room.listed,
                    },
                ))
            })
            .collect();
        Self {
            aliases,
            registered: RwLock::new(HashMap::new()),
            unknown: settings.unknown,
            create_pattern: non_empty(&settings.create_pattern)
                .and_then(|p| regex_lite::Regex::new(&format!("^(?:{p})$")).ok()),
            default_template,
        }
    }

    pub(super) fn serves(&self, room: &RoomName) -> bool {
        self.unknown != UnknownRooms::Deny
            || self.aliases.contains_key(room)
            || self.read_registered().contains_key(room)
    }

    /// How a visitor's `room` is found; `None` when it must not be served at all.
    pub(super) fn plan(&self, room: &RoomName) -> Option<RoomPlan> {
        if let Some(alias) = self.aliases.get(room) {
            return Some(alias.plan.clone());
        }
        if let Some(plan) = self.read_registered().get(room) {
            return Some(plan.clone());
        }
        let create = match self.unknown {
            UnknownRooms::Deny => return None,
            UnknownRooms::Lookup => None,
            UnknownRooms::Create => self
                .create_pattern
                .as_ref()
                .filter(|pattern| pattern.is_match(room.as_str()))
                .map(|_| self.default_create()),
        };
        Some(by_name(room, create))
    }

    /// How the admin finds `room`: like a visitor, but any existing 100ms room counts.
    pub(super) fn admin_plan(&self, room: &RoomName) -> RoomPlan {
        self.plan(room).unwrap_or_else(|| by_name(room, None))
    }

    /// The plan for creating `room` through the admin API with these settings.
    pub(super) fn creation_plan(
        &self,
        room: &RoomName,
        template_id: Option<String>,
        description: Option<String>,
    ) -> RoomPlan {
        let spec = CreateSpec {
            template_id: template_id.or(self.default_template.clone()),
            description,
        };
        match self.aliases.get(room).map(|a| &a.plan) {
            Some(RoomPlan::ByName { name, title, .. }) => RoomPlan::ByName {
                name: name.clone(),
                title: title.clone(),
                create: Some(spec),
            },
            _ => by_name(room, Some(spec)),
        }
    }

    /// Makes this process serve `room` (a no-op for configured rooms).
    pub(super) fn register(&self, room: &RoomName) {
        if self.aliases.contains_key(room) {
            return;
        }
        let mut registered = self.registered.write().unwrap_or_else(|p| p.into_inner());
        registered
            .entry(room.clone())
            .or_insert_with(|| by_name(room, None));
    }

    /// Roles configured for the room, if any.
    pub(super) fn configured_roles(&self, room: &RoomName) -> Option<&[RoleName]> {
        self.aliases
            .get(room)
            .map(|a| a.roles.as_slice())
            .filter(|roles| !roles.is_empty())
    }

    pub(super) fn configured_title(&self, room: &RoomName) -> Option<&str> {
        self.aliases.get(room).map(|a| a.plan.title())
    }

    /// Rooms marked `listed`, by title.
    pub fn listed(&self) -> Vec<ListedRoom> {
        let mut rooms: Vec<ListedRoom> = self
            .aliases
            .iter()
            .filter(|(_, alias)| alias.listed)
            .map(|(name, alias)| ListedRoom {
                name: name.clone(),
                title: alias.plan.title().to_owned(),
            })
            .collect();
        rooms.sort_by(|a, b| a.title.cmp(&b.title).then(a.name.cmp(&b.name)));
        rooms
    }

    fn default_create(&self) -> CreateSpec {
        CreateSpec {
            template_id: self.default_template.clone(),
            description: None,
        }
    }

    fn read_registered(&self) -> std::sync::RwLockReadGuard<'_, HashMap<RoomName, RoomPlan>> {
        self.registered.read().unwrap_or_else(|p| p.into_inner())
    }
}

fn by_name(room: &RoomName, create: Option<CreateSpec>) -> RoomPlan {
    RoomPlan::ByName {
        name: room.to_string(),
        title: room.to_string(),
        create,
    }
}
