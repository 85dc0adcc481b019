//! The operator commands besides `serve`: they build the same portal services as the server
//! (not its web layer) and print for people (a table) or programs (`--json`).

mod args;
mod attendance;
mod events;
mod lobby;
mod output;
mod records;
mod rooms;

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::{Context, anyhow};
use secrecy::ExposeSecret;

use crate::domain::{JoinOptions, Lifetime, PageKind, RoleName, RoomName, reachable_host};
use crate::portal::Actor;
use crate::portal::palette::{Palette, Rgb};
use crate::portal::{
    LinkRequest, Portal, PortalError, RoomLinks, RoomRequest, check_sign_in, check_store,
    emulator_credentials_file, probe_upstream,
};
use crate::settings::Settings;
pub use args::run;
pub use attendance::{AttendanceOptions, attendance};
pub use events::{EventCommand, event};
pub use lobby::{LobbyCommand, lobby};
pub use output::Listing;
use output::{print_link, print_links};
pub use records::{InviteCommand, audit, invite, purge, revoke};
pub use rooms::{RoomsCommand, rooms};

pub async fn links(settings: &Settings, room: &str, listing: Listing) -> anyhow::Result<()> {
    let room = RoomName::parse(room).context("room")?;
    let portal = Portal::connect(settings).await?;
    // Asked before: reading a room's links makes this process (not the server) serve it.
    let served = portal.rooms().serves(&room);
    let links = portal.rooms().room_links(&room, listing.codes()).await;
    show_links(settings, links, listing)?;
    if !served {
        eprintln!(
            "note: {room} is not configured, not made through the portal and rooms.unknown = deny, \
             so portal pages answer 404 for it; add [rooms.aliases.{room}] or create it with \
             create-room or the admin API"
        );
    }
    Ok(())
}

/// How `create-room` makes and serves the room.
#[derive(Debug, Clone, clap::Args)]
pub struct RoomOptions {
    /// The 100ms template id (default: hms.template_id).
    #[arg(long, value_name = "ID")]
    pub template: Option<String>,
    /// A description stored with the room in 100ms.
    #[arg(long)]
    pub description: Option<String>,
    /// Shown in page headers (default: the name).
    #[arg(long)]
    pub title: Option<String>,
    /// Show the room on the portal's index page.
    #[arg(long)]
    pub listed: bool,
    /// A role's policy in this room, e.g. --access host=signed (repeatable).
    #[arg(long, value_name = "ROLE=POLICY")]
    pub access: Vec<String>,
}

pub async fn create_room(
    settings: &Settings,
    name: &str,
    options: RoomOptions,
    listing: Listing,
) -> anyhow::Result<()> {
    let room = RoomName::parse(name).context("room name")?;
    let mut access = BTreeMap::new();
    for pair in &options.access {
        if let (role, Some(policy)) = rooms::parse_policy(pair, false)? {
            access.insert(role, policy);
        }
    }
    let portal = Portal::connect(settings).await?;
    let request = RoomRequest {
        room: room.clone(),
        template_id: options.template,
        description: options.description,
        title: options.title,
        listed: options.listed,
        access,
    };
    let links = portal
        .rooms()
        .create_room(request, listing.codes(), Actor::Cli)
        .await;
    show_links(settings, links, listing)?;
    eprintln!(
        "note: running portals on this store serve {room} within {} ms",
        settings.store.poll_interval.as_millis()
    );
    Ok(())
}

fn show_links(
    settings: &Settings,
    links: Result<RoomLinks, PortalError>,
    listing: Listing,
) -> anyhow::Result<()> {
    let links = links.map_err(|e| explain(settings, e))?;
    print_links(&links, listing.json)
}

pub async fn rotate(
    settings: &Settings,
    room: &str,
    role: &str,
    listing: Listing,
) -> anyhow::Result<()> {
    let room = RoomName::parse(room).context("room")?;
    let role = RoleName::parse(role).context("role")?;
    let portal = Portal::connect(settings).await?;
    let link = portal
        .rooms()
        .rotate(&room, &role, listing.codes(), Actor::Cli)
        .await
        .map_err(|e| explain(settings, e))?;
    print_link(&link, listing.json)?;
    eprintln!(
        "note: running portals on this store switch to the new code within {} ms",
        settings.store.poll_interval.as_millis()
    );
    Ok(())
}

/// What `sign` binds into the link besides room, role and expiry.
#[derive(Debug, Clone, clap::Args)]
pub struct SignOptions {
    /// A display name bound into the link (the visitor cannot change it).
    #[arg(long)]
    pub name: Option<String>,
    /// A 100ms user id bound into the link.
    #[arg(long)]
    pub user_id: Option<String>,
    /// Skip Prebuilt's preview screen.
    #[arg(long)]
    pub skip_preview: bool,
    /// Link the embeddable page instead of the join page.
    #[arg(long)]
    pub embed: bool,
    /// The visitor waits in the room's lobby until a host lets them in.
    #[arg(long)]
    pub lobby: bool,
}

/// Prints a signed link that opens `role` of `room` for `expires_in`.
pub async fn sign(
    settings: &Settings,
    room: &str,
    role: &str,
    expires_in: Lifetime,
    options: SignOptions,
) -> anyhow::Result<()> {
    let room = RoomName::parse(room).context("room")?;
    let role = RoleName::parse(role).context("role")?;
    let skip_preview = options.skip_preview.then_some("1");
    let join_options = JoinOptions {
        lobby: options.lobby,
        ..JoinOptions::parse(
            options.name.as_deref(),
            options.user_id.as_deref(),
            skip_preview,
        )?
    };
    let kind = if options.embed {
        PageKind::Embed
    } else {
        PageKind::Join
    };
    let portal = Portal::connect(settings).await?;
    let request = LinkRequest {
        kind,
        room,
        role,
        options: join_options,
        expires_in,
    };
    let link = portal
        .links()
        .sign(&request, Actor::Cli)
        .await
        .map_err(|e| explain(settings, e))?;
    println!("{}", link.url);
    eprintln!("valid until {}", link.expires);
    Ok(())
}

