//! Sessions as 100ms's Sessions API keeps them (hms-live §3: every peer with its join and leave
//! times, also after the session ended), and the webhook events 100ms would send for what
//! happens in them (§1.4–1.6), queued until the emulator sends them.

use std::collections::{BTreeMap, HashMap};
use std::time::{Instant, SystemTime};

use serde::Serialize;
use serde_json::{Value, json};

/// A peer as the Sessions API shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SessionPeer {
    pub id: String,
    pub session_id: String,
    pub name: String,
    pub role: String,
    pub user_id: String,
    pub joined_at: String,
    pub left_at: Option<String>,
}

/// A session as the Sessions API shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SessionRecord {
    pub id: String,
    pub room_id: String,
    pub active: bool,
    pub peers: BTreeMap<String, SessionPeer>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Default)]
pub struct History {
    pub sessions: HashMap<String, SessionRecord>,
    /// Webhook events not sent yet, oldest first.
    pub outbox: Vec<Value>,
    /// When each present peer's page last asked for news (its connection, as 100ms sees it).
    pub seen: HashMap<String, Instant>,
    pub room_names: HashMap<String, String>,
}

impl History {
    pub fn opened(&mut self, session_id: &str, room_id: &str, at: &str) {
        self.sessions.insert(
            session_id.to_owned(),
            SessionRecord {
                id: session_id.to_owned(),
                room_id: room_id.to_owned(),
                active: true,
                peers: BTreeMap::new(),
                created_at: at.to_owned(),
                updated_at: at.to_owned(),
            },
        );
        let data = json!({
            "room_id": room_id, "room_name": self.room_name(room_id), "session_id": session_id,
            "session_started_at": at,
        });
        self.queue("session.open.success", data);
    }

    pub fn joined(&mut self, session_id: &str, room_id: &str, peer: SessionPeer) {
        self.seen.insert(peer.id.clone(), Instant::now());
        let started = self.started(session_id);
        let data = json!({
            "room_id": room_id, "room_name": self.room_name(room_id), "session_id": session_id,
            "peer_id": peer.id, "user_id": peer.user_id, "user_name": peer.name,
            "user_data": "", "role": peer.role, "joined_at": peer.joined_at,
            "session_started_at": started, "type": "regular",
        });
        if let Some(session) = self.sessions.get_mut(session_id) {
            session.peers.insert(peer.id.clone(), peer);
        }
        self.queue("peer.join.success", data);
    }

    /// The peer left (`reason` as 100ms says it; `message`: a removal's reason).
    pub fn left(&mut self, session_id: &str, peer_id: &str, reason: &str, message: &str) {
        self.seen.remove(peer_id);
        let at = now();
        let started = self.started(session_id);
        let Some(session) = self.sessions.get_mut(session_id) else {
            return;
        };
        let Some(peer) = session.peers.get_mut(peer_id) else {
            return;
        };
        peer.left_at = Some(at.clone());
        session.updated_at = at.clone();
        let peer = peer.clone();
        let room_id = session.room_id.clone();
        let data = json!({
            "room_id": room_id, "room_name": self.room_name(&room_id), "session_id": session_id,
            "peer_id": peer.id, "user_id": peer.user_id, "user_name": peer.name,
            "user_data": "", "role": peer.role, "joined_at": peer.joined_at, "left_at": at,
            "duration": seconds_between(&peer.joined_at, &at), "reason": reason,
            "message": message, "session_started_at": started, "type": "regular",
        });
        self.queue("peer.leave.success", data);
    }

    pub fn closed(&mut self, session_id: &str) {
        let at = now();
        let Some(session) = self.sessions.get_mut(session_id) else {
            return;
        };
        session.active = false;
        session.updated_at = at.clone();
        let (room_id, started) = (session.room_id.clone(), session.created_at.clone());
        let data = json!({
            "room_id": room_id, "room_name": self.room_name(&room_id), "session_id": session_id,
            "session_started_at": started, "session_stopped_at": at,
            "session_duration": seconds_between(&started, &at),
        });
        self.queue("session.close.success", data);
    }

    fn started(&self, session_id: &str) -> String {
        self.sessions
            .get(session_id)
            .map(|s| s.created_at.clone())
            .unwrap_or_default()
    }

    fn room_name(&self, room_id: &str) -> String {
        self.room_names.get(room_id).cloned().unwrap_or_default()
    }

    fn queue(&mut self, kind: &str, data: Value) {
        self.outbox.push(json!({
            "version": "2.0",
            "id": uuid::Uuid::new_v4().to_string(),
            "timestamp": humantime::format_rfc3339_seconds(SystemTime::now()).to_string(),
            "type": kind,
            "data": data,
        }));
    }
}

pub fn now() -> String {
    humantime::format_rfc3339_millis(SystemTime::now()).to_string()
}

fn seconds_between(from: &str, to: &str) -> u64 {
    match (humantime::parse_rfc3339(from), humantime::parse_rfc3339(to)) {
        (Ok(from), Ok(to)) => to.duration_since(from).map_or(0, |d| d.as_secs()),
        _ => 0,
    }
}
