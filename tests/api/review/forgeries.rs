//! Requests another site or a client's own header can forge: a sign-out posted from another
//! site's page, and a client's garbage in `X-Forwarded-For`.

use std::sync::Arc;

use reqwest::cookie::Jar;
use reqwest::header::HeaderValue;
use secrecy::SecretString;

use crate::durable::form_token;
use crate::helpers::{ADMIN_TOKEN, TestApp, spawn_app_with};
use crate::sign_in::{browser_with, sign_in_at_provider, spawn_with_provider};

/// An admin API call with a wrong token, from a client that wrote `own` in `X-Forwarded-For`,
/// through a proxy that appended the address it saw.
async fn admin_call_via_proxy(app: &TestApp, own: &[u8], seen: &str) -> u16 {
    app.http
        .get(format!("{}/api/v1/rooms/demo/links", app.address))
        .bearer_auth("a-guess")
        .header("X-Forwarded-For", HeaderValue::from_bytes(own).unwrap())
        .header("X-Forwarded-For", seen)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_non_ascii_byte_in_forwarded_for_does_not_put_the_client_under_the_proxys_address() {
    let app = spawn_app_with(|s| {
        s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
        s.rate_limit.admin_per_minute = 1;
        s.rate_limit.admin_burst = 1;
        s.rate_limit.client_ip_header = Some("X-Forwarded-For".into());
    })
    .await;

    let first = admin_call_via_proxy(&app, "é, 198.51.100.1".as_bytes(), "203.0.113.7").await;
    let another_client = admin_call_via_proxy(&app, "é".as_bytes(), "203.0.113.8").await;
    let first_again = admin_call_via_proxy(&app, b"\xff", "203.0.113.7").await;

    assert_eq!(first, 401, "counted as 203.0.113.7");
    assert_eq!(another_client, 401, "a budget of its own, not the proxy's");
    assert_eq!(first_again, 429, "203.0.113.7 is still itself");
}

#[tokio::test]
async fn another_sites_page_cannot_sign_a_visitor_out() {
    let Some((app, _provider)) = spawn_with_provider(|_| {}).await else {
        return;
    };
    let jar = Arc::new(Jar::default());
    let client = browser_with(jar.clone(), None);
    let start = client
        .get(format!("{}/join/demo/viewer", app.address))
        .send()
        .await
        .unwrap();
    let signed_in = sign_in_at_provider(&client, start, "alice").await;
    assert_eq!(signed_in.status(), 200);
    let token = form_token(&signed_in.text().await.unwrap()).expect("a sign-out form");
    let stay = browser_with(jar.clone(), Some("/session/end"));
    let logout = format!("{}/auth/logout", app.address);
    let host = app.address.trim_start_matches("http://").to_owned();

    let forged = stay
        .post(&logout)
        .header("Origin", "https://evil.example")
        .form(&[("form_token", &token)])
        .send()
        .await
        .unwrap();
    let forged_with_fetch_metadata = stay
        .post(&logout)
        .header("Origin", format!("http://{host}"))
        .header("Sec-Fetch-Site", "cross-site")
        .form(&[("form_token", &token)])
        .send()
        .await
        .unwrap();
    let still_signed_in = browser_with(jar.clone(), Some("/auth/login"))
        .get(format!("{}/join/demo/viewer", app.address))
        .send()
        .await
        .unwrap();
    let own_button = stay
        .post(&logout)
        .header("Origin", format!("http://{host}"))
        .header("Sec-Fetch-Site", "same-origin")
        .form(&[("form_token", &token)])
        .send()
        .await
        .unwrap();

    assert_eq!(forged.status(), 403);
    assert_eq!(forged_with_fetch_metadata.status(), 403);
    assert_eq!(still_signed_in.status(), 200, "the session was left alone");
    assert_eq!(
        own_button.status(),
        303,
        "the portal's own button signs out"
    );
}
