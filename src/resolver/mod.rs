//! `(room, role)` → room code, through in-memory caches: one entry per room holding its 100ms
//! id and its codes. Concurrent resolutions of one code, misses and refreshes alike, share one
//! upstream resolution (moka's `try_get_with`); failures are not cached, except "no such room or
//! role" for a short while. Codes past their TTL are refreshed, and served stale while 100ms fails.

mod admin;
mod background;
mod directory;
mod entry;
mod freshness;
mod in_flight;
mod not_found;
mod outcome;
mod refreshes;
mod resolution;
mod roles;
mod schedule;
mod token_room;

use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use compact_str::CompactString;
use moka::future::Cache;
use prometheus::IntCounter;
use tokio::time::timeout;

use crate::domain::{RoleName, RoomCode, RoomName};
use crate::hms::{HmsClient, HmsError};
use crate::settings::{CacheSettings, DisabledCodes, RoomsSettings};
use crate::telemetry::Metrics;
use directory::RoomDirectory;
use entry::CachedRoom;

pub use admin::Creation;
pub use directory::{KeptRoom, ListedRoom, Reach};
use in_flight::InFlight;
use not_found::NotFoundAnswers;
pub use outcome::CacheOutcome;
use outcome::OutcomeCounters;
use refreshes::Refreshes;

/// A 100ms room the portal serves, with the title its pages show.
#[derive(Debug)]
pub struct RoomRef {
    pub id: CompactString,
    pub title: CompactString,
    /// Sites that may frame the room's pages (CSP sources), when the room sets its own.
    pub framing: Option<Arc<str>>,
}

