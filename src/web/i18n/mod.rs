//! Participant pages in the visitor's language: Fluent catalogues (`locales/*.ftl`, built into
//! the binary), each parsed and formatted once, when its language is first asked for
//! ([`Words`]), and the choice of language per request ([`Speech`]). The operator's console
//! stays in English.

mod speech;
mod words;

use std::sync::{LazyLock, OnceLock};

use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;

use crate::domain::Language;

pub use speech::{Asked, LANGUAGE_COOKIE, Languages, Markup, Speech, cookie_value};
pub use words::{Html, Msg, Words, badge, strong, time};

/// Each language's catalogue file.
pub const SOURCES: [(Language, &str); 7] = [
    (Language::English, include_str!("../../../locales/en.ftl")),
    (Language::German, include_str!("../../../locales/de.ftl")),
    (Language::French, include_str!("../../../locales/fr.ftl")),
    (Language::Spanish, include_str!("../../../locales/es.ftl")),
    (
        Language::BrazilianPortuguese,
        include_str!("../../../locales/pt-BR.ftl"),
    ),
    (Language::Japanese, include_str!("../../../locales/ja.ftl")),
    (Language::Arabic, include_str!("../../../locales/ar.ftl")),
];

/// Each language's words, made when first asked for: a catalogue costs about 0.4 MiB, and
/// most portals hear few of the languages they offer.
static CATALOGUE: [OnceLock<Words>; Language::ALL.len()] =
    [const { OnceLock::new() }; Language::ALL.len()];

/// The English catalogue, parsed once: every other language falls back on it.
static ENGLISH: LazyLock<FluentResource> = LazyLock::new(|| parse(SOURCES[0].1));

/// A language's words.
pub fn words(language: Language) -> &'static Words {
    CATALOGUE[language as usize].get_or_init(|| build(language))
}

/// The English words (the console, problem+json titles, the emulator).
pub fn english() -> &'static Words {
    words(Language::English)
}

/// A catalogue with a syntax error keeps the messages that parse (tests name the rest).
fn parse(text: &str) -> FluentResource {
    FluentResource::try_new(text.to_owned()).unwrap_or_else(|(partial, _)| partial)
}

fn build(language: Language) -> Words {
    let tag = language.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![tag]);
    // Isolation marks keep a Latin room name from scrambling Arabic word order; elsewhere
    // they would only add invisible characters.
    bundle.set_use_isolating(language.right_to_left());
    if language == Language::Pseudo {
        bundle.set_transform(Some(pseudo));
    }
    // English first stands in for a message a translation lacks (tests make sure none does).
    let _ = bundle.add_resource(Resource::Shared(&ENGLISH));
    let own = SOURCES
        .iter()
        .find(|(l, _)| *l == language && *l != Language::English)
        .map(|(_, text)| parse(text));
    if let Some(own) = own {
        bundle.add_resource_overriding(Resource::Own(own));
    }
    Words::new(language, bundle)
}

/// A catalogue in a bundle: the shared English one, or the language's own.
enum Resource {
    Shared(&'static FluentResource),
    Own(FluentResource),
}

impl std::borrow::Borrow<FluentResource> for Resource {
    fn borrow(&self) -> &FluentResource {
        match self {
            Self::Shared(resource) => resource,
            Self::Own(resource) => resource,
        }
    }
}

fn pseudo(text: &str) -> std::borrow::Cow<'_, str> {
    fluent_pseudo::transform_dom(text, false, true, true)
}

#[cfg(test)]
mod tests;
