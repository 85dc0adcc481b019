use prebuilt_portal::domain::clock::unix_now;
use prebuilt_portal::domain::{DisplayName, JoinOptions, PageKind, PortalBase, RoleName, RoomName};
use prebuilt_portal::portal::access::{LinkSigner, LinkTarget};
use prebuilt_portal::settings::{Settings, SigningKeys};
use reqwest::Method;
use secrecy::SecretString;
use serde_json::json;

use crate::helpers::{ADMIN_TOKEN, TestApp, demo_alias, meeting_iframe, spawn_app_with, text_of};

const KEY: &str = "signing-key-for-tests-0123456789abcdef";
const OLD_KEY: &str = "an-older-signing-key-0123456789abcdefgh";

async fn spawn_signing_app(keys: &str) -> TestApp {
    let keys = keys.to_owned();
    spawn_app_with(move |s| {
        s.access.signing_keys = prebuilt_portal::settings::SigningKeys::parse(&keys).unwrap();
        s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
    })
    .await
}

/// Asks the admin API for a signed link and returns it relative to the portal.
async fn signed_path(app: &TestApp, body: serde_json::Value) -> String {
    let (status, _, link) = app.api(Method::POST, "/api/v1/links", Some(body)).await;
    assert_eq!(status, 200, "{link}");
    link["url"].as_str().unwrap().replacen(&app.address, "", 1)
}

/// A link signed outside the portal, e.g. one that expired an hour ago.
fn forged(app: &TestApp, key: &str, kind: PageKind, name: Option<&str>, exp: u64) -> String {
    let signer = LinkSigner::new(&SigningKeys::parse(key).unwrap());
    let options = JoinOptions {
        name: name.map(|n| DisplayName::parse(n).unwrap()),
        ..JoinOptions::default()
    };
    let portal = PortalBase::parse(&app.address).unwrap();
    let room = RoomName::parse("demo").unwrap();
    let role = RoleName::parse("host").unwrap();
    let target = LinkTarget {
        kind,
        room: &room,
        role: &role,
        options: &options,
    };
    let url = signer.signed_url(&portal, target, 0, exp).unwrap();
    url.as_str().replacen(&app.address, "", 1)
}

#[tokio::test]
async fn an_unsigned_host_link_gets_a_403_page_without_the_code() {
    let app = spawn_signing_app(KEY).await;
    let host_code = app.code_via_api("host").await;
    let (_, _, links) = app.api(Method::GET, "/api/v1/rooms/demo/links", None).await;
    assert_eq!(links["links"][0]["access"], "signed");

    let response = app.get("/join/demo/host").await;

    assert_eq!(response.status(), 403);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let html = response.text().await.unwrap();
    assert_eq!(
        text_of(&html, "h1").as_deref(),
        Some("This role needs a personal link")
    );
    assert_eq!(
        text_of(&html, ".about").as_deref(),
        Some("Demo room · joining as host"),
        "the page names the room and role"
    );
    assert!(
        html.contains("personal link"),
        "the page says how to get in"
    );
    assert!(!html.contains(&host_code));
    assert!(!html.contains("<iframe"));
}

#[tokio::test]
async fn a_signed_link_from_the_api_opens_the_host_role_with_its_bound_name() {
    let app = spawn_signing_app(KEY).await;
    let path = signed_path(
        &app,
        json!({ "room": "demo", "role": "host", "ttl_secs": 3600, "name": "Ada Lovelace" }),
    )
    .await;
    assert!(
        path.starts_with("/join/demo/host?name=Ada%20Lovelace&iat="),
        "{path}"
    );

    let response = app.get(&path).await;

    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let (src, _) = meeting_iframe(&response.text().await.unwrap());
    let room_id = app
        .emulator
        .account()
        .room_by_name("demo")
        .unwrap()
        .id
        .clone();
    assert!(
        src.starts_with(&format!(
            "{}/preview/{room_id}/host?auth_token=",
            app.emulator_address
        )),
        "{src}"
    );
    assert!(src.ends_with("&name=Ada%20Lovelace"), "{src}");
    let meeting = app
        .http
        .get(&src)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(text_of(&meeting, "#role").as_deref(), Some("host"));
    assert_eq!(text_of(&meeting, "#name").as_deref(), Some("Ada Lovelace"));
}

