//! Management-token checks, with the documented 401 body.

use serde_json::json;

use super::*;

#[tokio::test]
async fn a_missing_token_gets_the_documented_401_body() {
    let (api, _) = Api::start().await;

    let response = api
        .http
        .get(format!("{}/v2/rooms", api.base))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 401);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body,
        json!({ "code": 401, "message": "Token validation error", "details": ["not found"] })
    );
}

#[tokio::test]
async fn tokens_with_a_bad_signature_claim_or_time_are_refused() {
    let (mut api, emulator) = Api::start().await;
    let now = unix_now();
    let mut cases: Vec<(&str, String)> =
        vec![("wrong secret", token_with(claims(), "other-secret"))];
    let mut with = |name: &'static str, key: &str, value: Value| {
        let mut c = claims();
        c[key] = value;
        cases.push((name, token_with(c, APP_SECRET)));
    };
    with("app token", "type", json!("app"));
    with("old version", "version", json!(1));
    with("other access key", "access_key", json!("someone-else"));
    with("expired", "exp", json!(now - 3600));
    with("not yet valid", "nbf", json!(now + 3600));
    let mut no_jti = claims();
    no_jti.as_object_mut().unwrap().remove("jti");
    cases.push(("no jti", token_with(no_jti, APP_SECRET)));

    for (case, token) in cases {
        api.token = token;
        let (status, body) = api.get("/rooms").await;
        assert_eq!(status, 401, "{case}");
        assert_eq!(body["message"], "Token validation error", "{case}");
    }
    assert!(emulator.token_ids_seen().is_empty());
}
