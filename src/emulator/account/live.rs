//! Rooms in use: each room's current session and its peers, as 100ms's active-rooms API shows
//! them (shared/research/hms-live.md §2). A peer joins when the stand-in meeting page opens and
//! stays until it leaves (the page's Leave button); a session ends when its last peer leaves.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::history::{History, SessionPeer};
use super::{Refusal, object_id, timestamp};

/// A connected peer: `metadata` is a string, as 100ms sends it (stringified JSON).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Peer {
    pub id: String,
    pub name: String,
    pub user_id: String,
    pub metadata: String,
    pub role: String,
    pub joined_at: String,
}

/// A room's current session.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: String,
    pub created_at: String,
    pub peers: BTreeMap<String, Peer>,
    /// Messages sent into it through `send-message`, oldest first.
    pub messages: Vec<SentMessage>,
}

/// A message sent into a session (hms-live §2.6): to one peer, to a role, or to everyone.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SentMessage {
    pub message: String,
    pub peer_id: Option<String>,
    pub role: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// What an update of a peer may change (`POST /active-rooms/{room}/peers/{peer}`).
#[derive(Debug, Default)]
pub struct PeerChanges {
    pub name: Option<String>,
    pub role: Option<String>,
    pub metadata: Option<String>,
}

#[derive(Default)]
pub struct Live {
    /// Keyed by room id.
    sessions: HashMap<String, Session>,
    /// Peers removed through the API, with the reason their page shows (by peer id).
    removed: HashMap<String, String>,
    /// Every session with its peers' times, and the webhook events to send.
    pub history: History,
}

impl Live {
    /// A peer joins the room's session, opening one if nobody is there.
    pub fn join(
        &mut self,
        (room_id, room_name): (&str, &str),
        role: &str,
        name: &str,
        user_id: &str,
    ) -> Peer {
        self.history
            .room_names
            .insert(room_id.to_owned(), room_name.to_owned());
        let session = self
            .sessions
            .entry(room_id.to_owned())
            .or_insert_with(|| Session {
                id: object_id(),
                created_at: timestamp(),
                peers: BTreeMap::new(),
                messages: Vec::new(),
            });
        let session_id = session.id.clone();
        if !self.history.sessions.contains_key(&session_id) {
            let created = session.created_at.clone();
            self.history.opened(&session_id, room_id, &created);
        }
        let peer = Peer {
            id: uuid::Uuid::new_v4().to_string(),
            name: name.to_owned(),
            user_id: user_id.to_owned(),
            metadata: String::new(),
            role: role.to_owned(),
            joined_at: timestamp(),
        };
        if let Some(session) = self.sessions.get_mut(room_id) {
            session.peers.insert(peer.id.clone(), peer.clone());
        }
        let recorded = SessionPeer {
            id: peer.id.clone(),
            session_id: session_id.clone(),
            name: peer.name.clone(),
            role: peer.role.clone(),
            user_id: peer.user_id.clone(),
            joined_at: peer.joined_at.clone(),
            left_at: None,
        };
        self.history.joined(&session_id, room_id, recorded);
        peer
    }

    /// The peer leaves by its own hand; the session ends with its last peer.
    pub fn leave(&mut self, room_id: &str, peer_id: &str) -> Option<Peer> {
        self.leave_because(room_id, peer_id, "client request", "")
    }

    /// The peer leaves, for `reason` (100ms's words); the session ends with its last peer.
    pub fn leave_because(
        &mut self,
        room_id: &str,
        peer_id: &str,
        reason: &str,
        message: &str,
    ) -> Option<Peer> {
        let session = self.sessions.get_mut(room_id)?;
        let session_id = session.id.clone();
        let peer = session.peers.remove(peer_id)?;
        let ended = session.peers.is_empty();
        if ended {
            self.sessions.remove(room_id);
        }
        self.history.left(&session_id, peer_id, reason, message);
        if ended {
            self.history.closed(&session_id);
        }
        Some(peer)
    }

