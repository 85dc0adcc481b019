//! Every participant page in every language: the right `lang` and `dir`, a switch that marks
//! the current language, and, with the pseudo-language (every catalogue string marked), no
//! English text left that no catalogue holds.

use prebuilt_portal::domain::Language;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::json;

use super::{LANGUAGES, page_as};
use crate::browser::pages::invitation_path;
use crate::helpers::{ADMIN_TOKEN, TestApp, demo_alias, spawn_app_with, text_of};
use crate::lobby::{Browser, host, spawn_lobby_app};

/// A portal that lists its rooms and can make invitations.
async fn portal(adjust: impl FnOnce(&mut prebuilt_portal::settings::Settings)) -> TestApp {
    spawn_app_with(|s| {
        s.admin.token = Some(ADMIN_TOKEN.into());
        demo_alias(s).listed = true;
        adjust(s);
    })
    .await
}

async fn invitation(app: &TestApp) -> String {
    invitation_path(app, json!({ "name": "Ada Lovelace" })).await
}

/// The participant pages of a plain portal (the bare join and embed pages come from memory).
async fn plain_pages(app: &TestApp) -> Vec<String> {
    vec![
        "/join/demo/guest".to_owned(),
        "/embed/demo/guest".to_owned(),
        "/rooms/demo".to_owned(),
        "/".to_owned(),
        "/join/nowhere/guest".to_owned(),
        "/join/demo/host".to_owned(),
        "/auth/signed-out".to_owned(),
        invitation(app).await,
    ]
}

#[tokio::test]
async fn every_page_type_speaks_each_language_with_its_lang_and_direction() {
    let app = portal(|_| {}).await;
    let pages = plain_pages(&app).await;
    for (tag, dir, new_tab) in LANGUAGES {
        let cookie = format!("portal_lang={tag}");
        for path in &pages {
            let (_, lang, shown_dir, html) = page_as(&app, path, None, Some(&cookie)).await;
            assert_eq!(
                (lang.as_str(), shown_dir.as_str()),
                (tag, dir),
                "{path} in {tag}"
            );
            if path.starts_with("/embed/") {
                continue; // the frame alone: its host page chooses the language with ?lang=
            }
            let current = text_of(&html, "details.languages a[aria-current]");
            let own_name = Language::parse(tag).unwrap().own_name();
            assert_eq!(current.as_deref(), Some(own_name), "{path} in {tag}");
        }
        let (_, html) = (
            0,
            page_as(&app, "/join/demo/guest", None, Some(&cookie))
                .await
                .3,
        );
        assert_eq!(
            text_of(&html, ".bar-link-text").as_deref(),
            Some(new_tab),
            "{tag}"
        );
    }
}

#[tokio::test]
async fn with_the_pseudo_language_no_page_shows_english_that_no_catalogue_holds() {
    let app = portal(|s| s.ui.languages = vec![Language::English, Language::Pseudo]).await;
    let cookie = "portal_lang=en-XA";
    let mut pages = plain_pages(&app).await;
    pages.push("/join/demo/guest?name=Ada%20Lovelace&lang=en-XA".to_owned());
    for path in &pages {
        let (_, lang, _, html) = page_as(&app, path, None, Some(cookie)).await;
        assert_eq!(lang, "en-XA", "{path}");
        let left = english_left(&html);
        assert!(left.is_empty(), "{path}: untranslated {left:?}");
    }

    // The waiting room's pages, the visitor's and the host's.
    let lobby =
        spawn_lobby_app(|s| s.ui.languages = vec![Language::English, Language::Pseudo]).await;
    let visitor = Browser::new(&lobby);
    let host = host(&lobby).await;
    for browser in [&visitor, &host] {
        browser.get("/join/demo/guest?lang=en-XA").await;
        browser.get("/join/demo/host?lang=en-XA").await;
    }
    let (_, knock) = visitor.get("/join/demo/guest").await;
    let waiting = visitor.knock("/join/demo/guest", "Ada Lovelace").await;
    let (_, wait) = visitor.get(&waiting).await;
    let (_, hosts) = host.get("/lobby/r/demo").await;
    for (name, html) in [("knock", knock), ("waiting", wait), ("hosts", hosts)] {
        assert_eq!(super::lang_and_dir(&html).0, "en-XA", "{name}: {html}");
        let left = english_left(&html);
        assert!(left.is_empty(), "{name}: untranslated {left:?}");
    }
}

