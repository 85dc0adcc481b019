//! Listing, reading, changing and removing rooms, from the portal's own state (its
//! configuration and its store; never by listing 100ms). Configured rooms are read-only here.
//! Tightening never leaves a door open: a role that stops being public has its 100ms codes
//! rotated (or disabled, when it closes), and so does every role of a closed or removed room.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::Rooms;
use crate::domain::{AccessPolicy, CspSource, RoleName, RoomName};
use crate::portal::PortalError;
use crate::settings::RoomsSettings;
use crate::store::{Actor, AuditEntry, StoredRoom};

/// Where a room's settings live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum RoomSource {
    /// `[rooms.aliases.*]` in the settings: read-only through the API and console.
    Configured,
    /// Made through the admin API, CLI or console, kept in the store.
    Created,
}

impl std::fmt::Display for RoomSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Configured => "configured",
            Self::Created => "created",
        })
    }
}

/// A room as the portal serves it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoomSummary {
    pub name: String,
    pub title: String,
    pub source: RoomSource,
    /// The 100ms room id, when the portal pins it.
    pub room_id: Option<String>,
    /// On the index page.
    pub listed: bool,
    /// Served by the portal's pages (a closed room answers 404).
    pub enabled: bool,
    /// The room's own role policies, over `[access]`.
    #[schema(value_type = BTreeMap<String, AccessPolicy>)]
    pub policies: BTreeMap<RoleName, AccessPolicy>,
    /// Sites that may frame its pages, instead of `security.frame_ancestors`.
    pub frame_ancestors: Vec<String>,
}

/// One page of rooms.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoomList {
    pub rooms: Vec<RoomSummary>,
    /// How many rooms match in all.
    pub total: u64,
    pub limit: u32,
    pub offset: u32,
}

/// Which rooms to list.
#[derive(Debug, Clone, Default)]
pub struct RoomQuery {
    /// Part of a name or title, any case; empty: every room.
    pub search: String,
    pub limit: u32,
    pub offset: u32,
}

/// What to change of a room; `None` leaves it as it is.
#[derive(Debug, Clone, Default)]
pub struct RoomChange {
    pub title: Option<String>,
    pub listed: Option<bool>,
    pub enabled: Option<bool>,
    /// Per role: a policy, or `None` to fall back to `[access]`.
    pub policies: Option<BTreeMap<RoleName, Option<AccessPolicy>>>,
    pub frame_ancestors: Option<Vec<CspSource>>,
}

/// A role whose 100ms codes a change disabled.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ClosedCodes {
    pub role: String,
    /// A new code was made (the role stays reachable); else the role has none now.
    pub rotated: bool,
}

/// A room after a change, and the codes the change disabled.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoomChanged {
    pub room: RoomSummary,
    pub codes_disabled: Vec<ClosedCodes>,
}

/// A removed room.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoomRemoved {
    pub name: String,
    /// How many 100ms codes were disabled.
    pub codes_disabled: usize,
    /// Whether the 100ms room itself was disabled (only when asked).
    pub disabled_in_100ms: bool,
}

/// The configured rooms, by name, as listed.
pub(crate) fn configured_rooms(settings: &RoomsSettings) -> Vec<RoomSummary> {
    settings
        .aliases
        .iter()
        .map(|(alias, room)| RoomSummary {
            name: alias.to_string(),
            title: room.title.clone().unwrap_or_else(|| alias.to_string()),
            source: RoomSource::Configured,
            room_id: room.room_id.clone(),
            listed: room.listed,
            enabled: room.enabled,
            policies: room.access.clone(),
            frame_ancestors: room
                .frame_ancestors
                .iter()
                .map(ToString::to_string)
                .collect(),
        })
        .collect()
}

