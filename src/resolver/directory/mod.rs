//! Which rooms the portal serves and how each is found in 100ms: configured aliases, rooms the
//! admin API made or looked up, and (per `rooms.unknown`) any other 100ms room name. The rooms
//! this process serves beside its configuration are registered in `kept.rs`.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

use compact_str::CompactString;

mod kept;

use super::RoomRef;
use crate::domain::{CspSource, RoleName, RoomName};
use crate::settings::{NamePattern, RoomsSettings, UnknownRooms};
pub use kept::KeptRoom;

/// A room of the index page.
#[derive(Debug, Clone)]
pub struct ListedRoom {
    pub name: RoomName,
    pub title: String,
}

/// How far a visitor's room and role reach (see [`RoomDirectory::reaches`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    Yes,
    NoSuchRoom,
    NoSuchRole,
}

/// How a room is found, and what its pages show of it.
#[derive(Debug, Clone)]
pub(super) struct RoomPlan {
    pub(super) find: Find,
    pub(super) title: String,
    /// Sites that may frame the room's pages (CSP sources, space-separated), when the room sets
    /// its own; kept with its cached entry, so a page view builds nothing.
    pub(super) framing: Option<Arc<str>>,
}

#[derive(Debug, Clone)]
pub(super) enum Find {
    Pinned {
        id: String,
    },
    ByName {
        name: String,
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
        &self.title
    }

    /// The room as its pages show it, with its 100ms id.
    pub(super) fn room_ref(&self, id: impl Into<CompactString>) -> RoomRef {
        RoomRef {
            id: id.into(),
            title: self.title.as_str().into(),
            framing: self.framing.clone(),
        }
    }
}

struct Registered {
    plan: RoomPlan,
    listed: bool,
    /// Closed in the portal (a kept room's `enabled = false`): pages answer 404.
    enabled: bool,
}

struct Alias {
    plan: RoomPlan,
    roles: Vec<RoleName>,
    listed: bool,
}

pub(super) struct RoomDirectory {
    aliases: HashMap<RoomName, Alias>,
    /// Names that reach a configured room other than by its alias (its 100ms name), and every
    /// name of a disabled alias: never served as rooms of their own, so the alias's policies,
    /// roles and `enabled` cannot be side-stepped.
    reserved: HashSet<RoomName>,
    /// Room ids pinned by aliases: a looked-up room with one of these ids is refused too.
    pinned_ids: HashSet<String>,
    /// Rooms the admin API created (kept in the store) or read, served by this process even
    /// when `rooms.unknown = deny`.
    registered: RwLock<HashMap<RoomName, Registered>>,
    /// How many of `registered` are closed (kept with `enabled = false`).
    closed: AtomicUsize,
    unknown: UnknownRooms,
    /// Which unknown names `rooms.unknown = "create"` may create; none when unset.
    create_pattern: Option<NamePattern>,
    default_template: Option<String>,
}

impl RoomDirectory {
    pub(super) fn new(settings: &RoomsSettings, default_template_id: Option<&str>) -> Self {
        let default_template = default_template_id.map(str::to_owned);
        let mut reserved = HashSet::new();
        let mut pinned_ids = HashSet::new();
        for (alias, room) in &settings.aliases {
            if !room.enabled {
                reserved.insert(alias.clone());
            }
            if let Some(name) = room
                .name
                .as_ref()
                .filter(|name| *name != alias || !room.enabled)
            {
                reserved.insert(name.clone());
            }
            if let Some(id) = &room.room_id {
                pinned_ids.insert(id.clone());
                if let Ok(as_name) = RoomName::parse(id) {
                    reserved.insert(as_name);
                }
            }
        }
        let aliases: HashMap<RoomName, Alias> = settings
            .aliases
            .iter()
            .filter(|(_, room)| room.enabled)
            .map(|(alias, room)| {
                let find = match &room.room_id {
                    Some(id) => Find::Pinned { id: id.clone() },
                    None => Find::ByName {
                        name: room.name.as_ref().unwrap_or(alias).to_string(),
                        create: Some(CreateSpec {
                            template_id: room.template_id.clone().or(default_template.clone()),
                            description: room.description.clone(),
                        }),
                    },
                };
                let plan = RoomPlan {
                    find,
                    title: room.title.clone().unwrap_or_else(|| alias.to_string()),
                    framing: framing(&room.frame_ancestors),
                };
                let alias_entry = Alias {
                    plan,
                    roles: room.roles.clone(),
                    listed: room.listed,
                };
                (alias.clone(), alias_entry)
            })
            .collect();
        reserved.retain(|name| !aliases.contains_key(name));
        Self {
            aliases,
            reserved,
            pinned_ids,
            registered: RwLock::new(HashMap::new()),
            closed: AtomicUsize::new(0),
            unknown: settings.unknown,
            create_pattern: settings.create_pattern.clone(),
            default_template,
        }
    }

