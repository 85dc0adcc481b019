//! A single-use invitation does not lock out its own invitee: the browser that pressed Join
//! keeps a pass (a cookie scoped to the invitation, no longer than the visit's token) and
//! reopening the invitation joins again, as the same person, without counting a use. Another
//! browser is told it was used; revoking it ends the pass at once; another site cannot press
//! Join for the visitor.

use reqwest::Method;
use secrecy::SecretString;
use serde_json::json;

use crate::durable::form_token;
use crate::helpers::{ADMIN_TOKEN, TestApp, meeting_iframe, spawn_app_with};
use crate::sign_in::browser;

/// A browser that keeps cookies and stops at every redirect.
fn browser_stopping() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_provider(std::sync::Arc::new(reqwest::cookie::Jar::default()))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn single_use_invitation(app: &TestApp) -> String {
    let body = json!({ "room": "demo", "role": "host", "expires_in": "1d", "max_uses": 1,
                       "name": "Grace" });
    let (status, _, invitation) = app.api(Method::POST, "/api/v1/invites", Some(body)).await;
    assert_eq!(status, 201, "{invitation}");
    invitation["id"].as_str().unwrap().to_owned()
}

async fn shown(app: &TestApp, id: &str) -> serde_json::Value {
    app.api(Method::GET, &format!("/api/v1/invites/{id}"), None)
        .await
        .2
}

/// The Join form's token on the invitation's page, as `client` sees it.
async fn join_token(client: &reqwest::Client, invitation: &str) -> String {
    let page = client.get(invitation).send().await.unwrap();
    form_token(&page.text().await.unwrap()).expect("the Join form carries a token")
}

/// The meeting's user id in a page's frame.
fn user_id_in(html: &str) -> String {
    let (src, _) = meeting_iframe(html);
    let token = src
        .split("auth_token=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    let claims = token.split('.').nth(1).unwrap();
    use base64::Engine;
    let claims = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(claims)
        .unwrap();
    let claims: serde_json::Value = serde_json::from_slice(&claims).unwrap();
    claims["user_id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_browser_that_pressed_join_may_come_back_without_using_the_invitation_again() {
    let app = spawn_app_with(|s| s.admin.token = Some(SecretString::from(ADMIN_TOKEN))).await;
    let id = single_use_invitation(&app).await;
    let invitation = format!("{}/i/{id}", app.address);
    let grace = browser_stopping();

    let token = join_token(&grace, &invitation).await;
    let pressed = grace
        .post(&invitation)
        .form(&[("form_token", token)])
        .send()
        .await
        .unwrap();
    let cookie = pressed.headers()["set-cookie"].to_str().unwrap().to_owned();
    let first = grace
        .get(
            pressed.headers()["location"]
                .to_str()
                .unwrap()
                .replace("/i/", &format!("{}/i/", app.address)),
        )
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let again = grace.get(&invitation).send().await.unwrap();
    let again_status = again.status();
    let again = again.text().await.unwrap();
    let someone_else = browser(None).get(&invitation).send().await.unwrap();
    let state = shown(&app, &id).await;

    assert_eq!(pressed.status(), 303);
    assert!(cookie.contains(&format!("Path=/i/{id}")), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    let max_age: u64 = cookie
        .split("Max-Age=")
        .nth(1)
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        max_age <= 3600,
        "no longer than the visit's token: {cookie}"
    );
    assert_eq!(again_status, 200, "reopening joins again");
    assert_eq!(user_id_in(&again), user_id_in(&first), "as the same person");
    assert_eq!(
        someone_else.status(),
        410,
        "another browser is told it was used"
    );
    assert_eq!(state["uses"], 1, "{state}");
    assert_eq!(state["state"], "used_up");
    assert!(
        state["rejoin_until"].as_i64().unwrap() > prebuilt_portal::domain::clock::unix_now() as i64
    );

    let (status, _, _) = app
        .api(Method::DELETE, &format!("/api/v1/invites/{id}"), None)
        .await;
    assert_eq!(status, 200);
    let after_revocation = grace.get(&invitation).send().await.unwrap();
    assert_eq!(
        after_revocation.status(),
        410,
        "revoking ends the pass at once"
    );
}

#[tokio::test]
async fn another_site_cannot_press_join_for_the_visitor() {
    let app = spawn_app_with(|s| s.admin.token = Some(SecretString::from(ADMIN_TOKEN))).await;
    let id = single_use_invitation(&app).await;
    let invitation = format!("{}/i/{id}", app.address);
    let visitor = browser_stopping();

    let without_token = visitor.post(&invitation).send().await.unwrap();
    let token = join_token(&visitor, &invitation).await;
    let from_elsewhere = visitor
        .post(&invitation)
        .header("Origin", "https://evil.example")
        .form(&[("form_token", token)])
        .send()
        .await
        .unwrap();

    assert_eq!(without_token.status(), 403);
    assert_eq!(from_elsewhere.status(), 403);
    assert_eq!(shown(&app, &id).await["uses"], 0, "nothing was used");
}
