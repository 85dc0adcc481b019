//! The lobby: visitors of a waiting role ask to join and wait *in the portal*; people of an
//! admitting role (or an operator) admit them or turn them away; admitted, the visitor enters
//! with a per-visit token of their own. Tickets live in the store, so a host on one replica
//! admits a visitor waiting on another; each waiting browser holds its ticket in a sealed
//! cookie, so nobody else enters with it.

mod signals;

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use tokio::sync::watch;

use super::PortalError;
use super::gate::{Admitted, Decision, Gate};
use super::rate_limit::RateLimits;
use super::seal::Sealer;
use super::visits::{Visit, VisitRequest, Visits};
use crate::domain::clock::unix_now;
use crate::domain::{DisplayName, JoinOptions, JoinWith, PageKind, RoleName, RoomName, UserId};
use crate::hms::HmsClient;
use crate::resolver::Resolver;
use crate::settings::LobbySettings;
use crate::store::{Actor, AuditEntry, Change, NewTicket, Store, TicketRecord};
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
    /// Whether someone who may admit has the room's lobby open (on this replica).
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

/// A room's waiting line (ticket ids, first come first) at a version of its signal.
type Line = (u64, Arc<Vec<String>>);

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
    /// Tickets whose waiting page showed itself since the last sweep.
    seen: Mutex<HashSet<String>>,
    /// Each room's waiting line at a version of its signal: read once per change, shared by
    /// every waiting page of the room.
    lines: Mutex<HashMap<RoomName, Line>>,
    /// One line is read at a time: the pages a change wakes at once wait for it, then share it.
    reading: tokio::sync::Mutex<()>,
    /// Rooms where someone who may admit is in the meeting (as 100ms last said).
    in_meeting: Mutex<HashMap<RoomName, bool>>,
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
            seen: Mutex::default(),
            lines: Mutex::default(),
            reading: tokio::sync::Mutex::new(()),
            in_meeting: Mutex::default(),
        });
        lobby.sweep_now_and_then();
        lobby
    }

    /// Asks to join: the gate must say the visitor's door leads to this role's lobby. Answers
    /// the ticket's id and the pass its browser keeps. `typed_name` is used where the door
    /// binds none.
    pub async fn knock(
        &self,
        request: VisitRequest<'_>,
        typed_name: Option<&str>,
        client: IpAddr,
    ) -> Result<(String, String), PortalError> {
        let decision = self
            .gate
            .decide(&request.room, &request.role, request.door())
            .await;
        let VisitRequest {
            kind,
            room,
            role,
            options,
            ..
        } = request;
        let admitted = match decision {
            Decision::WaitInLobby(admitted) => admitted,
            // Not a lobby role (or not for this visitor): what the gate says instead.
            other => {
                other.admitted()?;
                return Err(PortalError::Invalid("this role does not wait in a lobby"));
            }
        };
        let person = who(&admitted, &options, typed_name)?;
        self.enqueue(room, role, kind, &admitted, person, client)
            .await
    }

    /// Refuses a knock the room's lobby has no place for.
    pub async fn has_room(&self, room: &RoomName) -> Result<(), PortalError> {
        if self.store.waiting_count(room).await? >= i64::from(self.settings.max_waiting) {
            return Err(PortalError::LobbyFull);
        }
        Ok(())
    }

    /// A ticket for someone the gate let as far as the lobby: `person` is their name, whether
    /// their grant binds it, and their user id.
    pub(crate) async fn enqueue(
        &self,
        room: RoomName,
        role: RoleName,
        kind: PageKind,
        admitted: &Admitted,
        person: (String, bool, Option<String>),
        client: IpAddr,
    ) -> Result<(String, String), PortalError> {
        self.limits.check_knock(client, &room)?;
        self.has_room(&room).await?;
        let (name, name_bound, user_id) = person;
        let id = random_id();
        let ticket = NewTicket {
            id: id.clone(),
            room: room.clone(),
            role: role.to_string(),
            kind: match kind {
                PageKind::Join => "join",
                PageKind::Embed => "embed",
            },
            name: name.clone(),
            name_bound,
            user_id,
            grant_until: admitted.until.map(seconds),
        };
        let audit = AuditEntry {
            actor: Actor::Visitor,
            action: "lobby.knocked",
            subject: format!("{room}/{role}"),
            detail: Some(format!("{name} (ticket {})", short(&id))),
        };
        self.store
            .knock(&ticket, seconds(unix_now()), &audit)
            .await?;
        self.signals.bump(&room);
        self.tell_the_meeting(&room, &role, &name);
        let exp = unix_now() + self.settings.max_wait.as_secs() + HOST_PASS_SECS;
        let pass = self.tickets.seal(&TicketPass {
            id: id.clone(),
            exp,
        });
        Ok((id, pass))
    }

    /// The ticket `id` if `pass` (its browser's cookie) is its own; noted as seen.
    pub async fn ticket(&self, id: &str, pass: Option<&str>) -> Result<TicketView, PortalError> {
        let record = self.own_ticket(id, pass).await?;
        let state = TicketState::parse(&record.state);
        let room = RoomName::parse(&record.room).map_err(|_| PortalError::UnknownInvitation)?;
        let position = if state == TicketState::Waiting {
            self.seen(id);
            // The room's shared line (this ticket's page may have no stream: no script).
            let version = *self.signals.watch(&room).borrow();
            let line = self.line(&room, version).await?;
            line.iter().position(|t| t == id).map_or(1, |i| i + 1)
        } else {
            0
        };
        Ok(TicketView {
            id: record.id.clone(),
            role: RoleName::parse(&record.role).map_err(|_| PortalError::UnknownInvitation)?,
            kind: if record.kind == "embed" {
                PageKind::Embed
            } else {
                PageKind::Join
            },
            name: record.name,
            state,
            position,
            message: record.message,
            host_present: self.someone_admits(&room),
            room,
        })
    }

    async fn own_ticket(&self, id: &str, pass: Option<&str>) -> Result<TicketRecord, PortalError> {
        let genuine = pass
            .and_then(|p| self.tickets.open::<TicketPass>(p))
            .is_some_and(|p| p.id == id && p.exp > unix_now());
        if !genuine {
            // Another browser (or none): the ticket is not theirs to see or use.
            return Err(PortalError::UnknownTicket);
        }
        self.store
            .ticket(id)
            .await?
            .ok_or(PortalError::UnknownTicket)
    }

    /// An admitted ticket's visitor enters the meeting with a per-visit token of their own:
    /// once, and only in the browser that knocked (its pass); that browser may come back in.
    pub async fn enter(
        &self,
        id: &str,
        pass: Option<&str>,
        client: impl FnOnce() -> IpAddr,
    ) -> Result<Visit, PortalError> {
        let record = self.own_ticket(id, pass).await?;
        let record = match TicketState::parse(&record.state) {
            TicketState::Admitted => {
                let audit = AuditEntry {
                    actor: Actor::Visitor,
                    action: "lobby.entered",
                    subject: format!("{}/{}", record.room, record.role),
                    detail: Some(format!("{} (ticket {})", record.name, short(id))),
                };
                self.store
                    .enter_ticket(id, seconds(unix_now()), &audit)
                    .await?
                    .unwrap_or(record)
            }
            TicketState::Entered => record,
            _ => return Err(PortalError::Invalid("this ticket was not admitted")),
        };
        let room = RoomName::parse(&record.room).map_err(|_| PortalError::UnknownTicket)?;
        let role = RoleName::parse(&record.role).map_err(|_| PortalError::UnknownTicket)?;
        let options = JoinOptions {
            name: DisplayName::parse(&record.name).ok(),
            user_id: record
                .user_id
                .as_deref()
                .and_then(|u| UserId::parse(u).ok()),
            skip_preview: false,
            lobby: false,
        };
        let admitted = Admitted {
            join_with: JoinWith::Token,
            // A name the visitor typed is theirs to change in the meeting; a bound one is kept.
            until: record
                .grant_until
                .and_then(|t| u64::try_from(t).ok())
                .or_else(|| (record.name_bound != 0).then(|| unix_now() + HOST_PASS_SECS)),
            signed_in: None,
        };
        self.visits
            .enter(room, role, options, admitted, client)
            .await
    }

    /// Tells the admitting roles inside the meeting that someone waits, through 100ms's
    /// send-message: in the background (tried once, never delaying or failing the knock), and
    /// only for a room known in memory (a knock never makes the portal look a room up).
    fn tell_the_meeting(&self, room: &RoomName, role: &RoleName, name: &str) {
        let (client, resolver) = (self.client.clone(), self.resolver.clone());
        let (room, role) = (room.clone(), role.clone());
        let admitters = self.gate.admitters(&room);
        let text = format!("{} is waiting in the lobby", safe_for_chat(name));
        tokio::spawn(async move {
            let Some(room_ref) = resolver.known_room(&room, &role).await else {
                return;
            };
            for admitter in admitters {
                let sent = client
                    .send_message(&room_ref.id, admitter.as_str(), &text)
                    .await;
                if let Err(error) = sent {
                    tracing::debug!(error = ?error, %room, "could not tell the meeting who waits");
                }
            }
        });
    }

    /// Where a ticket whose pass was checked stands at `version` of its room's signal: waiting
    /// (and where in line), or what became of it; whether a host is here. One store read per
    /// change of the room, shared by all its waiting pages.
    pub async fn standing(
        &self,
        room: &RoomName,
        id: &str,
        version: u64,
    ) -> Result<(TicketState, usize, bool), PortalError> {
        let line = self.line(room, version).await?;
        let host_present = self.someone_admits(room);
        if let Some(index) = line.iter().position(|t| t == id) {
            self.seen(id);
            return Ok((TicketState::Waiting, index + 1, host_present));
        }
        let record = self
            .store
            .ticket(id)
            .await?
            .ok_or(PortalError::UnknownTicket)?;
        Ok((TicketState::parse(&record.state), 0, host_present))
    }

    /// How many wait in the room at `version` of its signal (the shared line's length).
    pub async fn count(&self, room: &RoomName, version: u64) -> Result<usize, PortalError> {
        Ok(self.line(room, version).await?.len())
    }

    async fn line(&self, room: &RoomName, version: u64) -> Result<Arc<Vec<String>>, PortalError> {
        if let Some(line) = self.known_line(room, version) {
            return Ok(line);
        }
        let _reading = self.reading.lock().await;
        if let Some(line) = self.known_line(room, version) {
            return Ok(line);
        }
        let line: Vec<String> = self
            .store
            .waiting(room)
            .await?
            .into_iter()
            .map(|t| t.id)
            .collect();
        let line = Arc::new(line);
        let mut lines = self.lines.lock().unwrap_or_else(|p| p.into_inner());
        if lines.len() > 1024 {
            lines.clear();
        }
        lines.insert(room.clone(), (version, line.clone()));
        Ok(line)
    }

    fn known_line(&self, room: &RoomName, version: u64) -> Option<Arc<Vec<String>>> {
        let lines = self.lines.lock().unwrap_or_else(|p| p.into_inner());
        lines
            .get(room)
            .filter(|(known, _)| *known == version)
            .map(|(_, line)| line.clone())
    }

    /// Who waits in the room, first come first.
    pub async fn waiting(&self, room: &RoomName) -> Result<Vec<Waiting>, PortalError> {
        self.gate.room(room)?;
        Ok(self
            .store
            .waiting(room)
            .await?
            .into_iter()
            .map(|t| Waiting {
                ticket: t.id,
                name: t.name,
                role: t.role,
                since: t.created_ms / 1000,
                name_bound: t.name_bound != 0,
            })
            .collect())
    }

    /// Admits a waiting visitor, or turns them away with a short message; once.
    pub async fn decide(
        &self,
        room: &RoomName,
        ticket: &str,
        admit: bool,
        message: Option<&str>,
        actor: Actor,
    ) -> Result<Decided, PortalError> {
        self.gate.room(room)?;
        let message = message
            .map(|m| {
                m.chars()
                    .filter(|c| !c.is_control())
                    .take(MAX_MESSAGE_CHARS)
                    .collect::<String>()
            })
            .filter(|m| !m.trim().is_empty());
        let (state, action) = if admit {
            ("admitted", "lobby.admitted")
        } else {
            ("denied", "lobby.denied")
        };
        let audit = AuditEntry {
            actor,
            action,
            subject: room.to_string(),
            detail: Some(format!("ticket {}", short(ticket))),
        };
        let now = seconds(unix_now());
        let decided = self
            .store
            .decide_ticket(
                room,
                ticket,
                state,
                message.as_deref().filter(|_| !admit),
                now,
                &audit,
            )
            .await?
            .ok_or(PortalError::UnknownTicket)?;
        self.signals.bump(room);
        Ok(Decided {
            ticket: decided.id,
            name: decided.name,
            state: decided.state,
        })
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
        seen.insert(id.to_owned());
    }

    /// Every few seconds: write which waiting pages are still open (one transaction for all),
    /// and let lapse the tickets whose page is gone or which waited too long.
    fn sweep_now_and_then(self: &Arc<Self>) {
        let me = Arc::downgrade(self);
        tokio::spawn(async move {
            let Some(period) = me.upgrade().map(|lobby| {
                (lobby.settings.lapse / 4).clamp(Duration::from_millis(250), SWEEP_EVERY)
            }) else {
                return;
            };
            let mut every = tokio::time::interval(period);
            loop {
                every.tick().await;
                let Some(lobby) = me.upgrade() else {
                    return;
                };
                if let Err(error) = lobby.sweep().await {
                    tracing::debug!(error = ?error, "could not sweep the lobbies");
                }
            }
        });
    }

    async fn sweep(&self) -> Result<(), PortalError> {
        let seen: Vec<String> = {
            let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
            seen.drain().collect()
        };
        let now = seconds(unix_now());
        self.store.touch_tickets(&seen, now).await?;
        let lapse = seconds(self.settings.lapse.as_secs());
        let max_wait = seconds(self.settings.max_wait.as_secs());
        for room in self
            .store
            .lapse_tickets(now - lapse, now - max_wait)
            .await?
        {
            let Ok(room) = RoomName::parse(&room) else {
                continue;
            };
            let audit = AuditEntry {
                actor: Actor::Portal,
                action: "lobby.lapsed",
                subject: room.to_string(),
                detail: None,
            };
            self.store
                .announce(&Change::Lobby(room.clone()), &audit)
                .await?;
            self.signals.bump(&room);
        }
        self.look_for_hosts_in_meetings().await;
        Ok(())
    }

    /// For each room whose waiting pages are open here: whether someone who may admit is in
    /// its meeting, as 100ms's active-rooms API says (a background read, once per sweep; a
    /// room not in use has nobody). A change wakes the room's pages.
    async fn look_for_hosts_in_meetings(&self) {
        let rooms: Vec<RoomName> = {
            let lines = self.lines.lock().unwrap_or_else(|p| p.into_inner());
            lines
                .iter()
                .filter(|(_, (_, line))| !line.is_empty())
                .map(|(room, _)| room.clone())
                .collect()
        };
        for room in rooms {
            let admitters = self.gate.admitters(&room);
            let Some(first) = admitters.first() else {
                continue;
            };
            let Some(room_ref) = self.resolver.known_room(&room, first).await else {
                continue;
            };
            let Ok(peers) = self.client.active_peers(&room_ref.id).await else {
                continue;
            };
            let present = peers
                .iter()
                .any(|peer| admitters.iter().any(|role| role.as_str() == peer.role));
            let changed = {
                let mut in_meeting = self.in_meeting.lock().unwrap_or_else(|p| p.into_inner());
                in_meeting.insert(room.clone(), present) != Some(present)
            };
            if changed {
                self.signals.bump(&room);
            }
        }
    }

    /// Whether someone who may admit has the room's list open here, or is in its meeting.
    fn someone_admits(&self, room: &RoomName) -> bool {
        self.signals.hosts_present(room) || {
            let in_meeting = self.in_meeting.lock().unwrap_or_else(|p| p.into_inner());
            in_meeting.get(room).copied().unwrap_or(false)
        }
    }
}

