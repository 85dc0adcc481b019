//! `event create|list|show|move|cancel`: meetings with a time and their invitations, as actor
//! `cli` (the store tells every running portal).

use anyhow::{Context, bail};

use crate::domain::{DisplayName, Lifetime, RoleName, RoomName};
use crate::portal::events::{
    Event, EventChanges, EventRequest, Invitee, Schedule, ScheduleChanges, TimeZoneName,
    parse_instant,
};
use crate::portal::{Actor, Portal};
use crate::settings::{EmailAddress, Settings};

#[derive(Debug, Clone, clap::Subcommand)]
pub enum EventCommand {
    /// Make an event and one invitation per invitee; prints their links.
    Create {
        room: String,
        /// RFC 3339, e.g. 2026-12-07T14:00:00+01:00.
        #[arg(long)]
        starts_at: String,
        #[arg(long)]
        ends_at: String,
        #[arg(long)]
        title: Option<String>,
        /// IANA name, e.g. Europe/Berlin (default UTC).
        #[arg(long)]
        time_zone: Option<String>,
        /// How long before the start its invitations open.
        #[arg(long, default_value = "10m")]
        open_before: Lifetime,
        /// How long after the end they stay open.
        #[arg(long, default_value = "15m")]
        grace_after: Lifetime,
        /// ROLE:NAME or ROLE:NAME:EMAIL, once per invitee.
        #[arg(long = "invitee", value_name = "ROLE:NAME[:EMAIL]")]
        invitees: Vec<String>,
        /// Invitees wait in the room's lobby after pressing Join.
        #[arg(long)]
        lobby: bool,
        /// Remove its people from the meeting at the end (default events.eject_at_end).
        #[arg(long)]
        eject_at_end: Option<bool>,
        #[arg(long)]
        json: bool,
    },
    /// Events not over yet, soonest first.
    List {
        #[arg(long)]
        room: Option<String>,
        #[arg(long)]
        json: bool,
    },
    Show {
        /// (Ids may start with '-'.)
        #[arg(allow_hyphen_values = true)]
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Move (or retitle) an event: every invitation moves with it.
    Move {
        /// (Ids may start with '-'.)
        #[arg(allow_hyphen_values = true)]
        id: String,
        #[arg(long)]
        starts_at: Option<String>,
        #[arg(long)]
        ends_at: Option<String>,
        #[arg(long)]
        open_before: Option<Lifetime>,
        #[arg(long)]
        grace_after: Option<Lifetime>,
        #[arg(long)]
        title: Option<String>,
    },
    /// Cancel an event: every invitation ends at once.
    Cancel {
        #[arg(allow_hyphen_values = true)]
        id: String,
    },
}

pub async fn event(settings: &Settings, command: EventCommand) -> anyhow::Result<()> {
    let portal = Portal::connect(settings).await?;
    let events = portal.events();
    match command {
        EventCommand::Create {
            room,
            starts_at,
            ends_at,
            title,
            time_zone,
            open_before,
            grace_after,
            invitees,
            lobby,
            eject_at_end,
            json,
        } => {
            let request = EventRequest {
                room: RoomName::parse(&room).context("room")?,
                title,
                times: Schedule {
                    starts_at: instant("--starts-at", &starts_at)?,
                    ends_at: instant("--ends-at", &ends_at)?,
                    open_before: secs(open_before),
                    grace_after: secs(grace_after),
                },
                time_zone: match time_zone {
                    Some(name) => TimeZoneName::parse(&name).map_err(anyhow::Error::msg)?,
                    None => TimeZoneName::utc(),
                },
                invitees: invitees
                    .iter()
                    .map(|text| invitee(text))
                    .collect::<anyhow::Result<_>>()?,
                lobby,
                eject_at_end,
            };
            print(&events.create(request, Actor::Cli).await?, json)
        }
        EventCommand::List { room, json } => {
            let room = room
                .as_deref()
                .map(RoomName::parse)
                .transpose()
                .context("room")?;
            let list = events.list(room.as_ref(), 200, 0).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
                return Ok(());
            }
            println!(
                "{:<24} {:<20} {:<22} {:<10} TITLE",
                "ID", "ROOM", "STARTS (UTC)", "STATE"
            );
            for event in list.events {
                println!(
                    "{:<24} {:<20} {:<22} {:<10} {}",
                    event.id,
                    event.room,
                    event.starts_at,
                    event.state.words(),
                    event.title.as_deref().unwrap_or("")
                );
            }
            Ok(())
        }
        EventCommand::Show { id, json } => print(&events.get(&id).await?, json),
        EventCommand::Move {
            id,
            starts_at,
            ends_at,
            open_before,
            grace_after,
            title,
        } => {
            let changes = EventChanges {
                times: ScheduleChanges {
                    starts_at: starts_at.map(|t| instant("--starts-at", &t)).transpose()?,
                    ends_at: ends_at.map(|t| instant("--ends-at", &t)).transpose()?,
                    open_before: open_before.map(secs),
                    grace_after: grace_after.map(secs),
                },
                title,
            };
            print(&events.change(&id, changes, Actor::Cli).await?, false)
        }
        EventCommand::Cancel { id } => {
            let event = events.cancel(&id, Actor::Cli).await?;
            println!(
                "{} cancelled ({} invitations ended)",
                event.id,
                event.invitations.len()
            );
            Ok(())
        }
    }
}

fn instant(flag: &str, text: &str) -> anyhow::Result<i64> {
    parse_instant(text).map_err(|reason| anyhow::anyhow!("{flag}: {reason}"))
}

fn secs(lifetime: Lifetime) -> i64 {
    i64::try_from(lifetime.as_secs()).unwrap_or(i64::MAX)
}

/// `ROLE:NAME` or `ROLE:NAME:EMAIL`.
fn invitee(text: &str) -> anyhow::Result<Invitee> {
    let Some((role, rest)) = text.split_once(':') else {
        bail!("--invitee {text:?}: expected ROLE:NAME or ROLE:NAME:EMAIL");
    };
    let (name, email) = match rest.rsplit_once(':') {
        Some((name, email)) if email.contains('@') => (name, Some(email)),
        _ => (rest, None),
    };
    Ok(Invitee {
        name: DisplayName::parse(name).with_context(|| format!("--invitee {text:?}"))?,
        email: email
            .map(EmailAddress::parse)
            .transpose()
            .map_err(anyhow::Error::msg)?,
        role: RoleName::parse(role).with_context(|| format!("--invitee {text:?}"))?,
        user_id: None,
    })
}

fn print(event: &Event, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(event)?);
        return Ok(());
    }
    println!("event     {} ({})", event.id, event.state.words());
    println!("room      {}", event.room);
    if let Some(title) = &event.title {
        println!("title     {title}");
    }
    println!("starts    {} ({})", event.starts_at, event.time_zone);
    println!("ends      {}", event.ends_at);
    println!("opens     {} until {}", event.opens_at, event.closes_at);
    for invitation in &event.invitations {
        println!(
            "  {:<20} {:<10} {}",
            invitation.name.as_deref().unwrap_or(""),
            invitation.role,
            invitation.url
        );
    }
    Ok(())
}