fn summary_of(room: &StoredRoom) -> RoomSummary {
    RoomSummary {
        name: room.name.to_string(),
        title: room.title.clone(),
        source: RoomSource::Created,
        room_id: Some(room.room_id.clone()),
        listed: room.listed,
        enabled: room.enabled,
        policies: room.access.clone(),
        frame_ancestors: room
            .frame_ancestors
            .iter()
            .map(ToString::to_string)
            .collect(),
    }
}

impl RoomSummary {
    fn matches(&self, search: &str) -> bool {
        search.is_empty()
            || self.name.to_lowercase().contains(search)
            || self.title.to_lowercase().contains(search)
    }
}

impl Rooms {
    /// A page of rooms, configured ones first, each part by name.
    pub async fn list(&self, query: &RoomQuery) -> Result<RoomList, PortalError> {
        let search = query.search.trim().to_lowercase();
        let limit = query.limit.clamp(1, 500);
        let configured: Vec<&RoomSummary> = self
            .configured
            .iter()
            .filter(|room| room.matches(&search))
            .collect();
        let configured_count = u32::try_from(configured.len()).unwrap_or(u32::MAX);
        let mut rooms: Vec<RoomSummary> = configured
            .into_iter()
            .skip(query.offset as usize)
            .take(limit as usize)
            .cloned()
            .collect();
        let wanted = limit - u32::try_from(rooms.len()).unwrap_or(limit);
        let kept_offset = query.offset.saturating_sub(configured_count);
        let page = self
            .store
            .room_page(&search, i64::from(wanted.max(1)), i64::from(kept_offset))
            .await?;
        rooms.extend(
            page.rooms
                .iter()
                .filter(|room| !self.is_configured(&room.name))
                .take(wanted as usize)
                .map(summary_of),
        );
        Ok(RoomList {
            rooms,
            total: u64::from(configured_count) + page.total,
            limit,
            offset: query.offset,
        })
    }

    /// One room as the portal serves it (no call to 100ms).
    pub async fn show(&self, room: &RoomName) -> Result<RoomSummary, PortalError> {
        if let Some(configured) = self.configured_room(room) {
            return Ok(configured.clone());
        }
        let kept = self
            .store
            .room(room)
            .await?
            .ok_or(PortalError::UnknownRoom)?;
        Ok(summary_of(&kept))
    }

    fn configured_room(&self, room: &RoomName) -> Option<&RoomSummary> {
        self.configured.iter().find(|c| c.name == room.as_str())
    }

    fn is_configured(&self, room: &RoomName) -> bool {
        self.resolver.is_configured(room)
    }

    /// The kept room, or why it cannot be changed here.
    async fn kept(&self, room: &RoomName) -> Result<StoredRoom, PortalError> {
        if self.is_configured(room) {
            return Err(PortalError::ConfiguredRoom(room.clone()));
        }
        self.store.room(room).await?.ok_or(PortalError::UnknownRoom)
    }

    /// Changes a room made through the portal; every replica serves the change at once. Roles
    /// that stop being public (or close, or whose room closes) have their codes disabled first.
    pub async fn update(
        &self,
        room: &RoomName,
        change: RoomChange,
        actor: Actor,
    ) -> Result<RoomChanged, PortalError> {
        let before = self.kept(room).await?;
        let mut after = before.clone();
        if let Some(title) = change.title {
            after.title = title;
        }
        after.listed = change.listed.unwrap_or(after.listed);
        after.enabled = change.enabled.unwrap_or(after.enabled);
        if let Some(policies) = change.policies {
            for (role, policy) in policies {
                match policy {
                    Some(policy) => after.access.insert(role, policy),
                    None => after.access.remove(&role),
                };
            }
        }
        if let Some(sites) = change.frame_ancestors {
            after.frame_ancestors = sites;
        }
        let codes_disabled = self.close_doors(&before, &after).await?;
        let audit = AuditEntry {
            actor,
            action: "room.updated",
            subject: room.to_string(),
            detail: describe_change(&before, &after),
        };
        self.store.save_room(&after, &audit).await?;
        self.replica.serve_kept_room(after.clone()).await;
        Ok(RoomChanged {
            room: summary_of(&after),
            codes_disabled,
        })
    }

