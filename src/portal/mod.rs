//! The portal's services, built once from the settings by the server and the CLI alike, each
//! owning its state: the gate (who may reach a room and role), visits (join, embed and share
//! pages), invitations, rooms (what operators manage) and links (signing). What pages, the
//! admin API and the CLI do is said here; how it is asked for over HTTP is the web layer's
//! business. The web layer and the CLI reach lower layers only through this module.

pub mod access;
mod admin_token;
pub mod attendance;
mod branding;
mod checks;
pub mod console;
pub mod csv;
pub mod doctor;
mod error;
pub mod events;
mod forms;
mod framing;
pub mod gate;
mod invitations;
mod links;
pub mod lobby;
mod names;
pub mod outbox;
pub mod palette;
mod rate_limit;
mod readiness;
mod replicas;
mod rooms;
mod seal;
mod services;
pub mod sso;
mod status;
mod upstream;
mod visits;

use anyhow::Context;
use std::net::IpAddr;
use std::sync::Arc;

use crate::domain::{AccessPolicy, PortalBase, RoleName, RoomName};
use crate::hms::{AuthTokens, BreakerPolicy, HmsClient, HmsClientConfig};
use crate::resolver::{CachePolicy, Resolver};
use crate::settings::{Settings, SigningKeys};
use crate::store::Store;
use crate::telemetry::Metrics;
use access::AccessRules;
use gate::Gate;
use invitations::InvitationParts;
use links::LinkBuilder;
use names::NameKeeper;
use rate_limit::RateLimits;
use readiness::Readiness;
use replicas::Replica;
use visits::TokenMinting;

pub use crate::hms::tls::ensure_provider as ensure_tls_provider;
pub use crate::resolver::{CacheOutcome, ListedRoom, UpstreamHealth};
pub use crate::store::{Actor, AuditFilter, AuditRecord};
pub use admin_token::AdminToken;
pub use branding::Branding;
pub use checks::{check_sign_in, check_store, probe_upstream};
pub use error::{ErrorKind, PortalError};
pub use forms::FormTokens;
pub use invitations::{
    Invitation, InvitationList, InvitationPass, InvitationRequest, InvitationState, InvitationView,
    Invitations, Joined, MAX_NOTE_CHARS, MAX_USES,
};
pub use links::{LinkRequest, Links, RoleLink, RoomLinks, SignedLink};
pub use rooms::{
    ClosedCodes, Codes, Revoked, RoomChange, RoomChanged, RoomList, RoomQuery, RoomRemoved,
    RoomRequest, RoomSource, RoomSummary, Rooms, rfc3339,
};
pub use status::PortalStatus;
pub use upstream::{Upstream, emulator_credentials_file};
pub use visits::{FromMemory, ShareView, SharedRole, Visit, VisitRequest, Visits};

/// The portal's services, built once by startup and the CLI: each owns its state; the web layer
/// and the CLI reach everything through here.
pub struct Portal {
    gate: Arc<Gate>,
    visits: Arc<Visits>,
    invitations: Arc<Invitations>,
    events: Arc<events::Events>,
    attendance: Arc<attendance::Attendance>,
    outbox: Arc<outbox::Outbox>,
    rooms: Rooms,
    links: Links,
    resolver: Arc<Resolver>,
    store: Arc<Store>,
    /// Sign-in for `sso` roles, when `access.oidc.issuer` is set.
    sso: Option<Arc<sso::Sso>>,
    prebuilt_origin: String,
    limits: Arc<RateLimits>,
    readiness: Readiness,
    metrics: Arc<Metrics>,
    branding: Branding,
    names: Arc<NameKeeper>,
    framing: framing::FramingReports,
    forms: forms::FormTokens,
    console: console::Console,
    lobby: Arc<lobby::Lobby>,
}

