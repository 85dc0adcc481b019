//! Pages in Arabic and Japanese, as a browser shows them: axe-clean in both colour schemes at
//! desktop and phone width, Arabic laid out right to left without sideways scrolling at 390 px.

use prebuilt_portal::domain::Language;
use serde_json::Value;

use super::pages::{check_pages, open, pages, spawn_branded_app_in};
use super::{Browser, Scheme, Screen, chromium};
use crate::helpers::TestApp;

/// The browser asks for English (its own language): it picks `tag` from the switch, which the
/// portal keeps in a cookie for every later page.
async fn choose(browser: &Browser, app: &TestApp, tag: &str) {
    open(browser, app, "/").await;
    let link = format!("details.languages a[hreflang='{tag}']");
    let href = browser
        .eval(&format!(
            "return document.querySelector(\"{link}\").getAttribute('href');"
        ))
        .await;
    open(browser, app, &format!("/{}", href.as_str().unwrap())).await;
    let lang = browser.eval("return document.documentElement.lang;").await;
    assert_eq!(lang, tag);
}

#[tokio::test(flavor = "multi_thread")]
async fn arabic_and_japanese_pages_pass_axe_in_both_schemes_at_both_widths() {
    for screen in [Screen::Desktop, Screen::Phone] {
        let Some(browser) = chromium(screen).await else {
            return;
        };
        for (language, tag) in [(Language::Arabic, "ar"), (Language::Japanese, "ja")] {
            let app = spawn_branded_app_in("#2f54eb", language).await;
            choose(&browser, &app, tag).await;
            check_pages(&browser, &app, screen, Scheme::Light, &format!("-{tag}")).await;
            check_pages(
                &browser,
                &app,
                screen,
                Scheme::Dark,
                &format!("-{tag}-dark"),
            )
            .await;
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn arabic_pages_read_right_to_left_and_never_scroll_sideways_on_a_phone() {
    let Some(browser) = chromium(Screen::Phone).await else {
        return;
    };
    let app = spawn_branded_app_in("#2f54eb", Language::Arabic).await;
    choose(&browser, &app, "ar").await;
    for (name, path) in pages(&app).await {
        if name == "error-503" {
            continue; // the same page as any other error's
        }
        open(&browser, &app, &path).await;
        let laid_out = browser
            .eval(
                "const root = document.documentElement;
                 return {
                   dir: getComputedStyle(document.body).direction,
                   fits: root.scrollWidth <= root.clientWidth,
                   lang: root.lang,
                 };",
            )
            .await;
        assert_eq!(laid_out["dir"], "rtl", "{name}: {laid_out}");
        assert_eq!(laid_out["lang"], "ar", "{name}: {laid_out}");
        assert_eq!(
            laid_out["fits"],
            Value::Bool(true),
            "{name} scrolls sideways at 390 px"
        );
    }
    // The language menu opens over the page and stays on the screen.
    open(&browser, &app, "/rooms/demo").await;
    let menu = browser
        .eval(
            "document.querySelector('details.languages').open = true;
             const r = document.querySelector('details.languages ul').getBoundingClientRect();
             return r.left >= 0 && r.right <= innerWidth;",
        )
        .await;
    assert_eq!(menu, Value::Bool(true), "the open menu fits the screen");
}
