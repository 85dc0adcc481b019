//! The portal's services, built once from the settings by the server and the CLI alike: access
//! rules, link making and checking, the resolver, rate limits, metrics and branding. What pages,
//! the admin API and the CLI do is said here ("resolve a visit", "links of a room", "sign a
//! link", "rotate a role's code"); how it is asked for over HTTP is the web layer's business.

pub mod access;
mod admin;
mod branding;
pub mod doctor;
mod error;
mod invitations;
mod links;
pub mod palette;
mod rate_limit;
mod replicas;
mod seal;
pub mod sso;
mod upstream;
mod visit;

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use secrecy::ExposeSecret;

use crate::domain::{AccessPolicy, JoinWith, PortalBase, RoleName, RoomName, TokenLinkTemplate};
use crate::hms::{AuthTokens, BreakerPolicy, HmsClient, HmsClientConfig};
use crate::resolver::{CachePolicy, ListedRoom, Resolver, UpstreamHealth};
use crate::settings::Settings;
use crate::store::Store;
use crate::telemetry::Metrics;
use access::AccessRules;
use links::LinkBuilder;
use rate_limit::RateLimits;
use replicas::Replica;

pub use crate::store::{Actor, AuditRecord};
pub use admin::{Codes, LinkRequest, Revoked, RoomRequest};
pub use branding::Branding;
pub use error::PortalError;
pub use invitations::{
    Invitation, InvitationList, InvitationRequest, InvitationState, InvitationView, MAX_NOTE_CHARS,
    MAX_USES,
};
pub use links::{RoleLink, RoomLinks, SignedLink};
pub use upstream::Upstream;
pub use visit::{ShareView, SharedRole, Visit, VisitRequest};

/// A 100ms call this recent stands for its health, sparing a probe.
const RECENTLY_HEALTHY: Duration = Duration::from_secs(60);

