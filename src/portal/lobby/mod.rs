//! The lobby: visitors of a waiting role ask to join and wait *in the portal*; people of an
//! admitting role (or an operator) admit them or turn them away; admitted, the visitor enters
//! with a per-visit token of their own. Tickets live in the store, so a host on one replica
//! admits a visitor waiting on another; each waiting browser holds its ticket in a sealed
//! cookie, so nobody else enters with it.

mod hosts;
mod signals;
mod sweep;
mod visitors;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use tokio::sync::watch;

use super::PortalError;
use super::gate::Gate;
use super::rate_limit::RateLimits;
use super::seal::Sealer;
use super::visits::Visits;
use crate::domain::clock::unix_now;
use crate::domain::{PageKind, RoleName, RoomName};
use crate::hms::HmsClient;
use crate::resolver::Resolver;
use crate::settings::LobbySettings;
use crate::store::Store;
pub use signals::{HostPresence, LobbySignals};

/// How often presence is written and lapsed tickets are swept, at most (a short
/// `lobby.lapse` sweeps more often: four times per lapse).
const SWEEP_EVERY: Duration = Duration::from_secs(5);
/// How long a host's pass lasts (it is renewed each time they open their page).
const HOST_PASS_SECS: u64 = 12 * 3600;
/// The most a host's message to a turned-away visitor may say.
pub const MAX_MESSAGE_CHARS: usize = 200;

/// Where a ticket stands, for the visitor's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketState {
    Waiting,
    Admitted,
    Denied,
    Lapsed,
    Entered,
}

impl TicketState {
    fn parse(state: &str) -> Self {
        match state {
            "waiting" => Self::Waiting,
            "admitted" => Self::Admitted,
            "denied" => Self::Denied,
            "entered" => Self::Entered,
            _ => Self::Lapsed,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Admitted => "admitted",
            Self::Denied => "denied",
            Self::Lapsed => "lapsed",
            Self::Entered => "entered",
        }
    }

    /// Nothing more will happen to it.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Denied | Self::Lapsed | Self::Entered)
    }
}

/// A visitor's ticket, as their waiting page shows it.
#[derive(Debug, Clone)]
pub struct TicketView {
    pub id: String,
    pub room: RoomName,
    pub role: RoleName,
    pub kind: PageKind,
    pub name: String,
    pub state: TicketState,
    /// 1 for the first in line (while waiting).
    pub position: usize,
    /// The host's words, when turned away.
    pub message: Option<String>,
    /// Whether someone who may admit has the room's lobby open (on any replica) or is in the
    /// meeting.
    pub host_present: bool,
}

/// Someone waiting, as hosts see them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Waiting {
    pub ticket: String,
    pub name: String,
    pub role: String,
    /// Unix seconds.
    pub since: i64,
    /// The name came with their link or sign-in (the meeting keeps it).
    pub name_bound: bool,
}

/// A decision on a ticket.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Decided {
    pub ticket: String,
    pub name: String,
    /// `admitted` or `denied`.
    pub state: String,
}

#[derive(Serialize, Deserialize)]
struct TicketPass {
    id: String,
    exp: u64,
}

#[derive(Serialize, Deserialize)]
struct HostPass {
    room: String,
    exp: u64,
}

/// A room's waiting line at a version of its signal.
type Line = (u64, Arc<WaitingLine>);

/// Each waiting ticket's place in its room's line (1 is next). A change of the room wakes
/// every waiting page and each looks itself up: a map, not a scan of the line (with 5,000
/// waiting, scans cost 12.5 million comparisons a change).
pub(super) struct WaitingLine {
    places: HashMap<String, usize>,
}

impl WaitingLine {
    fn new(ids: impl IntoIterator<Item = String>) -> Self {
        let places = ids.into_iter().zip(1..).collect();
        Self { places }
    }

    fn place(&self, id: &str) -> Option<usize> {
        self.places.get(id).copied()
    }

    fn len(&self) -> usize {
        self.places.len()
    }

    fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}

