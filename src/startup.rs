//! Builds the application from settings: the emulator (when enabled), the 100ms client, the
//! resolver and the HTTP server, all once, outside the per-worker closure.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::{DefaultHeaders, ErrorHandlers};
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};
use tracing_actix_web::TracingLogger;
use url::Url;

use crate::domain::PrebuiltBase;
use crate::emulator::{Emulator, EmulatorConfig, store::random_token};
use crate::error::render_bare_error;
use crate::hms::{HmsClient, HmsClientConfig};
use crate::resolver::{CachePolicy, Resolver};
use crate::routes::{self, PageState};
use crate::settings::{self, Settings};

pub struct Application {
    port: u16,
    server: Server,
    emulator: Option<RunningEmulator>,
}

/// The built-in emulator, started next to the portal when `emulator.enabled = true`.
pub struct RunningEmulator {
    pub handle: Emulator,
    pub port: u16,
    server: Server,
}

/// Where the portal's 100ms traffic and links go.
struct Upstream {
    api_base: Url,
    prebuilt: PrebuiltBase,
    access_key: String,
    app_secret: SecretString,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        settings.validate()?;
        let (upstream, emulator) = if settings.emulator.enabled {
            let (upstream, emulator) = start_emulator(&settings)?;
            (upstream, Some(emulator))
        } else {
            (live_upstream(&settings)?, None)
        };
        let client = HmsClient::new(HmsClientConfig {
            api_base: upstream.api_base,
            access_key: &upstream.access_key,
            app_secret: &upstream.app_secret,
            timeout: settings.hms_timeout(),
            connect_timeout: settings.hms_connect_timeout(),
        })
        .context("could not build the HTTP client for 100ms")?;
        let resolver = Resolver::new(
            Arc::new(client),
            &settings.rooms,
            &settings.hms.template_id,
            CachePolicy {
                ttl: settings.cache_ttl(),
                max_entries: settings.cache.max_entries,
            },
        );
        let state = web::Data::new(PageState {
            resolver,
            prebuilt: upstream.prebuilt,
        });
        let address = (settings.server.host.as_str(), settings.server.port);
        let listener = TcpListener::bind(address).with_context(|| {
            format!(
                "could not listen on server.host:server.port ({}:{})",
                address.0, address.1
            )
        })?;
        let port = listener.local_addr()?.port();
        let server = HttpServer::new(move || {
            App::new()
                .wrap(ErrorHandlers::new().default_handler(render_bare_error))
                .wrap(
                    DefaultHeaders::new()
                        .add(("Referrer-Policy", "no-referrer"))
                        .add(("X-Content-Type-Options", "nosniff")),
                )
                .wrap(TracingLogger::default())
                .app_data(state.clone())
                .configure(routes::configure)
        })
        .workers(worker_count(settings.server.workers))
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
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn emulator(&self) -> Option<&RunningEmulator> {
        self.emulator.as_ref()
    }

    /// Serves until the portal stops (SIGINT/SIGTERM), then stops the emulator too.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let emulator = self.emulator.map(|e| {
            let handle = e.server.handle();
            (tokio::spawn(e.server), handle)
        });
        let result = self.server.await;
        if let Some((task, handle)) = emulator {
            handle.stop(true).await;
            let _ = task.await;
        }
        result
    }
}

/// Runs the built-in emulator alone, as the 100ms API of a portal (or anything else) in live mode.
pub async fn run_emulator(settings: &Settings) -> anyhow::Result<()> {
    let generated_secret = settings.hms.app_secret.expose_secret().is_empty();
    let (upstream, emulator) = start_emulator(settings)?;
    println!("100ms emulator listening");
    println!("  PORTAL__HMS__API_BASE={}", upstream.api_base);
    println!(
        "  PORTAL__HMS__PREBUILT_BASE={}",
        upstream.prebuilt.as_str()
    );
    println!("  PORTAL__HMS__ACCESS_KEY={}", upstream.access_key);
    if generated_secret {
        // A throwaway secret made up just now; a configured one is never printed.
        println!(
            "  PORTAL__HMS__APP_SECRET={}",
            upstream.app_secret.expose_secret()
        );
    }
    emulator.server.await?;
    Ok(())
}

fn worker_count(configured: usize) -> usize {
    if configured > 0 {
        configured
    } else {
        std::thread::available_parallelism().map_or(2, |n| n.get())
    }
}

fn start_emulator(settings: &Settings) -> anyhow::Result<(Upstream, RunningEmulator)> {
    let host = settings.emulator.host.as_str();
    let listener = TcpListener::bind((host, settings.emulator.port)).with_context(|| {
        format!(
            "could not listen on emulator.host:emulator.port ({host}:{})",
            settings.emulator.port
        )
    })?;
    let port = listener.local_addr()?.port();
    // Links must be reachable from a browser, so a wildcard bind is linked as loopback.
    let link_host = match host {
        "0.0.0.0" | "::" | "[::]" => "127.0.0.1".to_owned(),
        h if h.contains(':') && !h.starts_with('[') => format!("[{h}]"),
        h => h.to_owned(),
    };
    let origin = format!("http://{link_host}:{port}");
    let access_key = Some(settings.hms.access_key.clone())
        .filter(|k| !k.is_empty())
        .unwrap_or_else(|| format!("emulator-{}", random_token(12)));
    let app_secret = match settings.hms.app_secret.expose_secret() {
        "" => SecretString::from(random_token(48)),
        _ => settings.hms.app_secret.clone(),
    };
    let handle = Emulator::new(EmulatorConfig {
        access_key: access_key.clone(),
        app_secret: app_secret.expose_secret().to_owned(),
        roles: settings.emulator.roles.clone(),
        template_id: Some(settings.hms.template_id.clone()).filter(|t| !t.is_empty()),
    });
    let server = handle.serve(listener)?;
    tracing::info!(%origin, "built-in 100ms emulator is listening");
    let upstream = Upstream {
        api_base: Url::parse(&format!("{origin}/v2"))?,
        prebuilt: PrebuiltBase::parse(&origin)?,
        access_key,
        app_secret,
    };
    Ok((
        upstream,
        RunningEmulator {
            handle,
            port,
            server,
        },
    ))
}

fn live_upstream(settings: &Settings) -> anyhow::Result<Upstream> {
    let api_base = settings::api_base(&settings.hms.api_base)
        .map_err(|problem| anyhow::anyhow!("hms.api_base: {problem}"))?;
    let prebuilt = PrebuiltBase::parse(&settings.hms.prebuilt_base)
        .map_err(|problem| anyhow::anyhow!("hms.prebuilt_base: {problem}"))?;
    Ok(Upstream {
        api_base,
        prebuilt,
        access_key: settings.hms.access_key.clone(),
        app_secret: settings.hms.app_secret.clone(),
    })
}
