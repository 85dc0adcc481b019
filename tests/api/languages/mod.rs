//! Pages in the visitor's language: which language a request gets, every page type in every
//! language, no English left where a catalogue has words, and a language switch that keeps
//! the visit it is on.

mod negotiation;
mod pages;
mod switching;

use reqwest::header::{ACCEPT_LANGUAGE, COOKIE};
use scraper::{Html, Selector};

use crate::helpers::TestApp;

/// Every language with its tag, direction, and the join page's "Open in a new tab".
pub const LANGUAGES: [(&str, &str, &str); 7] = [
    ("en", "ltr", "Open in a new tab"),
    ("de", "ltr", "In neuem Tab öffnen"),
    ("fr", "ltr", "Ouvrir dans un nouvel onglet"),
    ("es", "ltr", "Abrir en una pestaña nueva"),
    ("pt-BR", "ltr", "Abrir em nova aba"),
    ("ja", "ltr", "新しいタブで開く"),
    ("ar", "rtl", "فتح في علامة تبويب جديدة"),
];

/// A page as a browser with these headers gets it: (status, `lang`, `dir`, body).
pub async fn page_as(
    app: &TestApp,
    path: &str,
    accept_language: Option<&str>,
    cookie: Option<&str>,
) -> (u16, String, String, String) {
    let mut request = app.http.get(format!("{}{path}", app.address));
    if let Some(accepted) = accept_language {
        request = request.header(ACCEPT_LANGUAGE, accepted);
    }
    if let Some(cookie) = cookie {
        request = request.header(COOKIE, cookie);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let body = response.text().await.unwrap();
    let (lang, dir) = lang_and_dir(&body);
    (status, lang, dir, body)
}

/// `<html lang dir>` of a page.
pub fn lang_and_dir(html: &str) -> (String, String) {
    let document = Html::parse_document(html);
    let root = document
        .select(&Selector::parse("html").unwrap())
        .next()
        .unwrap();
    let attr = |name| root.value().attr(name).unwrap_or_default().to_owned();
    (attr("lang"), attr("dir"))
}

/// The language switch's links: (hreflang, href).
pub fn switch_links(html: &str) -> Vec<(String, String)> {
    let document = Html::parse_document(html);
    document
        .select(&Selector::parse("details.languages a[hreflang]").unwrap())
        .map(|a| {
            let attr = |name| a.value().attr(name).unwrap_or_default().to_owned();
            (attr("hreflang"), attr("href"))
        })
        .collect()
}
