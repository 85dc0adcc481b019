//! Starting the emulator from the settings, with random credentials unless some are configured
//! (see `credentials`).

use std::net::TcpListener;

use actix_web::dev::Server;
use anyhow::Context;
use secrecy::ExposeSecret;

use super::account::{self, Account};
use super::credentials::{CredentialsFileGuard, EmulatorCredentials, write_credentials};
use super::{Emulator, EmulatorConfig};
use crate::settings::Settings;

/// The emulator, listening on `emulator.host:emulator.port`.
pub struct RunningEmulator {
    pub handle: Emulator,
    pub port: u16,
    pub server: Server,
    pub credentials: EmulatorCredentials,
    /// The file its generated credentials are in, removed when this is dropped.
    pub credentials_file: Option<CredentialsFileGuard>,
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
        let roles: Vec<String> = settings
            .emulator
            .roles
            .iter()
            .map(|role| role.to_string())
            .collect();
        let state_file = settings.emulator_state_file();
        let template_id = settings.hms.template_id.as_deref();
        let account = match &state_file {
            Some(path) => account::load(path, template_id, &roles).with_context(|| {
                format!(
                    "could not read the emulator's rooms from {} (emulator.state_file)",
                    path.display()
                )
            })?,
            None => Account::new(template_id, &roles),
        };
        if let Some(path) = &state_file {
            tracing::info!(
                path = %path.display(),
                rooms = account.rooms().len(),
                "the emulator keeps its rooms in a file"
            );
        }
        let config = EmulatorConfig {
            access_key: credentials.access_key.clone(),
            app_secret: credentials.app_secret.expose_secret().to_owned(),
            roles,
            template_id: settings.hms.template_id.clone(),
            control_token: credentials.control_token.expose_secret().to_owned(),
            room_id_role_links: settings.emulator.room_id_role_links,
            loopback_only: !settings.emulator.allow_remote,
            state_file,
        };
        let handle = Emulator::with_account(config, account);
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
}
