//! `(room, role)` → room code, through two in-memory caches. Concurrent misses for one key share
//! one upstream resolution (moka's `try_get_with`); failures are never cached.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use moka::future::Cache;

use crate::domain::{RoleName, RoomCode, RoomName};
use crate::hms::model::CreateRoom;
use crate::hms::{HmsClient, HmsError};
use crate::settings::{RoomsSettings, UnknownRooms};

/// A 100ms room the portal serves, with the title its pages show.
#[derive(Debug)]
pub struct RoomRef {
    pub id: String,
    pub title: String,
}

/// The outcome of a resolution: the room, the role and an enabled code for it.
#[derive(Debug)]
pub struct Resolved {
    pub room: Arc<RoomRef>,
    pub role: RoleName,
    pub code: RoomCode,
}

#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("no such room")]
    UnknownRoom,
    #[error("no such role in this room")]
    UnknownRole,
    #[error("the room is disabled in 100ms")]
    RoomDisabled,
    #[error(transparent)]
    Upstream(#[from] HmsError),
}

pub struct Resolver {
    client: Arc<HmsClient>,
    directory: RoomDirectory,
    rooms: Cache<RoomName, Arc<RoomRef>>,
    codes: Cache<(RoomName, RoleName), Arc<Resolved>>,
}

pub struct CachePolicy {
    pub ttl: Duration,
    pub max_entries: u64,
}

impl Resolver {
    pub fn new(
        client: Arc<HmsClient>,
        rooms: &RoomsSettings,
        default_template_id: &str,
        policy: CachePolicy,
    ) -> Self {
        Self {
            client,
            directory: RoomDirectory::new(rooms, default_template_id),
            rooms: Cache::builder()
                .max_capacity(policy.max_entries)
                .time_to_live(policy.ttl)
                .build(),
            codes: Cache::builder()
                .max_capacity(policy.max_entries)
                .time_to_live(policy.ttl)
                .build(),
        }
    }

    pub async fn resolve(
        &self,
        room: &RoomName,
        role: &RoleName,
    ) -> Result<Arc<Resolved>, Arc<ResolveError>> {
        if role.is_internal() {
            return Err(Arc::new(ResolveError::UnknownRole));
        }
        if !self.directory.serves(room) {
            return Err(Arc::new(ResolveError::UnknownRoom));
        }
        let key = (room.clone(), role.clone());
        let resolution = async {
            let room_ref = self
                .rooms
                .try_get_with_by_ref(room, async {
                    let plan = self.directory.plan(room).ok_or(ResolveError::UnknownRoom)?;
                    self.find_room(&plan).await.map(Arc::new)
                })
                .await?;
            self.code_for(room, room_ref, role).await.map_err(Arc::new)
        };
        self.codes
            .try_get_with(key, resolution)
            .await
            .map_err(|shared: Arc<Arc<ResolveError>>| (*shared).clone())
    }

    async fn find_room(&self, plan: &RoomPlan) -> Result<RoomRef, ResolveError> {
        let (name, create) = match plan {
            RoomPlan::Pinned { id, title } => {
                return Ok(RoomRef {
                    id: id.clone(),
                    title: title.clone(),
                });
            }
            RoomPlan::ByName { name, create, .. } => (name.as_str(), create),
        };
        let found = |room: crate::hms::model::Room| RoomRef {
            id: room.id,
            title: plan.title().to_owned(),
        };
        if let Some(room) = self.client.find_room_by_name(name, true).await? {
            return Ok(found(room));
        }
        if self.client.find_room_by_name(name, false).await?.is_some() {
            return Err(ResolveError::RoomDisabled);
        }
        let Some(spec) = create else {
            return Err(ResolveError::UnknownRoom);
        };
        let request = CreateRoom {
            name,
            description: spec.description.as_deref(),
            template_id: spec.template_id.as_deref(),
        };
        match self.client.create_room(&request).await {
            Ok(room) if room.enabled => Ok(found(room)),
            Ok(_) => Err(ResolveError::RoomDisabled),
            // The create may have happened: look again rather than create twice.
            Err(error) if error.outcome_unknown() => {
                tracing::warn!(room = name, %error, "room creation outcome unknown; looking it up");
                match self.client.find_room_by_name(name, true).await? {
                    Some(room) => Ok(found(room)),
                    None => Err(error.into()),
                }
            }
            Err(error) => Err(error.into()),
        }
    }