/// What the operator or the visitor gave (names, titles, roles, addresses): not the portal's
/// words, so no catalogue holds them.
const DATA: [&str; 11] = [
    "UTC",
    "viewer",
    "Demo room",
    "Meetings",
    "Ada Lovelace",
    "Dr Who",
    "nowhere",
    "guest",
    "host",
    "100ms",
    "demo",
];

/// Words of three or more Latin letters in a page's text and in the attributes people read
/// (titles, labels, placeholders, scripts' words) that the pseudo-language did not mark
/// (it wraps each piece of catalogue text in brackets), outside data, code and the other
/// languages' names in the switch.
fn english_left(html: &str) -> Vec<String> {
    let document = Html::parse_document(html);
    let mut texts = Vec::new();
    let root = document
        .select(&Selector::parse("html").unwrap())
        .next()
        .unwrap();
    collect(root, &mut texts);
    let words = regex_lite::Regex::new(r"[A-Za-z]{3,}").unwrap();
    let marked = regex_lite::Regex::new(r"\[[^\]]*\]").unwrap();
    texts
        .into_iter()
        .map(|text| {
            let mut text = marked.replace_all(&text, " ").into_owned();
            for data in DATA {
                text = text.replace(data, " ");
            }
            // A script's template keeps its variables: {count}, {link}.
            regex_lite::Regex::new(r"\{[a-z_]+\}")
                .unwrap()
                .replace_all(&text, " ")
                .into_owned()
        })
        .filter(|text| words.is_match(text))
        .collect()
}

fn collect(element: ElementRef<'_>, texts: &mut Vec<String>) {
    let value = element.value();
    let other_language = value.attr("lang").is_some_and(|l| l != "en-XA");
    if value.attr("translate") == Some("no") || other_language {
        return;
    }
    for (name, attr) in value.attrs() {
        let read = ["title", "aria-label", "placeholder", "alt"].contains(&name)
            || (name.starts_with("data-") && attr.contains(' '));
        if read {
            texts.push(attr.to_owned());
        }
    }
    if ["script", "noscript", "style", "code", "textarea", "svg"].contains(&value.name()) {
        return;
    }
    for child in element.children() {
        match child.value() {
            Node::Text(text) if !text.trim().is_empty() => texts.push(text.to_string()),
            Node::Element(_) => collect(ElementRef::wrap(child).unwrap(), texts),
            _ => {}
        }
    }
}

#[tokio::test]
async fn a_bare_links_page_made_from_pieces_is_byte_for_byte_the_rendered_one_in_every_language() {
    let app = portal(|s| demo_alias(s).title = Some("R&D \"Lab\" <Ops>".into())).await;
    for (tag, _, _) in LANGUAGES {
        let cookie = format!("portal_lang={tag}");
        for page in ["join", "embed"] {
            // A bare link is made from the pieces cut at start-up; an ignored parameter sends
            // the same visit through its template.
            let (_, _, _, cut) =
                page_as(&app, &format!("/{page}/demo/guest"), None, Some(&cookie)).await;
            let path = format!("/{page}/demo/guest?utm_source=mail");
            let (_, _, _, rendered) = page_as(&app, &path, None, Some(&cookie)).await;
            assert_eq!(cut, rendered, "{page} in {tag}");
            assert!(cut.contains("R&#38;D &#34;Lab&#34; &#60;Ops&#62;"), "{cut}");
        }
    }
}
