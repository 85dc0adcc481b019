//! Signing in through the OpenID provider in a real browser: at top level (the provider's own
//! login and consent pages, back to the deep link), and from an embedded page, whose sign-in
//! runs in a window of its own that closes itself and reloads the embedded page.

use std::time::Duration;

use fantoccini::Locator;

use super::pages::meeting_frame;
use super::{Browser, Scheme, Screen, chromium};
use crate::sign_in::spawn_with_provider;

/// Waits (up to ten seconds) for the element `css`, then clicks it; found again when a live
/// page replaced it between finding and clicking.
pub(super) async fn click(browser: &Browser, css: &str) {
    for attempt in 0..3 {
        let element = browser
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"));
        match element.click().await {
            Ok(()) => return,
            Err(error) if attempt < 2 && error.to_string().contains("stale") => {}
            Err(error) => panic!("{css}: {error}"),
        }
    }
}

/// Fills the provider's login form (any password), then accepts its consent page if it asks.
pub(super) async fn sign_in_at_provider(browser: &Browser, login: &str) {
    let client = &browser.client;
    let field = client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("input[name=login]"))
        .await
        .expect("the provider's login form");
    field.send_keys(login).await.unwrap();
    let password = client
        .find(Locator::Css("input[name=password]"))
        .await
        .unwrap();
    password.send_keys("any password").await.unwrap();
    client
        .find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let consent = client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("input[name=prompt][value=consent], iframe"))
        .await
        .unwrap();
    if consent.attr("name").await.unwrap().as_deref() == Some("prompt") {
        click(browser, "button[type=submit]").await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_signs_in_at_the_provider_and_meets_under_their_own_name_also_when_embedded() {
    let Some(browser) = chromium(Screen::Desktop).await else {
        return;
    };
    let Some((app, _provider)) = spawn_with_provider(|_| {}).await else {
        return;
    };
    let client = &browser.client;

    client
        .goto(&format!("{}/join/demo/host?name=Mallory", app.address))
        .await
        .unwrap();
    sign_in_at_provider(&browser, "alice").await;

    assert_eq!(meeting_frame(&browser).await, ["host", "Alice Example"]);
    let url = client.current_url().await.unwrap();
    assert_eq!(url.path(), "/join/demo/host", "back on the deep link");
    for scheme in [Scheme::Dark, Scheme::Light] {
        browser.prefer(scheme).await;
        let violations = browser.accessibility_violations().await;
        assert!(violations.is_empty(), "{scheme:?}: {violations:#?}");
    }
    browser.screenshot("join-signed-in", Screen::Desktop).await;

    // Sign out here, then at the provider (its confirmation page), and back to the portal.
    click(&browser, "form.sign-out button").await;
    // The provider's own "Yes, sign me out" (a looser selector could still find the portal's
    // sign-out button while its page is leaving, and the click then hits a stale element).
    click(&browser, "button[name=logout][value=yes]").await;
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_url(&format!("{}/auth/signed-out", app.address).parse().unwrap())
        .await
        .unwrap();

    // Embedded: no provider inside the frame; a window of its own that closes itself.
    client
        .goto(&format!("{}/embed/demo/host", app.address))
        .await
        .unwrap();
    let violations = browser.accessibility_violations().await;
    assert!(violations.is_empty(), "{violations:#?}");
    browser.screenshot("embed-sign-in", Screen::Desktop).await;
    let embedded = client.window().await.unwrap();
    click(&browser, "form[data-sign-in] button").await;
    let mut windows = Vec::new();
    for _ in 0..100 {
        windows = client.windows().await.unwrap();
        if windows.len() > 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let popup = windows
        .into_iter()
        .find(|w| *w != embedded)
        .expect("a sign-in window opens");
    client.switch_to_window(popup).await.unwrap();
    sign_in_at_provider(&browser, "alice").await;
    for _ in 0..100 {
        if client.windows().await.unwrap().len() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        client.windows().await.unwrap().len(),
        1,
        "the sign-in window closed itself"
    );
    client.switch_to_window(embedded).await.unwrap();

    assert_eq!(meeting_frame(&browser).await, ["host", "Alice Example"]);
}
