//! An event's invitation follows the clock: a countdown before it opens, the Join page then
//! (with a token, even for a public role, that ends with the event), 410 after the end plus
//! grace, 410 "cancelled" once cancelled; a move moves every invitation.

use reqwest::Method;
use serde_json::json;

use super::{at, create_event, invitation_path, join, now, spawn_events_app};
use crate::helpers::{eventually, meeting_iframe};
use crate::lobby::Browser;

fn token_claims(page: &str) -> serde_json::Value {
    let (src, _) = meeting_iframe(page);
    let src = src.replace("&amp;", "&");
    let url = url::Url::parse(&src).unwrap();
    let token = url
        .query_pairs()
        .find(|(key, _)| key == "auth_token")
        .map(|(_, token)| token.into_owned())
        .unwrap_or_else(|| panic!("an event joins with a token, even a public role: {src}"));
    use base64::Engine;
    let claims = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token.split('.').nth(1).unwrap())
        .unwrap();
    serde_json::from_slice(&claims).unwrap()
}

#[tokio::test]
async fn an_invitation_counts_down_until_its_event_opens_then_joins_with_a_token_ending_with_the_event()
 {
    let app = spawn_events_app().await;
    let start = now() + 4;
    let event = create_event(
        &app,
        json!({ "starts_at": at(start), "ends_at": at(start + 60), "open_before": 2, "grace_after": "1m" }),
    )
    .await;
    let path = invitation_path(&event, 0);
    let ada = Browser::new(&app);

    let (status, page) = ada.get(&path).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("data-opens-in"), "a countdown: {page}");
    assert!(page.contains("Weekly review"), "{page}");
    assert!(!page.contains("<iframe"), "no meeting before it opens");
    assert!(!page.contains("Join the meeting"), "{page}");
    let (status, location) = ada.submit(&path, &path, &[]).await;
    assert_eq!(
        (status, location.as_str()),
        (303, path.as_str()),
        "Join before it opens goes back to the countdown"
    );

    eventually(|| async {
        ada.get(&path)
            .await
            .1
            .contains("Join the meeting")
            .then_some(())
    })
    .await;
    let meeting = join(&ada, &path).await;
    let claims = token_claims(&meeting);
    let closes = start + 60 + 60;
    assert!(claims["exp"].as_i64().unwrap() <= closes, "{claims}");
    assert!(
        claims["exp"].as_i64().unwrap() > now() + 60,
        "lasts to the end plus grace: {claims}"
    );
    assert!(
        claims["user_id"]
            .as_str()
            .unwrap()
            .starts_with("invitation-"),
        "the meeting sees an id derived from the invitation: {claims}"
    );
}

#[tokio::test]
async fn after_its_end_plus_grace_an_invitation_says_the_meeting_has_ended() {
    let app = spawn_events_app().await;
    let event = create_event(
        &app,
        json!({ "starts_at": at(now() - 600), "ends_at": at(now() + 2), "grace_after": 0 }),
    )
    .await;
    let path = invitation_path(&event, 0);
    let ada = Browser::new(&app);
    assert!(ada.get(&path).await.1.contains("Join the meeting"));
    eventually(|| async {
        let (status, page) = ada.get(&path).await;
        (status == 410 && page.contains("This meeting has ended")).then_some(())
    })
    .await;
    let (_, _, shown) = app
        .api(
            Method::GET,
            &format!("/api/v1/events/{}", event["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(shown["state"], "ended", "{shown}");
    assert_eq!(shown["invitations"][0]["state"], "ended", "{shown}");
}

#[tokio::test]
async fn moving_an_event_moves_every_invitation_and_cancelling_ends_them_all() {
    let app = spawn_events_app().await;
    let start = now() + 3600;
    let event = create_event(
        &app,
        json!({ "starts_at": at(start), "ends_at": at(start + 1800) }),
    )
    .await;
    let id = event["id"].as_str().unwrap();
    assert_eq!(event["state"], "scheduled");
    assert_eq!(
        event["invitations"][1]["not_before"],
        start - 600,
        "opens 10 minutes ahead by default"
    );
    assert_eq!(
        event["invitations"][1]["expires_at"],
        start + 1800 + 900,
        "and 15 minutes past the end"
    );

    let body = json!({ "starts_at": at(start - 3500), "ends_at": at(start + 600) });
    let (status, _, moved) = app
        .api(Method::PATCH, &format!("/api/v1/events/{id}"), Some(body))
        .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["sequence"], 1);
    assert_eq!(moved["state"], "open", "now within its window: {moved}");
    for invitation in moved["invitations"].as_array().unwrap() {
        assert_eq!(invitation["not_before"], start - 3500 - 600);
        assert_eq!(invitation["expires_at"], start + 600 + 900);
    }
    let path = invitation_path(&event, 1);
    let bob = Browser::new(&app);
    assert!(
        bob.get(&path).await.1.contains("Join the meeting"),
        "the move opened it"
    );

    let (status, _, cancelled) = app
        .api(Method::DELETE, &format!("/api/v1/events/{id}"), None)
        .await;
    assert_eq!(status, 200, "{cancelled}");
    assert_eq!(cancelled["state"], "cancelled");
    let (status, page) = bob.get(&path).await;
    assert_eq!(status, 410, "{page}");
    assert!(page.contains("This meeting was cancelled"), "{page}");
    let (status, _, _) = app
        .api(
            Method::PATCH,
            &format!("/api/v1/events/{id}"),
            Some(json!({ "title": "Again" })),
        )
        .await;
    assert_eq!(status, 409, "a cancelled event stays cancelled");
}

#[tokio::test]
async fn events_are_listed_soonest_first_and_bad_times_are_named() {
    let app = spawn_events_app().await;
    let later = create_event(
        &app,
        json!({ "starts_at": at(now() + 7200), "ends_at": at(now() + 9000) }),
    )
    .await;
    let sooner = create_event(
        &app,
        json!({ "starts_at": at(now() + 3600), "ends_at": at(now() + 5400) }),
    )
    .await;
    let (status, _, list) = app.api(Method::GET, "/api/v1/events?room=demo", None).await;
    assert_eq!(status, 200, "{list}");
    let ids: Vec<&str> = list["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            sooner["id"].as_str().unwrap(),
            later["id"].as_str().unwrap()
        ]
    );

    // A malformed time is 400; well-formed times that make no event are 422.
    let cases = [
        (
            json!({ "starts_at": "tomorrow", "ends_at": at(now() + 60) }),
            400,
            "starts_at",
        ),
        (
            json!({ "starts_at": at(now() + 600), "ends_at": at(now() + 60) }),
            422,
            "ends_at must be after",
        ),
        (
            json!({ "starts_at": at(now() + 60), "ends_at": at(now() + 600), "time_zone": "Mars/Olympus" }),
            422,
            "time_zone",
        ),
        (
            json!({ "starts_at": at(now() - 7200), "ends_at": at(now() - 3600) }),
            422,
            "over already",
        ),
        (
            json!({ "starts_at": at(now() + 60), "ends_at": at(now() + 90 * 86_400) }),
            422,
            "at most",
        ),
    ];
    for (body, wanted, named) in cases {
        let mut full = json!({ "room": "demo", "invitees": [] });
        full.as_object_mut()
            .unwrap()
            .extend(body.as_object().unwrap().clone());
        let (status, _, problem) = app.api(Method::POST, "/api/v1/events", Some(full)).await;
        assert_eq!(status, wanted, "{problem}");
        assert!(
            problem["detail"].as_str().unwrap().contains(named),
            "{problem}"
        );
    }
}