#[tokio::test]
async fn a_tampered_renamed_or_moved_signed_link_is_refused() {
    let app = spawn_app_with(|s| {
        s.access.signing_keys = prebuilt_portal::settings::SigningKeys::parse(KEY).unwrap();
        s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
        let board = prebuilt_portal::settings::RoomAlias {
            roles: vec!["host".parse().unwrap()],
            ..Default::default()
        };
        s.rooms.aliases.insert("board".parse().unwrap(), board);
    })
    .await;
    let path = signed_path(
        &app,
        json!({ "room": "demo", "role": "host", "ttl_secs": 600, "name": "Ada" }),
    )
    .await;
    let sig_at = path.find("sig=").unwrap() + 4;
    let mut flipped = path.clone();
    let replacement = if &path[sig_at..sig_at + 1] == "A" {
        "B"
    } else {
        "A"
    };
    flipped.replace_range(sig_at..sig_at + 1, replacement);
    let exp_at = path.find("exp=").unwrap() + 4;
    let mut later = path.clone();
    later.replace_range(exp_at..exp_at + 1, "9");

    for (case, tampered) in [
        ("signature changed", flipped),
        ("expiry pushed out", later),
        ("another name", path.replace("name=Ada", "name=Eve")),
        ("name dropped", path.replace("name=Ada&", "")),
        ("name added twice", format!("{path}&name=Eve")),
        (
            "join link on the embed page",
            path.replacen("/join/", "/embed/", 1),
        ),
        (
            "another room",
            path.replacen("/join/demo/", "/join/board/", 1),
        ),
    ] {
        let status = app.get(&tampered).await.status().as_u16();
        let expected = if case == "name added twice" { 400 } else { 403 };
        assert_eq!(status, expected, "{case}");
    }
    assert_eq!(
        app.get(&path).await.status(),
        200,
        "the genuine link still works"
    );
}

#[tokio::test]
async fn an_expired_link_gets_the_410_page() {
    let app = spawn_signing_app(KEY).await;
    let path = forged(&app, KEY, PageKind::Join, None, unix_now() - 3600);

    let response = app.get(&path).await;

    assert_eq!(response.status(), 410);
    let html = response.text().await.unwrap();
    assert_eq!(
        text_of(&html, "h1").as_deref(),
        Some("This link has expired")
    );
}

#[tokio::test]
async fn a_link_signed_with_another_key_is_refused_and_an_older_configured_key_still_works() {
    let app = spawn_signing_app(&format!("{KEY},{OLD_KEY}")).await;
    let old = forged(
        &app,
        OLD_KEY,
        PageKind::Embed,
        Some("Ada"),
        unix_now() + 600,
    );
    let foreign = forged(
        &app,
        "somebody-elses-key-0123456789abcdefgh",
        PageKind::Embed,
        None,
        unix_now() + 600,
    );

    assert_eq!(app.get(&old).await.status(), 200, "keys can be rotated");
    assert_eq!(app.get(&foreign).await.status(), 403);
}

