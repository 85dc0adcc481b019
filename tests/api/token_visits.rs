//! Protected roles join with per-visit 100ms auth tokens: no room code of theirs reaches a
//! browser, the token is bound to room, role and user and ends when the link does, and the
//! emulator checks tokens as 100ms would.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use prebuilt_portal::domain::JoinWith;
use prebuilt_portal::domain::clock::unix_now;
use prebuilt_portal::hms::AppClaims;
use prebuilt_portal::settings::SigningKeys;
use reqwest::Method;
use secrecy::SecretString;
use serde_json::{Value, json};

use crate::helpers::{ADMIN_TOKEN, TestApp, meeting_iframe, spawn_app_with, text_of};

const KEY: &str = "signing-key-for-token-visits-0123456789";

async fn spawn_token_app(adjust: impl FnOnce(&mut prebuilt_portal::settings::Settings)) -> TestApp {
    spawn_app_with(|s| {
        s.access.signing_keys = SigningKeys::parse(KEY).unwrap();
        s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
        adjust(s);
    })
    .await
}

/// A signed link from the admin API: (path on the portal, its `expires_at`).
async fn signed(app: &TestApp, body: Value) -> (String, u64) {
    let (status, _, link) = app.api(Method::POST, "/api/v1/links", Some(body)).await;
    assert_eq!(status, 200, "{link}");
    let path = link["url"].as_str().unwrap().replacen(&app.address, "", 1);
    (path, link["expires_at"].as_u64().unwrap())
}

/// A signed host link made with `extra` options, visited: (page HTML, meeting frame URL).
async fn host_visit(app: &TestApp, extra: Value) -> (String, String) {
    let mut body = json!({ "room": "demo", "role": "host", "ttl_secs": 600 });
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    let (path, _) = signed(app, body).await;
    visit(app, &path).await
}

/// The page's HTML and its meeting frame's URL.
async fn visit(app: &TestApp, path: &str) -> (String, String) {
    let (status, html) = app.page(path).await;
    assert_eq!(status, 200, "{html}");
    let (src, _) = meeting_iframe(&html);
    (html, src)
}

fn token_of(src: &str) -> String {
    let url = url::Url::parse(src).unwrap();
    url.query_pairs()
        .find(|(key, _)| key == "auth_token")
        .map(|(_, token)| token.into_owned())
        .unwrap_or_else(|| panic!("no auth_token in {src}"))
}

fn claims_of(app: &TestApp, token: &str) -> AppClaims {
    let (_, secret) = app.emulator.credentials();
    let mut validation = Validation::new(Algorithm::HS256);
    validation.validate_exp = false;
    jsonwebtoken::decode::<AppClaims>(
        token,
        &DecodingKey::from_secret(secret.as_bytes()),
        &validation,
    )
    .unwrap()
    .claims
}

fn demo_room_id(app: &TestApp) -> String {
    app.emulator
        .account()
        .room_by_name("demo")
        .unwrap()
        .id
        .clone()
}

/// Every room code the emulator ever made for `role` of the demo room, enabled or not.
fn all_codes(app: &TestApp, role: &str) -> Vec<String> {
    let room_id = demo_room_id(app);
    let store = app.emulator.account();
    store
        .codes()
        .iter()
        .filter(|c| c.room_id == room_id && c.role == role)
        .map(|c| c.code.clone())
        .collect()
}

#[tokio::test]
async fn a_signed_host_visit_joins_with_a_token_for_host_and_shows_no_host_code() {
    let app = spawn_token_app(|_| {}).await;
    // The admin reads the host's code, so there is one that must not leak.
    let host_code = app.code_via_api("host").await;
    let (path, expires_at) = signed(
        &app,
        json!({ "room": "demo", "role": "host", "ttl_secs": 600, "name": "Ada", "user_id": "ada-1" }),
    )
    .await;

    let (html, src) = visit(&app, &path).await;

    assert_eq!(all_codes(&app, "host"), std::slice::from_ref(&host_code));
    assert!(!html.contains(&host_code), "no host code in the page");
    let claims = claims_of(&app, &token_of(&src));
    assert_eq!(claims.kind, "app");
    assert_eq!(claims.room_id, demo_room_id(&app));
    assert_eq!(claims.role, "host");
    assert_eq!(claims.user_id, "ada-1");
    assert_eq!(claims.exp, expires_at, "the token ends when the link does");
    let meeting = app.http.get(&src).send().await.unwrap();
    assert_eq!(meeting.status(), 200);
    let meeting = meeting.text().await.unwrap();
    assert_eq!(text_of(&meeting, "#role").as_deref(), Some("host"));
    assert_eq!(text_of(&meeting, "#name").as_deref(), Some("Ada"));
    assert_eq!(text_of(&meeting, "#user-id").as_deref(), Some("ada-1"));
    assert!(!meeting.contains(&host_code));
}

#[tokio::test]
async fn a_token_lives_no_longer_than_access_token_ttl() {
    let app = spawn_token_app(|s| s.access.token_ttl = std::time::Duration::from_secs(120)).await;
    let (path, expires_at) = signed(
        &app,
        json!({ "room": "demo", "role": "host", "ttl_secs": 86400 }),
    )
    .await;

    let (_, src) = visit(&app, &path).await;

    let claims = claims_of(&app, &token_of(&src));
    assert!(claims.exp < expires_at);
    assert!(claims.exp <= unix_now() + 120 && claims.exp + 10 >= unix_now() + 120);
}

