//! The emulator's credentials: what a client needs to call it. A portal's emulator leaves its
//! generated credentials in a file only this user can read, so the CLI on the same machine can
//! talk to it. No actix here: the portal's services read this file too.

use std::path::PathBuf;

use anyhow::Context;
use rand::Rng;
use rand::distr::Alphanumeric;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::settings::Settings;

/// What a client needs to use an emulator: its API credentials and its control token.
#[derive(Clone)]
pub struct EmulatorCredentials {
    pub access_key: String,
    pub app_secret: SecretString,
    pub control_token: SecretString,
}

/// The file form (a development tool's random secrets, readable only by this user).
#[derive(Serialize, Deserialize)]
struct CredentialsFile {
    access_key: String,
    app_secret: String,
    control_token: String,
}

impl EmulatorCredentials {
    pub fn random() -> Self {
        Self {
            access_key: format!("emulator-{}", random_text(12)),
            app_secret: random_text(40).into(),
            control_token: random_text(40).into(),
        }
    }

    /// The configured pair (settings validation makes sure it is both or neither), else a
    /// random one; the control token as configured, else random. Also: whether configured.
    pub(super) fn from_settings(settings: &Settings) -> (Self, bool) {
        let random = Self::random();
        let configured = !settings.hms.access_key.is_empty();
        let control_token = settings
            .emulator
            .control_token
            .clone()
            .unwrap_or(random.control_token);
        let (access_key, app_secret) = if configured {
            (
                settings.hms.access_key.clone(),
                settings.hms.app_secret.clone(),
            )
        } else {
            (random.access_key, random.app_secret)
        };
        let credentials = Self {
            access_key,
            app_secret,
            control_token,
        };
        (credentials, configured)
    }

    /// The credentials of the emulator a running portal started on `emulator.port`: the
    /// configured ones, else those it left in its file, else (no portal runs there, or it cannot
    /// be read) random ones that no emulator accepts, so commands that need none still work.
    pub fn of_running_portal(settings: &Settings) -> Self {
        let (credentials, configured) = Self::from_settings(settings);
        if configured {
            return credentials;
        }
        std::fs::read_to_string(Self::file_of(settings.emulator.port))
            .ok()
            .and_then(|text| serde_json::from_str::<CredentialsFile>(&text).ok())
            .map_or(credentials, |file| Self {
                access_key: file.access_key,
                app_secret: file.app_secret.into(),
                control_token: file.control_token.into(),
            })
    }

    /// Where the emulator on `port` leaves generated credentials.
    pub fn file_of(port: u16) -> PathBuf {
        std::env::temp_dir()
            .join("prebuilt-portal")
            .join(format!("emulator-{port}.json"))
    }
}

fn random_text(length: usize) -> String {
    rand::rng()
        .sample_iter(Alphanumeric)
        .take(length)
        .map(char::from)
        .collect()
}

/// The file a running emulator left its generated credentials in: removed when dropped, so it
/// goes on every way the process ends but a kill (a failed start included).
#[derive(Debug)]
pub struct CredentialsFileGuard(PathBuf);

impl Drop for CredentialsFileGuard {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Writes the file afresh, readable by this user only.
pub(super) fn write_credentials(
    port: u16,
    credentials: &EmulatorCredentials,
) -> anyhow::Result<CredentialsFileGuard> {
    let path = EmulatorCredentials::file_of(port);
    let folder = path.parent().context("the temporary folder")?;
    std::fs::create_dir_all(folder)
        .with_context(|| format!("could not create {}", folder.display()))?;
    let text = serde_json::to_string(&CredentialsFile {
        access_key: credentials.access_key.clone(),
        app_secret: credentials.app_secret.expose_secret().to_owned(),
        control_token: credentials.control_token.expose_secret().to_owned(),
    })?;
    // A leftover of an earlier process (or anything else) at this name goes first.
    let _ = std::fs::remove_file(&path);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(&path)
        .with_context(|| format!("could not write {}", path.display()))?;
    let guard = CredentialsFileGuard(path);
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    Ok(guard)
}
