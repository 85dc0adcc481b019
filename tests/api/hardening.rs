//! The attacks and accidents of the hardening review, each shown not to work any more.

use reqwest::Method;
use secrecy::SecretString;
use serde_json::json;

use prebuilt_portal::domain::AccessPolicy;
use prebuilt_portal::emulator::account::RoomChanges;
use prebuilt_portal::settings::{DisabledCodes, RoomAlias, UnknownRooms};

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
        .account()
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
        .account()
        .upsert_room(RoomChanges {
            name: Some("demo".into()),
            ..RoomChanges::default()
        })
        .unwrap();

    assert_eq!(app.get("/join/demo/guest").await.status(), 404);
    assert_eq!(app.get("/rooms/demo").await.status(), 404);
}

#[tokio::test]
async fn a_room_the_name_filter_misses_is_used_as_it_is_never_updated() {
    let app = spawn_app_with(|s| s.hms.template_id = Some("65f1c0ffee00000000000001".into())).await;
    app.emulator.match_names_case_sensitively();
    let dashboard_room = app
        .emulator
        .account()
        .upsert_room(RoomChanges {
            name: Some("Demo".into()),
            ..RoomChanges::default()
        })
        .unwrap();

    let (status, _) = app.page("/join/demo/guest").await;

    assert_eq!(status, 200);
    assert_eq!(app.emulator.calls("create_room"), 0, "no upsert by name");
    let after = app
        .emulator
        .account()
        .room(&dashboard_room.id)
        .unwrap()
        .clone();
    assert_eq!(after.template_id, dashboard_room.template_id);
    assert_eq!(after.name, "Demo");
}

#[tokio::test]
async fn the_admin_create_adopts_an_existing_room_and_refuses_to_change_its_template() {
    let app = spawn_app_with(|s| s.admin.token = Some(SecretString::from(ADMIN_TOKEN))).await;
    let existing = app
        .emulator
        .account()
        .upsert_room(RoomChanges {
            name: Some("standup".into()),
            description: Some("from the dashboard".into()),
            ..RoomChanges::default()
        })
        .unwrap();

    let (adopted, _, body) = app
        .api(
            Method::POST,
            "/api/v1/rooms",
            Some(json!({ "name": "standup" })),
        )
        .await;
    let (clash, _, problem) = app
        .api(
            Method::POST,
            "/api/v1/rooms",
            Some(json!({ "name": "standup", "template_id": "65f1c0ffee00000000000009" })),
        )
        .await;

    assert_eq!(adopted, 200, "{body}");
    assert_eq!(body["room_id"], existing.id.as_str());
    assert_eq!(clash, 409, "{problem}");
    assert_eq!(app.emulator.calls("create_room"), 0);
    let after = app.emulator.account().room(&existing.id).unwrap().clone();
    assert_eq!(after.description, "from the dashboard");
}

#[tokio::test]
async fn a_created_room_has_a_link_per_role_even_without_the_templates_endpoint() {
    let app = spawn_app_with(|s| s.admin.token = Some(SecretString::from(ADMIN_TOKEN))).await;
    app.emulator.hide_templates();

    let (status, _, body) = app
        .api(
            Method::POST,
            "/api/v1/rooms",
            Some(json!({ "name": "board-meeting" })),
        )
        .await;

    assert_eq!(status, 200, "{body}");
    let roles: Vec<&str> = body["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|link| link["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["guest", "host", "viewer"]);
    assert_eq!(app.emulator.calls("create_room_codes"), 1, "the 100ms flow");
}

/// The demo room's guest code disabled in the 100ms dashboard, then the cache purged.
async fn disable_the_guest_code_outside(app: &TestApp) -> String {
    let code = app.codes_of("demo", "guest")[0].clone();
    app.emulator
        .account()
        .set_code_enabled(&code, false)
        .unwrap();
    let (status, _, _) = app.api(Method::POST, "/api/v1/cache/purge", None).await;
    assert_eq!(status, 200);
    code
}

#[tokio::test]
async fn a_code_disabled_outside_the_portal_is_replaced_logged_and_counted_by_default() {
    let app = spawn_app_with(|s| s.admin.token = Some(SecretString::from(ADMIN_TOKEN))).await;
    app.page("/join/demo/guest").await;
    let old = disable_the_guest_code_outside(&app).await;

    let (status, _) = app.page("/join/demo/guest").await;

    assert_eq!(status, 200);
    let current = app.codes_of("demo", "guest");
    assert_eq!(current.len(), 1);
    assert_ne!(current[0], old);
    assert!(
        app.metrics()
            .await
            .contains("prebuilt_portal_codes_disabled_outside_total 1"),
    );
}

#[tokio::test]
async fn with_disabled_codes_closed_the_role_stays_closed_until_an_operator_rotates_it() {
    let app = spawn_app_with(|s| {
        s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
        s.rooms.disabled_codes = DisabledCodes::Close;
    })
    .await;
    app.page("/join/demo/guest").await;
    disable_the_guest_code_outside(&app).await;

    let (closed, page) = app.page("/join/demo/guest").await;
    let (again, _) = app.page("/join/demo/guest").await;
    let (rotated, _, _) = app
        .api(Method::POST, "/api/v1/rooms/demo/roles/guest/rotate", None)
        .await;
    let (reopened, _) = app.page("/join/demo/guest").await;

    assert_eq!((closed, again), (403, 403));
    assert!(page.contains("This role is closed"), "{page}");
    assert!(app.codes_of("demo", "guest").len() == 1 && rotated == 200);
    assert_eq!(reopened, 200);
}

#[tokio::test]
async fn an_operator_may_trust_the_name_filter_instead_of_reading_every_room() {
    let app = spawn_app_with(|s| s.rooms.check_all_rooms_before_create = false).await;

    assert_eq!(app.page("/join/demo/guest").await.0, 200);

    assert_eq!(
        app.emulator.calls("list_rooms"),
        2,
        "the name looked up enabled and disabled, no reading of every room"
    );
    assert_eq!(app.emulator.calls("create_room"), 1);
}
