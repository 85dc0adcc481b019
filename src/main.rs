use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use prebuilt_portal::settings::{Env, Settings};
use prebuilt_portal::startup::{self, Application};
use prebuilt_portal::telemetry;

/// Hands out 100ms Prebuilt meetings as plain links: /join/<room>/<role>.
#[derive(Parser)]
#[command(version, about, long_about = None)]
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
    /// Run only the built-in 100ms emulator (on emulator.host:emulator.port), e.g. as the
    /// upstream of a portal in live mode.
    Emulator,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init();
    let settings = match Settings::load(cli.config.as_deref(), Env::Process) {
        Ok(settings) => settings,
        Err(error) => return fail(&error),
    };
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings).await,
        Command::Emulator => match startup::run_emulator(&settings).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => fail(&format!("{error:#}")),
        },
    }
}

async fn serve(settings: Settings) -> ExitCode {
    let app = match Application::build(settings).await {
        Ok(app) => app,
        Err(error) => return fail(&format!("{error:#}")),
    };
    match app.run_until_stopped().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&error),
    }
}

/// One line on stderr, then a failing exit code.
fn fail(error: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("prebuilt-portal: {error}");
    ExitCode::FAILURE
}
