//! Invitations that wait: after Join, the invitee waits in the room's lobby under the
//! invitation's name, until a host lets them in.

use reqwest::Method;
use serde_json::json;

use super::{Browser, host, spawn_lobby_app, ticket_of};
use crate::durable::form_token;
use crate::helpers::{meeting_iframe, spawn_admin_app};

#[tokio::test]
async fn an_invitation_that_waits_joins_the_lobby_under_its_name_and_enters_once_admitted() {
    let app = spawn_lobby_app(|_| {}).await;
    let body = json!({ "room": "demo", "role": "viewer", "expires_in": "2h", "name": "Grace", "lobby": true });
    let (status, _, invitation) = app.api(Method::POST, "/api/v1/invites", Some(body)).await;
    assert_eq!(status, 201, "{invitation}");
    assert_eq!(invitation["lobby"], true);
    let path = invitation["url"]
        .as_str()
        .unwrap()
        .replacen(&app.address, "", 1);

    let invitee = Browser::new(&app);
    let (_, page) = invitee.get(&path).await;
    let (status, waiting) = invitee.post(&path, &form_token(&page).unwrap(), &[]).await;
    assert_eq!(status, 303);
    assert!(
        waiting.starts_with("/lobby/t/"),
        "to the waiting page: {waiting}"
    );
    let (_, page) = invitee.get(&waiting).await;
    assert!(page.contains("Hello Grace"), "{page}");
    let (_, _, shown) = app
        .api(
            Method::GET,
            &format!("/api/v1/invites/{}", invitation["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(shown["uses"], 1, "Join counted one use");

    let host = host(&app).await;
    let (_, list) = host.get("/lobby/r/demo").await;
    assert!(list.contains("Grace"), "{list}");
    assert!(list.contains("the name comes with their link"), "{list}");
    host.post(
        &format!("/lobby/r/demo/{}/admit", ticket_of(&waiting)),
        &form_token(&list).unwrap(),
        &[],
    )
    .await;
    let (_, meeting) = invitee.get(&waiting).await;
    let (src, _) = meeting_iframe(&meeting);
    assert!(
        src.contains("auth_token=") && src.contains("Grace"),
        "{src}"
    );
}

#[tokio::test]
async fn an_invitation_cannot_wait_in_a_room_without_a_lobby() {
    let app = spawn_admin_app().await;
    let body = json!({ "room": "demo", "role": "guest", "expires_in": "1h", "lobby": true });
    let (status, content_type, problem) =
        app.api(Method::POST, "/api/v1/invites", Some(body)).await;
    assert_eq!(status, 409, "{problem}");
    assert_eq!(content_type, "application/problem+json");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("rooms.aliases.demo.lobby"),
        "{problem}"
    );
}
