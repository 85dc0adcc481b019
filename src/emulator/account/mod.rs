//! The emulator's in-memory 100ms account: templates, rooms and room codes, in creation order.

use std::collections::HashMap;
use std::time::SystemTime;

use rand::Rng;

mod history;
mod live;
mod saved;

pub use saved::{load, save};

pub use super::records::{CodeRecord, RecordingInfo, Refusal, RoomChanges, RoomRecord, Template};
pub use history::{SessionPeer, SessionRecord};
pub use live::{Live, Peer, PeerChanges, SentMessage, Session};

/// Rooms can hold at most 100 codes in 100ms.
const MAX_CODES_PER_ROOM: usize = 100;

pub struct Account {
    customer_id: String,
    app_id: String,
    templates: Vec<Template>,
    rooms: Vec<RoomRecord>,
    codes: Vec<CodeRecord>,
    // Indexes into `rooms` and `codes`, so large benchmark accounts stay fast.
    room_ids: HashMap<String, usize>,
    room_names: HashMap<String, usize>,
    codes_by_room: HashMap<String, Vec<usize>>,
    code_index: HashMap<String, usize>,
    live: Live,
}

impl Account {
    /// An account with one default template holding `roles`.
    pub fn new(default_template_id: Option<&str>, roles: &[String]) -> Self {
        let template = Template {
            id: default_template_id
                .filter(|id| !id.is_empty())
                .map_or_else(object_id, str::to_owned),
            name: "emulator-default-template".to_owned(),
            roles: roles.to_vec(),
        };
        Self {
            customer_id: object_id(),
            app_id: object_id(),
            templates: vec![template],
            rooms: Vec::new(),
            codes: Vec::new(),
            room_ids: HashMap::new(),
            room_names: HashMap::new(),
            codes_by_room: HashMap::new(),
            code_index: HashMap::new(),
            live: Live::default(),
        }
    }

    pub fn templates(&self) -> &[Template] {
        &self.templates
    }