    /// The first enabled code of the role; only when there is none, a new one.
    async fn code_for(
        &self,
        room_name: &RoomName,
        room: Arc<RoomRef>,
        role: &RoleName,
    ) -> Result<Arc<Resolved>, ResolveError> {
        let resolved = |code: RoomCode| {
            Arc::new(Resolved {
                room: room.clone(),
                role: role.clone(),
                code,
            })
        };
        let listed = self.enabled_code(&room.id, role).await;
        if let Some(code) = self.classify(room_name, listed).await? {
            return Ok(resolved(code));
        }
        match self.client.create_room_code(&room.id, role.as_str()).await {
            Ok(record) => Ok(resolved(parse_code(&record.code)?)),
            // A create that timed out may still have made a code: re-list instead of creating again.
            Err(error) if error.outcome_unknown() => {
                tracing::warn!(room = %room_name, %role, %error, "code creation outcome unknown; listing again");
                let relisted = self.enabled_code(&room.id, role).await;
                match self.classify(room_name, relisted).await? {
                    Some(code) => Ok(resolved(code)),
                    None => Err(error.into()),
                }
            }
            Err(error) => {
                self.classify::<()>(room_name, Err(error)).await?;
                Err(ResolveError::UnknownRole)
            }
        }
    }

    async fn enabled_code(
        &self,
        room_id: &str,
        role: &RoleName,
    ) -> Result<Option<RoomCode>, HmsError> {
        let codes = self
            .client
            .list_room_codes(room_id, Some(role.as_str()), Some(true))
            .await?;
        codes
            .into_iter()
            .find(|c| c.enabled && c.role == role.as_str())
            .map(|c| parse_code(&c.code))
            .transpose()
    }

    /// Turns 100ms's answers about codes into what the visitor should see; a vanished room
    /// also leaves the room cache so the next request looks it up afresh.
    async fn classify<T>(
        &self,
        room_name: &RoomName,
        result: Result<T, HmsError>,
    ) -> Result<T, ResolveError> {
        let error = match result {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        if error.is_role_not_found() {
            return Err(ResolveError::UnknownRole);
        }
        if error.is_not_found() {
            self.rooms.invalidate(room_name).await;
            return Err(ResolveError::UnknownRoom);
        }
        let disabled = matches!(&error, HmsError::Api { message, .. } if message.to_ascii_lowercase().contains("disabled"));
        if error.is_forbidden() && disabled {
            self.rooms.invalidate(room_name).await;
            return Err(ResolveError::RoomDisabled);
        }
        Err(error.into())
    }
}

fn parse_code(code: &str) -> Result<RoomCode, HmsError> {
    RoomCode::parse(code).map_err(|e| HmsError::Decode(e.to_string()))
}

/// Which rooms exist for the portal and how each is found in 100ms.
struct RoomDirectory {
    aliases: HashMap<RoomName, RoomPlan>,
    unknown: UnknownRooms,
    default_template: Option<String>,
}

#[derive(Debug, Clone)]
enum RoomPlan {
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
struct CreateSpec {
    template_id: Option<String>,
    description: Option<String>,
}

impl RoomPlan {
    fn title(&self) -> &str {
        match self {
            Self::Pinned { title, .. } | Self::ByName { title, .. } => title,
        }
    }
}

fn non_empty(value: &str) -> Option<String> {
    Some(value.trim())
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

impl RoomDirectory {
    fn new(settings: &RoomsSettings, default_template_id: &str) -> Self {
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
                Some((key, plan))
            })
            .collect();
        Self {
            aliases,
            unknown: settings.unknown,
            default_template,
        }
    }

    fn serves(&self, room: &RoomName) -> bool {
        self.unknown != UnknownRooms::Deny || self.aliases.contains_key(room)
    }

    /// `None` when the room must not be served at all (not configured, and `rooms.unknown = deny`).
    fn plan(&self, room: &RoomName) -> Option<RoomPlan> {
        if let Some(plan) = self.aliases.get(room) {
            return Some(plan.clone());
        }
        let create = match self.unknown {
            UnknownRooms::Deny => return None,
            UnknownRooms::Lookup => None,
            UnknownRooms::Create => Some(CreateSpec {
                template_id: self.default_template.clone(),
                description: None,
            }),
        };
        Some(RoomPlan::ByName {
            name: room.to_string(),
            title: room.to_string(),
            create,
        })
    }
}
