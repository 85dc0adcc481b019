//! Builds the application from settings: the emulator (when enabled), the 100ms client, the
//! resolver and the HTTP server, all once, outside the per-worker closure.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::{ErrorHandlers, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};
use url::Url;

use crate::access::AccessRules;
use crate::branding::Branding;
use crate::domain::{PortalBase, PrebuiltBase, reachable_host};
use crate::emulator::{Emulator, EmulatorConfig};
use crate::error::render_bare_error;
use crate::hms::{HmsClient, HmsClientConfig};
use crate::links::LinkBuilder;
use crate::metrics::Metrics;
use crate::middleware::{self, SecurityHeaders};
use crate::rate_limit::RateLimits;
use crate::resolver::{CachePolicy, Resolver};
use crate::routes::api::AdminAuth;
use crate::routes::{self, AppState};
use crate::settings::{self, Settings};

/// Credentials of the built-in emulator when `hms.access_key`/`hms.app_secret` are empty. Fixed,
/// so the CLI can talk to a running portal's emulator; the emulator holds no real data.
pub const EMULATOR_ACCESS_KEY: &str = "emulator-access-key";
pub const EMULATOR_APP_SECRET: &str = "emulator-app-secret-not-for-production";

pub struct Application {
    port: u16,
    server: Server,
    emulator: Option<RunningEmulator>,
    /// `/metrics` on its own port, when `metrics.port` is set.
    metrics_server: Option<(u16, Server)>,
}

/// The built-in emulator, started next to the portal when `emulator.enabled = true`.
pub struct RunningEmulator {
    pub handle: Emulator,
    pub port: u16,
    server: Server,
}

/// Where the portal's 100ms traffic and links go.
pub struct Upstream {
    pub api_base: Url,
    pub prebuilt: PrebuiltBase,
    pub access_key: String,
    pub app_secret: SecretString,
}

impl Upstream {
    /// The configured 100ms, or the emulator on `emulator_port` when it is enabled.
    pub fn from_settings(settings: &Settings, emulator_port: u16) -> anyhow::Result<Self> {
        if settings.emulator.enabled {
            return emulator_upstream(settings, emulator_port);
        }
        let api_base = settings::api_base(&settings.hms.api_base)
            .map_err(|problem| anyhow::anyhow!("hms.api_base: {problem}"))?;
        let prebuilt = PrebuiltBase::parse(&settings.hms.prebuilt_base)
            .map_err(|problem| anyhow::anyhow!("hms.prebuilt_base: {problem}"))?;
        Ok(Self {
            api_base,
            prebuilt,
            access_key: settings.hms.access_key.clone(),
            app_secret: settings.hms.app_secret.clone(),
        })
    }
}

/// The shared state the handlers (and the CLI) work with.
pub fn app_state(
    settings: &Settings,
    upstream: Upstream,
    portal: PortalBase,
) -> anyhow::Result<AppState> {
    let metrics = Arc::new(Metrics::new().context("could not set up metrics")?);
    let client = hms_client(settings, &upstream, metrics.clone())?;
    let resolver = Resolver::new(
        Arc::new(client),
        &settings.rooms,
        &settings.hms.template_id,
        CachePolicy {
            ttl: settings.cache_ttl(),
            max_entries: settings.cache.max_entries,
            stale_if_error: Duration::from_secs(settings.cache.stale_if_error_secs),
            negative_ttl: Duration::from_secs(settings.cache.negative_ttl_secs),
            deadline: settings.hms_deadline(),
        },
        metrics.clone(),
    );
    Ok(AppState {
        resolver,
        links: LinkBuilder {
            prebuilt: upstream.prebuilt,
            portal,
        },
        access: AccessRules::new(settings),
        limits: RateLimits::new(&settings.rate_limit),
        metrics,
        branding: Branding::new(&settings.ui),
    })
}

