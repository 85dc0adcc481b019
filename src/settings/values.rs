//! How individual setting values are read: durations, lists, URLs, colours, patterns and the
//! signing keys. Each parses once, at load, so the rest of the code gets typed values.

use std::fmt;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use url::Url;

/// A duration given as a whole number in the key's own unit (`ttl_secs = 300`, also as text,
/// as environment variables arrive) or with a unit (`ttl_secs = "5m"`): see `Lifetime`.
fn duration<'de, D: Deserializer<'de>>(
    deserializer: D,
    unit: Duration,
) -> Result<Duration, D::Error> {
    crate::domain::lifetime_in(deserializer, unit).map(crate::domain::Lifetime::duration)
}

pub(super) fn secs<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
    duration(deserializer, Duration::from_secs(1))
}

pub(super) fn optional_secs<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Duration>, D::Error> {
    secs(deserializer).map(Some)
}

pub(super) fn millis<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
    duration(deserializer, Duration::from_millis(1))
}

/// A list given as an array (files) or as one comma-separated string (environment), each item
/// parsed as `T`.
pub(super) fn list_or_csv<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: std::str::FromStr,
    T::Err: fmt::Display,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        List(Vec<String>),
        Csv(String),
    }
    let items: Vec<String> = match Either::deserialize(deserializer)? {
        Either::List(items) => items,
        Either::Csv(text) => text.split(',').map(str::to_owned).collect(),
    };
    items
        .iter()
        .map(|item| item.trim())
        .filter(|item| !item.is_empty())
        .map(|item| {
            item.parse::<T>()
                .map_err(|e| de::Error::custom(format!("{item:?}: {e}")))
        })
        .collect()
}

/// Text where empty (or blank) means "not set".
pub(super) fn optional_text<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let text = String::deserialize(deserializer)?;
    Ok(Some(text.trim().to_owned()).filter(|t| !t.is_empty()))
}

/// A value parsed from text, where empty means "not set".
pub(super) fn optional<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: std::str::FromStr,
    T::Err: fmt::Display,
{
    optional_text(deserializer)?
        .map(|text| text.parse::<T>().map_err(de::Error::custom))
        .transpose()
}

/// An absolute http or https URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpUrl(pub Url);

impl std::str::FromStr for HttpUrl {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let url = Url::parse(input.trim()).map_err(|e| format!("not a valid URL ({e})"))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err("must be an absolute http or https URL".into());
        }
        Ok(Self(url))
    }
}

impl<'de> Deserialize<'de> for HttpUrl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(de::Error::custom)
    }
}

/// A colour `#rrggbb`, kept lowercase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HexColour(String);

impl HexColour {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for HexColour {
    type Err = &'static str;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let colour = input.trim();
        let hex = colour.strip_prefix('#').unwrap_or("");
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("must be a colour like #2f54eb");
        }
        Ok(Self(colour.to_ascii_lowercase()))
    }
}

impl<'de> Deserialize<'de> for HexColour {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(de::Error::custom)
    }
}

/// A regular expression that must match a whole name.
#[derive(Debug, Clone)]
pub struct NamePattern(regex_lite::Regex);

impl NamePattern {
    pub fn matches(&self, name: &str) -> bool {
        self.0.is_match(name)
    }
}

impl std::str::FromStr for NamePattern {
    type Err = regex_lite::Error;

    fn from_str(pattern: &str) -> Result<Self, Self::Err> {
        regex_lite::Regex::new(&format!("^(?:{pattern})$")).map(Self)
    }
}

/// HMAC keys of signed links: the first signs, all verify. `Debug` shows only how many.
#[derive(Clone, Default)]
pub struct SigningKeys(Vec<SecretString>);

/// Shortest signing key accepted.
pub const MIN_SIGNING_KEY_LEN: usize = 32;

impl SigningKeys {
    /// Comma-separated keys, each at least [`MIN_SIGNING_KEY_LEN`] characters.
    pub fn parse(keys: &str) -> Result<Self, String> {
        let keys: Vec<SecretString> = keys
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(SecretString::from)
            .collect();
        if keys
            .iter()
            .any(|k| k.expose_secret().len() < MIN_SIGNING_KEY_LEN)
        {
            return Err(format!(
                "each key needs at least {MIN_SIGNING_KEY_LEN} characters (e.g. openssl rand -hex 32)"
            ));
        }
        Ok(Self(keys))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// One random key, for a process that keeps what it signs to itself (emulator mode).
    pub fn random() -> Self {
        Self(vec![SecretString::from(random_key())])
    }

    pub fn iter(&self) -> impl Iterator<Item = &SecretString> {
        self.0.iter()
    }
}

impl fmt::Debug for SigningKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKeys({} keys, redacted)", self.0.len())
    }
}