/// Asks the local portal's `/healthz`, for container health checks.
pub async fn healthcheck(settings: &Settings) -> anyhow::Result<()> {
    let host = reachable_host(&settings.server.host);
    let url = format!("http://{host}:{}/healthz", settings.server.port);
    crate::portal::ensure_tls_provider();
    let response = reqwest::Client::builder()
        .timeout(Duration::from_secs(2))
        .build()?
        .get(&url)
        .send()
        .await
        .with_context(|| format!("{url} did not answer"))?;
    anyhow::ensure!(
        response.status().is_success(),
        "{url} answered {}",
        response.status()
    );
    Ok(())
}

/// Validates the settings; in live mode also proves the credentials with one read call.
pub async fn check_config(settings: &Settings) -> anyhow::Result<()> {
    let rooms: Vec<String> = settings
        .rooms
        .aliases
        .keys()
        .map(ToString::to_string)
        .collect();
    println!("settings: ok");
    println!(
        "rooms: {}",
        if rooms.is_empty() {
            "(none configured)".into()
        } else {
            rooms.join(", ")
        }
    );
    println!(
        "admin API: {}",
        if settings.admin.token.is_some() {
            "on"
        } else {
            "off"
        }
    );
    println!("links: {}", links_base(settings));
    println!("embedding: {}", embedding(settings));
    println!("signed links: {}", signing(settings));
    let palette = Palette::new(Rgb::from_hex(settings.ui.accent_color.as_str()));
    println!("branding: {}", palette.description());
    println!("store: {}", check_store(settings).await?);
    println!("sign-in: {}", check_sign_in(settings).await?);
    if palette.needs_attention() {
        eprintln!(
            "note: the accent as given is hard to read on light pages; the colours above are used instead"
        );
    }
    if settings.emulator.enabled {
        println!("100ms: built-in emulator (emulator.enabled = true); nothing to check upstream");
        return Ok(());
    }
    let upstream = probe_upstream(settings).await?;
    println!("100ms: {} accepted the management token", upstream.api_base);
    if upstream.app_secret.expose_secret().len() < 16 {
        eprintln!(
            "note: hms.app_secret looks short; check it is the app secret from the dashboard"
        );
    }
    Ok(())
}

/// Where links point: the public URL, or this machine only.
fn links_base(settings: &Settings) -> String {
    match &settings.server.public_url {
        Some(url) => format!("built from server.public_url, {}", url.0),
        None => format!(
            "built from the listening address, http://{}:{} (this machine only: set \
             PORTAL__SERVER__PUBLIC_URL for anyone else)",
            reachable_host(&settings.server.host),
            settings.server.port
        ),
    }
}

/// Which sites may put portal pages in a frame.
fn embedding(settings: &Settings) -> String {
    let ancestors: Vec<&str> = settings
        .security
        .frame_ancestors
        .iter()
        .map(|source| source.as_str())
        .collect();
    let own: Vec<String> = settings
        .rooms
        .aliases
        .iter()
        .filter(|(_, room)| !room.frame_ancestors.is_empty())
        .map(|(alias, room)| {
            let sites: Vec<&str> = room.frame_ancestors.iter().map(|s| s.as_str()).collect();
            format!("; room {alias}: {}", sites.join(" "))
        })
        .collect();
    format!(
        "pages may be framed by {} (security.frame_ancestors; add a site's origin there to embed \
         /embed/<room>/<role> in it, e.g. https://intranet.example.com){}",
        ancestors.join(" "),
        own.concat()
    )
}

fn signing(settings: &Settings) -> String {
    match (
        settings.access.signing_keys.is_empty(),
        settings.emulator.enabled,
    ) {
        (false, _) => "on (access.signing_keys)".to_owned(),
        (true, true) => "a random key per portal process (emulator mode): links stop working \
                         when it stops; set PORTAL__ACCESS__SIGNING_KEYS to keep them"
            .to_owned(),
        (true, false) => "off (no role is signed)".to_owned(),
    }
}

/// Checks what stands between the settings and a working portal, one line per check; fails
/// when any check found a problem.
pub async fn doctor(settings: &Settings) -> anyhow::Result<()> {
    let checks = crate::portal::doctor::diagnose(settings).await;
    let mut problems = 0;
    for check in &checks {
        match &check.finding {
            Ok(text) => println!("ok       {}: {text}", check.subject),
            Err(text) => {
                problems += 1;
                println!("problem  {}: {text}", check.subject);
            }
        }
    }
    anyhow::ensure!(
        problems == 0,
        "{problems} of {} checks found a problem",
        checks.len()
    );
    Ok(())
}

/// A failure, with a hint where the likely cause is known.
fn explain(settings: &Settings, error: PortalError) -> anyhow::Error {
    if settings.emulator.enabled {
        if error.upstream_unreachable() {
            return anyhow!(
                "{error} (the built-in emulator runs inside the portal: is `prebuilt-portal serve` running?)"
            );
        }
        if error.upstream_status() == Some(401) {
            return anyhow!(
                "{error} (the portal's emulator makes random credentials and leaves them in {}; \
                 run the command as the same user, or set hms.access_key and hms.app_secret for both)",
                emulator_credentials_file(settings).display()
            );
        }
    }
    anyhow::Error::new(error)
}
