//! The language switch: plain links to the same page in another language, remembered for the
//! next visit; on a page reached through an invitation or the waiting room it keeps that visit
//! (the invitation's pass, the ticket) and counts nothing again.

use reqwest::Method;
use serde_json::json;

use super::{lang_and_dir, switch_links};
use crate::helpers::{ADMIN_TOKEN, TestApp, meeting_iframe, spawn_app_with, text_of};
use crate::lobby::{Browser, spawn_lobby_app};

/// The switch's link to `tag` on a page.
fn link_to(html: &str, tag: &str) -> String {
    switch_links(html)
        .into_iter()
        .find(|(lang, _)| lang == tag)
        .map(|(_, href)| href)
        .unwrap_or_else(|| panic!("no link to {tag} in {html}"))
}

#[tokio::test]
async fn the_switch_opens_the_same_page_in_that_language_and_the_next_visit_keeps_it() {
    let app = spawn_app_with(|_| {}).await;
    let browser = Browser::new(&app);
    let (_, english) = browser.get("/join/demo/guest").await;
    let href = link_to(&english, "ja");
    assert_eq!(
        href, "?lang=ja",
        "a bare link's switch adds only the language"
    );

    let (status, japanese) = browser.get(&format!("/join/demo/guest{href}")).await;
    assert_eq!(status, 200);
    assert_eq!(lang_and_dir(&japanese).0, "ja");
    meeting_iframe(&japanese);

    // The bare link again (answered from memory): the cookie keeps Japanese.
    let (_, again) = browser.get("/join/demo/guest").await;
    assert_eq!(lang_and_dir(&again).0, "ja");
    assert_eq!(
        text_of(&again, ".bar-link-text").as_deref(),
        Some("新しいタブで開く")
    );
}

async fn uses(app: &TestApp, id: &str) -> i64 {
    let path = format!("/api/v1/invites/{id}");
    let (_, _, shown) = app.api(Method::GET, &path, None).await;
    shown["uses"].as_i64().unwrap()
}

#[tokio::test]
async fn switching_language_in_an_invitations_meeting_keeps_the_visit_and_counts_no_use() {
    let app = spawn_app_with(|s| s.admin.token = Some(ADMIN_TOKEN.into())).await;
    let body = json!({ "room": "demo", "role": "host", "expires_in": "1h", "max_uses": 1 });
    let (_, _, invitation) = app.api(Method::POST, "/api/v1/invites", Some(body)).await;
    let id = invitation["id"].as_str().unwrap().to_owned();
    let page = format!("/i/{id}");

    let browser = Browser::new(&app);
    let (status, meeting) = browser.submit(&page, &page, &[]).await;
    assert_eq!(status, 303);
    assert!(meeting.contains("?pass="), "{meeting}");
    let (_, english) = browser.get(&meeting).await;
    assert_eq!(uses(&app, &id).await, 1);

    let href = link_to(&english, "de");
    assert!(
        href.contains("pass=") && href.ends_with("lang=de"),
        "{href}"
    );
    let (status, german) = browser.get(&format!("{page}{href}")).await;
    assert_eq!(status, 200, "{german}");
    assert_eq!(lang_and_dir(&german).0, "de");
    let (src, _) = meeting_iframe(&german);
    assert!(
        src.contains("auth_token="),
        "still the invitation's meeting: {src}"
    );
    assert_eq!(uses(&app, &id).await, 1, "switching counted no use");
}

#[tokio::test]
async fn switching_language_while_waiting_keeps_the_place_in_the_waiting_room() {
    let app = spawn_lobby_app(|_| {}).await;
    let visitor = Browser::new(&app);
    let waiting = visitor.knock("/join/demo/guest", "Ada Lovelace").await;
    let (_, english) = visitor.get(&waiting).await;
    assert_eq!(
        text_of(&english, "#wait-position").as_deref(),
        Some("You are next.")
    );

    let href = link_to(&english, "fr");
    let (status, french) = visitor.get(&format!("{waiting}{href}")).await;
    assert_eq!(status, 200);
    assert_eq!(lang_and_dir(&french).0, "fr");
    assert_eq!(
        text_of(&french, "#wait-position").as_deref(),
        Some("Vous êtes le prochain."),
        "the same ticket, still first in line"
    );
    let (_, _, lobby) = app.api(Method::GET, "/api/v1/rooms/demo/lobby", None).await;
    assert_eq!(lobby["waiting"].as_array().unwrap().len(), 1, "{lobby}");
}
