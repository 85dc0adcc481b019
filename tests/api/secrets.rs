//! Starts the real binary with recognisable secrets, uses every page, error and command, and
//! checks that no response, output or log line ever shows them.

use std::process::Command;

use prebuilt_portal::domain::clock::unix_now;
use prebuilt_portal::domain::{JoinOptions, PageKind, PortalBase, RoleName, RoomName};
use prebuilt_portal::portal::access::{LinkSigner, LinkTarget};
use prebuilt_portal::settings::SigningKeys;

use crate::process::{Portal, binary};

const APP_SECRET: &str = "SECRET-app-7f3a9c2e5b1d4f60aa";
const ADMIN_TOKEN: &str = "SECRET-admin-94c1e7a2b3d5f608";
const SIGNING_KEY: &str = "SECRET-signing-0d2e4f6a8c1b3d5e7f9a1c3e";
const SECRETS: [&str; 3] = [APP_SECRET, ADMIN_TOKEN, SIGNING_KEY];

fn with_secrets(command: &mut Command) -> &mut Command {
    command
        .env_clear()
        .env("PORTAL__STORE__URL", "sqlite::memory:")
        .env("PORTAL__HMS__ACCESS_KEY", "secrets-test-access-key")
        .env("PORTAL__HMS__APP_SECRET", APP_SECRET)
        .env("PORTAL__ADMIN__TOKEN", ADMIN_TOKEN)
        .env("PORTAL__ACCESS__SIGNING_KEYS", SIGNING_KEY)
        .env("RUST_LOG", "debug")
}

/// Everything a client saw: status line, headers and body.
async fn seen(response: reqwest::Response) -> String {
    let mut text = format!("{}\n{:?}\n", response.status(), response.headers());
    text.push_str(&response.text().await.unwrap_or_default());
    text
}

async fn cli(portal_port: u16, emulator_port: u16, args: &[&str]) -> String {
    let mut command = Command::new(binary());
    with_secrets(&mut command)
        .env("PORTAL__SERVER__PORT", portal_port.to_string())
        .env("PORTAL__EMULATOR__PORT", emulator_port.to_string())
        .args(args);
    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn expired_host_link(base: &str) -> String {
    host_link(base, 1)
}

/// A host link signed with the portal's key, valid until `exp`.
fn host_link(base: &str, exp: u64) -> String {
    let signer = LinkSigner::new(&SigningKeys::parse(SIGNING_KEY).unwrap());
    let portal = PortalBase::parse(base).unwrap();
    let target = LinkTarget {
        kind: PageKind::Join,
        room: &RoomName::parse("demo").unwrap(),
        role: &RoleName::parse("host").unwrap(),
        options: &JoinOptions::default(),
    };
    signer
        .signed_url(&portal, target, 0, exp)
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn configured_secrets_appear_in_no_response_output_or_log_line() {
    let portal = tokio::task::spawn_blocking(|| {
        let mut command = Command::new(binary());
        with_secrets(&mut command);
        Portal::start(command)
    })
    .await
    .unwrap();
    let base = format!("http://127.0.0.1:{}", portal.port);
    let http = reqwest::Client::new();
    let mut transcript = String::new();

    for path in [
        "/",
        "/rooms/demo",
        "/join/demo/guest?name=Ada",
        "/embed/demo/viewer",
        "/join/demo/host",
        "/join/demo/host?exp=1&sig=AAAA",
        "/join/nowhere/guest",
        "/join/de%20mo/guest",
        "/join/demo/guest?name=a&name=b",
        "/static/portal.css",
        "/healthz",
        "/no/such/page",
        "/api/v1/openapi.json",
        "/api/v1/rooms/demo/links",
    ] {
        transcript += &seen(http.get(format!("{base}{path}")).send().await.unwrap()).await;
    }
    transcript += &seen(http.get(expired_host_link(&base)).send().await.unwrap()).await;
    let host_page = http
        .get(host_link(&base, unix_now() + 600))
        .send()
        .await
        .unwrap();
    let host_page = seen(host_page).await;
    let visit_token = host_page
        .split("auth_token=")
        .nth(1)
        .and_then(|rest| rest.split(['&', '"']).next())
        .expect("the signed host page joins with a token")
        .to_owned();
    transcript += &host_page;
    transcript += &seen(
        http.post(format!("{base}/join/demo/guest"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let admin = |method: reqwest::Method, path: &str| {
        http.request(method, format!("{base}{path}"))
            .bearer_auth(ADMIN_TOKEN)
    };
    for (method, path, body) in [
        (reqwest::Method::GET, "/api/v1/rooms/demo/links", None),
        (
            reqwest::Method::POST,
            "/api/v1/rooms",
            Some(serde_json::json!({ "name": "sync" })),
        ),
        (
            reqwest::Method::POST,
            "/api/v1/rooms/demo/roles/guest/rotate",
            None,
        ),
        (
            reqwest::Method::POST,
            "/api/v1/links",
            Some(serde_json::json!({ "room": "demo", "role": "host", "ttl_secs": 60 })),
        ),
        (reqwest::Method::POST, "/api/v1/cache/purge", None),
        (
            reqwest::Method::POST,
            "/api/v1/rooms",
            Some(serde_json::json!({ "bad": true })),
        ),
    ] {
        let mut request = admin(method, path);
        if let Some(body) = body {
            request = request.json(&body);
        }
        transcript += &seen(request.send().await.unwrap()).await;
    }
    let (port, emulator_port) = (portal.port, portal.emulator_port);
    for args in [
        &["links", "demo"][..],
        &["create-room", "standup"],
        &["rotate", "demo", "viewer"],
        &["sign", "demo", "host", "--ttl", "10m"],
        &["check-config"],
        &["--config", "/nonexistent.toml", "check-config"],
    ] {
        transcript += &cli(port, emulator_port, args).await;
    }
    let log = portal.stop();

    assert!(
        transcript.contains("Demo room") && transcript.contains("ROLE"),
        "the transcript is real"
    );
    assert!(
        log.contains("minted a 100ms management token"),
        "debug logging was on:\n{log}"
    );
    assert!(
        log.contains(r#"route="/join/{room}/{role}""#),
        "requests were logged:\n{log}"
    );
    for secret in SECRETS {
        assert!(
            !transcript.contains(secret),
            "{secret} reached a client:\n{transcript}"
        );
        assert!(!log.contains(secret), "{secret} reached the log");
    }
    assert!(
        !log.contains(&visit_token),
        "a visit's auth token reached the log"
    );
}
