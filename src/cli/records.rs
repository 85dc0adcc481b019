//! The commands that work on what the store keeps: invitations, revocations, purges, the audit
//! log. Each goes through the same portal services as the admin API, as actor `cli`.

use anyhow::Context;

use crate::domain::{DisplayName, InvitationId, Lifetime, RoleName, RoomName, UserId};
use crate::portal::Actor;
use crate::portal::{Invitation, InvitationRequest, InvitationState, Portal, rfc3339};
use crate::settings::Settings;

#[derive(Debug, Clone, clap::Subcommand)]
pub enum InviteCommand {
    /// Make an invitation and print its short link.
    Create {
        room: String,
        role: String,
        /// How long it can be used: seconds, or e.g. 30m, 1d, 7d (at most
        /// access.max_link_ttl_secs).
        #[arg(long, visible_alias = "ttl", default_value = "7d")]
        expires_in: Lifetime,
        /// How many times "Join" may be pressed (default: any number until it expires).
        #[arg(long)]
        max_uses: Option<u32>,
        /// Whom it is for: shown on its page, and the name they join under.
        #[arg(long)]
        name: Option<String>,
        /// A 100ms user id for the invitee.
        #[arg(long)]
        user_id: Option<String>,
        /// For operators only.
        #[arg(long)]
        note: Option<String>,
        /// The invitee waits in the room's lobby after pressing Join.
        #[arg(long)]
        lobby: bool,
        #[arg(long)]
        json: bool,
    },
    /// List invitations, newest first.
    List {
        #[arg(long)]
        room: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
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
    /// End an invitation now.
    Revoke {
        /// (Ids may start with '-'.)
        #[arg(allow_hyphen_values = true)]
        id: String,
        #[arg(long)]
        json: bool,
    },
}

pub async fn invite(settings: &Settings, command: InviteCommand) -> anyhow::Result<()> {
    let portal = Portal::connect(settings).await?;
    match command {
        InviteCommand::Create {
            room,
            role,
            expires_in,
            max_uses,
            name,
            user_id,
            note,
            lobby,
            json,
        } => {
            let request = InvitationRequest {
                lobby,
                room: RoomName::parse(&room).context("room")?,
                role: RoleName::parse(&role).context("role")?,
                name: name
                    .as_deref()
                    .map(DisplayName::parse)
                    .transpose()
                    .context("--name")?,
                user_id: user_id
                    .as_deref()
                    .map(UserId::parse)
                    .transpose()
                    .context("--user-id")?,
                expires_in,
                max_uses,
                note,
            };
            let invitation = portal.invitations().create(request, Actor::Cli).await?;
            print_invitations(&[invitation], json)
        }
        InviteCommand::List {
            room,
            limit,
            offset,
            json,
        } => {
            let room = room
                .as_deref()
                .map(RoomName::parse)
                .transpose()
                .context("--room")?;
            let list = portal
                .invitations()
                .list(room.as_ref(), limit, offset)
                .await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
                return Ok(());
            }
            print_invitations(&list.invitations, false)?;
            if let Some(next) = list.next_offset {
                eprintln!("more: --offset {next}");
            }
            Ok(())
        }
        InviteCommand::Show { id, json } => {
            let id = InvitationId::parse(&id).context("invitation id")?;
            print_invitations(&[portal.invitations().get(&id).await?], json)
        }
        InviteCommand::Revoke { id, json } => {
            let id = InvitationId::parse(&id).context("invitation id")?;
            print_invitations(&[portal.invitations().revoke(&id, Actor::Cli).await?], json)
        }
    }
}

fn print_invitations(invitations: &[Invitation], json: bool) -> anyhow::Result<()> {
    if json {
        match invitations {
            [one] => println!("{}", serde_json::to_string_pretty(one)?),
            many => println!("{}", serde_json::to_string_pretty(many)?),
        }
        return Ok(());
    }
    for invitation in invitations {
        let uses = match invitation.max_uses {
            Some(most) => format!("{}/{most} uses", invitation.uses),
            None => format!("{} uses", invitation.uses),
        };
        let state = match (invitation.state, invitation.rejoin_until) {
            (InvitationState::UsedUp, Some(until)) => format!(
                "used — its browser may rejoin until {}",
                rfc3339(u64::try_from(until).unwrap_or(0))
            ),
            (state, _) => state.words().to_owned(),
        };
        println!(
            "{}  {}/{}  {state}  {uses}  until {}  {}",
            invitation.url,
            invitation.room,
            invitation.role,
            invitation.expires,
            invitation.name.as_deref().unwrap_or("-"),
        );
    }
    Ok(())
}

pub async fn revoke(settings: &Settings, room: &str, role: &str) -> anyhow::Result<()> {
    let room = RoomName::parse(room).context("room")?;
    let role = RoleName::parse(role).context("role")?;
    let portal = Portal::connect(settings).await?;
    let revoked = portal.rooms().revoke(&room, &role, Actor::Cli).await?;
    println!(
        "signed links and invitations of {}/{} issued before {} no longer open it",
        revoked.room, revoked.role, revoked.not_before
    );
    Ok(())
}

pub async fn purge(settings: &Settings, room: Option<&str>) -> anyhow::Result<()> {
    let room = room.map(RoomName::parse).transpose().context("room")?;
    let portal = Portal::connect(settings).await?;
    portal.rooms().purge(room.as_ref(), Actor::Cli).await?;
    println!(
        "purged {}",
        room.map_or("every room".into(), |r| r.to_string())
    );
    Ok(())
}

pub async fn audit(settings: &Settings, limit: u32, json: bool) -> anyhow::Result<()> {
    let portal = Portal::connect(settings).await?;
    let lines = portal.rooms().audit_log(limit, 0).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&lines)?);
        return Ok(());
    }
    for line in lines {
        let at = std::time::UNIX_EPOCH
            + std::time::Duration::from_millis(u64::try_from(line.at_ms).unwrap_or(0));
        println!(
            "{}  {:9}  {:18}  {}  {}",
            humantime::format_rfc3339_millis(at),
            line.actor,
            line.action,
            line.subject,
            line.detail.as_deref().unwrap_or("")
        );
    }
    Ok(())
}
