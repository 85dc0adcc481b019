//! One way to write a lifetime (seconds, or a number with a unit) in the API, the command line
//! and files, and no silent cuts: past the limit is refused, naming it.

use reqwest::Method;
use secrecy::SecretString;
use serde_json::json;

use crate::cli::{cli, run, stderr, stdout};
use crate::helpers::{ADMIN_TOKEN, spawn_app_with};
use prebuilt_portal::settings::SigningKeys;

const KEY: &str = "signing-key-for-first-day-lifetimes-0123456789";

#[tokio::test]
async fn lifetimes_are_written_the_same_way_everywhere_and_past_the_limit_are_refused() {
    let app = spawn_app_with(|s| {
        s.access.signing_keys = SigningKeys::parse(KEY).unwrap();
        s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
    })
    .await;
    let sign = |args: &'static [&'static str]| {
        let mut command = cli(&app);
        command.env("PORTAL__ACCESS__SIGNING_KEYS", KEY).args(args);
        run(command)
    };

    let bare_seconds = sign(&["sign", "demo", "host", "--ttl", "90"]).await;
    let too_long = sign(&["sign", "demo", "host", "--ttl", "60d"]).await;
    let invite_too_long = sign(&["invite", "create", "demo", "host", "--expires-in", "400d"]).await;
    let (api_text, _, link) = app
        .api(
            Method::POST,
            "/api/v1/links",
            Some(json!({ "room": "demo", "role": "host", "expires_in": "90s" })),
        )
        .await;
    let (api_long, _, problem) = app
        .api(
            Method::POST,
            "/api/v1/invites",
            Some(json!({ "room": "demo", "role": "host", "expires_in": 400 * 86_400 })),
        )
        .await;

    assert!(bare_seconds.status.success(), "{}", stderr(&bare_seconds));
    assert!(stdout(&bare_seconds).contains("/join/demo/host?"));
    for refused in [&too_long, &invite_too_long] {
        assert_eq!(refused.status.code(), Some(1), "{}", stdout(refused));
        assert!(
            stderr(refused).contains("at most 30days (access.max_link_ttl_secs)"),
            "{}",
            stderr(refused)
        );
        assert!(stdout(refused).is_empty(), "nothing is made");
    }
    assert_eq!(api_text, 200, "{link}");
    let lifetime =
        link["expires_at"].as_u64().unwrap() - prebuilt_portal::domain::clock::unix_now();
    assert!((85..=90).contains(&lifetime), "{link}");
    assert_eq!(api_long, 400, "{problem}");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("at most 30days")
    );
    let (_, _, invitations) = app.api(Method::GET, "/api/v1/invites", None).await;
    assert_eq!(invitations["invitations"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn the_openapi_document_states_the_configured_longest_lifetime() {
    let app = spawn_app_with(|s| {
        s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
        s.access.max_link_ttl = std::time::Duration::from_secs(86_400);
    })
    .await;
    let (_, _, document) = app.api(Method::GET, "/api/v1/openapi.json", None).await;

    for schema in ["NewLink", "NewInvitation"] {
        let seconds =
            &document["components"]["schemas"][schema]["properties"]["expires_in"]["oneOf"][0];
        assert_eq!(seconds["maximum"], 86_400, "{schema}: {seconds}");
    }
}
