//! Signed links keep what they promise: none is made for a public role that joins with its
//! code (its plain link works and cannot expire); one for a public role that joins with tokens
//! expires, can be revoked and binds its name like any other.

use prebuilt_portal::domain::{
    DisplayName, JoinOptions, JoinWith, PageKind, PortalBase, RoleName, RoomName,
};
use prebuilt_portal::portal::access::{LinkSigner, LinkTarget};
use prebuilt_portal::settings::SigningKeys;
use reqwest::Method;
use secrecy::SecretString;
use serde_json::json;

use crate::helpers::{ADMIN_TOKEN, TestApp, meeting_iframe, spawn_app_with};

const KEY: &str = "signing-key-for-public-links-0123456789";

async fn spawn(guest_joins_with: JoinWith) -> TestApp {
    spawn_app_with(|s| {
        s.access.signing_keys = SigningKeys::parse(KEY).unwrap();
        s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
        s.access
            .join_with
            .insert("guest".parse().unwrap(), guest_joins_with);
    })
    .await
}

/// A guest link signed with the portal's key, for `name`, expiring at `exp`.
fn signed_guest_link(app: &TestApp, name: &str, exp: u64) -> String {
    let signer = LinkSigner::new(&SigningKeys::parse(KEY).unwrap());
    let options = JoinOptions {
        name: Some(DisplayName::parse(name).unwrap()),
        ..JoinOptions::default()
    };
    let (room, role) = (
        RoomName::parse("demo").unwrap(),
        RoleName::parse("guest").unwrap(),
    );
    let target = LinkTarget {
        kind: PageKind::Join,
        room: &room,
        role: &role,
        options: &options,
    };
    let issued_ms = prebuilt_portal::domain::clock::unix_now() * 1000;
    let url = signer.signed_url(
        &PortalBase::parse(&app.address).unwrap(),
        target,
        issued_ms,
        exp,
    );
    url.unwrap().as_str().replacen(&app.address, "", 1)
}

#[tokio::test]
async fn no_signed_link_is_made_for_a_public_role_that_joins_with_its_code() {
    let app = spawn(JoinWith::Code).await;

    let (status, content_type, problem) = app
        .api(
            Method::POST,
            "/api/v1/links",
            Some(json!({ "room": "demo", "role": "guest", "ttl_secs": 600 })),
        )
        .await;
    let port = app.address.rsplit(':').next().unwrap().to_owned();
    let cli = tokio::task::spawn_blocking(move || {
        let mut command = assert_cmd::Command::cargo_bin("prebuilt-portal").unwrap();
        command
            .env_clear()
            .env("PORTAL__STORE__URL", "sqlite::memory:")
            .env("PORTAL__ACCESS__SIGNING_KEYS", KEY)
            .env("PORTAL__SERVER__PORT", port)
            .args(["sign", "demo", "guest", "--ttl", "10m"]);
        command.output().unwrap()
    })
    .await
    .unwrap();

    assert_eq!(status, 409, "{problem}");
    assert_eq!(content_type, "application/problem+json");
    let reason = "guest is public: the plain link works and cannot expire";
    assert!(
        problem["detail"].as_str().unwrap().contains(reason),
        "{problem}"
    );
    let stderr = String::from_utf8_lossy(&cli.stderr);
    assert_eq!(cli.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(reason), "{stderr}");
    assert!(cli.stdout.is_empty(), "no link printed");
}

#[tokio::test]
async fn a_signed_link_to_a_public_token_role_expires_is_revoked_and_binds_its_name() {
    let app = spawn(JoinWith::Token).await;
    let now = prebuilt_portal::domain::clock::unix_now();

    let (_, _, link) = app
        .api(
            Method::POST,
            "/api/v1/links",
            Some(json!({ "room": "demo", "role": "guest", "ttl_secs": 600, "name": "Ada" })),
        )
        .await;
    let path = link["url"].as_str().unwrap().replacen(&app.address, "", 1);
    let (status, html) = app.page(&path).await;
    assert_eq!(status, 200, "{html}");
    let (src, _) = meeting_iframe(&html);
    assert!(
        src.contains("auth_token=") && src.contains("name=Ada"),
        "{src}"
    );

    let renamed = path.replace("name=Ada", "name=Mallory");
    assert_eq!(
        app.page(&renamed).await.0,
        403,
        "the bound name cannot change"
    );
    let expired = signed_guest_link(&app, "Ada", now - 1);
    assert_eq!(app.page(&expired).await.0, 410, "it expires");
    let (status, _, _) = app
        .api(Method::POST, "/api/v1/rooms/demo/roles/guest/revoke", None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(app.page(&path).await.0, 410, "it can be revoked");
    assert_eq!(
        app.page("/join/demo/guest").await.0,
        200,
        "the plain link is public"
    );
}
