//! A name a signed link binds holds in the meeting: a visitor who edits `name=` in the frame's
//! URL joins under it for a moment, then 100ms shows the bound name again (renamed through the
//! active-rooms API); a public visitor's own choice of name is left alone.

use std::time::Duration;

use prebuilt_portal::emulator::Emulator;
use prebuilt_portal::settings::SigningKeys;
use reqwest::Method;
use secrecy::SecretString;
use serde_json::json;

use crate::helpers::{ADMIN_TOKEN, eventually, meeting_iframe, spawn_app_with, text_of};

const KEY: &str = "signing-key-for-bound-names-0123456789";

/// The names the emulator's peers of the demo room show, by user id.
fn peer_names(emulator: &Emulator) -> Vec<(String, String)> {
    let account = emulator.account();
    let room = account.room_by_name("demo").expect("the demo room exists");
    let peers = account
        .live()
        .peers(&room.id, None, None)
        .unwrap_or_default();
    peers
        .into_values()
        .map(|peer| (peer.user_id, peer.name))
        .collect()
}

#[tokio::test]
async fn a_name_changed_in_the_frames_url_is_renamed_back_to_the_one_the_link_binds() {
    let app = spawn_app_with(|s| {
        s.access.signing_keys = SigningKeys::parse(KEY).unwrap();
        s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
        s.access.name_check_interval = Duration::from_millis(200);
    })
    .await;
    // A guest who picks their own name (a public role, nothing binds it).
    let (_, guest_page) = app.page("/join/demo/guest?name=Bob").await;
    let (guest_frame, _) = meeting_iframe(&guest_page);
    let guest_frame = guest_frame.replace("name=Bob", "name=Bobby");
    app.http.get(&guest_frame).send().await.unwrap();
    // A host link bound to Ada, whose frame URL is edited to say Mallory.
    let body = json!({ "room": "demo", "role": "host", "ttl_secs": 600, "name": "Ada",
                       "user_id": "ada-1" });
    let (status, _, link) = app.api(Method::POST, "/api/v1/links", Some(body)).await;
    assert_eq!(status, 200, "{link}");
    let path = link["url"].as_str().unwrap().replacen(&app.address, "", 1);
    let (status, host_page) = app.page(&path).await;
    assert_eq!(status, 200, "{host_page}");
    let (host_frame, _) = meeting_iframe(&host_page);
    assert!(host_frame.contains("name=Ada"), "{host_frame}");

    let tampered = host_frame.replace("name=Ada", "name=Mallory");
    let meeting = app.http.get(&tampered).send().await.unwrap();
    let meeting = meeting.text().await.unwrap();

    assert_eq!(text_of(&meeting, "#name").as_deref(), Some("Mallory"));
    eventually(|| async {
        let names = peer_names(&app.emulator);
        names
            .contains(&("ada-1".to_owned(), "Ada".to_owned()))
            .then_some(())
    })
    .await;
    let names = peer_names(&app.emulator);
    assert!(
        names.iter().any(|(_, name)| name == "Bobby"),
        "a public visitor keeps the name they chose: {names:?}"
    );
    assert!(
        !names.iter().any(|(_, name)| name == "Mallory"),
        "{names:?}"
    );
    assert_eq!(app.emulator.calls("update_active_peer"), 1);
    assert!(
        app.metrics()
            .await
            .contains("prebuilt_portal_names_restored_total 1")
    );
}
