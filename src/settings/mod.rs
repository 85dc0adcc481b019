//! Typed settings, layered with the config crate: built-in defaults, an optional file, then
//! `PORTAL__SECTION__KEY` environment variables. Loading (here), the sections' types
//! (`sections`), how single values parse (`values`) and the checks across keys (`validate`).

mod access_checks;
mod around;
mod hooks;
mod sections;
mod validate;
mod values;

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

pub use crate::domain::CspSource;
pub use around::{AdminSettings, EventSettings, LobbySettings, RoomLobby};
pub use hooks::{AttendanceSettings, Cidr, RateLimitSettings, WebhookSettings};
pub use sections::{
    AccessSettings, CacheSettings, DisabledCodes, EmulatorSettings, HmsSettings,
    InvitationSettings, LogFormat, LogSettings, MetricsSettings, OidcSettings, RoleClaim,
    RoomAlias, RoomsSettings, SecuritySettings, ServerSettings, StoreSettings, UiSettings,
    UnknownRooms,
};
pub use validate::is_loopback;
pub use values::{
    EmailAddress, HexColour, HttpUrl, NamePattern, SigningKeys, StoreUrl, random_key,
};

/// `config/default.toml`, compiled in so the binary runs from any directory.
pub const DEFAULTS: &str = include_str!("../../config/default.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub server: ServerSettings,
    pub hms: HmsSettings,
    pub emulator: EmulatorSettings,
    pub cache: CacheSettings,
    pub rooms: RoomsSettings,
    pub admin: AdminSettings,
    pub access: AccessSettings,
    pub invitations: InvitationSettings,
    pub lobby: LobbySettings,
    pub events: EventSettings,
    pub attendance: AttendanceSettings,
    pub webhooks: WebhookSettings,
    pub security: SecuritySettings,
    pub rate_limit: RateLimitSettings,
    pub log: LogSettings,
    pub metrics: MetricsSettings,
    pub ui: UiSettings,
    pub store: StoreSettings,
    /// Deprecated keys that were given, each with its replacement, for startup to log.
    #[serde(skip)]
    pub deprecations: Vec<String>,
}

/// Keys that moved: the old spelling still works, with a deprecation line; both is an error.
const MOVED_KEYS: [(&str, &str); 2] = [
    ("cache.breaker_failures", "hms.breaker_failures"),
    ("cache.breaker_cooldown_secs", "hms.breaker_cooldown_secs"),
];

/// A configuration problem, named by its key so an operator knows what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid configuration: {key}: {problem}")]
pub struct SettingsError {
    pub key: String,
    pub problem: String,
}

impl SettingsError {
    pub(crate) fn new(key: impl Into<String>, problem: impl ToString) -> Self {
        Self {
            key: key.into(),
            problem: problem.to_string(),
        }
    }
}

/// Where the environment layer comes from: the process, or a fixed map (tests).
pub enum Env {
    Process,
    Fixed(HashMap<String, String>),
}

/// Keys whose values are secrets: only ever given through the environment.
const SECRET_KEYS: [&str; 6] = [
    "hms.app_secret",
    "admin.token",
    "access.signing_keys",
    "security.cookie_keys",
    "emulator.control_token",
    "access.oidc.client_secret",
];

impl Settings {
    /// Where the emulator keeps its rooms and codes: `emulator.state_file`, else beside the
    /// SQLite store's file, else `data/emulator.json`; `None` for "none" or an in-memory store.
    pub fn emulator_state_file(&self) -> Option<std::path::PathBuf> {
        match self.emulator.state_file.as_deref().map(str::trim) {
            Some("none") => return None,
            Some(path) if !path.is_empty() => return Some(path.into()),
            _ => {}
        }
        match &self.store.url {
            StoreUrl::Sqlite(_) => self
                .store
                .url
                .sqlite_file()
                .map(|db| db.with_file_name("emulator.json")),
            StoreUrl::Postgres(_) => Some("data/emulator.json".into()),
        }
    }
}

