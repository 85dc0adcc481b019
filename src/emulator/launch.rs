//! Starting the emulator from the settings, and the credentials it uses when none are set.

use std::net::TcpListener;

use actix_web::dev::Server;
use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};

use super::{Emulator, EmulatorConfig};
use crate::settings::Settings;

/// Credentials of the built-in emulator when `hms.access_key`/`hms.app_secret` are empty. Fixed,
/// so the CLI can talk to a running portal's emulator; the emulator holds no real data.
pub const EMULATOR_ACCESS_KEY: &str = "emulator-access-key";
pub const EMULATOR_APP_SECRET: &str = "emulator-app-secret-not-for-production";

/// The configured credentials, or the emulator's own where none are set.
pub fn credentials(settings: &Settings) -> (String, SecretString) {
    let access_key = Some(settings.hms.access_key.clone())
        .filter(|k| !k.is_empty())
        .unwrap_or_else(|| EMULATOR_ACCESS_KEY.to_owned());
    let app_secret = match settings.hms.app_secret.expose_secret() {
        "" => SecretString::from(EMULATOR_APP_SECRET),
        _ => settings.hms.app_secret.clone(),
    };
    (access_key, app_secret)
}

/// The emulator, listening on `emulator.host:emulator.port`.
pub struct RunningEmulator {
    pub handle: Emulator,
    pub port: u16,
    pub server: Server,
}

impl RunningEmulator {
    pub fn start(settings: &Settings) -> anyhow::Result<Self> {
        let host = settings.emulator.host.as_str();
        let listener = TcpListener::bind((host, settings.emulator.port)).with_context(|| {
            format!(
                "could not listen on emulator.host:emulator.port ({host}:{})",
                settings.emulator.port
            )
        })?;
        let port = listener.local_addr()?.port();
        let (access_key, app_secret) = credentials(settings);
        let handle = Emulator::new(EmulatorConfig {
            access_key,
            app_secret: app_secret.expose_secret().to_owned(),
            roles: settings
                .emulator
                .roles
                .iter()
                .map(|role| role.to_string())
                .collect(),
            template_id: settings.hms.template_id.clone(),
        });
        let server = handle.serve(listener)?;
        tracing::info!(port, "built-in 100ms emulator is listening");
        Ok(Self {
            handle,
            port,
            server,
        })
    }
}
