//! What a participant on a phone sees first: the room's title whole beside the operator's logo
//! (the new-tab link shrinks to an icon that keeps its name), a logo meant for the dark scheme
//! in the dark scheme, and, inside a social or chat app's built-in browser, a word that the
//! meeting may not get the camera there and a way out to the phone's browser.

use actix_web::{HttpResponse, web};
use serde_json::Value;

use super::{Scheme, Screen, chromium, loopback_site, phone_browsing_as};
use crate::helpers::{demo_alias, spawn_app_with};

/// Serves two logos (`/logo.svg`, `/logo-dark.svg`) on loopback: its address.
fn logo_server() -> String {
    fn logo(colour: &'static str) -> HttpResponse {
        HttpResponse::Ok().content_type("image/svg+xml").body(format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="{colour}"/></svg>"#
        ))
    }
    loopback_site(|routes| {
        routes
            .route("/logo.svg", web::get().to(|| async { logo("#102a43") }))
            .route(
                "/logo-dark.svg",
                web::get().to(|| async { logo("#f0f4f8") }),
            );
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn on_a_phone_the_title_is_read_whole_beside_the_logo_and_dark_pages_get_the_dark_logo() {
    let Some(browser) = chromium(Screen::Phone).await else {
        return;
    };
    let logos = logo_server();
    let app = spawn_app_with(|s| {
        s.ui.logo_url = Some(format!("{logos}/logo.svg").parse().unwrap());
        s.ui.logo_dark_url = Some(format!("{logos}/logo-dark.svg").parse().unwrap());
        demo_alias(s).title = Some("Quarterly planning review".into());
    })
    .await;

    let mut seen = Vec::new();
    for scheme in [Scheme::Light, Scheme::Dark] {
        browser.prefer(scheme).await;
        browser
            .client
            .goto(&format!("{}/join/demo/guest", app.address))
            .await
            .unwrap();
        let shown = browser
            .eval(
                "const title = document.querySelector('.bar-title');
                 const link = document.querySelector('.bar-link');
                 const logo = document.querySelector('.bar-logo img');
                 return {
                   whole: title.scrollHeight <= title.clientHeight + 1
                          && title.scrollWidth <= title.clientWidth + 1,
                   title_width: title.getBoundingClientRect().width,
                   link_name: link.textContent.trim(),
                   link_width: link.getBoundingClientRect().width,
                   logo: logo.currentSrc,
                 };",
            )
            .await;
        seen.push((scheme, shown));
    }

    for (scheme, shown) in &seen {
        assert_eq!(shown["whole"], Value::Bool(true), "{scheme:?}: {shown}");
        assert!(shown["title_width"].as_f64().unwrap() > 150.0, "{shown}");
        assert_eq!(
            shown["link_name"], "Open in a new tab",
            "its accessible name"
        );
        assert!(
            shown["link_width"].as_f64().unwrap() < 60.0,
            "an icon: {shown}"
        );
    }
    assert!(seen[0].1["logo"].as_str().unwrap().ends_with("/logo.svg"));
    assert!(
        seen[1].1["logo"]
            .as_str()
            .unwrap()
            .ends_with("/logo-dark.svg")
    );
    browser
        .screenshot("join-phone-long-title", Screen::Phone)
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn inside_an_apps_built_in_browser_the_join_page_offers_the_phones_browser() {
    let Some(browser) = chromium(Screen::Phone).await else {
        return;
    };
    let app = spawn_app_with(|_| {}).await;
    let page = format!("{}/join/demo/guest", app.address);

    browser.client.goto(&page).await.unwrap();
    let in_chrome = browser
        .eval("return document.getElementById('in-app') === null;")
        .await;
    drop(browser);
    let Some(browser) = phone_browsing_as(
        "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/UQ1A; wv) AppleWebKit/537.36 \
         (KHTML, like Gecko) Version/4.0 Chrome/156.0 Mobile Safari/537.36 Instagram 350.0",
    )
    .await
    else {
        return;
    };
    browser.client.goto(&page).await.unwrap();
    // The notice is shown by a deferred script: wait for it rather than race it (up to 20 s:
    // under a loaded CI machine 5 s was once not enough).
    let in_app = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const look = (tries) => {
               const notice = document.getElementById('in-app');
               if (notice || tries === 0) {
                 done(notice && { hidden: notice.hidden, text: notice.textContent,
                                  href: notice.querySelector('a').href });
               } else {
                 setTimeout(() => look(tries - 1), 50);
               }
             };
             look(400);",
            vec![],
        )
        .await
        .unwrap();

    assert_eq!(
        in_chrome,
        Value::Bool(true),
        "a real browser sees no notice"
    );
    assert_eq!(in_app["hidden"], Value::Bool(false), "{in_app}");
    assert!(
        in_app["text"]
            .as_str()
            .unwrap()
            .contains("camera and microphone")
    );
    let href = in_app["href"].as_str().unwrap();
    assert!(href.starts_with("intent://127.0.0.1:"), "{href}");
    assert!(
        href.contains("/join/demo/guest#Intent;scheme=http;end"),
        "{href}"
    );
    let violations = browser.accessibility_violations().await;
    assert!(violations.is_empty(), "{violations:#?}");
    browser
        .screenshot("join-in-app-browser", Screen::Phone)
        .await;
}
