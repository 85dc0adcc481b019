//! The account on disk: templates, rooms and codes (not who is in a room), written after every
//! change and read at start, so rooms made in emulator mode still open after a restart. Written
//! to a temporary file first and renamed, so a crash leaves the old state or the new, never half.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Account, CodeRecord, RoomRecord, Template};

#[derive(Serialize, Deserialize)]
pub(super) struct SavedAccount {
    customer_id: String,
    app_id: String,
    templates: Vec<SavedTemplate>,
    rooms: Vec<RoomRecord>,
    codes: Vec<CodeRecord>,
}

#[derive(Serialize, Deserialize)]
struct SavedTemplate {
    id: String,
    name: String,
    roles: Vec<String>,
}

/// The account kept in `path`, its default template given today's `roles` (and its id when
/// one is configured); a new account when there is no file yet.
pub fn load(path: &Path, template_id: Option<&str>, roles: &[String]) -> std::io::Result<Account> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Account::new(template_id, roles));
        }
        Err(error) => return Err(error),
    };
    let saved: SavedAccount = serde_json::from_str(&text)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    let mut templates: Vec<Template> = saved
        .templates
        .into_iter()
        .map(|t| Template {
            id: t.id,
            name: t.name,
            roles: t.roles,
        })
        .collect();
    match templates.first_mut() {
        Some(default) => {
            default.roles = roles.to_vec();
            if let Some(id) = template_id.filter(|id| !id.is_empty()) {
                default.id = id.to_owned();
            }
        }
        None => templates = Account::new(template_id, roles).templates,
    }
    let mut account = Account::new(template_id, roles);
    account.customer_id = saved.customer_id;
    account.app_id = saved.app_id;
    account.templates = templates;
    for room in saved.rooms {
        account
            .room_ids
            .insert(room.id.clone(), account.rooms.len());
        account
            .room_names
            .insert(room.name.to_ascii_lowercase(), account.rooms.len());
        account.rooms.push(room);
    }
    for code in saved.codes {
        let index = account.codes.len();
        account.code_index.insert(code.code.clone(), index);
        account
            .codes_by_room
            .entry(code.room_id.clone())
            .or_default()
            .push(index);
        account.codes.push(code);
    }
    Ok(account)
}

/// Writes `account` to `path` (through a temporary file beside it).
pub fn save(account: &Account, path: &Path) -> std::io::Result<()> {
    let saved = SavedAccount {
        customer_id: account.customer_id.clone(),
        app_id: account.app_id.clone(),
        templates: account
            .templates
            .iter()
            .map(|t| SavedTemplate {
                id: t.id.clone(),
                name: t.name.clone(),
                roles: t.roles.clone(),
            })
            .collect(),
        rooms: account.rooms.clone(),
        codes: account.codes.clone(),
    };
    let json = serde_json::to_vec(&saved).map_err(std::io::Error::other)?;
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)?;
    }
    let temporary = path.with_extension("json.tmp");
    std::fs::write(&temporary, json)?;
    std::fs::rename(&temporary, path)
}