#[tokio::test]
async fn the_emulator_refuses_a_portal_token_once_it_has_expired() {
    let app = spawn_token_app(|_| {}).await;
    let (_, src) = host_visit(&app, json!({})).await;
    let token = token_of(&src);
    let (_, secret) = app.emulator.credentials();
    let mut expired = claims_of(&app, &token);
    expired.exp = unix_now() - 60;
    let expired = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &expired,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap();

    let fresh = app.http.get(&src).send().await.unwrap();
    let stale = app
        .http
        .get(src.replace(&token, &expired))
        .send()
        .await
        .unwrap();

    assert_eq!(fresh.status(), 200);
    assert_eq!(stale.status(), 401);
    let page = stale.text().await.unwrap();
    assert!(text_of(&page, "h1").unwrap().contains("expired"), "{page}");
    assert_ne!(text_of(&page, "#role").as_deref(), Some("host"));
}

#[tokio::test]
async fn stripping_the_token_does_not_join_as_host() {
    let app = spawn_token_app(|_| {}).await;
    let (_, src) = host_visit(&app, json!({})).await;
    let stripped = src.split('?').next().unwrap();

    let response = app.http.get(stripped).send().await.unwrap();

    assert_eq!(response.status(), 403);
    let page = response.text().await.unwrap();
    assert!(
        text_of(&page, "h1")
            .unwrap()
            .contains("link format is disabled"),
        "{page}"
    );
    assert_eq!(text_of(&page, "#role").as_deref(), Some(""));
}

#[tokio::test]
async fn with_the_dashboard_toggle_on_a_room_id_and_role_link_joins_without_a_token() {
    let app = spawn_token_app(|s| s.emulator.room_id_role_links = true).await;
    app.page("/join/demo/guest").await;
    let room_id = demo_room_id(&app);

    let response = app
        .http
        .get(format!("{}/preview/{room_id}/viewer", app.emulator_address))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert_eq!(text_of(&page, "#role").as_deref(), Some("viewer"));
}

#[tokio::test]
async fn two_visits_of_one_signed_link_get_their_own_tokens() {
    let app = spawn_token_app(|_| {}).await;
    let (anonymous, _) = signed(
        &app,
        json!({ "room": "demo", "role": "host", "ttl_secs": 600 }),
    )
    .await;
    let (bound, _) = signed(
        &app,
        json!({ "room": "demo", "role": "host", "ttl_secs": 600, "user_id": "grace" }),
    )
    .await;

    let mut claims = Vec::new();
    for path in [&anonymous, &anonymous, &bound, &bound] {
        let (_, src) = visit(&app, path).await;
        claims.push(claims_of(&app, &token_of(&src)));
    }

    assert_ne!(claims[0].jti, claims[1].jti);
    assert_ne!(
        claims[0].user_id, claims[1].user_id,
        "a fresh user id per visit"
    );
    assert_ne!(claims[2].jti, claims[3].jti);
    assert_eq!(
        [claims[2].user_id.as_str(), claims[3].user_id.as_str()],
        ["grace", "grace"]
    );
}

#[tokio::test]
async fn public_roles_join_with_codes_unless_set_to_tokens() {
    let with_codes = spawn_token_app(|_| {}).await;
    let with_tokens = spawn_token_app(|s| {
        s.access
            .join_with
            .insert("guest".parse().unwrap(), JoinWith::Token);
    })
    .await;

    let (_, code_src) = visit(&with_codes, "/join/demo/guest?name=Bo").await;
    let (html, token_src) = visit(&with_tokens, "/join/demo/guest?name=Bo").await;

    let code = &with_codes.codes_of("demo", "guest")[0];
    assert_eq!(
        code_src,
        format!("{}/meeting/{code}?name=Bo", with_codes.emulator_address)
    );
    let claims = claims_of(&with_tokens, &token_of(&token_src));
    assert_eq!(claims.role, "guest");
    assert!(
        with_tokens.codes_of("demo", "guest").is_empty(),
        "no code was needed, so none was made"
    );
    assert!(!html.contains("/meeting/"));
}

#[tokio::test]
async fn a_token_visit_costs_no_call_to_100ms_once_the_room_is_known() {
    let app = spawn_token_app(|_| {}).await;
    let (path, _) = signed(
        &app,
        json!({ "room": "demo", "role": "host", "ttl_secs": 600 }),
    )
    .await;
    visit(&app, &path).await;
    let calls = app.emulator.total_calls();

    for _ in 0..3 {
        visit(&app, &path).await;
    }

    assert_eq!(app.emulator.total_calls(), calls);
}

#[tokio::test]
async fn the_admin_api_marks_token_roles_and_shows_their_codes_only_when_asked() {
    let app = spawn_token_app(|_| {}).await;

    let (status, _, plain) = app.api(Method::GET, "/api/v1/rooms/demo/links", None).await;
    let (_, _, with_codes) = app
        .api(
            Method::GET,
            "/api/v1/rooms/demo/links?include_codes=true",
            None,
        )
        .await;

    assert_eq!(status, 200);
    let host = &plain["links"][0];
    assert_eq!(host["role"], "host");
    assert_eq!(host["join_with"], "token");
    assert_eq!(host["code"], Value::Null);
    assert_eq!(host["prebuilt_url"], Value::Null);
    assert_eq!(host["join_url"], format!("{}/join/demo/host", app.address));
    assert_eq!(plain["links"][1]["join_with"], "code");
    assert_eq!(
        plain["links"][1]["code"],
        app.codes_of("demo", "guest")[0].as_str()
    );
    assert_eq!(
        with_codes["links"][0]["code"],
        app.codes_of("demo", "host")[0].as_str()
    );
}
