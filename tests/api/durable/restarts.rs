//! What the store keeps outlives the process: a restarted portal serves the rooms made through
//! its API, opens their invitations and still refuses the links that were revoked.

use reqwest::Method;
use serde_json::json;

use super::{Backing, World, create_room, invite, on_both_stores, revoke, signed_path};
use crate::helpers::{meeting_iframe, text_of};

on_both_stores!(
    a_room_an_invitation_and_a_revocation_made_through_the_api_survive_a_restart,
    the_audit_log_says_who_did_what_and_when,
);

async fn a_room_an_invitation_and_a_revocation_made_through_the_api_survive_a_restart(
    world: World,
    _: Backing,
) {
    let before = world.portal().await;
    create_room(
        &before,
        json!({
            "name": "board-meeting",
            "title": "Board meeting",
            "listed": true,
            "access": { "host": "signed", "guest": "public" }
        }),
    )
    .await;
    let (status, _) = before.page("/join/board-meeting/guest").await;
    assert_eq!(status, 200, "served by the portal that made it");
    let invitation = invite(
        &before,
        json!({ "room": "board-meeting", "role": "guest", "expires_in": 3600, "name": "Grace" }),
    )
    .await;
    let revoked_link = signed_path(&before, "board-meeting", "host").await;
    revoke(&before, "board-meeting", "host").await;
    before.server.stop(true).await;

    let after = world.portal().await;

    let (status, html) = after.page("/join/board-meeting/guest").await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(text_of(&html, "h1").as_deref(), Some("Board meeting"));
    meeting_iframe(&html);
    let (status, html) = after.page("/").await;
    assert_eq!(status, 200);
    assert!(html.contains("Board meeting"), "still listed: {html}");
    let (status, _) = after.page("/join/board-meeting/host").await;
    assert_eq!(status, 403, "the room's host policy was kept");
    let id = invitation["id"].as_str().unwrap();
    let (status, html) = after.page(&format!("/i/{id}")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Grace"), "{html}");
    let (status, html) = after.page(&revoked_link).await;
    assert_eq!(status, 410, "the revocation was kept: {html}");
    let fresh_link = signed_path(&after, "board-meeting", "host").await;
    assert_eq!(
        after.page(&fresh_link).await.0,
        200,
        "links made since open it"
    );
}

async fn the_audit_log_says_who_did_what_and_when(world: World, _: Backing) {
    let app = world.portal().await;
    create_room(&app, json!({ "name": "audited" })).await;
    let invitation = invite(
        &app,
        json!({ "room": "audited", "role": "guest", "expires_in": 600 }),
    )
    .await;
    let id = invitation["id"].as_str().unwrap();
    super::press_join(&app, id).await;
    let rotate = "/api/v1/rooms/audited/roles/guest/rotate";
    assert_eq!(app.api(Method::POST, rotate, None).await.0, 200);
    revoke(&app, "audited", "host").await;
    let purge = json!({ "room": "audited" });
    assert_eq!(
        app.api(Method::POST, "/api/v1/cache/purge", Some(purge))
            .await
            .0,
        200
    );
    let revoke_invitation = format!("/api/v1/invites/{id}");
    assert_eq!(
        app.api(Method::DELETE, &revoke_invitation, None).await.0,
        200
    );

    let (status, _, log) = app.api(Method::GET, "/api/v1/audit", None).await;

    assert_eq!(status, 200, "{log}");
    let lines: Vec<(String, String, String)> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|line| {
            assert!(
                line["at_ms"].as_i64().unwrap() > 1_700_000_000_000,
                "{line}"
            );
            (
                line["actor"].as_str().unwrap().to_owned(),
                line["action"].as_str().unwrap().to_owned(),
                line["subject"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("admin-api", "invitation.revoked", id.to_owned()),
        ("admin-api", "cache.purged", "audited".to_owned()),
        ("admin-api", "links.revoked", "audited/host".to_owned()),
        ("admin-api", "code.rotated", "audited/guest".to_owned()),
        ("visitor", "invitation.used", id.to_owned()),
        ("admin-api", "invitation.issued", id.to_owned()),
        ("admin-api", "room.created", "audited".to_owned()),
    ];
    let expected: Vec<(String, String, String)> = expected
        .into_iter()
        .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c))
        .collect();
    assert_eq!(lines, expected, "newest first");
}
