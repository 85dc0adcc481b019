//! Participant pages in the visitor's language: Fluent catalogues (`locales/*.ftl`, built into
//! the binary), each formatted once at start-up ([`Words`]), and the choice of language per
//! request ([`Speech`]). The operator's console stays in English.

mod speech;
mod words;

use std::sync::LazyLock;

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

/// Every language's words, made once (the catalogues are part of the program, like templates).
static CATALOGUE: LazyLock<Vec<Words>> =
    LazyLock::new(|| Language::ALL.into_iter().map(build).collect());

/// A language's words.
pub fn words(language: Language) -> &'static Words {
    &CATALOGUE[language as usize]
}

/// The English words (the console, problem+json titles, the emulator).
pub fn english() -> &'static Words {
    words(Language::English)
}

fn build(language: Language) -> Words {
    let source = match language {
        Language::Pseudo => Language::English,
        other => other,
    };
    let text = SOURCES
        .iter()
        .find(|(l, _)| *l == source)
        .map_or("", |(_, text)| *text);
    // A catalogue with a syntax error keeps the messages that parse (tests name the rest).
    let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(partial, _)| partial);
    let english = FluentResource::try_new(SOURCES[0].1.to_owned()).unwrap_or_else(|(r, _)| r);
    let tag = language.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![tag]);
    // Isolation marks keep a Latin room name from scrambling Arabic word order; elsewhere
    // they would only add invisible characters.
    bundle.set_use_isolating(language.right_to_left());
    if language == Language::Pseudo {
        bundle.set_transform(Some(pseudo));
    }
    // English first stands in for a message a translation lacks (tests make sure none does).
    let _ = bundle.add_resource(english);
    bundle.add_resource_overriding(resource);
    Words::new(language, bundle)
}

fn pseudo(text: &str) -> std::borrow::Cow<'_, str> {
    fluent_pseudo::transform_dom(text, false, true, true)
}

#[cfg(test)]
mod tests;