    pub(super) fn serves(&self, room: &RoomName) -> bool {
        if self.reserved.contains(room) {
            return false;
        }
        if self.unknown != UnknownRooms::Deny {
            // The hot path's common case: no map is read unless some kept room is closed.
            return self.closed.load(Ordering::Relaxed) == 0
                || self.read_registered().get(room).is_none_or(|r| r.enabled);
        }
        self.aliases.contains_key(room)
            || self.read_registered().get(room).is_some_and(|r| r.enabled)
    }

    /// Whether a visitor may reach `role` of `room` as far as rooms go: the room is served and,
    /// where its roles are configured, has the role. One look-up for a configured room, the hot
    /// path's common case.
    pub(super) fn reaches(&self, room: &RoomName, role: &RoleName) -> Reach {
        if let Some(alias) = self.aliases.get(room) {
            return if alias.roles.is_empty() || alias.roles.contains(role) {
                Reach::Yes
            } else {
                Reach::NoSuchRole
            };
        }
        if self.serves(room) {
            Reach::Yes
        } else {
            Reach::NoSuchRoom
        }
    }

    /// A name that belongs to a configured room (or a disabled one) without being its alias.
    pub(super) fn is_reserved(&self, room: &RoomName) -> bool {
        self.reserved.contains(room)
    }

    /// Whether a room found through 100ms is one an alias pins: then only that alias serves it.
    pub(super) fn pins(&self, room: &RoomName, room_id: &str) -> bool {
        !self.aliases.contains_key(room) && self.pinned_ids.contains(room_id)
    }

    /// How a visitor's `room` is found; `None` when it must not be served at all.
    pub(super) fn plan(&self, room: &RoomName) -> Option<RoomPlan> {
        if let Some(alias) = self.aliases.get(room) {
            return Some(alias.plan.clone());
        }
        if self.reserved.contains(room) {
            return None;
        }
        if let Some(registered) = self.read_registered().get(room) {
            return registered.enabled.then(|| registered.plan.clone());
        }
        let create = match self.unknown {
            UnknownRooms::Deny => return None,
            UnknownRooms::Lookup => None,
            UnknownRooms::Create => self
                .create_pattern
                .as_ref()
                .filter(|pattern| pattern.matches(room.as_str()))
                .map(|_| self.default_create()),
        };
        Some(by_name(room, create))
    }

    /// How the admin finds `room`: like a visitor, but any existing 100ms room counts.
    pub(super) fn admin_plan(&self, room: &RoomName) -> RoomPlan {
        if let Some(closed) = self.read_registered().get(room).filter(|r| !r.enabled) {
            return closed.plan.clone();
        }
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
            Some(
                plan @ RoomPlan {
                    find: Find::ByName { name, .. },
                    ..
                },
            ) => RoomPlan {
                find: Find::ByName {
                    name: name.clone(),
                    create: Some(spec),
                },
                ..plan.clone()
            },
            _ => by_name(room, Some(spec)),
        }
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

    /// Rooms marked `listed` (configured or kept), by title.
    pub fn listed(&self) -> Vec<ListedRoom> {
        let registered = self.read_registered();
        let mut rooms: Vec<ListedRoom> = self
            .aliases
            .iter()
            .filter(|(_, alias)| alias.listed)
            .map(|(name, alias)| (name, &alias.plan))
            .chain(
                registered
                    .iter()
                    .filter(|(_, kept)| kept.listed && kept.enabled)
                    .map(|(name, kept)| (name, &kept.plan)),
            )
            .map(|(name, plan)| ListedRoom {
                name: name.clone(),
                title: plan.title().to_owned(),
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

    fn read_registered(&self) -> std::sync::RwLockReadGuard<'_, HashMap<RoomName, Registered>> {
        self.registered.read().unwrap_or_else(|p| p.into_inner())
    }
}

fn by_name(room: &RoomName, create: Option<CreateSpec>) -> RoomPlan {
    RoomPlan {
        find: Find::ByName {
            name: room.to_string(),
            create,
        },
        title: room.to_string(),
        framing: None,
    }
}

/// A room's own framing sites as CSP text; `None` when it has none (the portal's apply).
pub(super) fn framing(sources: &[CspSource]) -> Option<Arc<str>> {
    (!sources.is_empty()).then(|| {
        let text: Vec<&str> = sources.iter().map(CspSource::as_str).collect();
        Arc::from(text.join(" "))
    })
}
