//! Builds the application from settings: the emulator (when enabled), the portal's services and
//! the HTTP servers, all once, outside the per-worker closure.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use secrecy::ExposeSecret;

use crate::domain::PortalBase;
use crate::emulator::RunningEmulator;
use crate::portal::{Portal, Upstream};
use crate::settings::{Settings, SigningKeys, random_key};
use crate::web::i18n::Languages;
use crate::web::middleware::{self, AdminAuth, ClientAddress, SecurityHeaders, SecuritySources};
use crate::web::pages::auth::SessionCookies;
use crate::web::pages::health;
use crate::web::pages::skeleton::Skeletons;
use crate::web::state::AppState;

pub struct Application {
    port: u16,
    server: Server,
    emulator: Option<RunningEmulator>,
    /// `/metrics` on its own listener, when metrics are on.
    metrics_server: Option<(u16, Server)>,
}

impl Application {
    pub async fn build(mut settings: Settings) -> anyhow::Result<Self> {
        settings.validate()?;
        if settings.emulator.enabled && settings.access.signing_keys.is_empty() {
            // So `cargo run` can hand out signed links; live mode needs a key of its own.
            settings.access.signing_keys = SigningKeys::random();
            tracing::info!(
                "signed links are signed with a random key of this process (emulator mode): they \
                 stop working when it stops; set PORTAL__ACCESS__SIGNING_KEYS to keep them"
            );
        }
        if settings.emulator.enabled && settings.security.cookie_keys.is_empty() {
            settings.security.cookie_keys = SigningKeys::random();
            tracing::info!(
                "cookies are sealed with a random key of this process (emulator mode): sign-ins \
                 and invitation passes end when it stops; set PORTAL__SECURITY__COOKIE_KEYS to keep them"
            );
        }
        let emulator = if settings.emulator.enabled {
            Some(RunningEmulator::start(&settings)?)
        } else {
            None
        };
        let upstream = match &emulator {
            Some(running) => Upstream::emulator(&settings, running.port, &running.credentials)?,
            None => Upstream::from_settings(&settings)?,
        };
        let address = (settings.server.host.as_str(), settings.server.port);
        let listener = TcpListener::bind(address).with_context(|| {
            format!(
                "could not listen on server.host:server.port ({}:{})",
                address.0, address.1
            )
        })?;
        let port = listener.local_addr()?.port();
        let base = PortalBase::for_server(
            settings.server.public_url.as_ref().map(|u| &u.0),
            &settings.server.host,
            port,
        )
        .context("server.public_url")?;
        let portal = Portal::build(&settings, upstream, base).await?;
        // A serving portal does the background work of events and attendance (the CLI's
        // does not).
        portal.events().remove_people_at_the_end();
        portal.attendance().reconcile_now_and_then();
        portal.outbox().deliver_now_and_then();
        if let Some(running) = &emulator {
            hook_up_emulator(&settings, &running.handle, port);
        }
        let palette = portal.branding().palette;
        if palette.needs_attention() {
            tracing::warn!("{}", palette.description());
        } else {
            tracing::info!("{}", palette.description());
        }
        if !portal.store_is_shared() {
            tracing::info!(
                store = ?settings.store.url,
                "the store is a SQLite file: run one replica of the portal on it (PostgreSQL for more)"
            );
        }
        if portal.console().is_on() {
            let console = portal.base_url().join("admin").map(|u| u.to_string());
            tracing::info!(
                "the operator's console is at {}",
                console.unwrap_or_else(|_| "/admin".into())
            );
        }
        let sign_in_origin = portal.sso().map(|sso| sso.provider_origin());
        let languages = Languages::new(settings.ui.offered_languages());
        let state = web::Data::new(AppState {
            security: SecurityHeaders::new(&SecuritySources {
                prebuilt_origin: portal.prebuilt_origin(),
                frame_ancestors: &settings.security.frame_ancestors,
                logo_origins: &portal.branding().logo_origins,
                sign_in_origin: sign_in_origin.as_deref(),
                own_origin: portal.base_url(),
                https: settings
                    .server
                    .public_url
                    .as_ref()
                    .is_some_and(|url| url.0.scheme() == "https"),
            }),
            admin: AdminAuth::new(settings.admin.token.as_ref()),
            cookies: SessionCookies::new(&settings),
            skeletons: Skeletons::new(),
            languages,
            client_address: ClientAddress::new(
                settings.rate_limit.client_ip_header.as_deref(),
                settings.rate_limit.trusted_hops,
            ),
            portal,
        });
        let metrics_server = if settings.metrics.enabled {
            Some(metrics_server(&settings, state.clone())?)
        } else {
            None
        };
        let first = first_pages(&settings, &state.portal);
        let server = HttpServer::new(move || {
            App::new()
                .wrap(middleware::Envelope::new(state.clone()))
                .app_data(state.clone())
                .configure(crate::web::configure)
        })
        .workers(worker_count(settings.server.workers))
        .shutdown_timeout(settings.server.shutdown_timeout.as_secs())
        .listen(listener)?
        .run();
        tracing::info!(
            port,
            emulator = emulator.is_some(),
            "prebuilt-portal is listening"
        );
        if let Some((join, share)) = first {
            tracing::info!("open {join} to join a meeting, or {share} for its links");
        }

        Ok(Self {
            port,
            server,
            emulator,
            metrics_server,
        })
    }

