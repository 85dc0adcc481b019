//! The languages participant pages are offered in, and how a visitor's wishes pick one.

use std::fmt;

/// A language the portal has a catalogue for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    English,
    German,
    French,
    Spanish,
    BrazilianPortuguese,
    Japanese,
    Arabic,
    /// The English catalogue with every string marked (`[!! … !!]`): for translators and tests,
    /// to spot text that is not in a catalogue. Offered only when `ui.languages` names it.
    Pseudo,
}

/// `?lang=`, the cookie or a setting named a language the portal has no catalogue for.
#[derive(Debug, thiserror::Error)]
#[error("no catalogue for the language {0:?} (known: en, de, fr, es, pt-BR, ja, ar, en-XA)")]
pub struct UnknownLanguage(pub String);

impl Language {
    /// Every language with a catalogue, the pseudo-locale last.
    pub const ALL: [Language; 8] = [
        Self::English,
        Self::German,
        Self::French,
        Self::Spanish,
        Self::BrazilianPortuguese,
        Self::Japanese,
        Self::Arabic,
        Self::Pseudo,
    ];

    /// Its BCP 47 tag, as `<html lang>`, `?lang=` and the cookie spell it.
    pub fn tag(self) -> &'static str {
        match self {
            Self::English => "en",
            Self::German => "de",
            Self::French => "fr",
            Self::Spanish => "es",
            Self::BrazilianPortuguese => "pt-BR",
            Self::Japanese => "ja",
            Self::Arabic => "ar",
            Self::Pseudo => "en-XA",
        }
    }

    /// Its name in itself, for the language switch.
    pub fn own_name(self) -> &'static str {
        match self {
            Self::English => "English",
            Self::German => "Deutsch",
            Self::French => "Français",
            Self::Spanish => "Español",
            Self::BrazilianPortuguese => "Português (Brasil)",
            Self::Japanese => "日本語",
            Self::Arabic => "العربية",
            Self::Pseudo => "[Ƥşḗŭḓǿ]",
        }
    }

    pub fn right_to_left(self) -> bool {
        self == Self::Arabic
    }

    /// `rtl` or `ltr`, for `<html dir>`.
    pub fn direction(self) -> &'static str {
        if self.right_to_left() { "rtl" } else { "ltr" }
    }

    /// A tag as a visitor or an operator writes it (any case, `_` for `-`); a region we have
    /// no catalogue for falls back to its language (`de-AT` is German, `pt-PT` Portuguese).
    pub fn parse(tag: &str) -> Result<Self, UnknownLanguage> {
        Self::of_range(tag.trim()).ok_or_else(|| UnknownLanguage(tag.to_owned()))
    }

    /// The language a range of `Accept-Language` (or a tag) asks for, if we have it.
    fn of_range(range: &str) -> Option<Self> {
        let range = range.as_bytes();
        let primary_len = range
            .iter()
            .position(|&b| b == b'-' || b == b'_')
            .unwrap_or(range.len());
        let (primary, region) = range.split_at(primary_len);
        let is = |word: &str| primary.eq_ignore_ascii_case(word.as_bytes());
        Some(if is("en") {
            let pseudo = region.len() == 3 && region[1..].eq_ignore_ascii_case(b"XA");
            if pseudo { Self::Pseudo } else { Self::English }
        } else if is("de") {
            Self::German
        } else if is("fr") {
            Self::French
        } else if is("es") {
            Self::Spanish
        } else if is("pt") {
            Self::BrazilianPortuguese
        } else if is("ja") {
            Self::Japanese
        } else if is("ar") {
            Self::Arabic
        } else {
            return None;
        })
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

impl std::str::FromStr for Language {
    type Err = UnknownLanguage;

    fn from_str(tag: &str) -> Result<Self, Self::Err> {
        Self::parse(tag)
    }
}

impl<'de> serde::Deserialize<'de> for Language {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let tag = String::deserialize(deserializer)?;
        Self::parse(&tag).map_err(serde::de::Error::custom)
    }
}

/// The languages a portal offers, its default first among them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offered {
    default: Language,
    /// A bit per [`Language`], so a lookup on every page view is one test.
    set: u16,
}

