//! `lobby list|admit|deny`: who waits in a room's lobby, and letting them in or not, as actor
//! `cli` (the store tells every running portal at once).

use anyhow::Context;

use crate::domain::RoomName;
use crate::portal::{Actor, Portal};
use crate::settings::Settings;

#[derive(Debug, Clone, clap::Subcommand)]
pub enum LobbyCommand {
    /// Who waits in the room's lobby, first come first.
    List {
        room: String,
        #[arg(long)]
        json: bool,
    },
    /// Let a waiting visitor in.
    Admit {
        room: String,
        /// (Tickets may start with '-'.)
        #[arg(allow_hyphen_values = true)]
        ticket: String,
    },
    /// Turn a waiting visitor away.
    Deny {
        room: String,
        #[arg(allow_hyphen_values = true)]
        ticket: String,
        /// A short message they read.
        #[arg(long)]
        message: Option<String>,
    },
}

pub async fn lobby(settings: &Settings, command: LobbyCommand) -> anyhow::Result<()> {
    let portal = Portal::connect(settings).await?;
    let lobby = portal.lobby();
    match command {
        LobbyCommand::List { room, json } => {
            let room = RoomName::parse(&room).context("room")?;
            let waiting = lobby.waiting(&room).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&waiting)?);
                return Ok(());
            }
            println!("{:<24} {:<12} {:<8} NAME", "TICKET", "ROLE", "WAITING");
            let now = i64::try_from(crate::domain::clock::unix_now()).unwrap_or(i64::MAX);
            for person in waiting {
                let minutes = (now - person.since).max(0) / 60;
                println!(
                    "{:<24} {:<12} {:<8} {}",
                    person.ticket,
                    person.role,
                    format!("{minutes} min"),
                    person.name
                );
            }
            Ok(())
        }
        LobbyCommand::Admit { room, ticket } => {
            let room = RoomName::parse(&room).context("room")?;
            let decided = lobby.decide(&room, &ticket, true, None, Actor::Cli).await?;
            println!("{} admitted", decided.name);
            Ok(())
        }
        LobbyCommand::Deny {
            room,
            ticket,
            message,
        } => {
            let room = RoomName::parse(&room).context("room")?;
            let decided = lobby
                .decide(&room, &ticket, false, message.as_deref(), Actor::Cli)
                .await?;
            println!("{} turned away", decided.name);
            Ok(())
        }
    }
}
