//! Starting the emulator from the settings, with random credentials unless some are configured
//! (see `credentials`).

use std::net::TcpListener;
use std::path::PathBuf;

use actix_web::dev::Server;
use anyhow::Context;
use secrecy::ExposeSecret;

use super::credentials::{EmulatorCredentials, write_credentials};
use super::{Emulator, EmulatorConfig};
use crate::settings::Settings;

/// The emulator, listening on `emulator.host:emulator.port`.
pub struct RunningEmulator {
    pub handle: Emulator,
    pub port: u16,
    pub server: Server,
    pub credentials: EmulatorCredentials,
    /// The file its generated credentials are in, removed when it stops.
    credentials_file: Option<PathBuf>,
}

impl RunningEmulator {
    pub fn start(settings: &Settings) -> anyhow::Result<Self> {
        settings.validate_emulator()?;
        let host = settings.emulator.host.as_str();
        let listener = TcpListener::bind((host, settings.emulator.port)).with_context(|| {
            format!(
                "could not listen on emulator.host:emulator.port ({host}:{})",
                settings.emulator.port
            )
        })?;
        let port = listener.local_addr()?.port();
        let (credentials, configured) = EmulatorCredentials::from_settings(settings);
        let handle = Emulator::new(EmulatorConfig {
            access_key: credentials.access_key.clone(),
            app_secret: credentials.app_secret.expose_secret().to_owned(),
            roles: settings
                .emulator
                .roles
                .iter()
                .map(|role| role.to_string())
                .collect(),
            template_id: settings.hms.template_id.clone(),
            control_token: credentials.control_token.expose_secret().to_owned(),
            room_id_role_links: settings.emulator.room_id_role_links,
            loopback_only: !settings.emulator.allow_remote,
        });
        let server = handle.serve(listener)?;
        let credentials_file = if configured {
            None
        } else {
            Some(write_credentials(port, &credentials)?)
        };
        tracing::info!(port, "built-in 100ms emulator is listening");
        Ok(Self {
            handle,
            port,
            server,
            credentials,
            credentials_file,
        })
    }

    /// Removes the credentials file (the credentials die with the process).
    pub fn forget_credentials(path: Option<PathBuf>) {
        if let Some(path) = path {
            let _ = std::fs::remove_file(path);
        }
    }

    pub fn credentials_file(&self) -> Option<PathBuf> {
        self.credentials_file.clone()
    }
}
