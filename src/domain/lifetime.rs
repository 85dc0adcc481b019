//! A length of time as people write it, the same way wherever the portal takes one (the admin
//! API, the command line, settings files and the environment): a whole number in the field's
//! unit (seconds unless its name says `_ms`), or a number with a unit: `"90s"`, `"5m"`, `"1h"`,
//! `"30d"` (anything humantime reads, such as `"1h 30m"`).

use std::fmt;
use std::time::Duration;

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Lifetime(Duration);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a duration: give seconds (90) or a number with a unit (90s, 5m, 1h, 30d)")]
pub struct InvalidLifetime(pub String);

impl Lifetime {
    pub const fn from_secs(secs: u64) -> Self {
        Self(Duration::from_secs(secs))
    }

    /// Text in seconds (`"90"`) or with a unit (`"90s"`, `"5m"`).
    pub fn parse(text: &str) -> Result<Self, InvalidLifetime> {
        Self::parse_in(text, Duration::from_secs(1))
    }

    /// Text where a bare number counts `unit`s.
    pub fn parse_in(text: &str, unit: Duration) -> Result<Self, InvalidLifetime> {
        let text = text.trim();
        if let Ok(count) = text.parse::<u64>() {
            return Ok(Self::of(count, unit));
        }
        humantime::parse_duration(text)
            .map(Self)
            .map_err(|_| InvalidLifetime(text.to_owned()))
    }

    /// `count` of `unit`, saturating (nobody means more than a u32 of seconds).
    pub fn of(count: u64, unit: Duration) -> Self {
        Self(unit.saturating_mul(u32::try_from(count).unwrap_or(u32::MAX)))
    }

    pub fn duration(self) -> Duration {
        self.0
    }

    pub fn as_secs(self) -> u64 {
        self.0.as_secs()
    }
}

impl From<Duration> for Lifetime {
    fn from(duration: Duration) -> Self {
        Self(duration)
    }
}

/// As people read it: `30days`, `1h 30m`.
impl fmt::Display for Lifetime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        humantime::format_duration(self.0).fmt(f)
    }
}

impl std::str::FromStr for Lifetime {
    type Err = InvalidLifetime;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

/// A number of seconds (JSON Schema counts `60.0` as an integer, so it is 60) or text.
impl<'de> Deserialize<'de> for Lifetime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_in(deserializer, Duration::from_secs(1))
    }
}

/// A lifetime where a bare number counts `unit`s (settings keys ending in `_ms`).
pub fn deserialize_in<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    unit: Duration,
) -> Result<Lifetime, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Given {
        Number(serde_json::Number),
        Text(String),
    }
    let whole = |number: &serde_json::Number| {
        number.as_u64().or_else(|| {
            let float = number.as_f64()?;
            (float.fract() == 0.0 && (0.0..=u64::MAX as f64).contains(&float))
                .then_some(float as u64)
        })
    };
    match Given::deserialize(deserializer)? {
        Given::Number(number) => whole(&number)
            .map(|count| Lifetime::of(count, unit))
            .ok_or_else(|| serde::de::Error::custom(InvalidLifetime(number.to_string()))),
        Given::Text(text) => Lifetime::parse_in(&text, unit).map_err(serde::de::Error::custom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_and_units_mean_the_same_everywhere() {
        let hour = Lifetime::from_secs(3600);
        for text in ["3600", "3600s", "60m", "1h", " 1h "] {
            assert_eq!(Lifetime::parse(text), Ok(hour), "{text}");
        }
        assert_eq!(Lifetime::parse("30d").unwrap().as_secs(), 30 * 86_400);
        let from_json: Lifetime = serde_json::from_str("60.0").unwrap();
        assert_eq!(from_json, Lifetime::from_secs(60));
        let from_json: Lifetime = serde_json::from_str("\"5m\"").unwrap();
        assert_eq!(from_json, Lifetime::from_secs(300));
        assert!(Lifetime::parse("soon").is_err());
        assert!(serde_json::from_str::<Lifetime>("1.5").is_err());
        assert!(serde_json::from_str::<Lifetime>("-1").is_err());
    }
}
