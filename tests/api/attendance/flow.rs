//! End to end against the emulator: an invitee joins and leaves and the report names their
//! invitation; a leave whose webhook was lost is filled in from the Sessions API; two replicas
//! reconcile without counting anyone twice.

use reqwest::Method;
use serde_json::{Value, json};

use super::{SECRET, attendance, spawn_hooks_app, with_hooks};
use crate::durable::{Backing, World};
use crate::helpers::{TestApp, eventually, meeting_iframe};
use crate::lobby::Browser;

/// A joined meeting: where it runs, and its peer.
pub struct InMeeting {
    pub origin: String,
    pub room_id: String,
    pub peer_id: String,
}

/// Opens the meeting frame of a page (the emulator's stand-in joins a peer).
pub async fn enter(page: &str) -> InMeeting {
    let (src, _) = meeting_iframe(page);
    let src = src.replace("&amp;", "&");
    let meeting = reqwest::get(&src).await.unwrap().text().await.unwrap();
    let document = scraper::Html::parse_document(&meeting);
    let field = |name: &str| {
        let selector = scraper::Selector::parse(&format!("input[name={name}]")).unwrap();
        document
            .select(&selector)
            .next()
            .and_then(|input| input.value().attr("value"))
            .unwrap_or_else(|| panic!("the meeting page has its {name}: {meeting}"))
            .to_owned()
    };
    InMeeting {
        origin: url::Url::parse(&src)
            .unwrap()
            .origin()
            .ascii_serialization(),
        room_id: field("room_id"),
        peer_id: field("peer_id"),
    }
}