pub struct Portal {
    resolver: Arc<Resolver>,
    links: LinkBuilder,
    access: Arc<AccessRules>,
    store: Arc<Store>,
    replica: Arc<Replica>,
    /// Seals invitation passes.
    passes: seal::Sealer,
    /// Sign-in for `sso` roles, when `access.oidc.issuer` is set.
    sso: Option<sso::Sso>,
    /// Invitations read for their pages in the last second (`None`: no such invitation).
    recent_invitations: moka::future::Cache<String, Option<Arc<crate::store::InvitationRecord>>>,
    tokens: TokenMinting,
    limits: RateLimits,
    metrics: Arc<Metrics>,
    branding: Branding,
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
        let client = hms_client(settings, &upstream, metrics.clone())?;
        let prebuilt = upstream.prebuilt.clone();
        let resolver = Resolver::new(
            Arc::new(client),
            &settings.rooms,
            settings.hms.template_id.as_deref(),
            CachePolicy::new(&settings.cache, settings.hms.deadline),
            &metrics,
        );
        let access = Arc::new(AccessRules::new(settings));
        let replica = Arc::new(Replica {
            store: store.clone(),
            resolver: resolver.clone(),
            access: access.clone(),
        });
        let cursor = replica.load().await.context("could not read the store")?;
        replica.follow(cursor, settings.store.poll_interval);
        Ok(Self {
            resolver,
            links: LinkBuilder {
                prebuilt,
                portal: base.clone(),
            },
            access,
            store,
            replica,
            // Keyed by the app secret every replica shares, so any of them opens a pass.
            passes: seal::Sealer::new(
                upstream.app_secret.expose_secret().as_bytes(),
                "invitation pass",
            )
            .context("no key for invitation passes")?,
            sso: sso::Sso::new(
                &settings.access.oidc,
                &base,
                upstream.app_secret.expose_secret().as_bytes(),
            )
            .context("access.oidc")?,
            recent_invitations: moka::future::Cache::builder()
                .max_capacity(10_000)
                .time_to_live(invitations::RECENT_INVITATION)
                .build(),
            tokens: TokenMinting {
                tokens: AuthTokens::new(&upstream.access_key, &upstream.app_secret),
                link: settings.hms.token_link.clone(),
                ttl: settings.access.token_ttl,
            },
            limits: RateLimits::new(&settings.rate_limit),
            metrics,
            branding: Branding::new(&settings.ui),
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

    /// Whether several replicas may run on this portal's store.
    pub fn store_is_shared(&self) -> bool {
        self.store.is_shared()
    }

    /// Sign-in, when set up.
    pub fn sso(&self) -> Option<&sso::Sso> {
        self.sso.as_ref()
    }

    pub fn branding(&self) -> &Branding {
        &self.branding
    }

    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// Where meetings are framed from, for the CSP's `frame-src`.
    pub fn prebuilt_origin(&self) -> String {
        self.links.prebuilt.origin()
    }

    pub fn can_sign(&self) -> bool {
        self.access.signer.can_sign()
    }

    /// The room's title as configured or kept (no call to 100ms).
    pub fn known_title(&self, room: &RoomName) -> Option<String> {
        self.resolver.known_title(room)
    }

    /// Whether pages serve the room (configured, made through the portal, or per `rooms.unknown`).
    pub fn serves(&self, room: &RoomName) -> bool {
        self.resolver.serves(room)
    }

    pub fn policy(&self, room: &RoomName, role: &RoleName) -> AccessPolicy {
        self.access.policies.policy(room, role)
    }

    /// Whether visitors of the role get its room code or a per-visit auth token.
    pub fn join_with(&self, room: &RoomName, role: &RoleName) -> JoinWith {
        self.access.policies.join_with(room, role)
    }

    /// Configured rooms marked `listed`, for the index page.
    pub fn listed_rooms(&self) -> Vec<ListedRoom> {
        self.resolver.listed_rooms()
    }

    /// Prometheus text exposition, as of now.
    pub async fn metrics_text(&self) -> String {
        self.metrics.render(self.resolver.cached_codes().await)
    }

    /// Healthy when 100ms answered well within the last minute, or answers a cheap read now;
    /// degraded while it fails but cached pages are served.
    pub async fn readiness(&self) -> UpstreamHealth {
        if let Err(error) = self.store.ping().await {
            tracing::warn!(error = ?error, "readiness: the store does not answer");
            return UpstreamHealth::Down("the store does not answer".into());
        }
        self.resolver.upstream_health(RECENTLY_HEALTHY).await
    }

    /// Counts an admin API call of `client`, failed ones included.
    pub fn admit_admin_call(&self, client: IpAddr) -> Result<(), PortalError> {
        self.limits.check_admin(client)
    }
}

/// What a token visit needs: the minter, the link template and the longest token life.
struct TokenMinting {
    tokens: AuthTokens,
    link: TokenLinkTemplate,
    ttl: Duration,
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

/// Proves the credentials of the configured 100ms with one read call (for `check-config`).
pub async fn probe_upstream(settings: &Settings) -> anyhow::Result<Upstream> {
    let upstream = Upstream::from_settings(settings)?;
    let client = hms_client(settings, &upstream, Arc::new(Metrics::new()?))?;
    client
        .probe()
        .await
        .map_err(|e| anyhow::anyhow!("100ms at {} refused the check: {e}", upstream.api_base))?;
    Ok(upstream)
}

/// Checks the store for `check-config` without changing it: reachable, and how far its schema
/// is behind this binary. Answers one line to print.
pub async fn check_store(settings: &Settings) -> anyhow::Result<String> {
    let url = &settings.store.url;
    let replicas = match url {
        crate::settings::StoreUrl::Sqlite(_) => "SQLite: one replica only; PostgreSQL for more",
        crate::settings::StoreUrl::Postgres(_) => "PostgreSQL: any number of replicas",
    };
    let store = match Store::inspect(&settings.store).await {
        Ok(store) => store,
        Err(_) if matches!(url, crate::settings::StoreUrl::Sqlite(_)) => {
            return Ok(format!(
                "{url:?} does not exist yet; the portal creates it on first start ({replicas})"
            ));
        }
        Err(error) => {
            return Err(anyhow::Error::new(error).context(format!("store.url ({url:?})")));
        }
    };
    let pending = store
        .pending_migrations()
        .await
        .with_context(|| format!("store.url ({url:?})"))?;
    let schema = match pending {
        0 => "schema current".to_owned(),
        n => format!("{n} migration(s) to apply; the portal applies them when it starts"),
    };
    Ok(format!("{url:?} reachable, {schema} ({replicas})"))
}

/// Checks sign-in for `check-config`: off, or the provider's discovery document answers.
pub async fn check_sign_in(settings: &Settings) -> anyhow::Result<String> {
    let base = PortalBase::for_server(
        settings.server.public_url.as_ref().map(|u| &u.0),
        &settings.server.host,
        settings.server.port,
    )
    .context("server.host")?;
    // The cookie key does not matter for a check.
    let Some(sso) = sso::Sso::new(&settings.access.oidc, &base, b"check")? else {
        return Ok("off (no access.oidc.issuer)".into());
    };
    let issuer = sso
        .check()
        .await
        .map_err(|e| anyhow::anyhow!("access.oidc.issuer: {e}"))?;
    Ok(format!(
        "{issuer} answered discovery; register the redirect URI {}",
        base.path_url(&["auth", "callback"])
    ))
}
