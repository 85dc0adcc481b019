use reqwest::Method;
use secrecy::SecretString;

use prebuilt_portal::domain::AccessPolicy;

use crate::helpers::{ADMIN_TOKEN, demo_alias, spawn_app_with, text_of};

#[tokio::test]
async fn a_burst_of_cold_page_views_from_one_address_gets_a_429_page() {
    let app = spawn_app_with(|s| {
        s.rate_limit.upstream_per_minute = 1;
        s.rate_limit.upstream_burst = 2;
        s.access.default = AccessPolicy::Public;
        demo_alias(s).roles.clear();
    })
    .await;

    let first = app.get("/join/demo/guest").await.status();
    let second = app.get("/join/demo/viewer").await.status();
    let calls = app.emulator.total_calls();
    let limited = app.get("/join/demo/moderator").await;

    assert_eq!((first.as_u16(), second.as_u16()), (200, 200));
    assert_eq!(limited.status(), 429);
    let retry_after: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert_eq!(
        limited.headers()["content-type"],
        "text/html; charset=utf-8"
    );
    assert_eq!(
        text_of(&limited.text().await.unwrap(), "h1").as_deref(),
        Some("Too many requests")
    );
    assert_eq!(
        app.emulator.total_calls(),
        calls,
        "the limited view never reached 100ms"
    );
    for _ in 0..10 {
        assert_eq!(
            app.get("/join/demo/guest").await.status(),
            200,
            "cached views are never limited"
        );
    }
}

#[tokio::test]
async fn admin_calls_are_limited_per_address_even_with_a_wrong_token() {
    let app = spawn_app_with(|s| {
        s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
        s.rate_limit.admin_per_minute = 1;
        s.rate_limit.admin_burst = 2;
    })
    .await;
    let guess = || {
        app.http
            .get(format!("{}/api/v1/rooms/demo/links", app.address))
            .bearer_auth("guess")
            .send()
    };

    let statuses = [
        guess().await.unwrap().status(),
        guess().await.unwrap().status(),
    ];
    let limited = guess().await.unwrap();
    let (status_with_token, content_type, _) =
        app.api(Method::POST, "/api/v1/cache/purge", None).await;

    assert_eq!(statuses.map(|s| s.as_u16()), [401, 401]);
    assert_eq!(limited.status(), 429);
    assert!(limited.headers().contains_key("retry-after"));
    assert_eq!(
        limited.headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(
        status_with_token, 429,
        "the address is limited, whatever its token"
    );
    assert_eq!(content_type, "application/problem+json");
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_address_has_its_own_allowance() {
    let app = spawn_app_with(|s| {
        s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
        s.rate_limit.admin_per_minute = 1;
        s.rate_limit.admin_burst = 1;
        s.rate_limit.client_ip_header = Some("X-Forwarded-For".into());
    })
    .await;
    let call = |forwarded: &'static str| {
        app.http
            .get(format!("{}/api/v1/rooms/demo/links", app.address))
            .header("X-Forwarded-For", forwarded)
            .send()
    };

    // The proxy appends the address it saw; anything before it came from the client.
    let first = call("198.51.100.7, 192.0.2.10").await.unwrap().status();
    let same_client_spoofing = call("203.0.113.9, 192.0.2.10").await.unwrap().status();
    let other_client = call("198.51.100.7, 192.0.2.11").await.unwrap().status();

    assert_eq!(first, 401);
    assert_eq!(
        same_client_spoofing, 429,
        "the proxy's entry (the last) is the client"
    );
    assert_eq!(other_client, 401);
}
