//! The operator commands besides `serve`: they use the same settings and 100ms client as the
//! server and print for people (a table) or programs (`--json`).

use std::fmt::Write as _;
use std::sync::Arc;

use anyhow::{Context, anyhow};
use secrecy::ExposeSecret;

use crate::domain::{
    AccessPolicy, JoinOptions, PageKind, PortalBase, RoleName, RoomName, reachable_host,
};
use crate::links::{RoleLink, RoomLinks};
use crate::metrics::Metrics;
use crate::resolver::ResolveError;
use crate::routes::AppState;
use crate::settings::{Settings, UnknownRooms};
use crate::startup::{Upstream, app_state, hms_client};

pub async fn links(settings: &Settings, room: &str, json: bool) -> anyhow::Result<()> {
    let room = RoomName::parse(room).context("room")?;
    let state = connect(settings)?;
    show_links(settings, &state, &room, json).await
}

pub async fn create_room(
    settings: &Settings,
    name: &str,
    template: Option<String>,
    description: Option<String>,
    json: bool,
) -> anyhow::Result<()> {
    let room = RoomName::parse(name).context("room name")?;
    let state = connect(settings)?;
    state
        .resolver
        .create_room(&room, template, description)
        .await
        .map_err(|e| explain(settings, &e))?;
    show_links(settings, &state, &room, json).await
}

/// Every role's links of `room` (codes created where missing), then a note if pages will not
/// serve the room.
async fn show_links(
    settings: &Settings,
    state: &AppState,
    room: &RoomName,
    json: bool,
) -> anyhow::Result<()> {
    let links = state
        .links
        .room_links(&state.resolver, &state.access, room)
        .await
        .map_err(|e| explain(settings, &e))?;
    print_links(&links, json)?;
    warn_if_not_served(settings, room);
    Ok(())
}

pub async fn rotate(settings: &Settings, room: &str, role: &str, json: bool) -> anyhow::Result<()> {
    let room = RoomName::parse(room).context("room")?;
    let role = RoleName::parse(role).context("role")?;
    let state = connect(settings)?;
    let resolved = state
        .resolver
        .rotate(&room, &role)
        .await
        .map_err(|e| explain(settings, &e))?;
    let link = state.links.role_link(&room, &resolved, &state.access);
    if json {
        println!("{}", serde_json::to_string_pretty(&link)?);
    } else {
        print!("{}", table(std::slice::from_ref(&link)));
    }
    eprintln!(
        "note: running portals serve their cached code for up to {} s; POST /api/v1/cache/purge switches them now",
        settings.cache.ttl_secs
    );
    Ok(())
}

/// Prints a signed link that opens `role` of `room` for `ttl`.
pub fn sign(
    settings: &Settings,
    room: &str,
    role: &str,
    ttl: &str,
    options: SignOptions,
) -> anyhow::Result<()> {
    let room = RoomName::parse(room).context("room")?;
    let role = RoleName::parse(role).context("role")?;
    let ttl = humantime::parse_duration(ttl).context("--ttl (e.g. 30m, 1h, 7d)")?;
    let skip_preview = options.skip_preview.then_some("1");
    let join_options = JoinOptions::parse(
        options.name.as_deref(),
        options.user_id.as_deref(),
        skip_preview,
    )?;
    let kind = if options.embed {
        PageKind::Embed
    } else {
        PageKind::Join
    };
    let state = connect(settings)?;
    let link = state
        .links
        .signed_link(
            &state.resolver,
            &state.access,
            kind,
            &room,
            &role,
            &join_options,
            ttl.as_secs(),
        )
        .map_err(|e| anyhow!("{e}"))?;
    println!("{}", link.url);
    eprintln!("valid until {}", link.expires);
    if state.access.policy(&room, &role) == AccessPolicy::Public {
        eprintln!("note: {role} is public in {room}; the plain link works too");
    }
    Ok(())
}

/// What `sign` binds into the link besides room, role and expiry.
pub struct SignOptions {
    pub name: Option<String>,
    pub user_id: Option<String>,
    pub skip_preview: bool,
    pub embed: bool,
}

/// Asks the local portal's `/healthz`, for container health checks.
pub async fn healthcheck(settings: &Settings) -> anyhow::Result<()> {
    let host = reachable_host(&settings.server.host);
    let url = format!("http://{host}:{}/healthz", settings.server.port);
    let response = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(2))
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
    let rooms: Vec<&str> = settings.rooms.aliases.keys().map(String::as_str).collect();
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
        if settings.admin_token().is_some() {
            "on"
        } else {
            "off"
        }
    );
    if settings.emulator.enabled {
        println!("100ms: built-in emulator (emulator.enabled = true); nothing to check upstream");
        return Ok(());
    }
    let upstream = Upstream::from_settings(settings, 0)?;
    let client = hms_client(settings, &upstream, Arc::new(Metrics::new()?))?;
    client
        .probe()
        .await
        .map_err(|e| anyhow!("100ms at {} refused the check: {e}", upstream.api_base))?;
    println!("100ms: {} accepted the management token", upstream.api_base);
    if upstream.app_secret.expose_secret().len() < 16 {
        eprintln!(
            "note: hms.app_secret looks short; check it is the app secret from the dashboard"
        );
    }
    Ok(())
}

fn connect(settings: &Settings) -> anyhow::Result<AppState> {
    let upstream = Upstream::from_settings(settings, settings.emulator.port)?;
    let portal = PortalBase::new(
        &settings.server.public_url,
        &settings.server.host,
        settings.server.port,
    )
    .context("server.public_url")?;
    app_state(settings, upstream, portal)
}

/// A failure, with a hint where the likely cause is known.
fn explain(settings: &Settings, error: &Arc<ResolveError>) -> anyhow::Error {
    match error.as_ref() {
        ResolveError::Upstream(hms) if settings.emulator.enabled && hms.is_unavailable() => {
            anyhow!(
                "{hms} (the built-in emulator runs inside the portal: is `prebuilt-portal serve` running?)"
            )
        }
        other => anyhow!("{other}"),
    }
}

fn warn_if_not_served(settings: &Settings, room: &RoomName) {
    let configured = settings.rooms.aliases.contains_key(room.as_str());
    if !configured && settings.rooms.unknown == UnknownRooms::Deny {
        eprintln!(
            "note: {room} is not configured and rooms.unknown = deny, so portal pages answer 404 for it; \
             add [rooms.aliases.{room}] or create it through the admin API of the running portal"
        );
    }
}

fn print_links(links: &RoomLinks, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(links)?);
    } else {
        println!(
            "{} ({}, 100ms room {})",
            links.title, links.name, links.room_id
        );
        print!("{}", table(&links.links));
    }
    Ok(())
}

fn table(links: &[RoleLink]) -> String {
    let header = ["ROLE", "CODE", "JOIN URL", "PREBUILT URL"];
    let rows: Vec<[&str; 4]> = links
        .iter()
        .map(|l| {
            [
                l.role.as_str(),
                l.code.as_str(),
                l.join_url.as_str(),
                l.prebuilt_url.as_str(),
            ]
        })
        .collect();
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].len())
            .chain([header[i].len()])
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2)];
    let mut out = String::new();
    for row in std::iter::once(header).chain(rows) {
        let _ = writeln!(
            out,
            "{:w0$}  {:w1$}  {:w2$}  {}",
            row[0],
            row[1],
            row[2],
            row[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        );
    }
    out
}
