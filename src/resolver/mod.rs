//! `(room, role)` → room code, through in-memory caches: one entry per room holding its 100ms
//! id and its codes. Concurrent resolutions of one code, misses and refreshes alike, share one
//! upstream resolution (moka's `try_get_with`); failures are not cached, except "no such room or
//! role" for a short while. Codes past their TTL are refreshed, and served stale while 100ms fails.

mod admin;
mod directory;
mod entry;
mod freshness;
mod outcome;
mod roles;

use std::sync::Arc;
use std::time::{Duration, Instant};

use compact_str::CompactString;
use moka::future::Cache;
use moka::ops::compute::Op;
use tokio::time::timeout;

use crate::domain::{RoleName, RoomCode, RoomName};
use crate::hms::model::CreateRoom;
use crate::hms::{ApiProblem, HmsClient, HmsError};
use crate::settings::{CacheSettings, RoomsSettings};
use crate::telemetry::Metrics;
use directory::{RoomDirectory, RoomPlan};
use entry::CachedRoom;

pub use directory::ListedRoom;
pub use outcome::CacheOutcome;
use outcome::OutcomeCounters;

/// A 100ms room the portal serves, with the title its pages show.
#[derive(Debug)]
pub struct RoomRef {
    pub id: CompactString,
    pub title: CompactString,
}

/// The outcome of a resolution: the room, the role and an enabled code for it.
#[derive(Debug)]
pub struct Resolved {
    pub room: Arc<RoomRef>,
    pub role: RoleName,
    pub code: RoomCode,
    /// When 100ms last confirmed the code.
    pub fetched_at: Instant,
}

#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("no such room")]
    UnknownRoom,
    #[error("no such role in this room")]
    UnknownRole,
    #[error("the room is disabled in 100ms")]
    RoomDisabled,
    /// 100ms refused what the admin asked for (e.g. an unknown template).
    #[error("100ms rejected the request: {}", .0.message_text())]
    Rejected(#[source] HmsError),
    #[error(transparent)]
    Upstream(#[from] HmsError),
}

impl ResolveError {
    /// 100ms said the room or role is not there (or not usable): an answer worth remembering.
    fn is_definitive(&self) -> bool {
        matches!(
            self,
            Self::UnknownRoom | Self::UnknownRole | Self::RoomDisabled
        )
    }

    /// 100ms could not answer now (timeout, 5xx, 429, no connection): serving stale is right.
    fn is_transient(&self) -> bool {
        match self {
            Self::Upstream(error) => {
                error.is_unavailable() || error.status().is_some_and(|s| s.is_server_error())
            }
            _ => false,
        }
    }
}

/// A room and role: the key of a code.
pub type CodeKey = (RoomName, RoleName);
/// `None` as role: the whole room.
type NegativeKey = (RoomName, Option<RoleName>);

pub struct Resolver {
    client: Arc<HmsClient>,
    directory: RoomDirectory,
    outcomes: OutcomeCounters,
    policy: CachePolicy,
    /// Rooms and their codes, kept for TTL + stale-if-error; a code's freshness is judged by its
    /// `fetched_at`.
    rooms: Cache<RoomName, Arc<CachedRoom>>,
    roles: Cache<RoomName, Arc<[RoleName]>>,
    negative: Cache<NegativeKey, Arc<ResolveError>>,
    /// Resolutions in flight, shared by everyone who asks for the same code meanwhile.
    pending: Cache<CodeKey, Arc<Resolved>>,
    /// Keys whose refresh just failed: served stale at once for a while instead of waiting again.
    failing: Cache<CodeKey, ()>,
}

/// Shared failures, as moka hands them out.
pub type Shared<T> = Result<T, Arc<ResolveError>>;

/// Who asks: visitors get only the rooms the portal serves; the admin reaches any 100ms room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Audience {
    Visitor,
    Admin,
}

pub struct CachePolicy {
    pub ttl: Duration,
    pub max_entries: u64,
    pub stale_if_error: Duration,
    pub negative_ttl: Duration,
    /// How long a page waits for 100ms in all.
    pub deadline: Duration,
}

impl CachePolicy {
    pub fn new(cache: &CacheSettings, deadline: Duration) -> Self {
        Self {
            ttl: cache.ttl,
            max_entries: cache.max_entries,
            stale_if_error: cache.stale_if_error,
            negative_ttl: cache.negative_ttl,
            deadline,
        }
    }
}

