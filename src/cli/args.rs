//! The command line: the clap tree and its dispatch. `main` only calls [`run`].

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use super::{
    AttendanceOptions, EventCommand, InviteCommand, Listing, LobbyCommand, RoomOptions,
    RoomsCommand, SignOptions,
};
use crate::domain::Lifetime;
use crate::settings::{Env, Settings};
use crate::startup::{self, Application};
use crate::telemetry;

/// Hands out 100ms Prebuilt meetings as plain links: /join/<room>/<role>.
///
/// Settings come from the built-in defaults, an optional --config file and PORTAL__SECTION__KEY
/// environment variables (see config/default.toml).
#[derive(Parser)]
#[command(name = "prebuilt-portal", version, about, long_about)]
struct Cli {
    /// Settings file layered over the built-in defaults (TOML).
    #[arg(long, global = true, env = "PORTAL_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the portal (the default).
    Serve,
    /// Print every role's code and links of a room, creating codes for roles that have none.
    Links {
        /// A configured room alias or a 100ms room name.
        room: String,
        #[command(flatten)]
        listing: Listing,
    },
    /// Create a room in 100ms, or adopt the existing room of that name without changing it, and
    /// print its links.
    CreateRoom {
        /// The room name (a-z A-Z 0-9 . - : _), also its name in portal URLs.
        name: String,
        #[command(flatten)]
        options: RoomOptions,
        #[command(flatten)]
        listing: Listing,
    },
    /// List, show, change and remove the portal's rooms.
    #[command(subcommand)]
    Rooms(RoomsCommand),
    /// Who waits in a room's lobby; admit them or turn them away.
    #[command(subcommand)]
    Lobby(LobbyCommand),
    /// Meetings with a time: make, list, show, move and cancel events and their invitations.
    #[command(subcommand)]
    Event(EventCommand),
    /// Who came to a room's meetings (or an event's, or an invitation's), from 100ms's webhooks.
    Attendance(AttendanceOptions),
    /// Make, list, show and revoke invitations (/i/<id>).
    #[command(subcommand)]
    Invite(InviteCommand),
    /// End every signed link and invitation of a role issued until now, on every replica.
    Revoke { room: String, role: String },
    /// Forget cached codes (of one room, or all) on every replica.
    Purge { room: Option<String> },
    /// Print the audit log, newest first.
    Audit {
        /// How many lines.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Print JSON instead of lines.
        #[arg(long)]
        json: bool,
    },
    /// Disable a role's current code in 100ms and create a new one.
    Rotate {
        room: String,
        role: String,
        #[command(flatten)]
        listing: Listing,
    },
    /// Print a signed link that opens a role until it expires (needs access.signing_keys).
    Sign {
        room: String,
        role: String,
        /// How long the link stays valid: seconds, or e.g. 30m, 1h, 7d (at most
        /// access.max_link_ttl_secs).
        #[arg(long, visible_alias = "ttl", default_value = "1h")]
        expires_in: Lifetime,
        #[command(flatten)]
        options: SignOptions,
    },
    /// Validate the settings; in live mode also check the 100ms credentials with one read call.
    CheckConfig,
    /// Check the way to 100ms: mint a token, call 100ms once, look up the configured templates,
    /// and say in one line per check what is wrong.
    Doctor,
    /// Exit 0 when the portal on server.port answers /healthz (a container HEALTHCHECK).
    Healthcheck,
    /// Run only the built-in 100ms emulator (on emulator.host:emulator.port), e.g. as the
    /// upstream of a portal in live mode.
    Emulator,
}

/// Parses the command line, loads the settings and runs the command.
pub async fn run() -> ExitCode {
    let cli = Cli::parse();
    let command = cli.command.unwrap_or(Command::Serve);
    let settings = match Settings::load(cli.config.as_deref(), Env::Process) {
        Ok(settings) => settings,
        Err(error) => return fail(&error),
    };
    // One-shot commands print their own results; only warnings should join them.
    let long_running = matches!(command, Command::Serve | Command::Emulator);
    let level = if long_running {
        settings.log.level.as_str()
    } else {
        "warn"
    };
    let _log_writer = telemetry::init(settings.log.format, level);
    for deprecation in &settings.deprecations {
        tracing::warn!("{deprecation}");
    }
    match dispatch(command, settings).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&format!("{error:#}")),
    }
}

async fn dispatch(command: Command, settings: Settings) -> anyhow::Result<()> {
    let settings = &settings;
    match command {
        Command::Serve => {
            let app = Application::build(settings.clone()).await?;
            Ok(app.run_until_stopped().await?)
        }
        Command::Links { room, listing } => super::links(settings, &room, listing).await,
        Command::CreateRoom {
            name,
            options,
            listing,
        } => super::create_room(settings, &name, options, listing).await,
        Command::Rooms(command) => super::rooms(settings, command).await,
        Command::Lobby(command) => super::lobby(settings, command).await,
        Command::Invite(command) => super::invite(settings, command).await,
        Command::Event(command) => super::event(settings, command).await,
        Command::Attendance(options) => super::attendance(settings, options).await,
        Command::Revoke { room, role } => super::revoke(settings, &room, &role).await,
        Command::Purge { room } => super::purge(settings, room.as_deref()).await,
        Command::Audit { limit, json } => super::audit(settings, limit, json).await,
        Command::Rotate {
            room,
            role,
            listing,
        } => super::rotate(settings, &room, &role, listing).await,
        Command::Sign {
            room,
            role,
            expires_in,
            options,
        } => super::sign(settings, &room, &role, expires_in, options).await,
        Command::CheckConfig => super::check_config(settings).await,
        Command::Doctor => super::doctor(settings).await,
        Command::Healthcheck => super::healthcheck(settings).await,
        Command::Emulator => startup::run_emulator(settings).await,
    }
}

/// One line on stderr, then a failing exit code.
fn fail(error: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("prebuilt-portal: {error}");
    ExitCode::FAILURE
}
