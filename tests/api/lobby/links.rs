//! Signed links that wait: `lobby` is part of what the link signs; its visitor asks to join
//! under the link's name and waits until a host lets them in.

use reqwest::Method;
use serde_json::json;

use super::{Browser, host, spawn_lobby_app, ticket_of};
use crate::durable::form_token;
use crate::helpers::{demo_alias, meeting_iframe};
use prebuilt_portal::domain::AccessPolicy;

#[tokio::test]
async fn a_signed_link_that_waits_asks_to_join_under_its_name_and_cannot_be_stripped_of_waiting() {
    let app = spawn_lobby_app(|s| {
        demo_alias(s)
            .access
            .insert("viewer".parse().unwrap(), AccessPolicy::Signed);
    })
    .await;
    let body = json!({ "room": "demo", "role": "viewer", "expires_in": "1h", "name": "Ada", "lobby": true });
    let (status, _, link) = app.api(Method::POST, "/api/v1/links", Some(body)).await;
    assert_eq!(status, 200, "{link}");
    let path = link["url"].as_str().unwrap().replacen(&app.address, "", 1);
    assert!(path.contains("lobby=1"), "{path}");

    let stripped = path.replace("&lobby=1", "");
    assert_eq!(
        Browser::new(&app).get(&stripped).await.0,
        403,
        "waiting is signed"
    );

    let visitor = Browser::new(&app);
    let (status, ask) = visitor.get(&path).await;
    assert_eq!(status, 200, "{ask}");
    assert!(
        ask.contains("readonly") && ask.contains("value=\"Ada\""),
        "the name is the link's: {ask}"
    );
    let (status, waiting) = visitor.post(&path, &form_token(&ask).unwrap(), &[]).await;
    assert_eq!(status, 303);
    let host = host(&app).await;
    let (_, list) = host.get("/lobby/r/demo").await;
    host.post(
        &format!("/lobby/r/demo/{}/admit", ticket_of(&waiting)),
        &form_token(&list).unwrap(),
        &[],
    )
    .await;
    let (_, meeting) = visitor.get(&waiting).await;
    let (src, _) = meeting_iframe(&meeting);
    assert!(src.contains("auth_token=") && src.contains("Ada"), "{src}");
}

#[tokio::test]
async fn a_signed_link_cannot_wait_in_a_room_without_a_lobby() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.admin.token = Some(crate::helpers::ADMIN_TOKEN.into());
        s.access.signing_keys = prebuilt_portal::settings::SigningKeys::parse(super::KEY).unwrap();
    })
    .await;
    let body = json!({ "room": "demo", "role": "host", "expires_in": "1h", "lobby": true });
    let (status, _, problem) = app.api(Method::POST, "/api/v1/links", Some(body)).await;
    assert_eq!(status, 409, "{problem}");
}
