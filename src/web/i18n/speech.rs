//! Which language a request gets, and the language switch of its page.
//!
//! The order: `?lang=` (which the envelope also keeps in a cookie), the cookie, the signed-in
//! person's `locale` claim, `Accept-Language`, then `ui.default_language`; only languages in
//! `ui.languages` count. Headers are read as they come, without parsing every cookie: this runs
//! on every view of the hottest page.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Deref;
use std::sync::OnceLock;

use askama::filters::{Escaper, Html as HtmlEscaper};

use super::words::{Msg, Words};
use crate::domain::{Language, Offered};

/// The cookie that keeps a visitor's choice of language.
pub const LANGUAGE_COOKIE: &str = "portal_lang";

/// The languages a portal offers, with each one's switch for a page without a query (most
/// views) made once, when its language is first used.
pub struct Languages {
    offered: Offered,
    bare_switches: [OnceLock<Box<str>>; Language::ALL.len()],
}

/// What a request gave to choose its language by.
#[derive(Debug, Default, Clone, Copy)]
pub struct Asked<'a> {
    pub query: &'a str,
    pub cookie_header: Option<&'a str>,
    /// The signed-in person's `locale` claim.
    pub claim: Option<&'a str>,
    pub accept_language: Option<&'a str>,
}

impl Languages {
    pub fn new(offered: Offered) -> Self {
        Self {
            offered,
            bare_switches: [const { OnceLock::new() }; Language::ALL.len()],
        }
    }

    /// Every language, English by default: for an error page made where the portal's
    /// settings are not at hand (the envelope renders every error page again, in the visitor's
    /// language, so browsers rarely see this).
    pub fn fallback() -> &'static Languages {
        static FALLBACK: std::sync::LazyLock<Languages> =
            std::sync::LazyLock::new(|| Languages::new(Offered::new(Language::English, &[])));
        &FALLBACK
    }

    /// The language a request is answered in.
    pub fn negotiate(&self, asked: Asked<'_>) -> Language {
        let offered = &self.offered;
        self.chosen_in_query(asked.query)
            .or_else(|| {
                let value = cookie_value(asked.cookie_header?, LANGUAGE_COOKIE)?;
                offered.chosen(value)
            })
            .or_else(|| offered.chosen(asked.claim?))
            .or_else(|| offered.accepted(asked.accept_language?))
            .unwrap_or(offered.default_language())
    }

    /// The offered language `?lang=` names, if it does.
    pub fn chosen_in_query(&self, query: &str) -> Option<Language> {
        if query.is_empty() {
            return None;
        }
        let value = query.split('&').find_map(|p| p.strip_prefix("lang="))?;
        self.offered.chosen(value)
    }

    /// A page's words, and its switch for the address's query (`lang` dropped).
    pub fn speech<'a>(&'a self, language: Language, query: &'a str) -> Speech<'a> {
        Speech {
            words: super::words(language),
            languages: self,
            query,
        }
    }

    /// Links to the page in each offered language (nothing when only one is offered): a
    /// `<details>` menu, so it needs no script.
    fn switch_html(&self, current: Language, query: &str) -> String {
        if self.offered.iter().nth(1).is_none() {
            return String::new();
        }
        let words = super::words(current);
        let mut kept = String::new();
        for part in query.split('&').filter(|p| kept_on_switching(p)) {
            let _ = HtmlEscaper.write_escaped_str(&mut kept, part);
            kept.push_str("&amp;");
        }
        let mut html = format!(
            "<details class=\"languages\"><summary><span class=\"languages-tag\" aria-hidden=\"true\">{}</span><span class=\"sr-only\">{}: {}</span></summary><ul>",
            current.tag().to_ascii_uppercase(),
            words.text(Msg::LanguageSwitch),
            current.own_name(),
        );
        for language in self.offered.iter() {
            let tag = language.tag();
            let current_mark = if language == current {
                " aria-current=\"true\""
            } else {
                ""
            };
            let _ = write!(
                html,
                "<li><a href=\"?{kept}lang={tag}\" hreflang=\"{tag}\" lang=\"{tag}\" dir=\"{}\"{current_mark}>{}</a></li>",
                language.direction(),
                language.own_name()
            );
        }
        html.push_str("</ul></details>");
        html
    }
}