    /// Peers whose page stopped asking for news `timeout` ago leave ("websocket closed", as
    /// 100ms says after its own 60 s).
    pub fn time_out(&mut self, timeout: std::time::Duration) {
        let gone: Vec<String> = self
            .history
            .seen
            .iter()
            .filter(|(_, seen)| seen.elapsed() > timeout)
            .map(|(peer, _)| peer.clone())
            .collect();
        for peer_id in gone {
            let room = self
                .sessions
                .iter()
                .find(|(_, s)| s.peers.contains_key(&peer_id))
                .map(|(room, _)| room.clone());
            match room {
                Some(room) => {
                    self.leave_because(&room, &peer_id, "websocket closed", "");
                }
                None => {
                    self.history.seen.remove(&peer_id);
                }
            }
        }
    }

    /// The peer's page asked for news: its connection is alive.
    pub fn heard_from(&mut self, peer_id: &str) {
        if let Some(seen) = self.history.seen.get_mut(peer_id) {
            *seen = std::time::Instant::now();
        }
    }

    /// Removes one peer (by id) or every peer of a role, as `remove-peers` does; the reason is
    /// kept for the removed peers' pages. 404 when nobody is in the room or no such peer.
    pub fn remove(
        &mut self,
        room_id: &str,
        peer_id: Option<&str>,
        role: Option<&str>,
        reason: &str,
    ) -> Result<(), Refusal> {
        let session = self.sessions.get(room_id).ok_or_else(not_active)?;
        let gone: Vec<String> = session
            .peers
            .values()
            .filter(|p| peer_id.map_or_else(|| role == Some(p.role.as_str()), |id| p.id == id))
            .map(|p| p.id.clone())
            .collect();
        if peer_id.is_some() && gone.is_empty() {
            return Err(peer_not_found());
        }
        for id in gone {
            self.leave_because(room_id, &id, "peer kicked", reason);
            self.removed.insert(id, reason.to_owned());
        }
        Ok(())
    }

    /// Why the peer was removed, if it was.
    pub fn removal(&self, peer_id: &str) -> Option<&str> {
        self.removed.get(peer_id).map(String::as_str)
    }

    /// Sends a message into the room's session (404 when nobody is there).
    pub fn send(&mut self, room_id: &str, message: SentMessage) -> Result<(), Refusal> {
        let session = self.sessions.get_mut(room_id).ok_or_else(not_active)?;
        session.messages.push(message);
        Ok(())
    }

    /// The messages sent into the room's current session.
    pub fn messages(&self, room_id: &str) -> Vec<SentMessage> {
        self.sessions
            .get(room_id)
            .map(|session| session.messages.clone())
            .unwrap_or_default()
    }

    /// The room's current session; 404 when nobody is in it. What 100ms answers for an
    /// inactive room is UNCONFIRMED (hms-live §2.8): this is the documented guess.
    pub fn session(&self, room_id: &str) -> Result<&Session, Refusal> {
        self.sessions.get(room_id).ok_or_else(not_active)
    }

    /// The session's peers, filtered as `GET …/peers?user_id=&role=` filters them.
    pub fn peers(
        &self,
        room_id: &str,
        user_id: Option<&str>,
        role: Option<&str>,
    ) -> Result<BTreeMap<String, Peer>, Refusal> {
        Ok(self
            .session(room_id)?
            .peers
            .iter()
            .filter(|(_, p)| user_id.is_none_or(|u| p.user_id == u))
            .filter(|(_, p)| role.is_none_or(|r| p.role == r))
            .map(|(id, p)| (id.clone(), p.clone()))
            .collect())
    }

    pub fn peer(&self, room_id: &str, peer_id: &str) -> Result<&Peer, Refusal> {
        self.session(room_id)?
            .peers
            .get(peer_id)
            .ok_or_else(peer_not_found)
    }

    /// Changes what was given; `metadata` is replaced whole (hms-live §2.4).
    pub fn update_peer(
        &mut self,
        room_id: &str,
        peer_id: &str,
        changes: PeerChanges,
    ) -> Result<Peer, Refusal> {
        let peer = self
            .sessions
            .get_mut(room_id)
            .ok_or_else(not_active)?
            .peers
            .get_mut(peer_id)
            .ok_or_else(peer_not_found)?;
        if let Some(name) = changes.name {
            peer.name = name;
        }
        if let Some(role) = changes.role {
            peer.role = role;
        }
        if let Some(metadata) = changes.metadata {
            peer.metadata = metadata;
        }
        Ok(peer.clone())
    }
}

fn not_active() -> Refusal {
    Refusal::new(404, "room is not active")
}

fn peer_not_found() -> Refusal {
    Refusal::new(404, "peer not found")
}
