//! Invitations: opening one counts nothing, "Join" counts one use (exactly, under a crowd),
//! and ended ones answer 410 with a page that says why.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};

use super::{Backing, World, invite, on_both_stores, press_join, revoke};
use crate::helpers::{TestApp, eventually, meeting_iframe, text_of};

on_both_stores!(
    opening_an_invitation_counts_no_use_and_join_lets_the_invitee_in_under_their_name,
    ended_invitations_answer_410_with_a_page_that_says_why,
    invitation_ids_are_long_random_and_only_the_admin_can_list_them,
    fifty_concurrent_joins_on_a_ten_use_invitation_let_exactly_ten_in,
    revoking_a_role_ends_its_links_and_invitations_made_before_but_not_after,
);

async fn uses_of(app: &TestApp, id: &str) -> Value {
    let (status, _, invitation) = app
        .api(Method::GET, &format!("/api/v1/invites/{id}"), None)
        .await;
    assert_eq!(status, 200, "{invitation}");
    invitation
}

async fn opening_an_invitation_counts_no_use_and_join_lets_the_invitee_in_under_their_name(
    world: World,
    _: Backing,
) {
    let app = world.portal().await;
    let invitation = invite(
        &app,
        json!({
            "room": "demo", "role": "host", "expires_in": 3600, "max_uses": 1,
            "name": "Ada Lovelace", "user_id": "ada-1", "note": "board member"
        }),
    )
    .await;
    let id = invitation["id"].as_str().unwrap();
    assert_eq!(invitation["url"], format!("{}/i/{id}", app.address));
    assert_eq!(invitation["state"], "open");

    for _ in 0..3 {
        let (status, html) = app.page(&format!("/i/{id}")).await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("Ada Lovelace"), "{html}");
        assert!(html.contains("Join the meeting"), "{html}");
        assert!(!html.contains("board member"), "the note is for operators");
        assert!(
            !html.contains("<iframe"),
            "no meeting before Join is pressed"
        );
    }
    assert_eq!(
        uses_of(&app, id).await["uses"],
        0,
        "opening the page counts nothing"
    );

    let (status, location) = press_join(&app, id).await;

    assert_eq!(status, 303);
    let location = location.unwrap();
    assert!(
        location.starts_with(&format!("/i/{id}?pass=")),
        "{location}"
    );
    assert_eq!(uses_of(&app, id).await["uses"], 1);
    let (status, html) = app.page(&location).await;
    assert_eq!(status, 200, "{html}");
    let (src, allow) = meeting_iframe(&html);
    assert_eq!(allow, "camera *;microphone *;display-capture *");
    assert!(
        src.contains("auth_token="),
        "a protected role joins with a token: {src}"
    );
    for code in app.codes_of("demo", "host") {
        assert!(!html.contains(&code), "no host code on the page");
    }
    let meeting = app
        .http
        .get(&src)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        text_of(&meeting, "#user-id").as_deref(),
        Some("ada-1"),
        "{meeting}"
    );
    assert_eq!(text_of(&meeting, "#name").as_deref(), Some("Ada Lovelace"));
    let (status, _) = app.page(&location).await;
    assert_eq!(status, 200, "reloading the meeting counts no second use");
    assert_eq!(uses_of(&app, id).await["uses"], 1);
    assert_eq!(uses_of(&app, id).await["state"], "used_up");
    let (status, _) = press_join(&app, id).await;
    assert_eq!(status, 410, "a single-use invitation is used");
}

async fn ended_invitations_answer_410_with_a_page_that_says_why(world: World, _: Backing) {
    let app = world.portal().await;
    let once = json!({ "room": "demo", "role": "guest", "expires_in": 3600, "max_uses": 1 });
    let used = invite(&app, once.clone()).await;
    let used_id = used["id"].as_str().unwrap();
    assert_eq!(press_join(&app, used_id).await.0, 303);
    let withdrawn = invite(&app, once).await;
    let withdrawn_id = withdrawn["id"].as_str().unwrap();
    let (status, _, body) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/invites/{withdrawn_id}"),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["state"], "revoked");
    let short = invite(
        &app,
        json!({ "room": "demo", "role": "guest", "expires_in": 1 }),
    )
    .await;
    let short_id = short["id"].as_str().unwrap().to_owned();

    let cases = [
        (used_id, "This invitation has been used"),
        (withdrawn_id, "This invitation was withdrawn"),
    ];
    for (id, heading) in cases {
        let (status, html) = app.page(&format!("/i/{id}")).await;
        assert_eq!(status, 410, "{html}");
        assert_eq!(text_of(&html, "h1").as_deref(), Some(heading));
        assert_eq!(press_join(&app, id).await.0, 410);
    }
    // Expiry is a time of day: wait for it to pass.
    let html = eventually(|| async {
        let (status, html) = app.page(&format!("/i/{short_id}")).await;
        (status == 410).then_some(html)
    })
    .await;
    assert_eq!(
        text_of(&html, "h1").as_deref(),
        Some("This invitation has expired")
    );
    assert_eq!(press_join(&app, &short_id).await.0, 410);
    let (status, html) = app.page("/i/AAAAAAAAAAAAAAAAAAAAAA").await;
    assert_eq!(status, 404, "{html}");
    assert_eq!(
        text_of(&html, "h1").as_deref(),
        Some("Invitation not found")
    );
}