#[tokio::test]
async fn the_links_api_checks_its_input() {
    let app = spawn_signing_app(KEY).await;
    let no_keys = spawn_app_with(|s| s.admin.token = Some(SecretString::from(ADMIN_TOKEN))).await;

    let cases = [
        (
            json!({ "room": "demo", "role": "host", "ttl_secs": 0 }),
            400,
        ),
        (
            json!({ "room": "nowhere", "role": "host", "ttl_secs": 60 }),
            404,
        ),
        (
            json!({ "room": "demo", "role": "host", "ttl_secs": 60, "name": "a\nb" }),
            400,
        ),
        (
            json!({ "room": "demo", "role": "host", "ttl_secs": 60, "colour": "red" }),
            400,
        ),
    ];
    for (body, expected) in cases {
        let (status, _, _) = app
            .api(Method::POST, "/api/v1/links", Some(body.clone()))
            .await;
        assert_eq!(status, expected, "{body}");
    }
    // Emulator mode without keys signs with a random key of the process: `cargo run` works.
    let (status, _, link) = no_keys
        .api(
            Method::POST,
            "/api/v1/links",
            Some(json!({ "room": "demo", "role": "host", "ttl_secs": 60 })),
        )
        .await;
    assert_eq!(status, 200, "{link}");
    let path = link["url"]
        .as_str()
        .unwrap()
        .replacen(&no_keys.address, "", 1);
    assert_eq!(no_keys.get(&path).await.status(), 200);
}

#[tokio::test]
async fn a_link_asked_for_longer_than_allowed_is_refused_naming_the_limit() {
    let app = spawn_signing_app(KEY).await;

    let (status, content_type, problem) = app
        .api(
            Method::POST,
            "/api/v1/links",
            Some(json!({ "room": "demo", "role": "host", "ttl_secs": 99_999_999 })),
        )
        .await;
    let (at_most, _, link) = app
        .api(
            Method::POST,
            "/api/v1/links",
            Some(json!({ "room": "demo", "role": "host", "expires_in": "30d" })),
        )
        .await;

    assert_eq!(status, 400, "{problem}");
    assert_eq!(content_type, "application/problem+json");
    let detail = problem["detail"].as_str().unwrap();
    assert!(
        detail.contains("at most 30days (access.max_link_ttl_secs)"),
        "{detail}"
    );
    assert_eq!(at_most, 200, "{link}");
    let max = Settings::defaults().unwrap().access.max_link_ttl.as_secs();
    let expires_at = link["expires_at"].as_u64().unwrap();
    assert!(expires_at + 60 > unix_now() + max, "{link}");
}

#[tokio::test]
async fn a_role_switched_off_cannot_be_opened_or_signed() {
    let app = spawn_app_with(|s| {
        s.access.signing_keys = prebuilt_portal::settings::SigningKeys::parse(KEY).unwrap();
        s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
        demo_alias(s).access.insert(
            "viewer".parse().unwrap(),
            prebuilt_portal::domain::AccessPolicy::Off,
        );
    })
    .await;

    let (status, _) = app.page("/join/demo/viewer").await;
    let (api_status, _, _) = app
        .api(
            Method::POST,
            "/api/v1/links",
            Some(json!({ "room": "demo", "role": "viewer", "ttl_secs": 60 })),
        )
        .await;
    let (_, share) = app.page("/rooms/demo").await;

    assert_eq!(status, 404);
    assert_eq!(api_status, 404);
    assert!(!share.contains("/join/demo/viewer"));
    assert_eq!(app.emulator.total_calls(), 0);
}

#[tokio::test]
async fn the_cli_prints_a_signed_link_that_opens_the_page() {
    let app = spawn_signing_app(KEY).await;
    let port = app.address.rsplit(':').next().unwrap().to_owned();
    let mut command = assert_cmd::Command::cargo_bin("prebuilt-portal").unwrap();
    command
        .env_clear()
        .env("PORTAL__STORE__URL", "sqlite::memory:")
        .env("PORTAL__ACCESS__SIGNING_KEYS", KEY)
        .env("PORTAL__SERVER__PORT", &port)
        .args([
            "sign",
            "demo",
            "host",
            "--ttl",
            "2h",
            "--name",
            "Grace Hopper",
        ]);

    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();

    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let url = String::from_utf8(output.stdout).unwrap().trim().to_owned();
    assert!(
        url.starts_with(&format!(
            "{}/join/demo/host?name=Grace%20Hopper&iat=",
            app.address
        )),
        "{url}"
    );
    let page = app.http.get(&url).send().await.unwrap();
    assert_eq!(page.status(), 200);
}
