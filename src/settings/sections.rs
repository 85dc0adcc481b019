//! The sections of the settings, one struct each, as `config/default.toml` lays them out. Every
//! value is typed here; keys whose names end in `_secs`/`_ms` also take humantime strings.

use std::collections::BTreeMap;
use std::time::Duration;

use secrecy::SecretString;
use serde::Deserialize;

use super::around::RoomLobby;
use super::values::{
    EmailAddress, HexColour, HttpUrl, NamePattern, SigningKeys, StoreUrl, list_or_csv, millis,
    optional, optional_secret, optional_secs, optional_text, secs,
};
use crate::domain::{
    AccessPolicy, CspSource, JoinWith, Language, Offered, PrebuiltBase, RoleName, RoomName,
    TokenLinkTemplate, one_of_words,
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    pub host: String,
    pub port: u16,
    /// Where people reach the portal; `None`: `http://{host}:{port}`.
    #[serde(deserialize_with = "optional")]
    pub public_url: Option<HttpUrl>,
    /// 0: two per CPU core, or one on a single core.
    pub workers: usize,
    /// How long in-flight requests may take to finish after SIGTERM/SIGINT.
    #[serde(rename = "shutdown_timeout_secs", deserialize_with = "secs")]
    pub shutdown_timeout: Duration,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HmsSettings {
    pub api_base: HttpUrl,
    pub access_key: String,
    pub app_secret: SecretString,
    #[serde(deserialize_with = "optional")]
    pub prebuilt_base: Option<PrebuiltBase>,
    #[serde(deserialize_with = "optional_text")]
    pub template_id: Option<String>,
    /// Each attempt.
    #[serde(rename = "timeout_ms", deserialize_with = "millis")]
    pub timeout: Duration,
    #[serde(rename = "connect_timeout_ms", deserialize_with = "millis")]
    pub connect_timeout: Duration,
    /// How long a page may wait for 100ms in all, retries included.
    #[serde(rename = "deadline_ms", deserialize_with = "millis")]
    pub deadline: Duration,
    /// The Prebuilt link of a visit that joins with an auth token.
    pub token_link: TokenLinkTemplate,
    /// Consecutive failures of 100ms that open the circuit.
    pub breaker_failures: u32,
    /// How long the circuit stays open before one probe call.
    #[serde(rename = "breaker_cooldown_secs", deserialize_with = "secs")]
    pub breaker_cooldown: Duration,
    /// How long one readiness probe's answer stands for every `/readyz` caller.
    #[serde(rename = "readiness_probe_interval_secs", deserialize_with = "secs")]
    pub readiness_probe_interval: Duration,
    /// What 100ms's webhooks carry in `webhook_header` (one, or two while rotating); none:
    /// `/hooks/100ms` is off (404). Only from the environment.
    #[serde(deserialize_with = "super::hooks::secrets")]
    pub webhook_secret: Vec<SecretString>,
    pub webhook_header: String,
    /// Addresses webhooks may come from (CIDR); empty: any.
    #[serde(deserialize_with = "list_or_csv")]
    pub webhook_sources: Vec<super::hooks::Cidr>,
    /// Rooms the portal creates get its webhook (replacing the workspace's for them).
    pub register_room_webhooks: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmulatorSettings {
    pub enabled: bool,
    pub host: String,
    pub port: u16,
    /// Roles of the emulator's default template.
    #[serde(deserialize_with = "list_or_csv")]
    pub roles: Vec<RoleName>,
    /// Listen on a non-loopback address (it is a development tool with no real security).
    pub allow_remote: bool,
    /// Models 100ms's dashboard toggle: token-less `/preview/{room_id}/{role}` links join.
    pub room_id_role_links: bool,
    /// Bearer token of `/_emulator/*`; `None`: a random one per process.
    #[serde(deserialize_with = "optional_secret")]
    pub control_token: Option<SecretString>,
    /// Where the emulator keeps its rooms and codes across restarts; `None`: beside the store
    /// (see [`Settings::emulator_state_file`]).
    #[serde(deserialize_with = "optional_text")]
    pub state_file: Option<String>,
    /// A meeting page quiet this long leaves (100ms: 60 s after a lost connection).
    #[serde(rename = "peer_timeout_secs", deserialize_with = "secs")]
    pub peer_timeout: Duration,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CacheSettings {
    #[serde(rename = "ttl_secs", deserialize_with = "secs")]
    pub ttl: Duration,
    pub max_entries: u64,
    /// How long past its TTL a code is still served while 100ms fails.
    #[serde(rename = "stale_if_error_secs", deserialize_with = "secs")]
    pub stale_if_error: Duration,
    /// How long "no such room or role" answers are remembered.
    #[serde(rename = "negative_ttl_secs", deserialize_with = "secs")]
    pub negative_ttl: Duration,
    /// A code visited after this share (in percent) of its TTL is refreshed in the background.
    pub refresh_ahead_percent: u8,
    /// Background refreshes at most under way at once.
    pub refresh_concurrency: u16,
    /// Deprecated spellings of `hms.breaker_failures` and `hms.breaker_cooldown_secs`, moved
    /// there on load (see `Settings::load`).
    #[serde(default)]
    pub breaker_failures: Option<u32>,
    #[serde(
        rename = "breaker_cooldown_secs",
        default,
        deserialize_with = "optional_secs"
    )]
    pub breaker_cooldown: Option<Duration>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoomsSettings {
    pub unknown: UnknownRooms,
    /// With `unknown = "create"`, only names matching this pattern (whole name) are created.
    #[serde(deserialize_with = "optional")]
    pub create_pattern: Option<NamePattern>,
    #[serde(default)]
    pub aliases: BTreeMap<RoomName, RoomAlias>,
    /// What to do when every code of a role was disabled outside the portal.
    pub disabled_codes: DisabledCodes,
    /// Before creating a room, read every room of the account in case the name filter missed
    /// one written in another case (100ms would update it instead of creating).
    pub check_all_rooms_before_create: bool,
}

/// A role whose codes were all disabled outside the portal (e.g. in the 100ms dashboard).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisabledCodes {
    /// Make a new code (each uses up one of the room's 100).
    Replace,
    /// Answer 403 for the role until an operator rotates it or re-enables a code.
    Close,
}

/// How a `<room>` that is not configured is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownRooms {
    /// 404: only configured rooms exist.
    Deny,
    /// Use the 100ms room of that name if there is one.
    Lookup,
    /// Like lookup, and create the room from `hms.template_id` when it is missing.
    Create,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RoomAlias {
    pub enabled: bool,
    /// Shown in page headers; `None`: the alias.
    #[serde(deserialize_with = "optional_text")]
    pub title: Option<String>,
    /// The 100ms room name; `None`: the alias.
    #[serde(deserialize_with = "optional")]
    pub name: Option<RoomName>,
    /// Pins the 100ms room by id.
    #[serde(deserialize_with = "optional_text")]
    pub room_id: Option<String>,
    #[serde(deserialize_with = "optional_text")]
    pub template_id: Option<String>,
    #[serde(deserialize_with = "optional_text")]
    pub description: Option<String>,
    /// Shown on the portal's index page.
    pub listed: bool,
    /// The roles share pages offer; empty means the roles of the room's 100ms template.
    pub roles: Vec<RoleName>,
    /// Access policies of this room's roles, over `[access]`.
    pub access: BTreeMap<RoleName, AccessPolicy>,
    /// How this room's public roles join, over `[access.join_with]`.
    pub join_with: BTreeMap<RoleName, JoinWith>,
    /// Sites that may frame this room's pages, instead of `security.frame_ancestors`.
    #[serde(deserialize_with = "list_or_csv")]
    pub frame_ancestors: Vec<CspSource>,
    /// Roles that wait in the portal's lobby until one of `admitted_by` lets them in.
    pub lobby: Option<RoomLobby>,
}

impl Default for RoomAlias {
    fn default() -> Self {
        Self {
            enabled: true,
            title: None,
            name: None,
            room_id: None,
            template_id: None,
            description: None,
            listed: false,
            roles: Vec::new(),
            access: BTreeMap::new(),
            join_with: BTreeMap::new(),
            frame_ancestors: Vec::new(),
            lobby: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessSettings {
    /// Policy of a role that neither its room nor `roles` names.
    pub default: AccessPolicy,
    /// Policies by role name, for every room.
    #[serde(default)]
    pub roles: BTreeMap<RoleName, AccessPolicy>,
    /// HMAC keys for signed links; the first signs, all verify.
    pub signing_keys: SigningKeys,
    /// Longest validity a signed link may be given.
    #[serde(rename = "max_link_ttl_secs", deserialize_with = "secs")]
    pub max_link_ttl: Duration,
    /// How public roles join ("code" unless set); other roles always join with a token.
    #[serde(default)]
    pub join_with: BTreeMap<RoleName, JoinWith>,
    /// Longest life of a visit's auth token (a signed link's expiry may end it sooner).
    #[serde(rename = "token_ttl_secs", deserialize_with = "secs")]
    pub token_ttl: Duration,
    /// How often the rooms of visits with a bound name are checked for a peer showing another
    /// name (zero: never).
    #[serde(rename = "name_check_interval_secs", deserialize_with = "secs")]
    pub name_check_interval: Duration,
    /// Sign-in through the company's OpenID provider, for roles whose policy is `sso`.
    pub oidc: OidcSettings,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OidcSettings {
    /// The provider's issuer URL (discovery at `<issuer>/.well-known/openid-configuration`);
    /// unset: sign-in is off.
    #[serde(deserialize_with = "optional")]
    pub issuer: Option<HttpUrl>,
    #[serde(deserialize_with = "optional_text")]
    pub client_id: Option<String>,
    /// Only from the environment (`PORTAL__ACCESS__OIDC__CLIENT_SECRET`).
    #[serde(deserialize_with = "optional_secret")]
    pub client_secret: Option<SecretString>,
    #[serde(deserialize_with = "list_or_csv")]
    pub scopes: Vec<String>,
    /// The claim whose value is the display name in the meeting.
    pub name_claim: String,
    /// A session ends after this long without a page view…
    #[serde(rename = "session_idle_secs", deserialize_with = "secs")]
    pub session_idle: Duration,
    /// …and this long after sign-in, whatever happens.
    #[serde(rename = "session_max_secs", deserialize_with = "secs")]
    pub session_max: Duration,
    /// Which claim values grant a role; an `sso` role without an entry is open to anyone
    /// signed in.
    #[serde(default)]
    pub role_claims: BTreeMap<RoleName, RoleClaim>,
    /// Which claim values open the operator's console; unset: nobody gets in by sign-in.
    #[serde(default)]
    pub admin: Option<RoleClaim>,
}

/// A role is granted when `claim` holds any of `any_of` (a string or a list of strings).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RoleClaim {
    pub claim: String,
    #[serde(deserialize_with = "list_or_csv")]
    pub any_of: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecuritySettings {
    /// Origins allowed to frame portal pages (CSP `frame-ancestors`).
    #[serde(deserialize_with = "list_or_csv")]
    pub frame_ancestors: Vec<CspSource>,
    /// Keys that seal what browsers keep (sign-in, invitation passes, form tokens): the first
    /// seals, all open. Only from the environment.
    pub cookie_keys: SigningKeys,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    pub format: LogFormat,
    /// A tracing filter such as "info" or "info,prebuilt_portal=debug"; `RUST_LOG` wins.
    pub level: String,
}

/// "text" (one readable line per event) or "json" (one JSON object per line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsSettings {
    /// Serve Prometheus metrics at /metrics, on a listener of their own (never the public port).
    pub enabled: bool,
    /// Where that listener binds: loopback by default, so only this machine can scrape.
    pub host: String,
    /// 0: any free port (logged at startup).
    pub port: u16,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvitationSettings {
    /// An invitation to an `sso` role also needs its invitee signed in (and granted the role).
    pub sso_requires_sign_in: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiSettings {
    /// The portal's name on its pages (index heading, page titles).
    pub title: String,
    /// A logo shown in page headers.
    #[serde(deserialize_with = "optional")]
    pub logo_url: Option<HttpUrl>,
    /// The logo for the dark colour scheme (a dark logo would vanish on a dark page).
    #[serde(deserialize_with = "optional")]
    pub logo_dark_url: Option<HttpUrl>,
    /// Where the portal's pages point people who are lost (e.g. an intranet help page), when
    /// the index lists no rooms to go back to.
    #[serde(deserialize_with = "optional")]
    pub help_url: Option<HttpUrl>,
    /// The accent colour of buttons and links.
    pub accent_color: HexColour,
    /// The organiser named in events' mailed calendar invitations.
    #[serde(deserialize_with = "optional")]
    pub organizer_email: Option<EmailAddress>,
    /// The language of participant pages when nothing the visitor sends picks one.
    pub default_language: Language,
    /// The languages participant pages are offered in (empty: all of them).
    pub languages: Vec<Language>,
}

impl UiSettings {
    /// The offered languages, as pages negotiate them.
    pub fn offered_languages(&self) -> Offered {
        Offered::new(self.default_language, &self.languages)
    }
}

/// Where the portal keeps what must outlive a process: rooms made through the admin API,
/// invitations, revocations and the audit log.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoreSettings {
    /// `sqlite://<file>` (one replica) or `postgres://…` (any number of replicas).
    pub url: StoreUrl,
    /// Connections each process keeps open at most.
    pub max_connections: u32,
    /// How long a request waits for a connection before the store counts as down.
    #[serde(rename = "acquire_timeout_ms", deserialize_with = "millis")]
    pub acquire_timeout: Duration,
    /// How often a replica looks for changes made elsewhere when not woken by PostgreSQL.
    #[serde(rename = "poll_interval_ms", deserialize_with = "millis")]
    pub poll_interval: Duration,
}

one_of_words!(DisabledCodes, "a choice for disabled codes", [
    "replace" => Self::Replace,
    "close" => Self::Close,
]);

one_of_words!(UnknownRooms, "a way to treat unknown rooms", [
    "deny" => Self::Deny,
    "lookup" => Self::Lookup,
    "create" => Self::Create,
]);

one_of_words!(LogFormat, "a log format", ["text" => Self::Text, "json" => Self::Json]);