/// Markup made here (the switch), written as it is.
pub struct Markup<'a>(Cow<'a, str>);

impl Markup<'_> {
    pub fn none() -> Self {
        Self(Cow::Borrowed(""))
    }
}

impl std::fmt::Display for Markup<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::filters::HtmlSafe for Markup<'_> {}

impl askama::FastWritable for Markup<'_> {
    fn write_into(
        &self,
        dest: &mut dyn std::fmt::Write,
        _: &dyn askama::Values,
    ) -> askama::Result<()> {
        Ok(dest.write_str(&self.0)?)
    }
}

/// A page's language: its words (through `Deref`) and its language switch.
#[derive(Clone, Copy)]
pub struct Speech<'a> {
    words: &'static Words,
    languages: &'a Languages,
    query: &'a str,
}

impl<'a> Speech<'a> {
    pub fn words(&self) -> &'static Words {
        self.words
    }

    /// Whether the page's address has a query (its switch's links then keep part of it).
    pub fn has_query(&self) -> bool {
        !self.query.is_empty()
    }

    /// The same words, with a switch that keeps nothing of the address's query (a page about
    /// a mistake in it).
    pub fn without_query(self) -> Self {
        Self { query: "", ..self }
    }

    /// The language switch, its links keeping the rest of the page's query.
    pub fn switch(&self) -> Markup<'a> {
        let language = self.words.language();
        Markup(if self.query.is_empty() {
            Cow::Borrowed(
                self.languages.bare_switches[language as usize]
                    .get_or_init(|| self.languages.switch_html(language, "").into()),
            )
        } else {
            Cow::Owned(
                self.languages
                    .switch_html(self.words.language(), self.query),
            )
        })
    }
}

impl Deref for Speech<'_> {
    type Target = Words;

    fn deref(&self) -> &Words {
        self.words
    }
}

/// Whether a query parameter stays in the language switch's links: those that make the
/// visit (a signed link's, a name, an invitation's pass), not `lang` or anything else (tracking
/// tags, mistakes), so no stray input is echoed into the page.
fn kept_on_switching(part: &str) -> bool {
    const KEPT: [&str; 8] = [
        "name",
        "user_id",
        "skip_preview",
        "lobby",
        "iat",
        "exp",
        "sig",
        "pass",
    ];
    let key = part.split_once('=').map_or(part, |(key, _)| key);
    KEPT.contains(&key)
}

/// A cookie's value in a `Cookie` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn languages() -> Languages {
        Languages::new(Offered::new(Language::English, &[]))
    }

    #[test]
    fn the_query_beats_the_cookie_beats_the_claim_beats_the_browser() {
        let languages = languages();
        let mut asked = Asked {
            query: "x=1&lang=fr",
            cookie_header: Some("a=b; portal_lang=de"),
            claim: Some("ja"),
            accept_language: Some("es"),
        };
        assert_eq!(languages.negotiate(asked), Language::French);
        asked.query = "";
        assert_eq!(languages.negotiate(asked), Language::German);
        asked.cookie_header = Some("portal_lang=xx");
        assert_eq!(languages.negotiate(asked), Language::Japanese);
        asked.claim = None;
        assert_eq!(languages.negotiate(asked), Language::Spanish);
        asked.accept_language = Some("sv");
        assert_eq!(languages.negotiate(asked), Language::English);
    }

    #[test]
    fn the_switch_keeps_the_query_but_not_its_language() {
        let languages = languages();
        let html = languages.switch_html(Language::German, "exp=1&lang=fr&sig=a\"b");
        assert!(
            html.contains("href=\"?exp=1&amp;sig=a&#34;b&amp;lang=ja\""),
            "{html}"
        );
        assert!(html.contains("aria-current=\"true\">Deutsch"), "{html}");
        let single = Languages::new(Offered::new(Language::German, &[Language::German]));
        assert_eq!(single.switch_html(Language::German, ""), "");
    }
}
