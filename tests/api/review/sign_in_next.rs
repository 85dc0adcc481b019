//! Whatever `next` a login link carries, signing in through a real provider never ends in a
//! 5xx, and the session it started works.

use rand::Rng;

use crate::sign_in::{browser, sign_in_at_provider, spawn_with_provider};

/// `next` values as sent, already percent-encoded for the login link's query.
const TRICKY: [&str; 12] = [
    "/join/demo/host%01",
    "/join/demo/host%7f",
    "/join/demo/host%00",
    "/join/demo/h%C3%B4st",
    "/join/demo/host%E9",
    "/join/demo/host%0D%0ASet-Cookie:%20x=1",
    "/join/demo/viewer?name=Ada%20Lovelace",
    "/join/demo/viewer?name=%F0%9F%98%80",
    "%2F%2Fevil.example%2Fjoin%2F",
    "https://evil.example/join/demo/host",
    "/embed/demo/host%5C..%5C",
    "/join/",
];

/// Random bytes after a meeting page's prefix, percent-encoded for the query.
fn random_next(rng: &mut impl Rng) -> String {
    let length = rng.random_range(0..24);
    let bytes: Vec<u8> = (0..length).map(|_| rng.random()).collect();
    let tail: String = bytes.iter().map(|b| format!("%{b:02X}")).collect();
    format!("/join/demo/{tail}")
}

#[tokio::test]
async fn no_next_value_makes_the_sign_in_fail_with_a_5xx() {
    let Some((app, _provider)) = spawn_with_provider(|_| {}).await else {
        return;
    };
    let mut rng = rand::rng();
    let mut nexts: Vec<String> = TRICKY.iter().map(|n| (*n).to_owned()).collect();
    nexts.extend((0..12).map(|_| random_next(&mut rng)));

    for next in nexts {
        let client = browser(None);
        let start = client
            .get(format!("{}/auth/login?next={next}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(start.status(), 200, "{next}: the provider's login page");
        let back = sign_in_at_provider(&client, start, "alice").await;
        let status = back.status().as_u16();
        assert!(status < 500, "{next}: {status} at {}", back.url());
        assert_eq!(
            back.url().host_str(),
            Some("127.0.0.1"),
            "{next}: stays here"
        );
        let signed_in = client
            .get(format!("{}/join/demo/viewer", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(
            signed_in.url().path(),
            "/join/demo/viewer",
            "{next}: no new sign-in"
        );
        assert_eq!(signed_in.status(), 200, "{next}: the session was kept");
    }
}
