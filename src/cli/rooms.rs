//! `rooms list|show|update|delete`: the portal's rooms as the admin API manages them, through
//! the same service, as actor `cli`.

use std::collections::BTreeMap;

use anyhow::Context;

use crate::domain::{AccessPolicy, CspSource, RoleName, RoomName};
use crate::portal::{Actor, Portal, RoomChange, RoomQuery, RoomSummary};
use crate::settings::Settings;

#[derive(Debug, Clone, clap::Subcommand)]
pub enum RoomsCommand {
    /// List the rooms the portal serves (configured ones first), from its own state.
    List {
        /// Only rooms whose name or title contains this (any case).
        #[arg(long)]
        search: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        #[arg(long)]
        json: bool,
    },
    /// Show one room: source, title, policies, framing sites.
    Show {
        room: String,
        #[arg(long)]
        json: bool,
    },
    /// Change a room made through the portal; a role made stricter has its codes rotated.
    Update {
        room: String,
        #[arg(long)]
        title: Option<String>,
        /// Show it on the index page (true or false).
        #[arg(long)]
        listed: Option<bool>,
        /// Serve it (true or false); closing it disables its 100ms codes.
        #[arg(long)]
        enabled: Option<bool>,
        /// A role's policy, e.g. --access host=signed, or host=default to follow [access]
        /// (repeatable).
        #[arg(long, value_name = "ROLE=POLICY")]
        access: Vec<String>,
        /// A site that may frame its pages (repeatable; replaces the list).
        #[arg(long, value_name = "SOURCE")]
        frame_ancestor: Vec<String>,
        /// Frame its pages by security.frame_ancestors again.
        #[arg(long, conflicts_with = "frame_ancestor")]
        clear_frame_ancestors: bool,
        #[arg(long)]
        json: bool,
    },
    /// Forget a room made through the portal, after disabling its 100ms codes.
    Delete {
        room: String,
        /// Also disable the room in 100ms.
        #[arg(long)]
        disable_in_100ms: bool,
        #[arg(long)]
        json: bool,
    },
}

pub async fn rooms(settings: &Settings, command: RoomsCommand) -> anyhow::Result<()> {
    let portal = Portal::connect(settings).await?;
    let rooms = portal.rooms();
    match command {
        RoomsCommand::List {
            search,
            limit,
            offset,
            json,
        } => {
            let query = RoomQuery {
                search: search.unwrap_or_default(),
                limit,
                offset,
            };
            let list = rooms.list(&query).await?;
            if json {
                return print_json(&list);
            }
            println!(
                "{:<24} {:<10} {:<8} {:<6} TITLE",
                "NAME", "SOURCE", "STATE", "INDEX"
            );
            for room in &list.rooms {
                println!(
                    "{:<24} {:<10} {:<8} {:<6} {}",
                    room.name,
                    room.source,
                    if room.enabled { "open" } else { "closed" },
                    if room.listed { "yes" } else { "no" },
                    room.title
                );
            }
            let shown = list.rooms.len() as u64 + u64::from(list.offset);
            if shown < list.total {
                eprintln!(
                    "{} of {} rooms; next: --offset {shown}",
                    list.rooms.len(),
                    list.total
                );
            }
            Ok(())
        }
        RoomsCommand::Show { room, json } => {
            let room = RoomName::parse(&room).context("room")?;
            let summary = rooms.show(&room).await?;
            print_room(&summary, json)
        }
        RoomsCommand::Update {
            room,
            title,
            listed,
            enabled,
            access,
            frame_ancestor,
            clear_frame_ancestors,
            json,
        } => {
            let room = RoomName::parse(&room).context("room")?;
            let mut policies = BTreeMap::new();
            for pair in &access {
                let (role, policy) = parse_policy(pair, true)?;
                policies.insert(role, policy);
            }
            let frame_ancestors = if clear_frame_ancestors {
                Some(Vec::new())
            } else if frame_ancestor.is_empty() {
                None
            } else {
                let sites: Result<Vec<CspSource>, String> =
                    frame_ancestor.iter().map(|s| s.parse()).collect();
                Some(sites.map_err(anyhow::Error::msg)?)
            };
            let change = RoomChange {
                title,
                listed,
                enabled,
                policies: (!policies.is_empty()).then_some(policies),
                frame_ancestors,
            };
            let changed = rooms
                .update(&room, change, Actor::Cli)
                .await
                .map_err(|e| super::explain(settings, e))?;
            for closed in &changed.codes_disabled {
                let what = if closed.rotated {
                    "rotated"
                } else {
                    "disabled"
                };
                eprintln!("codes of {} {what} in 100ms", closed.role);
            }
            print_room(&changed.room, json)
        }
        RoomsCommand::Delete {
            room,
            disable_in_100ms,
            json,
        } => {
            let room = RoomName::parse(&room).context("room")?;
            let removed = rooms
                .delete(&room, disable_in_100ms, Actor::Cli)
                .await
                .map_err(|e| super::explain(settings, e))?;
            if json {
                return print_json(&removed);
            }
            println!(
                "{} removed; {} codes disabled in 100ms{}",
                removed.name,
                removed.codes_disabled,
                if removed.disabled_in_100ms {
                    "; the 100ms room is disabled"
                } else {
                    ""
                }
            );
            Ok(())
        }
    }
}

/// `ROLE=POLICY`; with `clear`, `ROLE=default` is `None` (follow `[access]`).
pub fn parse_policy(pair: &str, clear: bool) -> anyhow::Result<(RoleName, Option<AccessPolicy>)> {
    let (role, policy) = pair
        .split_once('=')
        .context("--access takes ROLE=POLICY, e.g. host=signed")?;
    let role = RoleName::parse(role).context("--access role")?;
    if clear && policy == "default" {
        return Ok((role, None));
    }
    let policy: AccessPolicy = serde_json::from_value(serde_json::Value::from(policy))
        .context("--access policy (public, signed, sso or off)")?;
    Ok((role, Some(policy)))
}

fn print_room(room: &RoomSummary, json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(room);
    }
    println!("name:      {}", room.name);
    println!("title:     {}", room.title);
    println!("source:    {}", room.source);
    if let Some(id) = &room.room_id {
        println!("100ms id:  {id}");
    }
    println!(
        "state:     {}",
        if room.enabled { "open" } else { "closed" }
    );
    println!("on index:  {}", if room.listed { "yes" } else { "no" });
    for (role, policy) in &room.policies {
        println!("policy:    {role} = {policy}");
    }
    if !room.frame_ancestors.is_empty() {
        println!("framed by: {}", room.frame_ancestors.join(" "));
    }
    Ok(())
}

fn print_json(value: &impl serde::Serialize) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}
