//! Errors with words a person can act on: a bad body names its field and what it takes, a body
//! without JSON is told which header to send, a bad setting lists the allowed values, and the
//! admin API, when off, says how to turn it on.

use reqwest::Method;
use serde_json::json;

use crate::cli::{cli, run, stderr};
use crate::helpers::{
    ACCESS_KEY, ADMIN_TOKEN, APP_SECRET, spawn_admin_app, spawn_app, spawn_emulator,
    spawn_live_app, text_of,
};

#[tokio::test]
async fn a_bad_body_names_the_field_and_what_it_takes() {
    let app = spawn_admin_app().await;
    let cases = [
        (
            json!({ "room": "demo", "role": "host", "expires_in": "soon" }),
            "expires_in: \"soon\" is not a duration",
        ),
        (
            json!({ "room": "demo", "role": "host", "expires_in": "1h", "ttl": 5 }),
            "unknown field `ttl`, expected one of",
        ),
        (
            json!({ "room": "demo", "expires_in": "1h" }),
            "missing field `role`",
        ),
        (
            json!({ "room": "demo", "role": "host", "expires_in": "1d", "max_uses": "two" }),
            "max_uses: ",
        ),
    ];
    for (body, words) in cases {
        let path = if body.get("max_uses").is_some() {
            "/api/v1/invites"
        } else {
            "/api/v1/links"
        };
        let (status, content_type, problem) = app.api(Method::POST, path, Some(body.clone())).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(content_type, "application/problem+json");
        assert!(
            problem["detail"].as_str().unwrap().contains(words),
            "{problem}"
        );
    }
    let (status, _, problem) = app
        .api(
            Method::POST,
            "/api/v1/rooms",
            Some(json!({ "name": "class", "access": { "host": "private" } })),
        )
        .await;
    assert_eq!(status, 400);
    assert!(
        problem["detail"].as_str().unwrap().contains(
            "access.host: \"private\" is not an access policy: use public, signed, sso or off"
        ),
        "{problem}"
    );
    let (status, _, problem) = app
        .api(Method::GET, "/api/v1/invites?limit=many", None)
        .await;
    assert_eq!(status, 400);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("limit: expected a whole number"),
        "{problem}"
    );
}

#[tokio::test]
async fn a_body_without_json_is_told_which_header_to_send() {
    let app = spawn_admin_app().await;
    let response = app
        .http
        .post(format!("{}/api/v1/links", app.address))
        .bearer_auth(ADMIN_TOKEN)
        .body(r#"{"room":"demo","role":"host","expires_in":"1h"}"#)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 415);
    let problem: serde_json::Value = response.json().await.unwrap();
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("Content-Type: application/json"),
        "{problem}"
    );
}

#[tokio::test]
async fn the_admin_api_when_off_says_so_and_how_to_turn_it_on() {
    let app = spawn_app().await;
    let (status, content_type, problem) = app.api(Method::GET, "/api/v1/invites", None).await;

    assert_eq!(status, 404);
    assert_eq!(content_type, "application/problem+json");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("PORTAL__ADMIN__TOKEN"),
        "{problem}"
    );
}

#[tokio::test]
async fn a_bad_setting_lists_the_values_it_takes() {
    let app = spawn_app().await;
    let mut command = cli(&app);
    command
        .arg("check-config")
        .env("PORTAL__ACCESS__DEFAULT", "private");
    let output = run(command).await;

    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(
            "access.default: \"private\" is not an access policy: use public, signed, sso or off"
        ),
        "{}",
        stderr(&output)
    );
}

#[tokio::test]
async fn a_changed_or_cut_signed_link_says_so_and_names_the_room_and_role() {
    let app = spawn_admin_app().await;
    let body = json!({ "room": "demo", "role": "host", "expires_in": "1h", "name": "Ada" });
    let (_, _, link) = app.api(Method::POST, "/api/v1/links", Some(body)).await;
    let path = link["url"].as_str().unwrap().replacen(&app.address, "", 1);
    let renamed = path.replace("name=Ada", "name=Mallory");
    let cut = &path[..path.find("&sig=").unwrap()];

    for broken in [renamed.as_str(), cut] {
        let (status, html) = app.page(broken).await;
        assert_eq!(status, 403, "{broken}");
        assert_eq!(
            text_of(&html, "h1").as_deref(),
            Some("This link was changed or is incomplete")
        );
        assert_eq!(
            text_of(&html, ".about").as_deref(),
            Some("Demo room · joining as host")
        );
        assert!(html.contains("ask the person who sent it for a new one"));
    }
}

#[tokio::test]
async fn when_the_meeting_service_is_away_the_page_says_so_without_its_name_and_offers_to_retry() {
    let unused = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed = format!("http://127.0.0.1:{}", unused.local_addr().unwrap().port());
    drop(unused);
    let (emulator, _) = spawn_emulator(ACCESS_KEY, APP_SECRET).await;
    let app = spawn_live_app(&closed, &emulator, APP_SECRET, |_| {}).await;

    let (status, html) = app.page("/join/demo/guest").await;

    assert_eq!(status, 503);
    assert_eq!(
        text_of(&html, "h1").as_deref(),
        Some("The meeting service is not answering")
    );
    let document = scraper::Html::parse_document(&html);
    let retry = scraper::Selector::parse(".retry a").unwrap();
    let retry = document.select(&retry).next().expect("a Try again link");
    assert_eq!(retry.text().collect::<String>(), "Try again");
    assert_eq!(
        retry.value().attr("href"),
        Some(""),
        "it reloads this very page"
    );
    assert!(
        !html.contains("100ms"),
        "participants are not told the vendor's name"
    );
}