impl<'de> Deserialize<'de> for SigningKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let keys = SecretString::deserialize(deserializer)?;
        Self::parse(keys.expose_secret()).map_err(de::Error::custom)
    }
}

/// A secret where empty means "not set" (e.g. the admin token: no token, no admin API).
pub(super) fn optional_secret<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<SecretString>, D::Error> {
    let secret = SecretString::deserialize(deserializer)?;
    Ok(Some(secret).filter(|s| !s.expose_secret().is_empty()))
}

/// The store's address: a SQLite file, or a PostgreSQL server whose URL may hold a password
/// (so it is never printed whole).
#[derive(Clone)]
pub enum StoreUrl {
    Sqlite(String),
    Postgres(SecretString),
}

impl StoreUrl {
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.starts_with("sqlite:") {
            return Ok(Self::Sqlite(text.to_owned()));
        }
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            let url = Url::parse(text).map_err(|e| format!("is not a PostgreSQL URL: {e}"))?;
            // The driver would ignore it, and print it in its warning.
            if url
                .query_pairs()
                .any(|(key, _)| key.eq_ignore_ascii_case("sslpassword"))
            {
                return Err(
                    "sslpassword (an encrypted client key) is not supported by the \
                            portal's PostgreSQL driver: give an unencrypted key (sslkey) \
                            readable only by the portal"
                        .into(),
                );
            }
            return Ok(Self::Postgres(SecretString::from(text.to_owned())));
        }
        Err("must start with sqlite: or postgres://".into())
    }

    /// The SQLite database's file, when the store is one (not `sqlite::memory:`, not PostgreSQL).
    pub fn sqlite_file(&self) -> Option<std::path::PathBuf> {
        let Self::Sqlite(url) = self else {
            return None;
        };
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))?;
        let path = path.split('?').next().unwrap_or_default();
        (!path.is_empty() && !path.starts_with(":memory:")).then(|| std::path::PathBuf::from(path))
    }

    /// Whether the URL carries a password (then it must come from the environment): in its
    /// user info, or as a query parameter (`password`, `sslpassword`, or one inside `options`),
    /// all of which the PostgreSQL driver reads.
    pub fn has_password(&self) -> bool {
        match self {
            Self::Sqlite(_) => false,
            Self::Postgres(url) => match Url::parse(url.expose_secret()) {
                Ok(parsed) => {
                    parsed.password().is_some_and(|p| !p.is_empty())
                        || parsed.query_pairs().any(|(key, value)| {
                            is_secret_parameter(&key, &value) && !value.is_empty()
                        })
                }
                Err(_) => true,
            },
        }
    }

    /// What may be printed: the SQLite URL, or the PostgreSQL server with every password-bearing
    /// part (user info, password parameters) replaced by `***`.
    pub fn redacted(&self) -> String {
        match self {
            Self::Sqlite(text) => text.clone(),
            Self::Postgres(url) => match Url::parse(url.expose_secret()) {
                Ok(mut parsed) => {
                    if parsed.password().is_some() {
                        let _ = parsed.set_password(Some("***"));
                    }
                    let pairs: Vec<(String, String)> = parsed
                        .query_pairs()
                        .map(|(key, value)| {
                            let value = if is_secret_parameter(&key, &value) {
                                "***".to_owned()
                            } else {
                                value.into_owned()
                            };
                            (key.into_owned(), value)
                        })
                        .collect();
                    if !pairs.is_empty() {
                        parsed.query_pairs_mut().clear().extend_pairs(pairs);
                    }
                    parsed.to_string()
                }
                Err(_) => "postgres://***".into(),
            },
        }
    }
}

/// A query parameter of a PostgreSQL URL that holds a password: `password`, `sslpassword`
/// (any case, any name ending in `password`), or `options` with a password inside.
fn is_secret_parameter(key: &str, value: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.ends_with("password")
        || (key == "options" && value.to_ascii_lowercase().contains("password"))
}

impl fmt::Debug for StoreUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl<'de> Deserialize<'de> for StoreUrl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(de::Error::custom)
    }
}

/// 32 random bytes as hex, as `openssl rand -hex 32` makes keys.
pub fn random_key() -> String {
    use rand::Rng;
    let bytes: [u8; 32] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An e-mail address, as calendars need one: `local@domain`, nothing that could break a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(input: &str) -> Result<Self, String> {
        let input = input.trim();
        let well_formed = input.len() <= 254
            && input
                .split_once('@')
                .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
            && !input.chars().any(|c| {
                c.is_whitespace()
                    || c.is_control()
                    || matches!(c, '<' | '>' | ',' | ';' | ':' | '"')
            });
        if well_formed {
            Ok(Self(input.to_owned()))
        } else {
            Err(format!("{input:?} is not an e-mail address"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for EmailAddress {
    type Err = String;
    fn from_str(input: &str) -> Result<Self, String> {
        Self::parse(input)
    }
}
