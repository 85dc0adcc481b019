use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use prebuilt_portal::settings::{Env, Settings};
use prebuilt_portal::startup::{self, Application};
use prebuilt_portal::{cli, telemetry};

/// Hands out 100ms Prebuilt meetings as plain links: /join/<room>/<role>.
///
/// Settings come from the built-in defaults, an optional --config file and PORTAL__SECTION__KEY
/// environment variables (see config/default.toml).
#[derive(Parser)]
#[command(version, about, long_about)]
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
        listing: cli::Listing,
    },
    /// Create a room in 100ms (or update the one of that name) and print its links.
    CreateRoom {
        /// The room name (a-z A-Z 0-9 . - : _), also its name in portal URLs.
        name: String,
        #[command(flatten)]
        options: cli::RoomOptions,
        #[command(flatten)]
        listing: cli::Listing,
    },
    /// Make, list, show and revoke invitations (/i/<id>).
    #[command(subcommand)]
    Invite(cli::InviteCommand),
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
        listing: cli::Listing,
    },
    /// Print a signed link that opens a role until it expires (needs access.signing_keys).
    Sign {
        room: String,
        role: String,
        /// How long the link stays valid, e.g. 30m, 1h, 7d.
        #[arg(long, default_value = "1h")]
        ttl: String,
        /// A display name bound into the link (the visitor cannot change it).
        #[arg(long)]
        name: Option<String>,
        /// A 100ms user id bound into the link.
        #[arg(long)]
        user_id: Option<String>,
        /// Skip Prebuilt's preview screen.
        #[arg(long)]
        skip_preview: bool,
        /// Link the embeddable page instead of the join page.
        #[arg(long)]
        embed: bool,
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

#[tokio::main]
async fn main() -> ExitCode {
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
    let outcome = match command {
        Command::Serve => serve(settings).await,
        Command::Links { room, listing } => cli::links(&settings, &room, listing).await,
        Command::CreateRoom {
            name,
            options,
            listing,
        } => cli::create_room(&settings, &name, options, listing).await,
        Command::Invite(command) => cli::invite(&settings, command).await,
        Command::Revoke { room, role } => cli::revoke(&settings, &room, &role).await,
        Command::Purge { room } => cli::purge(&settings, room.as_deref()).await,
        Command::Audit { limit, json } => cli::audit(&settings, limit, json).await,
        Command::Rotate {
            room,
            role,
            listing,
        } => cli::rotate(&settings, &room, &role, listing).await,
        Command::Sign {
            room,
            role,
            ttl,
            name,
            user_id,
            skip_preview,
            embed,
        } => {
            let options = cli::SignOptions {
                name,
                user_id,
                skip_preview,
                embed,
            };
            cli::sign(&settings, &room, &role, &ttl, options).await
        }
        Command::CheckConfig => cli::check_config(&settings).await,
        Command::Doctor => cli::doctor(&settings).await,
        Command::Healthcheck => cli::healthcheck(&settings).await,
        Command::Emulator => startup::run_emulator(&settings).await,
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&format!("{error:#}")),
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let app = Application::build(settings).await?;
    app.run_until_stopped().await?;
    Ok(())
}

/// One line on stderr, then a failing exit code.
fn fail(error: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("prebuilt-portal: {error}");
    ExitCode::FAILURE
}