async fn invitation_ids_are_long_random_and_only_the_admin_can_list_them(world: World, _: Backing) {
    let app = world.portal().await;
    let body = json!({ "room": "demo", "role": "guest", "expires_in": 600 });
    let first = invite(&app, body.clone()).await;
    let second = invite(&app, body).await;
    let ids = [
        first["id"].as_str().unwrap(),
        second["id"].as_str().unwrap(),
    ];
    assert_ne!(ids[0], ids[1]);
    for id in ids {
        assert_eq!(id.len(), 22, "128 bits in base64url: {id}");
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
    }
    for path in [
        "/api/v1/invites".to_owned(),
        format!("/api/v1/invites/{}", ids[0]),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status(), 401, "{path} needs the admin token");
    }
    let (status, _, page) = app.api(Method::GET, "/api/v1/invites?limit=1", None).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["invitations"].as_array().unwrap().len(), 1);
    assert_eq!(page["next_offset"], 1);
    let (_, _, rest) = app
        .api(Method::GET, "/api/v1/invites?limit=1&offset=1", None)
        .await;
    assert_eq!(rest["invitations"].as_array().unwrap().len(), 1);
    assert!(rest["next_offset"].is_null(), "{rest}");
    let (_, _, other_room) = app
        .api(Method::GET, "/api/v1/invites?room=elsewhere", None)
        .await;
    assert_eq!(other_room["invitations"], json!([]));
}

async fn fifty_concurrent_joins_on_a_ten_use_invitation_let_exactly_ten_in(
    world: World,
    backing: Backing,
) {
    // With PostgreSQL the presses are spread over two replicas.
    let first = world.portal().await;
    let second = if backing == Backing::Postgres {
        world.portal().await
    } else {
        first.clone_handle()
    };
    let invitation = invite(
        &first,
        json!({ "room": "demo", "role": "guest", "expires_in": 600, "max_uses": 10 }),
    )
    .await;
    let id = invitation["id"].as_str().unwrap().to_owned();

    let presses = (0..50).map(|n| {
        let app = if n % 2 == 0 {
            first.clone_handle()
        } else {
            second.clone_handle()
        };
        let id = id.clone();
        tokio::spawn(async move { press_join(&app, &id).await.0 })
    });
    let statuses: Vec<u16> = futures_util::future::join_all(presses)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();

    let joined = statuses.iter().filter(|s| **s == 303).count();
    let refused = statuses.iter().filter(|s| **s == 410).count();
    assert_eq!((joined, refused), (10, 40), "{statuses:?}");
    assert_eq!(uses_of(&first, &id).await["uses"], 10);
}

async fn revoking_a_role_ends_its_links_and_invitations_made_before_but_not_after(
    world: World,
    _: Backing,
) {
    let app = world.portal().await;
    let link = super::signed_path(&app, "demo", "host").await;
    let body = json!({ "room": "demo", "role": "host", "expires_in": 600 });
    let early = invite(&app, body.clone()).await;
    assert_eq!(app.page(&link).await.0, 200);

    let revoked_at_ms = revoke(&app, "demo", "host").await;

    let (status, html) = app.page(&link).await;
    assert_eq!(status, 410, "{html}");
    assert_eq!(
        text_of(&html, "h1").as_deref(),
        Some("This link was withdrawn")
    );
    let early_id = early["id"].as_str().unwrap();
    assert_eq!(app.page(&format!("/i/{early_id}")).await.0, 410);
    assert_eq!(uses_of(&app, early_id).await["state"], "revoked");
    assert_eq!(
        app.page("/join/demo/guest").await.0,
        200,
        "other roles are untouched"
    );
    let later = super::signed_path(&app, "demo", "host").await;
    assert_eq!(
        app.page(&later).await.0,
        200,
        "links made since open the role"
    );
    // Invitations count in whole seconds: one made in the second of the revocation counts as
    // made before it. Wait for the next second.
    let next_second = std::time::UNIX_EPOCH + Duration::from_secs(revoked_at_ms / 1000 + 1);
    if let Ok(wait) = next_second.duration_since(std::time::SystemTime::now()) {
        tokio::time::sleep(wait).await;
    }
    let late = invite(&app, body).await;
    let late = late["id"].as_str().unwrap();
    assert_eq!(app.page(&format!("/i/{late}")).await.0, 200);
    assert_eq!(press_join(&app, late).await.0, 303);
}
