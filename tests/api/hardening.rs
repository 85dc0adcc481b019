//! The attacks and accidents of the hardening review, each shown not to work any more.

use reqwest::Method;
use secrecy::SecretString;
use serde_json::json;

use prebuilt_portal::domain::AccessPolicy;
use prebuilt_portal::emulator::store::RoomChanges;
use prebuilt_portal::settings::{RoomAlias, UnknownRooms};

use crate::helpers::{ADMIN_TOKEN, TestApp, demo_alias, spawn_app_with};

const KEY: &str = "signing-key-for-the-hardening-tests-012345";

async fn spawn_signing_app(max_link_ttl_secs: u64) -> TestApp {
    spawn_app_with(move |s| {
        s.access.signing_keys = prebuilt_portal::settings::SigningKeys::parse(KEY).unwrap();
        s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
        s.access.max_link_ttl = std::time::Duration::from_secs(max_link_ttl_secs);
    })
    .await
}

#[tokio::test]
async fn huge_link_lifetimes_are_refused_without_dropping_the_connection() {
    let app = spawn_signing_app(3_650 * 86_400).await;

    for ttl in [
        json!(315_360_001_u64),
        json!(300_000_000_000_u64),
        json!(u64::MAX),
    ] {
        let (status, content_type, problem) = app
            .api(
                Method::POST,
                "/api/v1/links",
                Some(json!({ "room": "demo", "role": "host", "ttl_secs": ttl })),
            )
            .await;
        assert_eq!(status, 400, "{ttl}: {problem}");
        assert_eq!(content_type, "application/problem+json");
    }
    let (status, _, link) = app
        .api(
            Method::POST,
            "/api/v1/links",
            Some(json!({ "room": "demo", "role": "host", "ttl_secs": 315_360_000_u64 })),
        )
        .await;
    assert_eq!(status, 200, "the documented maximum is fine: {link}");
}

#[tokio::test]
async fn lowering_the_maximum_link_lifetime_shortens_links_already_handed_out() {
    let generous = spawn_signing_app(30 * 86_400).await;
    let strict = spawn_signing_app(86_400).await;
    let (_, _, link) = generous
        .api(
            Method::POST,
            "/api/v1/links",
            Some(json!({ "room": "demo", "role": "host", "ttl_secs": 20 * 86_400 })),
        )
        .await;
    let path = link["url"]
        .as_str()
        .unwrap()
        .replacen(&generous.address, "", 1);

    assert_eq!(generous.get(&path).await.status(), 200);
    assert_eq!(
        strict.get(&path).await.status(),
        403,
        "a link longer than strict's maximum is not honoured by it"
    );
}

#[tokio::test]
async fn a_link_for_a_role_the_room_does_not_have_is_a_404() {
    let app = spawn_signing_app(86_400).await;

    let (status, _, problem) = app
        .api(
            Method::POST,
            "/api/v1/links",
            Some(json!({ "room": "demo", "role": "janitor", "ttl_secs": 60 })),
        )
        .await;

    assert_eq!(status, 404, "{problem}");
}

/// An admin API call from `client` through a proxy that appended `appended` as a second
/// `X-Forwarded-For` line after whatever the client sent.
async fn admin_call_via_proxy(app: &TestApp, forged: &str, appended: &str) -> u16 {
    app.http
        .get(format!("{}/api/v1/rooms/demo/links", app.address))
        .bearer_auth("a-guess")
        .header("X-Forwarded-For", forged)
        .header("X-Forwarded-For", appended)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn spawn_proxied_app() -> TestApp {
    spawn_app_with(|s| {
        s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
        s.rate_limit.admin_per_minute = 1;
        s.rate_limit.admin_burst = 1;
        s.rate_limit.client_ip_header = Some("X-Forwarded-For".into());
    })
    .await
}

#[tokio::test]
async fn a_second_forwarded_for_line_does_not_escape_the_rate_limit() {
    let app = spawn_proxied_app().await;

    let first = admin_call_via_proxy(&app, "198.51.100.1", "203.0.113.7").await;
    let second = admin_call_via_proxy(&app, "198.51.100.2", "203.0.113.7").await;

    assert_eq!(first, 401, "a wrong token, counted");
    assert_eq!(second, 429, "the address the proxy saw is the client");
}

#[tokio::test]
async fn one_ipv6_network_is_one_client() {
    let app = spawn_proxied_app().await;

    let first = admin_call_via_proxy(&app, "x", "2001:db8:5:6::1").await;
    let same_network = admin_call_via_proxy(&app, "x", "2001:db8:5:6:ffff::2").await;
    let other_network = admin_call_via_proxy(&app, "x", "2001:db8:5:7::1").await;

    assert_eq!((first, same_network, other_network), (401, 429, 401));
}

#[tokio::test]
async fn a_configured_room_cannot_be_reached_by_its_100ms_name_to_dodge_its_policies() {
    let app = spawn_app_with(|s| {
        s.rooms.unknown = UnknownRooms::Lookup;
        s.access.default = AccessPolicy::Public;
        let board = RoomAlias {
            name: Some("board-2024".parse().unwrap()),
            roles: vec!["host".parse().unwrap(), "guest".parse().unwrap()],
            access: [("guest".parse().unwrap(), AccessPolicy::Signed)].into(),
            ..RoomAlias::default()
        };
        s.rooms.aliases.insert("board".parse().unwrap(), board);
    })
    .await;
    app.emulator
        .store()
        .upsert_room(RoomChanges {
            name: Some("board-2024".into()),
            ..RoomChanges::default()
        })
        .unwrap();

    assert_eq!(app.get("/join/board/guest").await.status(), 403);
    assert_eq!(app.get("/join/board-2024/guest").await.status(), 404);
    assert_eq!(app.get("/rooms/board-2024").await.status(), 404);
}

#[tokio::test]
async fn a_disabled_room_is_not_served_by_lookup_either() {
    let app = spawn_app_with(|s| {
        s.rooms.unknown = UnknownRooms::Lookup;
        demo_alias(s).enabled = false;
    })
    .await;
    app.emulator
        .store()
        .upsert_room(RoomChanges {
            name: Some("demo".into()),
            ..RoomChanges::default()
        })
        .unwrap();

    assert_eq!(app.get("/join/demo/guest").await.status(), 404);
    assert_eq!(app.get("/rooms/demo").await.status(), 404);
}