impl Offered {
    /// `languages` restricts the set (empty: every real language); the default is always in it.
    pub fn new(default: Language, languages: &[Language]) -> Self {
        let bit = |language: Language| 1u16 << language as u16;
        let mut set = if languages.is_empty() {
            Language::ALL
                .iter()
                .filter(|l| **l != Language::Pseudo)
                .fold(0, |set, l| set | bit(*l))
        } else {
            languages.iter().fold(0, |set, l| set | bit(*l))
        };
        set |= bit(default);
        Self { default, set }
    }

    pub fn default_language(&self) -> Language {
        self.default
    }

    pub fn offers(&self, language: Language) -> bool {
        self.set & (1 << language as u16) != 0
    }

    /// Those offered, in the switch's order.
    pub fn iter(&self) -> impl Iterator<Item = Language> + '_ {
        Language::ALL.into_iter().filter(|l| self.offers(*l))
    }

    /// An explicit choice (`?lang=`, the cookie, a sign-in's `locale` claim), if offered.
    pub fn chosen(&self, tag: &str) -> Option<Language> {
        Language::parse(tag).ok().filter(|l| self.offers(*l))
    }

    /// The offered language an `Accept-Language` header prefers, if any: the range with the
    /// highest weight wins, the earlier on a tie; `q=0` means "not this one"; `*` matches the
    /// default.
    ///
    /// Written here rather than taken from a crate: `fluent-langneg` ignores weights, and
    /// `accept-language` allocates several strings per header and keeps `q=0` ranges; this
    /// runs on every page view, with no allocation.
    pub fn accepted(&self, header: &str) -> Option<Language> {
        let mut best: Option<(Language, u16)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let range = parts.next().unwrap_or_default().trim();
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q=").or(p.trim().strip_prefix("Q=")))
                .map_or(1000, quality);
            if weight == 0 || best.is_some_and(|(_, w)| w >= weight) {
                continue;
            }
            let language = if range == "*" {
                Some(self.default)
            } else {
                Language::of_range(range).filter(|l| self.offers(*l))
            };
            if let Some(language) = language {
                best = Some((language, weight));
            }
        }
        best.map(|(language, _)| language)
    }
}

/// A weight (`0`, `0.8`, `1.000`) in thousandths; anything unreadable counts as 0.
fn quality(text: &str) -> u16 {
    let (whole, fraction) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
    let digits = fraction
        .bytes()
        .take(3)
        .chain(std::iter::repeat(b'0'))
        .take(3);
    let mut thousandths: u16 = 0;
    for digit in digits {
        if !digit.is_ascii_digit() {
            return 0;
        }
        thousandths = thousandths * 10 + u16::from(digit - b'0');
    }
    match whole {
        "1" => 1000,
        "0" | "" => thousandths,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Offered {
        Offered::new(Language::English, &[])
    }

    #[test]
    fn the_heaviest_range_wins_and_regions_fall_back_to_their_language() {
        let offered = all();
        assert_eq!(offered.accepted("de-AT"), Some(Language::German));
        assert_eq!(
            offered.accepted("pt-BR,pt;q=0.9"),
            Some(Language::BrazilianPortuguese)
        );
        assert_eq!(
            offered.accepted("fr;q=0.4, ja;q=0.9"),
            Some(Language::Japanese)
        );
        assert_eq!(offered.accepted("sv, es;q=0.5"), Some(Language::Spanish));
        assert_eq!(offered.accepted("de;q=0, fr;q=0.1"), Some(Language::French));
        assert_eq!(offered.accepted("sv, nb"), None);
        assert_eq!(offered.accepted("*"), Some(Language::English));
        assert_eq!(
            offered.accepted("ar;q=0.8,de;q=0.8"),
            Some(Language::Arabic)
        );
    }

    #[test]
    fn a_restricted_set_offers_only_its_languages_and_its_default() {
        let offered = Offered::new(Language::German, &[Language::French]);
        assert_eq!(offered.accepted("ja, en;q=0.5"), None);
        assert_eq!(offered.chosen("fr"), Some(Language::French));
        assert_eq!(offered.chosen("de-CH"), Some(Language::German));
        assert_eq!(offered.chosen("ja"), None);
        assert!(!all().offers(Language::Pseudo));
    }

    #[test]
    fn weights_read_as_thousandths() {
        assert_eq!(quality("0.8"), 800);
        assert_eq!(quality("1.000"), 1000);
        assert_eq!(quality("0.05"), 50);
        assert_eq!(quality("x"), 0);
        assert_eq!(quality("2"), 0);
    }
}
