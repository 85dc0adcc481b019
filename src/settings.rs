//! Typed settings, layered with the config crate: built-in defaults, an optional file, then
//! `PORTAL__SECTION__KEY` environment variables.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use url::Url;

use crate::domain::{AccessPolicy, PrebuiltBase, RoleName, RoomName};

/// `config/default.toml`, compiled in so the binary runs from any directory.
pub const DEFAULTS: &str = include_str!("../config/default.toml");

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
    pub security: SecuritySettings,
    pub rate_limit: RateLimitSettings,
    pub log: LogSettings,
    pub metrics: MetricsSettings,
    pub ui: UiSettings,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiSettings {
    /// The portal's name on its pages (index heading, page titles).
    pub title: String,
    /// An https (or http) URL of a logo shown in page headers; empty: none.
    pub logo_url: String,
    /// The accent colour of buttons and links, `#rrggbb`.
    pub accent_color: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    /// "text" (one readable line per event) or "json" (one JSON object per line).
    pub format: LogFormat,
    /// A tracing filter such as "info" or "info,prebuilt_portal=debug"; `RUST_LOG` wins.
    pub level: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum LogFormat {
    Text,
    Json,
}

impl TryFrom<String> for LogFormat {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        match value.trim().to_ascii_lowercase().as_str() {
            "text" => Ok(Self::Text),
            "json" => Ok(Self::Json),
            _ => Err(format!("{value:?} is not one of \"text\", \"json\"")),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsSettings {
    /// Serve Prometheus metrics at /metrics.
    pub enabled: bool,
    /// A separate port for /metrics (then not on the main port); 0: the main port.
    pub port: u16,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessSettings {
    /// Policy of a role that neither its room nor `roles` names.
    pub default: AccessPolicy,
    /// Policies by role name, for every room.
    #[serde(default)]
    pub roles: BTreeMap<String, AccessPolicy>,
    /// HMAC keys for signed links, comma-separated; the first signs, all verify.
    pub signing_keys: SecretString,
    /// Longest validity a signed link may be given.
    pub max_link_ttl_secs: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecuritySettings {
    /// Origins allowed to frame portal pages (CSP `frame-ancestors`).
    #[serde(deserialize_with = "list_or_csv")]
    pub frame_ancestors: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimitSettings {
    /// Requests per minute per client that may reach 100ms; 0 turns the limit off.
    pub upstream_per_minute: u32,
    pub upstream_burst: u32,
    /// Admin API calls per minute per client, failed ones included; 0 turns the limit off.
    pub admin_per_minute: u32,
    pub admin_burst: u32,
    /// Header holding the client address, set by a trusted reverse proxy; empty: the peer address.
    pub client_ip_header: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdminSettings {
    /// Bearer token of the admin API; empty turns the API off (404).
    pub token: SecretString,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    pub host: String,
    pub port: u16,
    pub public_url: String,
    pub workers: usize,
    /// How long in-flight requests may take to finish after SIGTERM/SIGINT.
    pub shutdown_timeout_secs: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HmsSettings {
    pub api_base: String,
    pub access_key: String,
    pub app_secret: SecretString,
    pub prebuilt_base: String,
    pub template_id: String,
    pub timeout_ms: u64,
    pub connect_timeout_ms: u64,
    /// How long a page may wait for 100ms in all, retries included.
    pub deadline_ms: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmulatorSettings {
    pub enabled: bool,
    pub host: String,
    pub port: u16,
    #[serde(deserialize_with = "list_or_csv")]
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CacheSettings {
    pub ttl_secs: u64,
    pub max_entries: u64,
    /// How long past its TTL a code is still served while 100ms fails.
    pub stale_if_error_secs: u64,
    /// How long "no such room or role" answers are remembered.
    pub negative_ttl_secs: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoomsSettings {
    pub unknown: UnknownRooms,
    /// With `unknown = "create"`, only names matching this regex are created.
    pub create_pattern: String,
    #[serde(default)]
    pub aliases: BTreeMap<String, RoomAlias>,
}

/// How a `<room>` that is not configured is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum UnknownRooms {
    /// 404: only configured rooms exist.
    Deny,
    /// Use the 100ms room of that name if there is one.
    Lookup,
    /// Like lookup, and create the room from `hms.template_id` when it is missing.
    Create,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoomAlias {
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub room_id: String,
    #[serde(default)]
    pub template_id: String,
    #[serde(default)]
    pub description: String,
    /// Shown on the portal's index page.
    #[serde(default)]
    pub listed: bool,
    /// The roles share pages offer; empty means the roles of the room's 100ms template.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Access policies of this room's roles, over `[access]`.
    #[serde(default)]
    pub access: BTreeMap<String, AccessPolicy>,
}

impl TryFrom<String> for UnknownRooms {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        match value.trim().to_ascii_lowercase().as_str() {
            "deny" => Ok(Self::Deny),
            "lookup" => Ok(Self::Lookup),
            "create" => Ok(Self::Create),
            _ => Err(format!(
                "{value:?} is not one of \"deny\", \"lookup\", \"create\""
            )),
        }
    }
}

impl Default for RoomAlias {
    fn default() -> Self {
        Self {
            enabled: true,
            title: String::new(),
            name: String::new(),
            room_id: String::new(),
            template_id: String::new(),
            description: String::new(),
            listed: false,
            roles: Vec::new(),
            access: BTreeMap::new(),
        }
    }
}

fn enabled_by_default() -> bool {
    true
}

/// A configuration problem, named by its key so an operator knows what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid configuration: {key}: {problem}")]
pub struct SettingsError {
    pub key: String,
    pub problem: String,
}

impl SettingsError {
    fn new(key: impl Into<String>, problem: impl ToString) -> Self {
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

impl Settings {
    /// Defaults, then `file` (if any), then `PORTAL__…` variables; validated.
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
        // No `try_parsing`: it would turn a numeric secret such as "0123" into the number 123.
        // Typed fields parse their strings themselves; lists take commas (see `list_or_csv`).
        let mut environment = config::Environment::with_prefix("PORTAL")
            .prefix_separator("__")
            .separator("__");
        if let Env::Fixed(map) = env {
            environment = environment.source(Some(map));
        }
        let settings: Settings = builder
            .add_source(environment)
            .build()
            .and_then(|c| c.try_deserialize())
            .map_err(config_error)?;
        settings.validate()?;
        Ok(settings)
    }

    /// The built-in defaults alone, validated; a starting point for tests and tools.
    pub fn defaults() -> Result<Self, SettingsError> {
        Self::load(None, Env::Fixed(HashMap::new()))
    }

    pub fn validate(&self) -> Result<(), SettingsError> {
        if self.server.host.trim().is_empty() {
            return Err(SettingsError::new("server.host", "cannot be empty"));
        }
        if !self.server.public_url.is_empty() {
            public_url(&self.server.public_url)
                .map_err(|p| SettingsError::new("server.public_url", p))?;
        }
        if self.hms.timeout_ms == 0 {
            return Err(SettingsError::new("hms.timeout_ms", "must be at least 1"));
        }
        if self.hms.connect_timeout_ms == 0 {
            return Err(SettingsError::new(
                "hms.connect_timeout_ms",
                "must be at least 1",
            ));
        }
        if self.cache.ttl_secs == 0 {
            return Err(SettingsError::new("cache.ttl_secs", "must be at least 1"));
        }
        if self.hms.deadline_ms == 0 {
            return Err(SettingsError::new("hms.deadline_ms", "must be at least 1"));
        }
        if self.cache.max_entries == 0 {
            return Err(SettingsError::new(
                "cache.max_entries",
                "must be at least 1",
            ));
        }
        if self.emulator.enabled {
            self.validate_emulator()?;
        } else {
            self.validate_live()?;
        }
        for (alias, room) in &self.rooms.aliases {
            self.validate_alias(alias, room)?;
        }
        self.validate_access()?;
        self.validate_ui()?;
        if !self.rooms.create_pattern.is_empty() {
            regex_lite::Regex::new(&self.rooms.create_pattern)
                .map_err(|e| SettingsError::new("rooms.create_pattern", e))?;
        }
        for source in &self.security.frame_ancestors {
            let clean = !source.is_empty()
                && !source.contains(|c: char| c.is_whitespace() || c == ';' || c == ',');
            if !clean {
                return Err(SettingsError::new(
                    "security.frame_ancestors",
                    format!(
                        "{source:?} is not a CSP source such as 'self' or https://intranet.example.com"
                    ),
                ));
            }
        }
        Ok(())
    }

    fn validate_ui(&self) -> Result<(), SettingsError> {
        let title = self.ui.title.trim();
        if title.is_empty() || title.chars().count() > 80 || title.chars().any(char::is_control) {
            return Err(SettingsError::new(
                "ui.title",
                "needs 1 to 80 printable characters",
            ));
        }
        if !self.ui.logo_url.is_empty() {
            public_url(&self.ui.logo_url).map_err(|p| SettingsError::new("ui.logo_url", p))?;
        }
        let colour = self.ui.accent_color.trim();
        let hex = colour.strip_prefix('#').unwrap_or("");
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(SettingsError::new(
                "ui.accent_color",
                "must be a colour like #2f54eb",
            ));
        }
        Ok(())
    }

    fn validate_access(&self) -> Result<(), SettingsError> {
        for role in self.access.roles.keys() {
            RoleName::parse(role)
                .map_err(|e| SettingsError::new(format!("access.roles.{role}"), e))?;
        }
        for key in self.signing_keys() {
            if key.len() < 32 {
                return Err(SettingsError::new(
                    "access.signing_keys",
                    "each key needs at least 32 characters (e.g. openssl rand -hex 32)",
                ));
            }
        }
        if self.access.max_link_ttl_secs == 0 {
            return Err(SettingsError::new(
                "access.max_link_ttl_secs",
                "must be at least 1",
            ));
        }
        Ok(())
    }

    /// The signing keys, first one signing.
    pub fn signing_keys(&self) -> Vec<&str> {
        self.access
            .signing_keys
            .expose_secret()
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .collect()
    }

    fn validate_emulator(&self) -> Result<(), SettingsError> {
        if self.emulator.roles.is_empty() {
            return Err(SettingsError::new(
                "emulator.roles",
                "needs at least one role",
            ));
        }
        for role in &self.emulator.roles {
            RoleName::parse(role)
                .map_err(|e| SettingsError::new("emulator.roles", format!("{role:?}: {e}")))?;
        }
        Ok(())
    }

    fn validate_live(&self) -> Result<(), SettingsError> {
        let required = "is required when emulator.enabled = false";
        api_base(&self.hms.api_base).map_err(|p| SettingsError::new("hms.api_base", p))?;
        if self.hms.access_key.trim().is_empty() {
            return Err(SettingsError::new("hms.access_key", required));
        }
        if self.hms.app_secret.expose_secret().is_empty() {
            return Err(SettingsError::new(
                "hms.app_secret",
                format!("{required} (set PORTAL__HMS__APP_SECRET)"),
            ));
        }
        if self.hms.prebuilt_base.trim().is_empty() {
            return Err(SettingsError::new("hms.prebuilt_base", required));
        }
        PrebuiltBase::parse(&self.hms.prebuilt_base)
            .map_err(|e| SettingsError::new("hms.prebuilt_base", e))?;
        Ok(())
    }

    fn validate_alias(&self, alias: &str, room: &RoomAlias) -> Result<(), SettingsError> {
        let key = |field: &str| format!("rooms.aliases.{alias}{field}");
        let parsed = RoomName::parse(alias).map_err(|e| SettingsError::new(key(""), e))?;
        if parsed.as_str() != alias {
            return Err(SettingsError::new(key(""), "aliases must be lowercase"));
        }
        if !room.name.is_empty() {
            RoomName::parse(&room.name).map_err(|e| SettingsError::new(key(".name"), e))?;
        }
        for role in room.access.keys() {
            RoleName::parse(role)
                .map_err(|e| SettingsError::new(key(&format!(".access.{role}")), e))?;
        }
        for role in &room.roles {
            RoleName::parse(role)
                .map_err(|e| SettingsError::new(key(".roles"), format!("{role:?}: {e}")))?;
        }
        if !room.room_id.is_empty() && !room.room_id.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(SettingsError::new(
                key(".room_id"),
                "must be a 100ms room id",
            ));
        }
        Ok(())
    }

    pub fn hms_timeout(&self) -> Duration {
        Duration::from_millis(self.hms.timeout_ms)
    }

    pub fn hms_connect_timeout(&self) -> Duration {
        Duration::from_millis(self.hms.connect_timeout_ms)
    }

    /// The admin API's token, when the API is on.
    pub fn admin_token(&self) -> Option<&SecretString> {
        Some(&self.admin.token).filter(|t| !t.expose_secret().is_empty())
    }

    pub fn hms_deadline(&self) -> Duration {
        Duration::from_millis(self.hms.deadline_ms)
    }

    pub fn cache_ttl(&self) -> Duration {
        Duration::from_secs(self.cache.ttl_secs)
    }
}

/// Secrets come from the environment only, so they never sit in a file next to the code.
fn check_no_file_secrets(
    files: &config::ConfigBuilder<config::builder::DefaultState>,
) -> Result<(), SettingsError> {
    let config = files.build_cloned().map_err(config_error)?;
    for key in ["hms.app_secret", "admin.token", "access.signing_keys"] {
        if config.get_string(key).is_ok_and(|v| !v.is_empty()) {
            let env = format!("PORTAL__{}", key.replace('.', "__").to_ascii_uppercase());
            return Err(SettingsError::new(
                key,
                format!("is a secret: give it through the environment ({env}), not a file"),
            ));
        }
    }
    Ok(())
}

/// A list given as an array (files) or as one comma-separated string (environment).
fn list_or_csv<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        List(Vec<String>),
        Csv(String),
    }
    Ok(match Either::deserialize(deserializer)? {
        Either::List(items) => items,
        Either::Csv(text) => text
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(str::to_owned)
            .collect(),
    })
}

/// Parses `hms.api_base`: an absolute http(s) URL.
pub fn api_base(input: &str) -> Result<Url, String> {
    let url = Url::parse(input.trim()).map_err(|e| format!("not a valid URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err("must be an http or https URL such as https://api.100ms.live/v2".into());
    }
    Ok(url)
}

fn public_url(input: &str) -> Result<Url, String> {
    let url = Url::parse(input.trim()).map_err(|e| format!("not a valid URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err("must be an absolute http or https URL".into());
    }
    Ok(url)
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
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Env {
        Env::Fixed(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn defaults_run_the_emulator_with_a_demo_room() {
        let settings = Settings::defaults().unwrap();
        assert!(settings.emulator.enabled);
        assert_eq!(settings.server.host, "127.0.0.1");
        assert_eq!(settings.server.port, 8080);
        assert_eq!(settings.emulator.port, 8081);
        assert_eq!(settings.rooms.unknown, UnknownRooms::Deny);
        assert_eq!(settings.emulator.roles, ["host", "guest", "viewer"]);
        assert!(settings.rooms.aliases.contains_key("demo"));
    }

    #[test]
    fn environment_variables_override_defaults() {
        let settings = Settings::load(
            None,
            env(&[
                ("PORTAL__SERVER__PORT", "9000"),
                ("PORTAL__ROOMS__UNKNOWN", "lookup"),
                ("PORTAL__EMULATOR__ROLES", "teacher,student"),
            ]),
        )
        .unwrap();
        assert_eq!(settings.server.port, 9000);
        assert_eq!(settings.rooms.unknown, UnknownRooms::Lookup);
        assert_eq!(settings.emulator.roles, ["teacher", "student"]);
    }

    #[test]
    fn live_mode_names_the_first_missing_key() {
        let error =
            Settings::load(None, env(&[("PORTAL__EMULATOR__ENABLED", "false")])).unwrap_err();
        assert_eq!(error.key, "hms.access_key");
        let error = Settings::load(
            None,
            env(&[
                ("PORTAL__EMULATOR__ENABLED", "false"),
                ("PORTAL__HMS__ACCESS_KEY", "k"),
                ("PORTAL__HMS__APP_SECRET", "s"),
            ]),
        )
        .unwrap_err();
        assert_eq!(error.key, "hms.prebuilt_base");
    }

    #[test]
    fn a_bad_value_names_its_key() {
        let error = Settings::load(None, env(&[("PORTAL__SERVER__PORT", "eighty")])).unwrap_err();
        assert_eq!(error.key, "server.port");
        let error = Settings::load(None, env(&[("PORTAL__ROOMS__UNKNOWN", "maybe")])).unwrap_err();
        assert!(error.to_string().contains("rooms.unknown"), "{error}");
    }

    #[test]
    fn a_misspelt_key_is_an_error() {
        let error = Settings::load(None, env(&[("PORTAL__SERVER__PROT", "1")])).unwrap_err();
        assert!(error.to_string().contains("prot"), "{error}");
    }

    #[test]
    fn the_production_example_is_a_valid_live_configuration() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/production.example.toml");
        let settings =
            Settings::load(Some(&path), env(&[("PORTAL__HMS__APP_SECRET", "s")])).unwrap();
        assert!(!settings.emulator.enabled);
        assert_eq!(settings.server.host, "0.0.0.0");
    }

    #[test]
    fn secrets_in_a_settings_file_are_refused() {
        let path = std::env::temp_dir().join(format!("portal-secret-{}.toml", std::process::id()));
        std::fs::write(&path, "[admin]\ntoken = \"in-a-file\"\n").unwrap();
        let error = Settings::load(Some(&path), env(&[])).unwrap_err();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(error.key, "admin.token");
        assert!(error.problem.contains("PORTAL__ADMIN__TOKEN"), "{error}");
    }

    #[test]
    fn numeric_looking_secrets_keep_every_character() {
        let settings = Settings::load(None, env(&[("PORTAL__ADMIN__TOKEN", "000123")])).unwrap();
        assert_eq!(settings.admin.token.expose_secret(), "000123");
    }

    #[test]
    fn short_signing_keys_and_bad_patterns_are_refused() {
        let short =
            Settings::load(None, env(&[("PORTAL__ACCESS__SIGNING_KEYS", "short")])).unwrap_err();
        assert_eq!(short.key, "access.signing_keys");
        let pattern =
            Settings::load(None, env(&[("PORTAL__ROOMS__CREATE_PATTERN", "team-(")])).unwrap_err();
        assert_eq!(pattern.key, "rooms.create_pattern");
        let ancestors = Settings::load(
            None,
            env(&[("PORTAL__SECURITY__FRAME_ANCESTORS", "'self'; script-src *")]),
        )
        .unwrap_err();
        assert_eq!(ancestors.key, "security.frame_ancestors");
    }

    #[test]
    fn branding_is_validated() {
        let colour = Settings::load(None, env(&[("PORTAL__UI__ACCENT_COLOR", "red")])).unwrap_err();
        assert_eq!(colour.key, "ui.accent_color");
        let logo = Settings::load(
            None,
            env(&[("PORTAL__UI__LOGO_URL", "javascript:alert(1)")]),
        )
        .unwrap_err();
        assert_eq!(logo.key, "ui.logo_url");
        let title = Settings::load(None, env(&[("PORTAL__UI__TITLE", " ")])).unwrap_err();
        assert_eq!(title.key, "ui.title");
    }

    #[test]
    fn the_app_secret_is_redacted_in_debug_output() {
        let settings = Settings::load(
            None,
            env(&[("PORTAL__HMS__APP_SECRET", "very-secret-value")]),
        )
        .unwrap();
        assert!(!format!("{settings:?}").contains("very-secret-value"));
    }
}
