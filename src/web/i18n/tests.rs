//! The catalogues against each other and against the code: every language has every message
//! and no other, each parses and formats, takes only the English variables, and every English
//! message is used somewhere.

use std::collections::BTreeSet;
use std::path::Path;

use fluent_bundle::FluentResource;
use fluent_syntax::ast;

use super::{Msg, SOURCES, words};
use crate::domain::Language;

/// Each message's id and the variables its text names.
fn messages(file: &str, text: &str) -> Vec<(String, BTreeSet<String>)> {
    let resource = FluentResource::try_new(text.to_owned())
        .unwrap_or_else(|(_, errors)| panic!("locales/{file}.ftl does not parse: {errors:?}"));
    resource
        .entries()
        .filter_map(|entry| match entry {
            ast::Entry::Message(message) => Some(message.id.name.to_owned()),
            _ => None,
        })
        .map(|id| {
            let vars = message_source(text, &id)
                .match_indices('$')
                .map(|(at, _)| {
                    let rest = &message_source(text, &id)[at + 1..];
                    rest.chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect()
                })
                .collect();
            (id, vars)
        })
        .collect()
}

/// A message's lines in a catalogue (its first line and the indented ones after it).
fn message_source<'a>(text: &'a str, id: &str) -> &'a str {
    let start = text.find(&format!("\n{id} =")).map_or(0, |at| at + 1);
    let rest = &text[start..];
    let end = rest[1..]
        .find('\n')
        .map(|first_end| {
            let mut end = first_end + 1;
            for line in rest[end + 1..].split_inclusive('\n') {
                if !line.starts_with(' ') && !line.starts_with('}') {
                    break;
                }
                end += line.len();
            }
            end
        })
        .unwrap_or(rest.len());
    &rest[..end.min(rest.len())]
}

fn file_of(language: Language) -> &'static str {
    language.tag()
}

#[test]
fn every_catalogue_has_every_english_message_and_no_other() {
    let english = messages("en", SOURCES[0].1);
    let english_ids: BTreeSet<&str> = english.iter().map(|(id, _)| id.as_str()).collect();
    let mut problems = Vec::new();
    for (language, text) in &SOURCES[1..] {
        let file = file_of(*language);
        let ids: BTreeSet<String> = messages(file, text).into_iter().map(|(id, _)| id).collect();
        for missing in english_ids.iter().filter(|id| !ids.contains(**id)) {
            problems.push(format!("locales/{file}.ftl lacks {missing}"));
        }
        for extra in ids.iter().filter(|id| !english_ids.contains(id.as_str())) {
            problems.push(format!(
                "locales/{file}.ftl has {extra}, which en.ftl does not"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn translations_use_only_the_variables_the_english_message_gives() {
    let english = messages("en", SOURCES[0].1);
    let mut problems = Vec::new();
    for (language, text) in &SOURCES[1..] {
        let file = file_of(*language);
        for (id, vars) in messages(file, text) {
            let Some((_, given)) = english.iter().find(|(e, _)| *e == id) else {
                continue;
            };
            for unknown in vars.difference(given) {
                problems.push(format!("locales/{file}.ftl: {id} uses ${unknown}"));
            }
            for unused in given.difference(&vars) {
                problems.push(format!("locales/{file}.ftl: {id} leaves out ${unused}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_english_message_is_used_by_a_page_or_a_script() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut code = String::new();
    for dir in ["src", "templates"] {
        read_all(&root.join(dir), &mut code);
    }
    let unused: Vec<&str> = Msg::ALL
        .iter()
        .filter(|msg| {
            let method = format!(".{}(", msg.id().replace('-', "_"));
            let variant = format!("Msg::{msg:?}");
            let named = code.match_indices(&variant).any(|(at, _)| {
                let next = code[at + variant.len()..].chars().next();
                !next.is_some_and(char::is_alphanumeric)
            });
            !code.contains(&method) && !named
        })
        .map(|msg| msg.id())
        .collect();
    assert!(unused.is_empty(), "unused in en.ftl: {unused:?}");
}

fn read_all(dir: &Path, into: &mut String) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            read_all(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs" || e == "html") {
            // Not this file, which names every message.
            if !path.ends_with("i18n/tests.rs") {
                into.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
}

#[test]
fn plural_messages_choose_the_form_by_the_number_in_each_language() {
    let en = words(Language::English);
    assert_eq!(en.opens_in_minutes(1u64).to_string(), "in one minute");
    assert_eq!(en.opens_in_minutes(5u64).to_string(), "in 5 minutes");
    let de = words(Language::German);
    assert_eq!(de.opens_in_minutes(5u64).to_string(), "in 5 Minuten");
    let ar = words(Language::Arabic);
    assert!(ar.opens_in_minutes(2u64).to_string().contains("دقيقتين"));
    assert!(ar.opens_in_minutes(3u64).to_string().contains("دقائق"));
}

#[test]
fn variables_are_escaped_and_markup_is_kept() {
    let en = words(Language::English);
    let filled = en
        .invite_for(super::strong("<Ada>"), super::badge("host"))
        .to_string();
    assert_eq!(
        filled,
        "For <strong>&#60;Ada&#62;</strong>, to join as <span class=\"role\">host</span>."
    );
    assert_eq!(
        en.text(Msg::InAppNotice).as_str().matches("{link}").count(),
        1,
        "a script's template keeps its variable"
    );
}

#[test]
fn the_pseudo_language_marks_every_word() {
    let pseudo = words(Language::Pseudo);
    let text = pseudo.join_open_new_tab().to_string();
    assert!(text.starts_with('['), "{text}");
    assert!(!text.contains("Open in a new tab"), "{text}");
}