    /// Disables the codes of every role `after` makes stricter than `before`: rotated where the
    /// role stays reachable, disabled where it closes.
    async fn close_doors(
        &self,
        before: &StoredRoom,
        after: &StoredRoom,
    ) -> Result<Vec<ClosedCodes>, PortalError> {
        let room = &after.name;
        let policies = &self.access.policies;
        if before.enabled && !after.enabled {
            self.resolver.disable_codes(room, None).await?;
            return Ok(vec![ClosedCodes {
                role: "*".into(),
                rotated: false,
            }]);
        }
        let roles: BTreeSet<&RoleName> = before.access.keys().chain(after.access.keys()).collect();
        let mut closed = Vec::new();
        for role in roles {
            let was = policies.policy_under(&before.access, role);
            let now = policies.policy_under(&after.access, role);
            let stricter = was != now && (was == AccessPolicy::Public || now == AccessPolicy::Off);
            if !stricter {
                continue;
            }
            let rotated = now != AccessPolicy::Off && after.enabled;
            if rotated {
                self.resolver.rotate(room, role).await?;
            } else {
                self.resolver.disable_codes(room, Some(role)).await?;
            }
            closed.push(ClosedCodes {
                role: role.to_string(),
                rotated,
            });
        }
        Ok(closed)
    }

    /// Forgets a room made through the portal, on every replica, after disabling every code of
    /// it in 100ms; with `disable_in_100ms`, the 100ms room too.
    pub async fn delete(
        &self,
        room: &RoomName,
        disable_in_100ms: bool,
        actor: Actor,
    ) -> Result<RoomRemoved, PortalError> {
        let kept = self.kept(room).await?;
        // Fail before 100ms is changed when the room could not be forgotten.
        self.store.ping().await?;
        let codes_disabled = match self.resolver.disable_codes(room, None).await {
            Ok(count) => count,
            // Nothing is left to disable in a room 100ms no longer has.
            Err(error) if matches!(PortalError::from(error.clone()), PortalError::UnknownRoom) => 0,
            Err(error) => return Err(error.into()),
        };
        if disable_in_100ms {
            self.resolver.disable_in_hms(room).await?;
        }
        let audit = AuditEntry {
            actor,
            action: "room.deleted",
            subject: room.to_string(),
            detail: Some(format!(
                "100ms room {}: {codes_disabled} codes disabled{}",
                kept.room_id,
                if disable_in_100ms {
                    ", room disabled in 100ms"
                } else {
                    ""
                }
            )),
        };
        self.store.delete_room(room, &audit).await?;
        self.replica.forget_room(room).await;
        Ok(RoomRemoved {
            name: room.to_string(),
            codes_disabled,
            disabled_in_100ms: disable_in_100ms,
        })
    }
}

/// What changed, for the audit line.
fn describe_change(before: &StoredRoom, after: &StoredRoom) -> Option<String> {
    let mut parts = Vec::new();
    if before.title != after.title {
        parts.push(format!("title {:?}", after.title));
    }
    if before.listed != after.listed {
        parts.push(format!("listed {}", after.listed));
    }
    if before.enabled != after.enabled {
        parts.push(format!("enabled {}", after.enabled));
    }
    if before.access != after.access {
        let policies: Vec<String> = after
            .access
            .iter()
            .map(|(role, policy)| format!("{role}={policy}"))
            .collect();
        parts.push(format!("policies {{{}}}", policies.join(", ")));
    }
    if before.frame_ancestors != after.frame_ancestors {
        let sites: Vec<&str> = after
            .frame_ancestors
            .iter()
            .map(CspSource::as_str)
            .collect();
        parts.push(format!("frame_ancestors [{}]", sites.join(" ")));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}