/// After a failed refresh, how long a stale code is served without asking 100ms again.
const REFRESH_BACKOFF: Duration = Duration::from_secs(10);

impl Resolver {
    pub fn new(
        client: Arc<HmsClient>,
        rooms: &RoomsSettings,
        default_template_id: Option<&str>,
        policy: CachePolicy,
        metrics: &Metrics,
    ) -> Self {
        let max = policy.max_entries;
        Self {
            client,
            directory: RoomDirectory::new(rooms, default_template_id),
            outcomes: OutcomeCounters::new(metrics),
            rooms: Cache::builder()
                .max_capacity(max)
                .weigher(|_, room: &Arc<CachedRoom>| room.weight())
                .time_to_live(policy.ttl + policy.stale_if_error)
                .build(),
            roles: bounded(max, policy.ttl),
            negative: bounded(max, policy.negative_ttl),
            // Entries leave as soon as their resolution ends; the TTL only bounds a straggler.
            pending: bounded(max, policy.deadline),
            failing: bounded(max, REFRESH_BACKOFF),
            policy,
        }
    }

    /// Whether visitors may open pages of this room at all (configured, registered, or allowed
    /// by `rooms.unknown`); no call to 100ms.
    pub fn serves(&self, room: &RoomName) -> bool {
        self.directory.serves(room)
    }

    /// A code still within its TTL, straight from memory: the hot path of every page view.
    pub async fn fresh(&self, key: &CodeKey) -> Option<Arc<Resolved>> {
        let code = self.fresh_code(&key.0, &key.1).await?;
        self.outcomes.count(CacheOutcome::Hit);
        Some(code)
    }

    async fn fresh_code(&self, room: &RoomName, role: &RoleName) -> Option<Arc<Resolved>> {
        let entry = self.rooms.get(room).await?;
        let code = entry.code(role)?;
        (code.fetched_at.elapsed() < self.policy.ttl).then(|| code.clone())
    }

    /// How many codes the cache holds (a room known without any code counts as one).
    pub async fn cached_codes(&self) -> u64 {
        self.rooms.run_pending_tasks().await;
        self.rooms.weighted_size()
    }

    /// The title pages show for a room a visitor may see.
    pub async fn title(&self, room: &RoomName) -> Shared<String> {
        if let Some(title) = self.directory.configured_title(room) {
            return Ok(title.to_owned());
        }
        if !self.directory.serves(room) {
            return Err(Arc::new(ResolveError::UnknownRoom));
        }
        Ok(self
            .room_ref(room, Audience::Visitor)
            .await?
            .title
            .to_string())
    }