    /// The port of the separate metrics listener, if any.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics_server.as_ref().map(|(port, _)| *port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Stops the server as a signal would.
    pub fn server_handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    pub fn emulator(&self) -> Option<&RunningEmulator> {
        self.emulator.as_ref()
    }

    /// Serves until the portal stops: on SIGTERM or SIGINT it stops accepting, lets requests in
    /// flight finish (up to `server.shutdown_timeout_secs`), then stops its helpers too.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        // Kept until the end: dropping it removes the emulator's credentials file.
        let (emulator_server, _credentials_file) = match self.emulator {
            Some(emulator) => (Some(emulator.server), emulator.credentials_file),
            None => (None, None),
        };
        let helpers: Vec<Server> = emulator_server
            .into_iter()
            .chain(self.metrics_server.map(|(_, server)| server))
            .collect();
        let running: Vec<_> = helpers
            .into_iter()
            .map(|server| (server.handle(), tokio::spawn(server)))
            .collect();
        let result = self.server.await;
        for (handle, task) in running {
            handle.stop(true).await;
            let _ = task.await;
        }
        tracing::info!("prebuilt-portal stopped");
        result
    }
}

/// Runs the built-in emulator alone, as the 100ms API of a portal (or anything else) in live mode.
pub async fn run_emulator(settings: &Settings) -> anyhow::Result<()> {
    let emulator = RunningEmulator::start(settings)?;
    let upstream = Upstream::emulator(settings, emulator.port, &emulator.credentials)?;
    println!("100ms emulator listening; a portal in live mode uses it with:");
    println!("  PORTAL__EMULATOR__ENABLED=false");
    println!("  PORTAL__HMS__API_BASE={}", upstream.api_base);
    println!(
        "  PORTAL__HMS__PREBUILT_BASE={}",
        upstream.prebuilt.as_str()
    );
    println!("  PORTAL__HMS__ACCESS_KEY={}", upstream.access_key);
    // Generated secrets are printed so they can be used; configured ones never are.
    if settings.hms.app_secret.expose_secret().is_empty() {
        println!(
            "  PORTAL__HMS__APP_SECRET={}",
            emulator.credentials.app_secret.expose_secret()
        );
    }
    // Live mode wants keys of its own; fresh ones, so the rehearsal's portal starts.
    for key in ["ACCESS__SIGNING_KEYS", "SECURITY__COOKIE_KEYS"] {
        println!("  PORTAL__{key}={}", random_key());
    }
    if settings.emulator.control_token.is_none() {
        println!(
            "control endpoints (/_emulator/*) want: Authorization: Bearer {}",
            emulator.credentials.control_token.expose_secret()
        );
    }
    let _credentials_file = emulator.credentials_file;
    emulator.server.await?;
    Ok(())
}

/// The join page of the first public role of the first configured room, and its share page:
/// what to open first.
fn first_pages(settings: &Settings, portal: &Portal) -> Option<(String, String)> {
    use crate::domain::{AccessPolicy, PageKind};
    let base = PortalBase::parse(portal.base_url().as_str()).ok()?;
    settings
        .rooms
        .aliases
        .iter()
        .filter(|(_, room)| room.enabled)
        .find_map(|(alias, room)| {
            let role = room
                .roles
                .iter()
                .find(|role| portal.policy(alias, role) == AccessPolicy::Public)?;
            Some((
                base.page_url(PageKind::Join, alias, role).to_string(),
                base.path_url(&["rooms", alias.as_str()]).to_string(),
            ))
        })
}

/// `/metrics` alone on `metrics.host:metrics.port` (loopback by default), for a scraper only.
fn metrics_server(
    settings: &Settings,
    state: web::Data<AppState>,
) -> anyhow::Result<(u16, Server)> {
    let address = (settings.metrics.host.as_str(), settings.metrics.port);
    let listener = TcpListener::bind(address).with_context(|| {
        format!(
            "could not listen on metrics.host:metrics.port ({}:{})",
            address.0, address.1
        )
    })?;
    let port = listener.local_addr()?.port();
    tracing::info!(metrics_port = port, "metrics are served at /metrics");
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .route("/metrics", web::get().to(health::metrics))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)?
    .run();
    Ok((port, server))
}

/// Unless configured: two workers per core on several cores, since each worker owns its
/// connections and when another process takes a core from one, its connections wait while spare
/// workers go on serving (8-40 % more cached pages a second than one per core, docs/benchmarks.md);
/// one on a single core (a container limited to one CPU), where a second only takes turns with
/// the first: same throughput, and a p99 of 6.6 ms instead of 4.3 ms in `bench/run pinned`.
fn worker_count(configured: usize) -> usize {
    if configured > 0 {
        configured
    } else {
        match std::thread::available_parallelism().map_or(1, usize::from) {
            1 => 1,
            cores => cores * 2,
        }
    }
}

/// The built-in emulator sends its webhooks to this portal, with the secret header, when
/// webhooks are on (`hms.webhook_secret`); its quiet peers leave after
/// `emulator.peer_timeout_secs`.
fn hook_up_emulator(settings: &Settings, emulator: &crate::emulator::Emulator, port: u16) {
    use secrecy::ExposeSecret;
    emulator.set_peer_timeout(settings.emulator.peer_timeout);
    if let Some(secret) = settings.hms.webhook_secret.first() {
        emulator.set_webhook(Some(crate::emulator::WebhookTarget {
            url: format!("http://127.0.0.1:{port}/hooks/100ms"),
            headers: vec![(
                settings.hms.webhook_header.clone(),
                secret.expose_secret().to_owned(),
            )],
        }));
    }
}
