//! Hosts wherever they are: an embedded host page reaches the waiting room even when its
//! cookies are third-party, and a host's list open on one replica is seen by waiting pages on
//! another.

use std::time::Duration;

use reqwest::Method;
use serde_json::json;

use super::{Browser, with_lobby};
use crate::durable::{Backing, World};
use crate::helpers::eventually;

/// The `href` of the embedded page's waiting-room link.
fn waiting_room_link(page: &str) -> String {
    let document = scraper::Html::parse_document(page);
    let selector = scraper::Selector::parse("a.embed-lobby").unwrap();
    document
        .select(&selector)
        .next()
        .and_then(|a| a.value().attr("href"))
        .unwrap_or_else(|| panic!("the embedded host page links the waiting room: {page}"))
        .to_owned()
}

#[tokio::test]
async fn an_embedded_hosts_page_opens_the_waiting_room_in_a_tab_without_its_frames_cookies() {
    let app = super::spawn_lobby_app(|_| {}).await;
    let visitor = Browser::new(&app);
    visitor.knock("/join/demo/guest", "Ada").await;
    let body = json!({ "room": "demo", "role": "host", "expires_in": "1h", "embed": true });
    let (status, _, link) = app.api(Method::POST, "/api/v1/links", Some(body)).await;
    assert_eq!(status, 200, "{link}");
    let embed = link["url"].as_str().unwrap().replacen(&app.address, "", 1);
    let (status, page) = Browser::new(&app).get(&embed).await;
    assert_eq!(status, 200, "{page}");
    let link = waiting_room_link(&page);

    // A new tab shares none of the frame's (refused, third-party) cookies.
    let tab = Browser::new(&app);
    let (status, location) = tab.get_location(&link).await;
    assert_eq!(status, 303);
    assert_eq!(location, "/lobby/r/demo", "the pass leaves the address");
    let (status, list) = tab.get("/lobby/r/demo").await;
    assert_eq!(status, 200, "{list}");
    assert!(list.contains("Ada"), "{list}");

    let forged = link.replace("pass=", "pass=x");
    let (status, _) = Browser::new(&app).get_location(&forged).await;
    assert_eq!(status, 403, "a pass that is not the portal's opens nothing");
}

#[tokio::test]
async fn a_hosts_list_open_on_one_replica_tells_waiting_pages_on_another_that_someone_is_there() {
    let Some(world) = World::new(Backing::Postgres).await else {
        return;
    };
    let quick = |s: &mut prebuilt_portal::settings::Settings| {
        with_lobby(s);
        s.lobby.lapse = Duration::from_secs(2);
    };
    let a = world.portal_with(quick).await;
    let b = world.portal_with(quick).await;
    let visitor = Browser::new(&a);
    let waiting = visitor.knock("/join/demo/guest", "Ada").await;
    assert!(
        visitor
            .get(&waiting)
            .await
            .1
            .contains("Nobody who can let you in")
    );

    let host = super::host(&b).await;
    let list = host
        .http
        .get(format!("{}/lobby/r/demo/events", b.address))
        .send()
        .await
        .unwrap();
    assert_eq!(list.status(), 200);
    eventually(|| async {
        let (_, page) = visitor.get(&waiting).await;
        page.contains("Someone who can let you in is here.")
            .then_some(())
    })
    .await;

    drop(list);
    eventually(|| async {
        let (_, page) = visitor.get(&waiting).await;
        page.contains("Nobody who can let you in").then_some(())
    })
    .await;
}