    /// Ok when 100ms answered well within `recent`, or answers a cheap read now.
    pub async fn upstream_health(&self, recent: Duration) -> Result<(), String> {
        if self.client.recently_healthy(recent) == Some(true) {
            return Ok(());
        }
        match timeout(self.policy.deadline, self.client.probe()).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(error)) => Err(format!("100ms: {error}")),
            Err(_) => Err("100ms: no answer within hms.deadline_ms".into()),
        }
    }

    /// Configured rooms marked `listed`, for the index page.
    pub fn listed_rooms(&self) -> Vec<ListedRoom> {
        self.directory.listed()
    }

    /// The code a visitor of `/join/{room}/{role}` gets, and how it was found.
    pub async fn resolve(
        &self,
        room: &RoomName,
        role: &RoleName,
    ) -> Shared<(Arc<Resolved>, CacheOutcome)> {
        if role.is_internal() {
            return Err(Arc::new(ResolveError::UnknownRole));
        }
        if !self.directory.serves(room) {
            return Err(Arc::new(ResolveError::UnknownRoom));
        }
        let found = self.lookup(room, role, Audience::Visitor).await;
        if let Ok((_, outcome)) = &found {
            self.outcomes.count(*outcome);
        }
        found
    }

    /// Asks 100ms for the role's code and keeps it; whoever asks for the same code meanwhile
    /// waits for this answer instead of asking again.
    async fn resolve_code(
        &self,
        room: &RoomName,
        role: &RoleName,
        audience: Audience,
    ) -> Shared<Arc<Resolved>> {
        let key = (room.clone(), role.clone());
        let resolution = async {
            // Someone may have finished resolving it just after this caller looked.
            if let Some(code) = self.fresh_code(room, role).await {
                return Ok(code);
            }
            let room_ref = self.room_ref(room, audience).await?;
            let code = self.code_for(room, room_ref, role).await?;
            self.keep_code(room, code.clone()).await;
            Ok(code)
        };
        let resolved = self
            .pending
            .try_get_with_by_ref(&key, resolution)
            .await
            .map_err(|shared: Arc<Arc<ResolveError>>| (*shared).clone());
        self.pending.invalidate(&key).await;
        resolved
    }

    /// The 100ms room behind `room`, from the room cache or found afresh.
    async fn room_ref(&self, room: &RoomName, audience: Audience) -> Shared<Arc<RoomRef>> {
        let entry = self
            .rooms
            .try_get_with_by_ref(room, async {
                let plan = match audience {
                    Audience::Visitor => {
                        self.directory.plan(room).ok_or(ResolveError::UnknownRoom)?
                    }
                    Audience::Admin => self.directory.admin_plan(room),
                };
                let found = self.find_room(&plan).await?;
                Ok::<_, ResolveError>(Arc::new(CachedRoom::new(Arc::new(found))))
            })
            .await?;
        Ok(entry.room.clone())
    }

    /// Puts `code` in its room's entry, under the entry's lock so concurrent roles all land.
    async fn keep_code(&self, room: &RoomName, code: Arc<Resolved>) {
        self.update_room(room, |entry| {
            Some(match entry {
                Some(entry) => entry.with_code(code),
                None => CachedRoom::holding(code),
            })
        })
        .await;
    }

    /// Replaces the room's entry with what `change` makes of it (`None`: leave it as it is).
    async fn update_room(
        &self,
        room: &RoomName,
        change: impl FnOnce(Option<&CachedRoom>) -> Option<CachedRoom>,
    ) {
        self.rooms
            .entry_by_ref(room)
            .and_compute_with(|entry| {
                let op = match change(entry.as_ref().map(|e| e.value().as_ref())) {
                    Some(updated) => Op::Put(Arc::new(updated)),
                    None => Op::Nop,
                };
                std::future::ready(op)
            })
            .await;
    }

    async fn find_room(&self, plan: &RoomPlan) -> Result<RoomRef, ResolveError> {
        let (name, create) = match plan {
            RoomPlan::Pinned { id, title } => {
                return Ok(RoomRef {
                    id: id.into(),
                    title: title.into(),
                });
            }
            RoomPlan::ByName { name, create, .. } => (name.as_str(), create),
        };
        let found = |room: crate::hms::model::Room| RoomRef {
            id: room.id.into(),
            title: plan.title().into(),
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
        let resolved = |code: RoomCode| Resolved::confirmed(room.clone(), role.clone(), code);
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
            Err(error) => Err(self.classify_error(room_name, error).await),
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
        match result {
            Ok(value) => Ok(value),
            Err(error) => Err(self.classify_error(room_name, error).await),
        }
    }

    pub(super) async fn classify_error(
        &self,
        room_name: &RoomName,
        error: HmsError,
    ) -> ResolveError {
        match error.problem() {
            Some(ApiProblem::RoleNotFound) => ResolveError::UnknownRole,
            Some(ApiProblem::RoomNotFound) => {
                self.rooms.invalidate(room_name).await;
                ResolveError::UnknownRoom
            }
            Some(ApiProblem::RoomDisabled) => {
                self.rooms.invalidate(room_name).await;
                ResolveError::RoomDisabled
            }
            // 100ms refused a change it understood (e.g. a room's 100 codes are used up).
            Some(ApiProblem::Refused | ApiProblem::ReferenceNotFound) => {
                ResolveError::Rejected(error)
            }
            _ => error.into(),
        }
    }
}

fn bounded<K, V>(max_entries: u64, ttl: Duration) -> Cache<K, V>
where
    K: std::hash::Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    Cache::builder()
        .max_capacity(max_entries)
        .time_to_live(ttl)
        .support_invalidation_closures()
        .build()
}

impl Resolved {
    /// A code 100ms confirmed just now.
    pub(super) fn confirmed(room: Arc<RoomRef>, role: RoleName, code: RoomCode) -> Arc<Self> {
        Arc::new(Self {
            room,
            role,
            code,
            fetched_at: Instant::now(),
        })
    }
}

pub(super) fn parse_code(code: &str) -> Result<RoomCode, HmsError> {
    RoomCode::parse(code).map_err(|e| HmsError::Decode(e.into()))
}