impl Portal {
    /// The services of a portal whose pages live at `base` and whose 100ms is `upstream`, with
    /// the store opened (migrated), read, and followed from now on.
    pub async fn build(
        settings: &Settings,
        upstream: Upstream,
        base: PortalBase,
    ) -> anyhow::Result<Self> {
        let store = Store::open(&settings.store).await.with_context(|| {
            format!(
                "could not open the store at store.url ({:?})",
                settings.store.url
            )
        })?;
        let store = Arc::new(store);
        let metrics = Arc::new(Metrics::new().context("could not set up metrics")?);
        let client = Arc::new(hms_client(settings, &upstream, metrics.clone())?);
        let names = Arc::new(NameKeeper::new(client.clone(), metrics.clone()));
        if settings.hms.register_room_webhooks
            && let Some(secret) = settings.hms.webhook_secret.first()
        {
            use secrecy::ExposeSecret;
            let hook = base.path_url(&["hooks", "100ms"]);
            client.register_room_webhook(
                hook.as_str(),
                &[(settings.hms.webhook_header.as_str(), secret.expose_secret())],
            );
        }
        let hms_for_lobby = client.clone();
        let hms_for_events = client.clone();
        let hms_for_attendance = client.clone();
        names.start(settings.access.name_check_interval);
        let resolver = Resolver::new(
            client,
            &settings.rooms,
            settings.hms.template_id.as_deref(),
            CachePolicy::new(&settings.cache, settings.hms.deadline),
            &metrics,
        );
        let access = Arc::new(AccessRules::new(settings));
        let lobby_signals = Arc::new(lobby::LobbySignals::default());
        let replica = Arc::new(Replica {
            store: store.clone(),
            resolver: resolver.clone(),
            access: access.clone(),
            lobbies: lobby_signals.clone(),
        });
        let cursor = replica.load().await.context("could not read the store")?;
        replica.follow(cursor, settings.store.poll_interval);
        // Live mode requires keys; a CLI command in emulator mode seals nothing that lasts.
        let cookie_keys = match settings.security.cookie_keys.is_empty() {
            true => SigningKeys::random(),
            false => settings.security.cookie_keys.clone(),
        };
        let sso = sso::Sso::new(&settings.access.oidc, &base, &cookie_keys)
            .context("access.oidc")?
            .map(Arc::new);
        let links = Arc::new(LinkBuilder {
            prebuilt: upstream.prebuilt.clone(),
            portal: base,
        });
        let tokens = Arc::new(TokenMinting {
            tokens: AuthTokens::new(&upstream.access_key, &upstream.app_secret),
            link: settings.hms.token_link.clone(),
            ttl: settings.access.token_ttl,
        });
        let limits = Arc::new(RateLimits::new(&settings.rate_limit));
        let gate = Arc::new(Gate::new(
            resolver.clone(),
            access.clone(),
            sso.clone(),
            settings.invitations.sso_requires_sign_in,
        ));
        let outbox = outbox::Outbox::new(store.clone(), &settings.webhooks);
        let attendance = attendance::Attendance::new(
            attendance::AttendanceParts {
                store: store.clone(),
                client: hms_for_attendance,
                resolver: resolver.clone(),
                gate: gate.clone(),
                limits: limits.clone(),
                outbox: outbox.clone(),
            },
            settings,
        );
        let visits = Arc::new(Visits::new(visits::VisitParts {
            gate: gate.clone(),
            resolver: resolver.clone(),
            links: links.clone(),
            tokens: tokens.clone(),
            limits: limits.clone(),
            names: names.clone(),
            frame_ancestors: settings
                .security
                .frame_ancestors
                .iter()
                .map(ToString::to_string)
                .collect(),
            attendance: attendance.clone(),
        }));
        let lobby = lobby::Lobby::new(lobby::LobbyParts {
            store: store.clone(),
            client: hms_for_lobby,
            resolver: resolver.clone(),
            gate: gate.clone(),
            visits: visits.clone(),
            limits: limits.clone(),
            signals: lobby_signals,
            tickets: seal::Sealer::new(&cookie_keys, "lobby ticket")
                .context("no key for lobby tickets")?,
            hosts: seal::Sealer::new(&cookie_keys, "lobby host")
                .context("no key for lobby hosts")?,
            settings: settings.lobby.clone(),
            outbox: outbox.clone(),
        });
        let invitations = Arc::new(Invitations::new(InvitationParts {
            store: store.clone(),
            gate: gate.clone(),
            visits: visits.clone(),
            resolver: resolver.clone(),
            access: access.clone(),
            links: links.clone(),
            tokens,
            // Keyed by the cookie keys every replica shares, so any of them opens a pass.
            passes: seal::Sealer::new(&cookie_keys, "invitation pass")
                .context("no key for invitation passes")?,
            lobby: lobby.clone(),
            attendance: attendance.clone(),
            outbox: outbox.clone(),
        }));
        let events = events::Events::new(events::EventParts {
            store: store.clone(),
            gate: gate.clone(),
            invitations: invitations.clone(),
            links: links.clone(),
            client: hms_for_events,
            resolver: resolver.clone(),
            eject_by_default: settings.events.eject_at_end,
            organizer: settings.ui.organizer_email.clone(),
            outbox: outbox.clone(),
        });
        let (store_for_console, sso_for_console, limits_for_console) =
            (store.clone(), sso.clone(), limits.clone());
        Ok(Self {
            rooms: Rooms::new(
                rooms::RoomParts {
                    resolver: resolver.clone(),
                    store: store.clone(),
                    replica,
                    gate: gate.clone(),
                    access: access.clone(),
                    links: links.clone(),
                },
                &settings.rooms,
            ),
            links: Links::new(gate.clone(), access, links.clone(), store.clone()),
            prebuilt_origin: links.prebuilt.origin(),
            readiness: Readiness::new(
                resolver.clone(),
                store.clone(),
                settings.hms.readiness_probe_interval,
            ),
            gate,
            visits,
            invitations,
            events,
            attendance,
            outbox,
            resolver,
            store,
            sso,
            limits,
            metrics,
            branding: Branding::new(&settings.ui),
            names,
            framing: framing::FramingReports::default(),
            forms: forms::FormTokens::new(
                seal::Sealer::new(&cookie_keys, "form").context("no key for form tokens")?,
            ),
            lobby,
            console: console::Console::new(console::ConsoleParts {
                store: store_for_console,
                token: AdminToken::new(settings.admin.token.as_ref()),
                sso: sso_for_console,
                limits: limits_for_console,
                cookies: seal::Sealer::new(&cookie_keys, "console session")
                    .context("no key for console sessions")?,
                on: settings.admin.console,
                idle: settings.admin.session_idle.as_secs(),
                max: settings.admin.session_max.as_secs(),
            }),
        })
    }

    /// The services as the CLI uses them: the portal on `server.port`, and its emulator on
    /// `emulator.port` when enabled.
    pub async fn connect(settings: &Settings) -> anyhow::Result<Self> {
        let upstream = Upstream::from_settings(settings)?;
        let base = PortalBase::for_server(
            settings.server.public_url.as_ref().map(|u| &u.0),
            &settings.server.host,
            settings.server.port,
        )
        .context("server.host")?;
        Self::build(settings, upstream, base).await
    }
}

/// The one 100ms client of a process.
fn hms_client(
    settings: &Settings,
    upstream: &Upstream,
    metrics: Arc<Metrics>,
) -> anyhow::Result<HmsClient> {
    HmsClient::new(HmsClientConfig {
        api_base: upstream.api_base.clone(),
        access_key: &upstream.access_key,
        app_secret: &upstream.app_secret,
        timeout: settings.hms.timeout,
        connect_timeout: settings.hms.connect_timeout,
        retry_budget: settings.hms.deadline,
        breaker: BreakerPolicy {
            failures: settings.hms.breaker_failures,
            cooldown: settings.hms.breaker_cooldown,
        },
        metrics,
    })
    .context("could not build the HTTP client for 100ms")
}
