//! Where the portal's 100ms traffic and links go: the configured 100ms, or the built-in emulator.

use anyhow::Context;
use secrecy::SecretString;
use url::Url;

use crate::domain::{PrebuiltBase, reachable_host};
use crate::emulator;
use crate::settings::Settings;

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
            let origin = format!(
                "http://{}:{emulator_port}",
                reachable_host(&settings.emulator.host)
            );
            let (access_key, app_secret) = emulator::credentials(settings);
            return Ok(Self {
                api_base: Url::parse(&format!("{origin}/v2"))?,
                prebuilt: PrebuiltBase::parse(&origin)?,
                access_key,
                app_secret,
            });
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
}
