//! An invitation to an `sso` role asks its invitee to sign in too (and the sign-in must grant
//! the role), unless `invitations.sso_requires_sign_in = false` makes the invitation enough.

use reqwest::Method;
use secrecy::SecretString;
use serde_json::json;

use crate::durable::form_token;
use crate::helpers::{ADMIN_TOKEN, TestApp, meeting_iframe, text_of};
use crate::sign_in::{Provider, browser, sign_in_at_provider, spawn_with_provider};

async fn spawn(sign_in_required: bool) -> Option<(TestApp, Provider)> {
    spawn_with_provider(|s| {
        s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
        s.invitations.sso_requires_sign_in = sign_in_required;
    })
    .await
}

async fn host_invitation(app: &TestApp) -> String {
    let body = json!({ "room": "demo", "role": "host", "expires_in": 600, "name": "Grace" });
    let (status, _, invitation) = app.api(Method::POST, "/api/v1/invites", Some(body)).await;
    assert_eq!(status, 201, "{invitation}");
    invitation["id"].as_str().unwrap().to_owned()
}

/// Presses Join as a browser does: on the invitation's page, with its form's token.
async fn press(client: &reqwest::Client, invitation: &str) -> reqwest::Response {
    let page = client.get(invitation).send().await.unwrap();
    let token = form_token(&page.text().await.unwrap()).unwrap_or_default();
    client
        .post(invitation)
        .form(&[("form_token", token)])
        .send()
        .await
        .unwrap()
}

async fn uses(app: &TestApp, id: &str) -> i64 {
    let (_, _, shown) = app
        .api(Method::GET, &format!("/api/v1/invites/{id}"), None)
        .await;
    shown["uses"].as_i64().unwrap()
}

#[tokio::test]
async fn an_invitation_to_an_sso_role_needs_a_sign_in_that_grants_it() {
    let Some((app, _provider)) = spawn(true).await else {
        return;
    };
    let id = host_invitation(&app).await;
    let invitation = format!("{}/i/{id}", app.address);

    // Pressing Join without a session leads to the provider, counting nothing.
    let alice = browser(None);
    let at_provider = press(&alice, &invitation).await;
    assert_eq!(uses(&app, &id).await, 0, "no use counted before signing in");
    let back = sign_in_at_provider(&alice, at_provider, "alice").await;
    assert_eq!(back.url().as_str(), invitation, "back on the invitation");
    let meeting = press(&alice, &invitation).await;
    assert_eq!(meeting.status(), 200);
    let html = meeting.text().await.unwrap();
    let (src, _) = meeting_iframe(&html);
    assert!(src.contains("auth_token="), "{src}");
    assert_eq!(
        text_of(&html, ".who strong").as_deref(),
        Some("Alice Example"),
        "the signed-in person, not the invitation's name"
    );
    assert_eq!(uses(&app, &id).await, 1);

    // Someone whose claims do not grant the role gets no meeting, and uses nothing.
    let bob = browser(None);
    let at_provider = press(&bob, &invitation).await;
    sign_in_at_provider(&bob, at_provider, "bob").await;
    let refused = press(&bob, &invitation).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(uses(&app, &id).await, 1);
}

#[tokio::test]
async fn with_the_old_rule_the_invitation_alone_opens_the_sso_role() {
    let Some((app, _provider)) = spawn(false).await else {
        return;
    };
    let id = host_invitation(&app).await;

    let meeting = press(&browser(None), &format!("{}/i/{id}", app.address)).await;

    assert_eq!(meeting.status(), 200);
    assert_eq!(meeting.url().path(), format!("/i/{id}"));
    let (src, _) = meeting_iframe(&meeting.text().await.unwrap());
    assert!(
        src.contains("auth_token=") && src.contains("name=Grace"),
        "{src}"
    );
}