/// The outcome of a resolution: the room, the role and an enabled code for it. Passed by value:
/// the cache keeps codes in their room's entry, not as one allocation each (see `entry.rs`).
#[derive(Debug, Clone)]
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
    /// The role's codes were all disabled outside the portal, and `rooms.disabled_codes =
    /// "close"` keeps it closed until an operator acts.
    #[error("this role is closed: its room code was disabled in 100ms")]
    RoleClosed,
    /// A room of that name exists in 100ms with another template than asked for.
    #[error(
        "a room named {0} already exists in 100ms with another template; the portal does not change existing rooms"
    )]
    Exists(String),
    /// 100ms refused what the admin asked for (e.g. an unknown template).
    #[error("100ms rejected the request: {}", .0.message_text())]
    Rejected(#[source] HmsError),
    #[error(transparent)]
    Upstream(#[from] HmsError),
}

impl ResolveError {
    /// 100ms said the room or role is not there (or not usable): an answer worth remembering.
    pub(super) fn is_definitive(&self) -> bool {
        matches!(
            self,
            Self::UnknownRoom | Self::UnknownRole | Self::RoomDisabled | Self::RoleClosed
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

/// What readiness reports of 100ms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpstreamHealth {
    Healthy,
    /// 100ms is failing but cached pages are served.
    Degraded(String),
    Down(String),
}

/// A room and role: the key of a code.
pub type CodeKey = (RoomName, RoleName);

pub struct Resolver {
    client: Arc<HmsClient>,
    directory: RoomDirectory,
    outcomes: OutcomeCounters,
    /// What to do when a role's codes were all disabled outside the portal, and their count.
    disabled_codes: DisabledCodes,
    disabled_outside: IntCounter,
    /// `rooms.check_all_rooms_before_create`.
    check_all_rooms: bool,
    policy: CachePolicy,
    /// Rooms and their codes, kept for TTL + stale-if-error; a code's freshness is judged by its
    /// `fetched_at`.
    rooms_and_codes: Cache<RoomName, Arc<CachedRoom>>,
    /// The joinable roles of rooms whose roles are not configured (learnt from 100ms).
    room_roles: Cache<RoomName, Arc<[RoleName]>>,
    /// 100ms's recent "no such room or role" answers.
    not_found: NotFoundAnswers,
    /// Resolutions in flight, shared by everyone who asks for the same code meanwhile.
    in_flight: Cache<CodeKey, Resolved>,
    /// Keys whose refresh just failed: served stale at once for a while instead of waiting again.
    failed_refreshes: Cache<CodeKey, ()>,
    /// Look-ups under way (codes and rooms), for who may join them without being charged.
    looking_up: InFlight,
    /// Background refreshes: which rooms, how many at once, when a code is due.
    refreshes: Refreshes,
    /// This resolver, for the background refreshes it starts.
    me: Weak<Resolver>,
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
    pub refresh_ahead_percent: u8,
    pub refresh_concurrency: u16,
}

impl CachePolicy {
    pub fn new(cache: &CacheSettings, deadline: Duration) -> Self {
        Self {
            ttl: cache.ttl,
            max_entries: cache.max_entries,
            stale_if_error: cache.stale_if_error,
            negative_ttl: cache.negative_ttl,
            deadline,
            refresh_ahead_percent: cache.refresh_ahead_percent,
            refresh_concurrency: cache.refresh_concurrency,
        }
    }
}

/// After a failed refresh, how long a stale code is served without asking 100ms again.
pub(super) const REFRESH_BACKOFF: Duration = Duration::from_secs(10);

impl Resolver {
    pub fn new(
        client: Arc<HmsClient>,
        rooms: &RoomsSettings,
        default_template_id: Option<&str>,
        policy: CachePolicy,
        metrics: &Metrics,
    ) -> Arc<Self> {
        let max = policy.max_entries;
        Arc::new_cyclic(|me| Self {
            client,
            directory: RoomDirectory::new(rooms, default_template_id),
            outcomes: OutcomeCounters::new(metrics),
            disabled_codes: rooms.disabled_codes,
            check_all_rooms: rooms.check_all_rooms_before_create,
            disabled_outside: metrics.codes_disabled_outside(),
            rooms_and_codes: Cache::builder()
                .max_capacity(max)
                .weigher(|_, room: &Arc<CachedRoom>| room.weight())
                .time_to_live(policy.ttl + policy.stale_if_error)
                .build(),
            room_roles: bounded(max, policy.ttl),
            not_found: NotFoundAnswers::new(bounded(max, policy.negative_ttl)),
            // Entries leave as soon as their resolution ends; the TTL only bounds a straggler.
            in_flight: bounded(max, policy.deadline),
            failed_refreshes: bounded(max, REFRESH_BACKOFF),
            looking_up: InFlight::default(),
            refreshes: Refreshes::new(&policy, max, REFRESH_BACKOFF),
            me: me.clone(),
            policy,
        })
    }

    /// Whether visitors may open pages of this room at all (configured, registered, or allowed
    /// by `rooms.unknown`); no call to 100ms.
    pub fn serves(&self, room: &RoomName) -> bool {
        self.directory.serves(room)
    }

    /// Whether the room is served and, where its roles are configured, has the role; no lock
    /// for a configured room, no call to 100ms.
    pub fn reaches(&self, room: &RoomName, role: &RoleName) -> Reach {
        self.directory.reaches(room, role)
    }

    /// The room's title as configured or kept, without asking 100ms.
    pub fn known_title(&self, room: &RoomName) -> Option<String> {
        self.directory
            .plan(room)
            .map(|plan| plan.title().to_owned())
    }

    /// The sites that may frame the room's pages when it has its own (CSP text).
    pub fn framing(&self, room: &RoomName) -> Option<Arc<str>> {
        self.directory.plan(room).and_then(|plan| plan.framing)
    }

    /// Whether the room is configured (`rooms.aliases`, enabled or not).
    /// Whether 100ms is not being called for now (the circuit breaker is open).
    pub fn circuit_open(&self) -> bool {
        self.client.circuit_open()
    }

    pub fn is_configured(&self, room: &RoomName) -> bool {
        self.directory.configured_title(room).is_some() || self.directory.is_reserved(room)
    }

    /// A code from memory, the hot path of every page view: within its TTL (a hit), or past it
    /// but within `stale_if_error` (served stale at once while a background refresh asks 100ms
    /// again). A code visited near the end of its TTL is refreshed ahead in the background.
    pub async fn cached(&self, key: &CodeKey) -> Option<(Resolved, CacheOutcome)> {
        let entry = self.rooms_and_codes.get(&key.0).await?;
        let code = entry.code(&key.1)?;
        let age = code.fetched_at.elapsed();
        let outcome = if age < self.policy.ttl {
            CacheOutcome::Hit
        } else if age < self.policy.ttl + self.policy.stale_if_error {
            CacheOutcome::Stale
        } else {
            return None;
        };
        if self.refreshes.is_due(&key.0, age) {
            self.refresh_in_background(&key.0).await;
        }
        self.outcomes.count(outcome);
        Some((entry.resolved(code), outcome))
    }

    async fn fresh_code(&self, room: &RoomName, role: &RoleName) -> Option<Resolved> {
        let entry = self.rooms_and_codes.get(room).await?;
        let code = entry.code(role)?;
        (code.fetched_at.elapsed() < self.policy.ttl).then(|| entry.resolved(code))
    }

    /// Whether a look-up of the role's code (`Some`) or of the room (`None`) is under way: a
    /// visitor who asks now joins it and causes no call of their own.
    pub fn is_looking_up(&self, room: &RoomName, role: Option<&RoleName>) -> bool {
        self.looking_up.contains(room, role)
    }

    /// How many codes the cache holds (a room known without any code counts as one).
    pub async fn cached_codes(&self) -> u64 {
        self.rooms_and_codes.run_pending_tasks().await;
        self.rooms_and_codes.weighted_size()
    }

    /// The title pages show for a room a visitor may see (the gate says which).
    pub async fn title(&self, room: &RoomName) -> Shared<String> {
        if let Some(title) = self.directory.configured_title(room) {
            return Ok(title.to_owned());
        }
        Ok(self
            .room_ref(room, Audience::Visitor)
            .await?
            .title
            .to_string())
    }

    /// What 100ms's state says without calling it: the circuit is open (degraded while cached
    /// pages are served, else down), or 100ms answered well within `recent`; `None`: it takes a
    /// probe to tell.
    pub async fn upstream_health_known(&self, recent: Duration) -> Option<UpstreamHealth> {
        if self.client.circuit_open() {
            let reason =
                "100ms keeps failing (circuit open): cached pages are served, cold ones answer 503"
                    .to_owned();
            return Some(if self.cached_codes().await > 0 {
                UpstreamHealth::Degraded(reason)
            } else {
                UpstreamHealth::Down(reason)
            });
        }
        (self.client.recently_healthy(recent) == Some(true)).then_some(UpstreamHealth::Healthy)
    }

    /// One readiness probe of 100ms, within the deadline; it never moves the circuit breaker.
    pub async fn probe_upstream(&self) -> UpstreamHealth {
        match timeout(self.policy.deadline, self.client.readiness_probe()).await {
            Ok(Ok(())) => UpstreamHealth::Healthy,
            Ok(Err(error)) => UpstreamHealth::Down(format!("100ms: {error}")),
            Err(_) => UpstreamHealth::Down("100ms: no answer within hms.deadline_ms".into()),
        }
    }

    /// Configured rooms marked `listed`, for the index page.
    pub fn listed_rooms(&self) -> Vec<ListedRoom> {
        self.directory.listed()
    }

    /// The code a visitor of `/join/{room}/{role}` gets, and how it was found; the portal's
    /// gate has let the visitor in.
    pub async fn resolve(
        &self,
        room: &RoomName,
        role: &RoleName,
    ) -> Shared<(Resolved, CacheOutcome)> {
        let found = self.lookup(room, role, Audience::Visitor).await;
        if let Ok((_, outcome)) = &found {
            self.outcomes.count(*outcome);
        }
        found
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
    pub(super) fn confirmed(room: Arc<RoomRef>, role: RoleName, code: RoomCode) -> Self {
        Self {
            room,
            role,
            code,
            fetched_at: Instant::now(),
        }
    }
}
