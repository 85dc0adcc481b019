//! The hosts' side of a lobby: who waits, admitting or turning away (once), and telling the
//! admitting roles inside the meeting through 100ms.

use super::{Decided, Lobby, MAX_MESSAGE_CHARS, PortalError, Waiting, seconds, short};
use crate::domain::clock::unix_now;
use crate::domain::{RoleName, RoomName};
use crate::store::{Actor, AuditEntry};

impl Lobby {
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

    /// Tells the admitting roles inside the meeting that someone waits, through 100ms's
    /// send-message: in the background (tried once, never delaying or failing the knock), and
    /// only for a room known in memory (a knock never makes the portal look a room up).
    pub(super) fn tell_the_meeting(&self, room: &RoomName, role: &RoleName, name: &str) {
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
