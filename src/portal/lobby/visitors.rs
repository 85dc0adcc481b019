//! The visitor's side of a lobby: knocking, the ticket and its place in line (each room's line
//! read once per change and shared), and entering once admitted.

use std::net::IpAddr;
use std::sync::Arc;

use super::{
    HOST_PASS_SECS, Lobby, PortalError, TicketPass, TicketState, TicketView, WaitingLine,
    random_id, seconds, short,
};
use crate::domain::clock::unix_now;
use crate::domain::{DisplayName, JoinOptions, JoinWith, PageKind, RoleName, RoomName, UserId};
use crate::portal::gate::{Admitted, Decision};
use crate::portal::visits::{Visit, VisitRequest};
use crate::store::{Actor, AuditEntry, NewTicket, TicketRecord};

impl Lobby {
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
        self.outbox.emit(
            "lobby.knock",
            serde_json::json!({ "room": room.as_str(), "role": role.as_str(), "name": name, "ticket": short(&id) }),
        );
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
            line.place(id).unwrap_or(1)
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

    pub(super) async fn own_ticket(
        &self,
        id: &str,
        pass: Option<&str>,
    ) -> Result<TicketRecord, PortalError> {
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
            token_to_grant_end: false,
        };
        self.visits
            .enter(
                room,
                role,
                options,
                admitted,
                crate::portal::attendance::VisitSource::Lobby(record.id.clone()),
                client,
            )
            .await
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
        if let Some(place) = line.place(id) {
            self.seen(id);
            return Ok((TicketState::Waiting, place, host_present));
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

    pub(super) async fn line(
        &self,
        room: &RoomName,
        version: u64,
    ) -> Result<Arc<WaitingLine>, PortalError> {
        if let Some(line) = self.known_line(room, version) {
            return Ok(line);
        }
        let _reading = self.reading.lock().await;
        if let Some(line) = self.known_line(room, version) {
            return Ok(line);
        }
        let line = Arc::new(WaitingLine::new(self.store.waiting_line(room).await?));
        let mut lines = self.lines.lock().unwrap_or_else(|p| p.into_inner());
        if lines.len() > 1024 {
            lines.clear();
        }
        lines.insert(room.clone(), (version, line.clone()));
        Ok(line)
    }

    pub(super) fn known_line(&self, room: &RoomName, version: u64) -> Option<Arc<WaitingLine>> {
        let lines = self.lines.lock().unwrap_or_else(|p| p.into_inner());
        lines
            .get(room)
            .filter(|(known, _)| *known == version)
            .map(|(_, line)| line.clone())
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
