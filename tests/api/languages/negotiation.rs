//! Which language a request gets: `?lang=` (kept in a cookie) beats the cookie, which beats the
//! browser's `Accept-Language` (weights and region fallback); an unknown language falls back to
//! the default; `ui.languages` restricts the set; a signed-in person's `locale` claim sits
//! between the cookie and the browser.

use prebuilt_portal::domain::Language;

use super::{lang_and_dir, page_as, switch_links};
use crate::helpers::{spawn_app, spawn_app_with};
use crate::sign_in::{browser, sign_in_at_provider, spawn_with_provider};

#[tokio::test]
async fn the_browsers_preferred_language_wins_by_weight_and_a_region_falls_back_to_its_language() {
    let app = spawn_app().await;
    let cases = [
        ("de-AT,en;q=0.5", "de"),
        ("fr;q=0.4, ja;q=0.9", "ja"),
        ("pt-PT", "pt-BR"),
        ("sv, es;q=0.3", "es"),
        ("de;q=0, fr;q=0.2", "fr"),
        ("sv, nb", "en"),
        ("ar-EG", "ar"),
    ];
    for (accepted, expected) in cases {
        let (status, lang, dir, _) = page_as(&app, "/join/demo/guest", Some(accepted), None).await;
        assert_eq!(status, 200);
        assert_eq!(lang, expected, "Accept-Language: {accepted}");
        assert_eq!(
            dir,
            if expected == "ar" { "rtl" } else { "ltr" },
            "{accepted}"
        );
    }
    let response = app.get("/join/demo/guest").await;
    let vary = response.headers()["vary"].to_str().unwrap();
    assert!(
        vary.contains("Accept-Language") && vary.contains("Cookie"),
        "{vary}"
    );
}

#[tokio::test]
async fn lang_in_the_address_beats_the_cookie_which_beats_the_browser_and_is_remembered() {
    let app = spawn_app().await;
    let (_, lang, _, _) =
        page_as(&app, "/join/demo/guest", Some("de"), Some("portal_lang=fr")).await;
    assert_eq!(lang, "fr", "the cookie beats the browser");

    let response = app
        .http
        .get(format!("{}/join/demo/guest?lang=es", app.address))
        .header("cookie", "portal_lang=fr")
        .header("accept-language", "de")
        .send()
        .await
        .unwrap();
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    let (lang, _) = super::lang_and_dir(&response.text().await.unwrap());
    assert_eq!(lang, "es", "?lang= beats the cookie");
    assert!(cookie.starts_with("portal_lang=es;"), "{cookie}");
    assert!(
        cookie.contains("Max-Age=31536000"),
        "kept for a year: {cookie}"
    );

    // The cookie already says so: nothing to set again.
    let again = app
        .http
        .get(format!("{}/join/demo/guest?lang=es", app.address))
        .header("cookie", "portal_lang=es")
        .send()
        .await
        .unwrap();
    assert!(again.headers().get("set-cookie").is_none());
}

#[tokio::test]
async fn an_unknown_language_falls_back_to_the_default_and_the_operator_may_restrict_the_set() {
    let app = spawn_app_with(|s| {
        s.ui.default_language = Language::German;
        s.ui.languages = vec![Language::French];
    })
    .await;
    for (path, accepted, cookie, expected) in [
        ("/join/demo/guest", Some("ja"), None, "de"),
        ("/join/demo/guest?lang=ja", Some("fr"), None, "fr"),
        ("/join/demo/guest?lang=klingon", None, None, "de"),
        ("/join/demo/guest", None, Some("portal_lang=es"), "de"),
        ("/join/demo/guest", Some("en-GB, fr-CA;q=0.5"), None, "fr"),
    ] {
        let (_, lang, _, html) = page_as(&app, path, accepted, cookie).await;
        assert_eq!(lang, expected, "{path} {accepted:?} {cookie:?}");
        let offered: Vec<String> = switch_links(&html).into_iter().map(|(l, _)| l).collect();
        assert_eq!(
            offered,
            ["de", "fr"],
            "only the operator's languages are offered"
        );
    }
}

#[tokio::test]
async fn a_portal_in_one_language_shows_no_switch() {
    let app = spawn_app_with(|s| s.ui.languages = vec![Language::English]).await;
    let (_, html) = app.page("/join/demo/guest").await;
    assert!(switch_links(&html).is_empty(), "{html}");
}

#[tokio::test]
async fn a_signed_in_persons_locale_beats_the_browser_but_not_their_own_choice() {
    let Some((app, _provider)) = spawn_with_provider(|_| {}).await else {
        return;
    };
    let client = browser(None);
    let page = format!("{}/join/demo/viewer", app.address);
    let to_provider = client.get(&page).send().await.unwrap();
    let back = sign_in_at_provider(&client, to_provider, "chiyo").await;
    assert_eq!(back.status(), 200);

    let as_german_browser = |url: String| {
        let client = client.clone();
        async move {
            let response = client
                .get(url)
                .header("accept-language", "de")
                .send()
                .await
                .unwrap();
            lang_and_dir(&response.text().await.unwrap()).0
        }
    };
    assert_eq!(
        as_german_browser(page.clone()).await,
        "ja",
        "the claim (ja-JP) beats the browser"
    );
    assert_eq!(as_german_browser(format!("{page}?lang=fr")).await, "fr");
    assert_eq!(
        as_german_browser(page.clone()).await,
        "fr",
        "their choice, kept, beats the claim"
    );
}