pub struct Lobby {
    store: Arc<Store>,
    /// To tell the people inside the meeting that someone waits.
    client: Arc<HmsClient>,
    resolver: Arc<Resolver>,
    gate: Arc<Gate>,
    visits: Arc<Visits>,
    limits: Arc<RateLimits>,
    signals: Arc<LobbySignals>,
    tickets: Sealer,
    hosts: Sealer,
    settings: LobbySettings,
    /// Where `lobby.knock` goes out to the operator's systems.
    outbox: Arc<super::outbox::Outbox>,
    /// Tickets whose waiting page showed itself since the last sweep.
    seen: Mutex<HashSet<String>>,
    /// Each room's waiting line at a version of its signal: read once per change, shared by
    /// every waiting page of the room.
    lines: Mutex<HashMap<RoomName, Line>>,
    /// One line is read at a time: the pages a change wakes at once wait for it, then share it.
    reading: tokio::sync::Mutex<()>,
    /// Rooms where someone who may admit is in the meeting (as 100ms last said).
    in_meeting: Mutex<HashMap<RoomName, bool>>,
    /// Rooms whose hosts' lists are open on another replica (as the store last said).
    elsewhere: Mutex<HashSet<RoomName>>,
    /// This replica's name in the store's presence rows.
    replica: String,
}

/// What the lobby is made of.
pub(crate) struct LobbyParts {
    pub store: Arc<Store>,
    pub client: Arc<HmsClient>,
    pub resolver: Arc<Resolver>,
    pub gate: Arc<Gate>,
    pub visits: Arc<Visits>,
    pub limits: Arc<RateLimits>,
    pub signals: Arc<LobbySignals>,
    pub tickets: Sealer,
    pub hosts: Sealer,
    pub settings: LobbySettings,
    pub outbox: Arc<super::outbox::Outbox>,
}

impl Lobby {
    pub(crate) fn new(parts: LobbyParts) -> Arc<Self> {
        let lobby = Arc::new(Self {
            store: parts.store,
            client: parts.client,
            resolver: parts.resolver,
            gate: parts.gate,
            visits: parts.visits,
            limits: parts.limits,
            signals: parts.signals,
            tickets: parts.tickets,
            hosts: parts.hosts,
            settings: parts.settings,
            outbox: parts.outbox,
            seen: Mutex::default(),
            lines: Mutex::default(),
            reading: tokio::sync::Mutex::new(()),
            in_meeting: Mutex::default(),
            elsewhere: Mutex::default(),
            replica: uuid::Uuid::new_v4().to_string(),
        });
        lobby.sweep_now_and_then();
        lobby
    }

    /// A pass that lets the bearer's browser admit in `room` (set when an admitting role's
    /// page opens).
    pub fn host_pass(&self, room: &RoomName) -> String {
        self.hosts.seal(&HostPass {
            room: room.to_string(),
            exp: unix_now() + HOST_PASS_SECS,
        })
    }

    /// Whether `pass` lets its browser admit in `room`.
    pub fn is_host(&self, room: &RoomName, pass: Option<&str>) -> bool {
        pass.and_then(|p| self.hosts.open::<HostPass>(p))
            .is_some_and(|p| p.room == room.as_str() && p.exp > unix_now())
    }

    /// How long a host's pass lives.
    pub fn host_pass_lifetime(&self) -> Duration {
        Duration::from_secs(HOST_PASS_SECS)
    }

    /// How long a visitor's ticket pass lives.
    pub fn ticket_pass_lifetime(&self) -> Duration {
        self.settings.max_wait + Duration::from_secs(HOST_PASS_SECS)
    }

    /// How often an open waiting page's stream speaks when nothing changes: often enough that
    /// its presence is noted well within `lobby.lapse` (and proxies keep it open).
    pub fn keep_alive(&self) -> Duration {
        (self.settings.lapse / 3).clamp(Duration::from_secs(1), Duration::from_secs(15))
    }

    /// Wakes when the room's lobby changes.
    pub fn watch(&self, room: &RoomName) -> watch::Receiver<u64> {
        self.signals.watch(room)
    }

    /// A host's list is open until the guard drops (waiting pages say someone is there).
    pub fn host_present(&self, room: &RoomName) -> HostPresence {
        self.signals.host_present(room)
    }

    /// Whether the role's visitors wait in the room's lobby.
    pub fn waits(&self, room: &RoomName, role: &RoleName) -> bool {
        self.gate.waits(room, role)
    }

    /// Whether the role's people admit in the room.
    pub fn admits(&self, room: &RoomName, role: &RoleName) -> bool {
        self.gate.admits(room, role)
    }

    fn seen(&self, id: &str) {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        // Every change of a room notes each of its open pages: no copy when already noted.
        if !seen.contains(id) {
            seen.insert(id.to_owned());
        }
    }
}

fn random_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A ticket's short name in audit lines (the id itself opens nothing without its pass).
fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

fn seconds(secs: u64) -> i64 {
    i64::try_from(secs).unwrap_or(i64::MAX)
}