impl Settings {
    /// Defaults, then `file` (if any), then `PORTAL__…` variables; parsed and validated.
    pub fn load(file: Option<&Path>, env: Env) -> Result<Self, SettingsError> {
        let mut builder = config::Config::builder()
            .add_source(config::File::from_str(DEFAULTS, config::FileFormat::Toml));
        if let Some(path) = file {
            if !path.is_file() {
                return Err(SettingsError::new(
                    "--config",
                    format!("{} is not a readable file", path.display()),
                ));
            }
            builder = builder.add_source(config::File::from(path).format(config::FileFormat::Toml));
        }
        check_no_file_secrets(&builder)?;
        let given = given_keys(file, &env)?;
        let mut settings: Settings = builder
            .add_source(environment(&env))
            .build()
            .and_then(|c| c.try_deserialize())
            .map_err(config_error)?;
        settings.move_deprecated(&given)?;
        settings.validate()?;
        Ok(settings)
    }

    /// Takes the values of moved keys given under their old names, and notes each.
    fn move_deprecated(&mut self, given: &config::Config) -> Result<(), SettingsError> {
        let is_given = |key: &str| given.get::<config::Value>(key).is_ok();
        for (old, new) in MOVED_KEYS {
            if !is_given(old) {
                continue;
            }
            if is_given(new) {
                return Err(SettingsError::new(
                    old,
                    format!("moved to {new}, which is set too: remove {old}"),
                ));
            }
            self.deprecations
                .push(format!("{old} is deprecated: set {new} instead"));
        }
        if let Some(failures) = self.cache.breaker_failures.take() {
            self.hms.breaker_failures = failures;
        }
        if let Some(cooldown) = self.cache.breaker_cooldown.take() {
            self.hms.breaker_cooldown = cooldown;
        }
        Ok(())
    }

    /// The built-in defaults alone, validated; a starting point for tests and tools.
    pub fn defaults() -> Result<Self, SettingsError> {
        Self::load(None, Env::Fixed(HashMap::new()))
    }
}

/// The `PORTAL__…` variables. No `try_parsing`: it would turn a numeric secret such as "0123"
/// into the number 123. Typed fields parse their strings themselves; lists take commas.
fn environment(env: &Env) -> config::Environment {
    let environment = config::Environment::with_prefix("PORTAL")
        .prefix_separator("__")
        .separator("__");
    match env {
        Env::Process => environment,
        Env::Fixed(map) => environment.source(Some(map.clone())),
    }
}

/// What the operator gave (file and environment, without the defaults): which keys are set.
fn given_keys(file: Option<&Path>, env: &Env) -> Result<config::Config, SettingsError> {
    let mut builder = config::Config::builder();
    if let Some(path) = file {
        builder = builder.add_source(config::File::from(path).format(config::FileFormat::Toml));
    }
    builder
        .add_source(environment(env))
        .build()
        .map_err(config_error)
}

/// Secrets come from the environment only, so they never sit in a file next to the code.
fn check_no_file_secrets(
    files: &config::ConfigBuilder<config::builder::DefaultState>,
) -> Result<(), SettingsError> {
    let config = files.build_cloned().map_err(config_error)?;
    for key in SECRET_KEYS {
        if config.get_string(key).is_ok_and(|v| !v.is_empty()) {
            let env = format!("PORTAL__{}", key.replace('.', "__").to_ascii_uppercase());
            return Err(SettingsError::new(
                key,
                format!("is a secret: give it through the environment ({env}), not a file"),
            ));
        }
    }
    // A database URL may stand in a file, but not with its password in it.
    if let Ok(url) = config.get_string("store.url")
        && StoreUrl::parse(&url).is_ok_and(|u| u.has_password())
    {
        return Err(SettingsError::new(
            "store.url",
            "holds a password: give the URL through the environment (PORTAL__STORE__URL), not a file",
        ));
    }
    Ok(())
}

/// The config crate reports a bad value as "… for key `a.b`"; lift the key to the front.
fn config_error(error: config::ConfigError) -> SettingsError {
    let text = error.to_string();
    let Some((problem, rest)) = text.rsplit_once(" for key `") else {
        return SettingsError::new("configuration", text);
    };
    match rest.split_once('`') {
        Some((key, origin)) => SettingsError::new(key, format!("{problem}{origin}")),
        None => SettingsError::new(rest, problem),
    }
}

#[cfg(test)]
mod tests;
