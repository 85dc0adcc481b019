//! Where the portal's 100ms traffic and links go: the configured 100ms, or the built-in emulator.

use anyhow::Context;
use secrecy::SecretString;
use url::Url;

use crate::domain::{PrebuiltBase, reachable_host};
use crate::emulator::EmulatorCredentials;
use crate::settings::Settings;

pub struct Upstream {
    pub api_base: Url,
    pub prebuilt: PrebuiltBase,
    pub access_key: String,
    pub app_secret: SecretString,
}

/// Where the portal's emulator on `emulator.port` leaves its generated credentials, for the
/// CLI's hints.
pub fn emulator_credentials_file(settings: &Settings) -> std::path::PathBuf {
    EmulatorCredentials::file_of(settings.emulator.port)
}

impl Upstream {
    /// The configured 100ms, or (CLI) the emulator inside the running portal.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Self> {
        if settings.emulator.enabled {
            let credentials = EmulatorCredentials::of_running_portal(settings);
            return Self::emulator(settings, settings.emulator.port, &credentials);
        }
        Ok(Self {
            api_base: settings.hms.api_base.0.clone(),
            prebuilt: settings
                .hms
                .prebuilt_base
                .clone()
                .context("hms.prebuilt_base is required when emulator.enabled = false")?,
            access_key: settings.hms.access_key.clone(),
            app_secret: settings.hms.app_secret.clone(),
        })
    }

    /// The emulator on `port` of this machine.
    pub fn emulator(
        settings: &Settings,
        port: u16,
        credentials: &EmulatorCredentials,
    ) -> anyhow::Result<Self> {
        let origin = format!("http://{}:{port}", reachable_host(&settings.emulator.host));
        Ok(Self {
            api_base: Url::parse(&format!("{origin}/v2"))?,
            prebuilt: PrebuiltBase::parse(&origin)?,
            access_key: credentials.access_key.clone(),
            app_secret: credentials.app_secret.clone(),
        })
    }
}
