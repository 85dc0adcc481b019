//! The checks of `check-config`: 100ms's credentials, the store, the sign-in provider.

use std::sync::Arc;

use anyhow::Context;

use super::{Upstream, hms_client, sso};
use crate::domain::PortalBase;
use crate::settings::{Settings, SigningKeys};
use crate::store::Store;
use crate::telemetry::Metrics;

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
    let Some(sso) = sso::Sso::new(&settings.access.oidc, &base, &SigningKeys::random())? else {
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
