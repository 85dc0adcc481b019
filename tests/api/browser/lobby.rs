//! The lobby in real Chromium, two browsers: a visitor knocks; the host's join page shows the
//! knock; the host admits from the waiting list; the visitor's page enters the meeting by itself.
//! A second visitor is turned away with a message. Every lobby page passes axe in both schemes.

use std::time::Duration;

use fantoccini::Locator;
use reqwest::Method;
use serde_json::json;

use super::pages::meeting_frame;
use super::sign_in::click;
use super::{Browser, Scheme, Screen, chromium};
use crate::helpers::TestApp;
use crate::lobby::spawn_lobby_app;

async fn host_link(app: &TestApp) -> String {
    host_link_for(app, false).await
}

async fn host_link_for(app: &TestApp, embed: bool) -> String {
    let body = json!({ "room": "demo", "role": "host", "expires_in": "1h", "name": "Dr Who", "embed": embed });
    let (status, _, link) = app.api(Method::POST, "/api/v1/links", Some(body)).await;
    assert_eq!(status, 200, "{link}");
    link["url"].as_str().unwrap().to_owned()
}

pub(super) async fn text(browser: &Browser) -> String {
    browser
        .eval("return document.body.innerText")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

pub(super) async fn wait_for_text(browser: &Browser, needle: &str, within: Duration) -> String {
    let started = std::time::Instant::now();
    loop {
        let now = text(browser).await;
        if now.contains(needle) {
            return now;
        }
        assert!(started.elapsed() < within, "never showed {needle:?}: {now}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

async fn knock(browser: &Browser, app: &TestApp, name: &str) {
    browser
        .client
        .goto(&format!("{}/join/demo/guest", app.address))
        .await
        .unwrap();
    let field = browser.client.find(Locator::Id("name")).await.unwrap();
    field.send_keys(name).await.unwrap();
    click(browser, "form button[type=submit]").await;
    wait_for_text(browser, "Keep this page open", Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_host_admits_a_knock_live_and_turns_another_away_with_a_message() {
    let Some(host) = chromium(Screen::Desktop).await else {
        return;
    };
    let Some(visitor) = chromium(Screen::Phone).await else {
        return;
    };
    let app = spawn_lobby_app(|_| {}).await;
    host.client.goto(&host_link(&app).await).await.unwrap();
    wait_for_text(&host, "Waiting room", Duration::from_secs(5)).await;

    knock(&visitor, &app, "Ada Lovelace").await;
    // The host's join page counts the knock, live.
    wait_for_text(&host, "1 waiting", Duration::from_secs(2)).await;

    host.client
        .goto(&format!("{}/lobby/r/demo", app.address))
        .await
        .unwrap();
    wait_for_text(&host, "Ada Lovelace", Duration::from_secs(2)).await;
    click(&host, "form[action$='/admit'] button").await;

    // The visitor's page enters the meeting by itself.
    let started = std::time::Instant::now();
    visitor
        .client
        .wait()
        .at_most(Duration::from_secs(2))
        .for_element(Locator::Css("iframe.meeting-frame"))
        .await
        .expect("the meeting opens within 2 s of the admission");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(meeting_frame(&visitor).await, ["guest", "Ada Lovelace"]);

    let Some(second) = chromium(Screen::Desktop).await else {
        return;
    };
    knock(&second, &app, "Mallory").await;
    wait_for_text(&host, "Mallory", Duration::from_secs(2)).await;
    let message = host
        .client
        .find(Locator::Css("form[action$='/deny'] input[name=message]"))
        .await
        .unwrap();
    message
        .send_keys("This clinic is by appointment")
        .await
        .unwrap();
    click(&host, "form[action$='/deny'] button").await;
    let page = wait_for_text(&second, "You were not let in", Duration::from_secs(2)).await;
    assert!(page.contains("This clinic is by appointment"), "{page}");
}

#[tokio::test(flavor = "multi_thread")]
async fn every_lobby_page_passes_axe_in_both_schemes_at_both_widths() {
    for screen in [Screen::Desktop, Screen::Phone] {
        let Some(browser) = chromium(screen).await else {
            return;
        };
        let app = spawn_lobby_app(|_| {}).await;
        let host_url = host_link(&app).await;
        let host_embed_url = host_link_for(&app, true).await;
        for scheme in [Scheme::Light, Scheme::Dark] {
            browser.prefer(scheme).await;
            let label = if scheme == Scheme::Dark { "-dark" } else { "" };
            browser
                .client
                .goto(&format!("{}/join/demo/guest", app.address))
                .await
                .unwrap();
            check(&browser, &format!("lobby-knock{label}"), screen).await;
            knock(&browser, &app, "Ada").await;
            check(&browser, &format!("lobby-waiting{label}"), screen).await;
            browser.client.goto(&host_url).await.unwrap();
            check(&browser, &format!("lobby-host-join{label}"), screen).await;
            browser.client.goto(&host_embed_url).await.unwrap();
            // The embedded page's count comes through its carried pass.
            wait_for_text(&browser, "1 waiting", Duration::from_secs(2)).await;
            check(&browser, &format!("lobby-host-embed{label}"), screen).await;
            browser
                .client
                .goto(&format!("{}/lobby/r/demo", app.address))
                .await
                .unwrap();
            wait_for_text(&browser, "Ada", Duration::from_secs(2)).await;
            check(&browser, &format!("lobby-hosts{label}"), screen).await;
            click(&browser, "form[action$='/deny'] button").await;
            wait_for_text(&browser, "Nobody is waiting", Duration::from_secs(2)).await;
            browser.client.back().await.ok();
        }
    }
}

pub(super) async fn check(browser: &Browser, name: &str, screen: Screen) {
    let violations = browser.accessibility_violations().await;
    assert!(
        violations.is_empty(),
        "{name} at {screen:?}: {violations:#?}"
    );
    let errors: Vec<String> = browser
        .severe_console_messages()
        .await
        .into_iter()
        .filter(|m| !m.contains("status of 4"))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:?}");
    browser.screenshot(name, screen).await;
}