/// The one 100ms client of a process.
pub fn hms_client(
    settings: &Settings,
    upstream: &Upstream,
    metrics: Arc<Metrics>,
) -> anyhow::Result<HmsClient> {
    HmsClient::new(HmsClientConfig {
        api_base: upstream.api_base.clone(),
        access_key: &upstream.access_key,
        app_secret: &upstream.app_secret,
        timeout: settings.hms_timeout(),
        connect_timeout: settings.hms_connect_timeout(),
        retry_budget: settings.hms_deadline(),
        metrics,
    })
    .context("could not build the HTTP client for 100ms")
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        settings.validate()?;
        let emulator = if settings.emulator.enabled {
            Some(start_emulator(&settings)?)
        } else {
            None
        };
        let upstream = Upstream::from_settings(&settings, emulator.as_ref().map_or(0, |e| e.port))?;
        let address = (settings.server.host.as_str(), settings.server.port);
        let listener = TcpListener::bind(address).with_context(|| {
            format!(
                "could not listen on server.host:server.port ({}:{})",
                address.0, address.1
            )
        })?;
        let port = listener.local_addr()?.port();
        let portal = PortalBase::new(&settings.server.public_url, &settings.server.host, port)
            .context("server.public_url")?;
        let state = web::Data::new(app_state(&settings, upstream, portal)?);
        let security = web::Data::new(SecurityHeaders::new(
            &state.links.prebuilt.origin(),
            &settings.security.frame_ancestors,
            state.branding.logo_origin().as_deref(),
        ));
        let admin = web::Data::new(AdminAuth::new(settings.admin_token()));
        if settings.signing_keys().is_empty() {
            tracing::warn!(
                "access.signing_keys is empty: roles with access = \"signed\" cannot be opened"
            );
        }
        let metrics_on_main = settings.metrics.enabled && settings.metrics.port == 0;
        let metrics_server = if settings.metrics.enabled && settings.metrics.port != 0 {
            Some(metrics_server(&settings, state.clone())?)
        } else {
            None
        };
        let server = HttpServer::new(move || {
            App::new()
                .wrap(ErrorHandlers::new().default_handler(render_bare_error))
                .wrap(from_fn(middleware::security_headers))
                .wrap(from_fn(middleware::access_log))
                .app_data(state.clone())
                .app_data(admin.clone())
                .app_data(security.clone())
                .configure(|cfg| {
                    if metrics_on_main {
                        cfg.route("/metrics", web::get().to(routes::health::metrics));
                    }
                })
                .configure(routes::configure)
        })
        .workers(worker_count(settings.server.workers))
        .shutdown_timeout(settings.server.shutdown_timeout_secs)
        .listen(listener)?
        .run();
        tracing::info!(
            port,
            emulator = emulator.is_some(),
            "prebuilt-portal is listening"
        );
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

    pub fn emulator(&self) -> Option<&RunningEmulator> {
        self.emulator.as_ref()
    }

    /// Serves until the portal stops: on SIGTERM or SIGINT it stops accepting, lets requests in
    /// flight finish (up to `server.shutdown_timeout_secs`), then stops its helpers too.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let helpers: Vec<Server> = self
            .emulator
            .map(|e| e.server)
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
    let emulator = start_emulator(settings)?;
    let upstream = emulator_upstream(settings, emulator.port)?;
    println!("100ms emulator listening; a portal in live mode uses it with:");
    println!("  PORTAL__EMULATOR__ENABLED=false");
    println!("  PORTAL__HMS__API_BASE={}", upstream.api_base);
    println!(
        "  PORTAL__HMS__PREBUILT_BASE={}",
        upstream.prebuilt.as_str()
    );
    println!("  PORTAL__HMS__ACCESS_KEY={}", upstream.access_key);
    if settings.hms.app_secret.expose_secret().is_empty() {
        // The emulator's fixed development secret; a configured one is never printed.
        println!("  PORTAL__HMS__APP_SECRET={EMULATOR_APP_SECRET}");
    }
    emulator.server.await?;
    Ok(())
}

/// `/metrics` alone on `server.host:metrics.port`, e.g. for a scraper inside the cluster only.
fn metrics_server(
    settings: &Settings,
    state: web::Data<AppState>,
) -> anyhow::Result<(u16, Server)> {
    let address = (settings.server.host.as_str(), settings.metrics.port);
    let listener = TcpListener::bind(address).with_context(|| {
        format!(
            "could not listen on server.host:metrics.port ({}:{})",
            address.0, address.1
        )
    })?;
    let port = listener.local_addr()?.port();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .route("/metrics", web::get().to(routes::health::metrics))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)?
    .run();
    Ok((port, server))
}

/// Two workers per core unless configured: each worker owns its connections, so when another
/// process takes a core from one, its connections wait; with spare workers the core goes on
/// serving others (measured in BENCHMARKS.md: 8-40 % more cached pages per second than one per core).
fn worker_count(configured: usize) -> usize {
    if configured > 0 {
        configured
    } else {
        std::thread::available_parallelism().map_or(2, |n| n.get() * 2)
    }
}

fn emulator_credentials(settings: &Settings) -> (String, SecretString) {
    let access_key = Some(settings.hms.access_key.clone())
        .filter(|k| !k.is_empty())
        .unwrap_or_else(|| EMULATOR_ACCESS_KEY.to_owned());
    let app_secret = match settings.hms.app_secret.expose_secret() {
        "" => SecretString::from(EMULATOR_APP_SECRET),
        _ => settings.hms.app_secret.clone(),
    };
    (access_key, app_secret)
}

fn emulator_upstream(settings: &Settings, port: u16) -> anyhow::Result<Upstream> {
    let origin = format!("http://{}:{port}", reachable_host(&settings.emulator.host));
    let (access_key, app_secret) = emulator_credentials(settings);
    Ok(Upstream {
        api_base: Url::parse(&format!("{origin}/v2"))?,
        prebuilt: PrebuiltBase::parse(&origin)?,
        access_key,
        app_secret,
    })
}

fn start_emulator(settings: &Settings) -> anyhow::Result<RunningEmulator> {
    let host = settings.emulator.host.as_str();
    let listener = TcpListener::bind((host, settings.emulator.port)).with_context(|| {
        format!(
            "could not listen on emulator.host:emulator.port ({host}:{})",
            settings.emulator.port
        )
    })?;
    let port = listener.local_addr()?.port();
    let (access_key, app_secret) = emulator_credentials(settings);
    let handle = Emulator::new(EmulatorConfig {
        access_key,
        app_secret: app_secret.expose_secret().to_owned(),
        roles: settings.emulator.roles.clone(),
        template_id: Some(settings.hms.template_id.clone()).filter(|t| !t.is_empty()),
    });
    let server = handle.serve(listener)?;
    tracing::info!(port, "built-in 100ms emulator is listening");
    Ok(RunningEmulator {
        handle,
        port,
        server,
    })
}