/// The name (and whether the door bound it) and user id a ticket is for.
fn who(
    admitted: &Admitted,
    options: &JoinOptions,
    typed_name: Option<&str>,
) -> Result<(String, bool, Option<String>), PortalError> {
    if let Some(person) = &admitted.signed_in {
        let name = person
            .name
            .as_ref()
            .map_or(person.shown_as.clone(), |n| n.as_str().to_owned());
        return Ok((
            name,
            true,
            person.user_id.as_ref().map(|u| u.as_str().to_owned()),
        ));
    }
    let user_id = options.user_id.as_ref().map(|u| u.as_str().to_owned());
    if admitted.names_visitor()
        && let Some(name) = &options.name
    {
        return Ok((name.as_str().to_owned(), true, user_id));
    }
    let typed = typed_name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or(PortalError::Invalid(
            "type your name, so the host knows who is asking",
        ))?;
    let name = DisplayName::parse(typed)
        .map_err(|_| PortalError::Invalid("a name is at most 100 characters, on one line"))?;
    Ok((name.as_str().to_owned(), false, user_id))
}

/// A visitor's name as the meeting's chat shows it: at most 40 characters, without anything
/// that reads as a link (nobody can post one into the hosts' chat by knocking).
fn safe_for_chat(name: &str) -> String {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|word| {
            let lower = word.to_ascii_lowercase();
            !(lower.contains("://")
                || lower.starts_with("www.")
                || lower.contains('@')
                || lower.split('.').filter(|part| !part.is_empty()).count() > 1)
        })
        .collect();
    let joined = words.join(" ");
    let capped: String = joined.chars().take(40).collect();
    if capped.trim().is_empty() {
        "Someone".to_owned()
    } else {
        capped
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

#[cfg(test)]
mod tests {
    use super::safe_for_chat;

    #[test]
    fn names_reach_the_chat_capped_and_without_links() {
        assert_eq!(safe_for_chat("Ada Lovelace"), "Ada Lovelace");
        assert_eq!(safe_for_chat("Ada https://evil.example/x"), "Ada");
        assert_eq!(safe_for_chat("win evil.example now"), "win now");
        assert_eq!(safe_for_chat("www.x.io"), "Someone");
        assert_eq!(safe_for_chat(&"a".repeat(80)).chars().count(), 40);
        assert_eq!(safe_for_chat("Dr. Who"), "Dr. Who");
    }
}