/// The meeting's Leave button.
pub async fn leave(meeting: &InMeeting) {
    let response = reqwest::Client::new()
        .post(format!("{}/_peers/leave", meeting.origin))
        .form(&[("room_id", &meeting.room_id), ("peer_id", &meeting.peer_id)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

async fn invitation(app: &TestApp, name: &str) -> (String, String) {
    let body = json!({ "room": "demo", "role": "host", "expires_in": "1h", "name": name });
    let (status, _, made) = app.api(Method::POST, "/api/v1/invites", Some(body)).await;
    assert_eq!(status, 201, "{made}");
    let id = made["id"].as_str().unwrap().to_owned();
    (id.clone(), format!("/i/{id}"))
}

async fn joined(browser: &Browser, path: &str) -> String {
    let (_, location) = browser.submit(path, path, &[]).await;
    browser.get(&location).await.1
}

fn someone<'a>(report: &'a Value, name: &str) -> Option<&'a Value> {
    report["attendees"]
        .as_array()?
        .iter()
        .find(|a| a["name"] == name)
}

#[tokio::test]
async fn an_invitees_join_and_leave_reach_the_report_with_the_invitation_that_let_them_in() {
    let app = spawn_hooks_app(|_| {}).await;
    let (id, path) = invitation(&app, "Ada Lovelace").await;
    let meeting = enter(&joined(&Browser::new(&app), &path).await).await;
    let report = eventually(|| async {
        let report = attendance(&app, "demo").await;
        someone(&report, "Ada Lovelace").is_some().then_some(report)
    })
    .await;
    let ada = someone(&report, "Ada Lovelace").unwrap();
    assert_eq!(ada["how"], "invitation", "{report}");
    assert_eq!(ada["reference"], id.as_str());
    assert_eq!(ada["verified"], true);
    assert!(ada["left_at"].is_null(), "still there");

    leave(&meeting).await;
    let report = eventually(|| async {
        let report = attendance(&app, "demo").await;
        someone(&report, "Ada Lovelace")
            .is_some_and(|a| a["left_at"].is_string())
            .then_some(report)
    })
    .await;
    let ada = someone(&report, "Ada Lovelace").unwrap();
    assert_eq!(ada["reason"], "client request");
    assert!(ada["duration_secs"].as_i64().unwrap() >= 0);

    let (_, _, shown) = app
        .api(Method::GET, &format!("/api/v1/invites/{id}"), None)
        .await;
    assert!(
        shown["joined_at"].is_string(),
        "the invitation says it was used to join: {shown}"
    );
    let (status, _, theirs) = app
        .api(
            Method::GET,
            &format!("/api/v1/invites/{id}/attendance"),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(theirs["attendees"].as_array().unwrap().len(), 1, "{theirs}");
    let csv = app
        .http
        .get(format!(
            "{}/api/v1/rooms/demo/attendance?format=csv",
            app.address
        ))
        .bearer_auth(crate::helpers::ADMIN_TOKEN)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.starts_with("session_id,name,role,how,"), "{csv}");
    assert!(
        csv.contains(&format!("Ada Lovelace,host,invitation,{id}")),
        "{csv}"
    );
}

#[tokio::test]
async fn a_leave_whose_webhook_was_lost_is_filled_in_from_the_sessions_api() {
    let app = spawn_hooks_app(|_| {}).await;
    let (_, page) = Browser::new(&app).get("/join/demo/guest?name=Grace").await;
    let meeting = enter(&page).await;
    eventually(|| async { someone(&attendance(&app, "demo").await, "Grace").map(|_| ()) }).await;
    app.emulator.set_webhook(None);
    leave(&meeting).await;
    let report = eventually(|| async {
        let report = attendance(&app, "demo").await;
        someone(&report, "Grace")
            .is_some_and(|g| g["left_at"].is_string())
            .then_some(report)
    })
    .await;
    let grace = someone(&report, "Grace").unwrap();
    assert_eq!(
        grace["how"], "unverified",
        "a public code's visitor sets their own id"
    );
    assert!(
        grace["reason"].as_str().unwrap().contains("Sessions API"),
        "{report}"
    );
}

#[tokio::test]
async fn two_replicas_reconcile_a_lost_leave_without_counting_anyone_twice() {
    let Some(world) = World::new(Backing::Postgres).await else {
        return;
    };
    let a = world.portal_with(with_hooks).await;
    let b = world.portal_with(with_hooks).await;
    world
        .emulator
        .set_webhook(Some(prebuilt_portal::emulator::WebhookTarget {
            url: format!("{}/hooks/100ms", a.address),
            headers: vec![("x-webhook-secret".into(), SECRET.into())],
        }));
    let (_, path) = invitation(&a, "Bob").await;
    let meeting = enter(&joined(&Browser::new(&b), &path).await).await;
    eventually(|| async { someone(&attendance(&b, "demo").await, "Bob").map(|_| ()) }).await;
    world.emulator.set_webhook(None);
    leave(&meeting).await;
    let report = eventually(|| async {
        let report = attendance(&a, "demo").await;
        someone(&report, "Bob")
            .is_some_and(|p| p["left_at"].is_string())
            .then_some(report)
    })
    .await;
    assert_eq!(report["attendees"].as_array().unwrap().len(), 1, "{report}");
    assert_eq!(report["attendees"][0]["how"], "invitation");
}

#[tokio::test]
async fn a_signed_links_visitor_is_reported_as_coming_by_link_without_the_link_itself() {
    let app = spawn_hooks_app(|s| {
        s.access.signing_keys =
            prebuilt_portal::settings::SigningKeys::parse(crate::lobby::KEY).unwrap();
    })
    .await;
    let body = json!({ "room": "demo", "role": "host", "expires_in": "1h", "name": "Dr Who" });
    let (status, _, link) = app.api(Method::POST, "/api/v1/links", Some(body)).await;
    assert_eq!(status, 200, "{link}");
    let url = link["url"].as_str().unwrap().to_owned();
    let (_, page) = Browser::new(&app)
        .get(&url.replacen(&app.address, "", 1))
        .await;
    enter(&page).await;
    let report = eventually(|| async {
        let report = attendance(&app, "demo").await;
        someone(&report, "Dr Who").is_some().then_some(report)
    })
    .await;
    let who = someone(&report, "Dr Who").unwrap();
    assert_eq!(who["how"], "link", "{report}");
    let reference = who["reference"].as_str().unwrap();
    assert_eq!(
        reference.len(),
        16,
        "a digest of the signature: {reference}"
    );
    assert!(!url.contains(reference), "never the link itself");
}