    pub fn template(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    pub fn rooms(&self) -> &[RoomRecord] {
        &self.rooms
    }

    pub fn room(&self, id: &str) -> Result<&RoomRecord, Refusal> {
        self.room_ids
            .get(id)
            .map(|&i| &self.rooms[i])
            .ok_or_else(Refusal::room_not_found)
    }

    pub fn room_by_name(&self, name: &str) -> Option<&RoomRecord> {
        self.room_names
            .get(&name.to_ascii_lowercase())
            .map(|&i| &self.rooms[i])
    }

    /// The codes of one room, in creation order.
    fn room_codes(&self, room_id: &str) -> impl Iterator<Item = &CodeRecord> {
        self.codes_by_room
            .get(room_id)
            .into_iter()
            .flatten()
            .map(|&i| &self.codes[i])
    }

    pub fn codes(&self) -> &[CodeRecord] {
        &self.codes
    }

    /// Who is in which room now.
    pub fn live(&self) -> &Live {
        &self.live
    }

    pub fn live_mut(&mut self) -> &mut Live {
        &mut self.live
    }

    /// Whether the room's template has the role.
    pub fn room_has_role(&self, room: &RoomRecord, role: &str) -> bool {
        self.template(&room.template_id)
            .is_some_and(|t| t.roles.iter().any(|r| r == role))
    }

    /// `POST /rooms`: a room of that name is updated (upsert), otherwise one is created.
    pub fn upsert_room(&mut self, changes: RoomChanges) -> Result<RoomRecord, Refusal> {
        let existing = changes
            .name
            .as_deref()
            .and_then(|n| self.room_by_name(n))
            .map(|r| r.id.clone());
        if let Some(id) = existing {
            return self.update_room(
                &id,
                RoomChanges {
                    name: None,
                    ..changes
                },
            );
        }
        let template = match changes.template_id.as_deref().filter(|t| !t.is_empty()) {
            Some(id) => self
                .template(id)
                .ok_or_else(|| Refusal::new(400, "Error: template not found"))?,
            None => &self.templates[0],
        };
        let now = timestamp();
        let room = RoomRecord {
            id: object_id(),
            name: changes
                .name
                .unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
            enabled: changes.enabled.unwrap_or(true),
            description: changes.description.unwrap_or_default(),
            customer_id: self.customer_id.clone(),
            app_id: self.app_id.clone(),
            recording_info: RecordingInfo { enabled: false },
            template_id: template.id.clone(),
            template: template.name.clone(),
            region: changes.region.unwrap_or_else(|| "us".to_owned()),
            large_room: false,
            created_at: now.clone(),
            updated_at: now,
            webhook: changes.webhook,
        };
        self.room_ids.insert(room.id.clone(), self.rooms.len());
        self.room_names
            .insert(room.name.to_ascii_lowercase(), self.rooms.len());
        self.rooms.push(room.clone());
        Ok(room)
    }

    /// `POST /rooms/{id}`.
    pub fn update_room(&mut self, id: &str, changes: RoomChanges) -> Result<RoomRecord, Refusal> {
        let template = match changes.template_id.as_deref().filter(|t| !t.is_empty()) {
            Some(tid) => Some(
                self.template(tid)
                    .cloned()
                    .ok_or_else(|| Refusal::new(400, "Error: template not found"))?,
            ),
            None => None,
        };
        let name_taken = changes
            .name
            .as_deref()
            .and_then(|name| self.room_by_name(name))
            .is_some_and(|other| other.id != id);
        if name_taken {
            return Err(Refusal::new(400, "Invalid body param").with_detail("name already in use"));
        }
        let index = *self.room_ids.get(id).ok_or_else(Refusal::room_not_found)?;
        let room = &mut self.rooms[index];
        if let Some(name) = changes.name {
            self.room_names.remove(&room.name.to_ascii_lowercase());
            self.room_names.insert(name.to_ascii_lowercase(), index);
            room.name = name;
        }
        if let Some(description) = changes.description {
            room.description = description;
        }
        if let Some(template) = template {
            room.template_id = template.id;
            room.template = template.name;
        }
        if let Some(region) = changes.region {
            room.region = region;
        }
        if let Some(webhook) = changes.webhook {
            room.webhook = Some(webhook);
        }
        if let Some(enabled) = changes.enabled {
            room.enabled = enabled;
        }
        room.updated_at = timestamp();
        Ok(room.clone())
    }

    /// `POST /room-codes/room/{id}`: an enabled code for every role of the template (existing
    /// enabled codes are kept); codes of roles the template no longer has are disabled.
    pub fn create_codes_for_all_roles(
        &mut self,
        room_id: &str,
    ) -> Result<Vec<CodeRecord>, Refusal> {
        let roles = self.roles_of_usable_room(room_id)?;
        let now = timestamp();
        let indexes = self.codes_by_room.get(room_id).cloned().unwrap_or_default();
        for index in indexes {
            let code = &mut self.codes[index];
            if code.enabled && !roles.contains(&code.role) {
                code.enabled = false;
                code.updated_at = now.clone();
            }
        }
        let mut result = Vec::with_capacity(roles.len());
        for role in roles {
            let existing = self
                .room_codes(room_id)
                .find(|c| c.role == role && c.enabled)
                .cloned();
            match existing {
                Some(code) => result.push(code),
                None => result.push(self.new_code(room_id, &role)?),
            }
        }
        Ok(result)
    }

    /// `POST /room-codes/room/{id}/role/{role}`: always a new code.
    pub fn create_code_for_role(
        &mut self,
        room_id: &str,
        role: &str,
    ) -> Result<CodeRecord, Refusal> {
        let roles = self.roles_of_usable_room(room_id)?;
        if !roles.iter().any(|r| r == role) {
            return Err(Refusal::role_not_found());
        }
        self.new_code(room_id, role)
    }

    /// `GET /room-codes/room/{id}` before pagination.
    pub fn list_codes(
        &self,
        room_id: &str,
        role: Option<&str>,
        enabled: Option<bool>,
    ) -> Result<Vec<CodeRecord>, Refusal> {
        let roles = self.roles_of_usable_room(room_id)?;
        if role.is_some_and(|role| !roles.iter().any(|r| r == role)) {
            return Err(Refusal::role_not_found());
        }
        Ok(self
            .room_codes(room_id)
            .filter(|c| role.is_none_or(|r| c.role == r))
            .filter(|c| enabled.is_none_or(|e| c.enabled == e))
            .cloned()
            .collect())
    }

    /// `POST /room-codes/code`.
    pub fn set_code_enabled(&mut self, code: &str, enabled: bool) -> Result<CodeRecord, Refusal> {
        let index = *self
            .code_index
            .get(code)
            .ok_or_else(|| Refusal::new(404, "Code not found"))?;
        let record = self.codes[index].clone();
        if enabled {
            let role_exists = self
                .room(&record.room_id)
                .ok()
                .and_then(|room| self.template(&room.template_id))
                .is_some_and(|t| t.roles.contains(&record.role));
            if !role_exists {
                return Err(Refusal::new(
                    403,
                    "Code can not be enabled (role/room does not exist)",
                ));
            }
        }
        let stored = &mut self.codes[index];
        stored.enabled = enabled;
        stored.updated_at = timestamp();
        Ok(stored.clone())
    }

    fn roles_of_usable_room(&self, room_id: &str) -> Result<Vec<String>, Refusal> {
        let room = self.room(room_id)?;
        if !room.enabled {
            return Err(Refusal::new(403, "Room is disabled"));
        }
        Ok(self
            .template(&room.template_id)
            .map(|t| t.roles.clone())
            .unwrap_or_default())
    }

    fn new_code(&mut self, room_id: &str, role: &str) -> Result<CodeRecord, Refusal> {
        if self.room_codes(room_id).count() >= MAX_CODES_PER_ROOM {
            return Err(Refusal::new(400, "Room code limit reached")
                .with_detail("a room can have at most 100 room codes"));
        }
        let code = loop {
            let candidate = random_code();
            if !self.code_index.contains_key(&candidate) {
                break candidate;
            }
        };
        let now = timestamp();
        let record = CodeRecord {
            code,
            room_id: room_id.to_owned(),
            role: role.to_owned(),
            enabled: true,
            created_at: now.clone(),
            updated_at: now,
        };
        let index = self.codes.len();
        self.code_index.insert(record.code.clone(), index);
        self.codes_by_room
            .entry(room_id.to_owned())
            .or_default()
            .push(index);
        self.codes.push(record.clone());
        Ok(record)
    }
}

/// 24 hex characters, like 100ms's (MongoDB ObjectId) ids.
fn object_id() -> String {
    let bytes: [u8; 12] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `abc-defg-hij`: the documented 3-4-3 letter shape.
fn random_code() -> String {
    let mut rng = rand::rng();
    let mut group = |len: usize| -> String {
        (0..len)
            .map(|_| char::from(b'a' + rng.random_range(0..26u8)))
            .collect()
    };
    format!("{}-{}-{}", group(3), group(4), group(3))
}

fn timestamp() -> String {
    humantime::format_rfc3339_millis(SystemTime::now()).to_string()
}

#[cfg(test)]
mod tests;
