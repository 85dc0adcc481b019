//! Hostile and random input: never a server error, never a panic, never reflected unescaped.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use secrecy::SecretString;

use crate::helpers::{ADMIN_TOKEN, TestApp, spawn_app_with};

/// Runs `property` over `strategy` against one portal; the cases share its cache, as visitors do.
fn check<S: Strategy>(cases: u32, strategy: S, property: impl Fn(&TestApp, S::Value) -> BoxedCheck)
where
    S::Value: std::fmt::Debug,
{
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let app = runtime.block_on(spawn_app_with(|s| {
        s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
        s.access.signing_keys =
            prebuilt_portal::settings::SigningKeys::parse("bad-input-signing-key-0123456789abcdef")
                .unwrap();
        s.rate_limit.upstream_per_minute = 0;
        s.rate_limit.admin_per_minute = 0;
    }));
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&strategy, |value| runtime.block_on(property(&app, value)))
        .unwrap();
}

type BoxedCheck = std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), TestCaseError>>>>;

/// No 5xx; and text with markup characters never comes back as it was sent.
fn judge(status: u16, body: &str, input: &str) -> Result<(), TestCaseError> {
    prop_assert!(status < 500, "status {status} for {input:?}");
    if input.contains(['<', '>', '"', '\'']) && input.len() > 2 {
        prop_assert!(!body.contains(input), "{input:?} reflected");
    }
    Ok(())
}

fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[test]
fn random_room_and_role_names_never_cause_a_server_error_or_reflection() {
    let names = prop_oneof![
        "[a-zA-Z0-9.:_-]{1,12}",
        "\\PC{0,40}",
        ".{0,200}",
        "<[a-z]{1,8} on[a-z]{1,8}=\"[a-z()]{1,10}\">",
    ];
    let pages = prop_oneof![Just("join"), Just("embed"), Just("rooms")];
    check(
        192,
        (pages, names.clone(), names),
        |app, (page, room, role)| {
            let path = match page {
                "rooms" => format!("/rooms/{}", encode(&room)),
                _ => format!("/{page}/{}/{}", encode(&room), encode(&role)),
            };
            let app = app.clone_handle();
            Box::pin(async move {
                let (status, body) = app.page(&path).await;
                judge(status, &body, &room)?;
                judge(status, &body, &role)
            })
        },
    );
}

#[test]
fn random_query_strings_never_cause_a_server_error_or_reflection() {
    let keys = prop_oneof![
        Just("name".to_owned()),
        Just("user_id".to_owned()),
        Just("skip_preview".to_owned()),
        Just("exp".to_owned()),
        Just("sig".to_owned()),
        "[a-z_]{1,10}",
    ];
    let values = prop_oneof![
        "\\PC{0,120}",
        ".{0,300}",
        "[0-9]{0,20}",
        "<script>[a-z\"']{0,20}"
    ];
    let pairs = prop::collection::vec((keys, values), 0..6);
    let roles = prop_oneof![Just("guest"), Just("viewer"), Just("host")];
    check(256, (roles, pairs), |app, (role, pairs)| {
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        let path = format!("/join/demo/{role}?{}", query.join("&"));
        let app = app.clone_handle();
        Box::pin(async move {
            let (status, body) = app.page(&path).await;
            for (_, value) in &pairs {
                judge(status, &body, value)?;
            }
            Ok(())
        })
    });
}

#[test]
fn random_headers_never_cause_a_server_error() {
    let names = prop_oneof![
        Just("x-request-id"),
        Just("x-forwarded-for"),
        Just("authorization"),
        Just("accept"),
        Just("accept-language"),
        Just("cookie"),
        Just("content-type"),
    ];
    let values = "[ -~]{0,200}";
    let paths = prop_oneof![
        Just("/join/demo/guest"),
        Just("/rooms/demo"),
        Just("/api/v1/rooms/demo/links"),
        Just("/api/v1/openapi.json"),
    ];
    check(192, (paths, names, values), |app, (path, name, value)| {
        let app = app.clone_handle();
        Box::pin(async move {
            let response = app
                .http
                .get(format!("{}{path}", app.address))
                .header(name, value.as_str())
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            let echoed = response
                .headers()
                .get("x-request-id")
                .map(|v| v.to_str().unwrap_or_default().to_owned());
            let body = response.text().await.unwrap_or_default();
            judge(status, &body, &value)?;
            if name == "x-request-id" && value.contains(['<', ' ', '"']) {
                prop_assert_ne!(echoed.as_deref(), Some(value.as_str()));
            }
            Ok(())
        })
    });
}

#[test]
fn any_link_lifetime_gets_a_link_or_a_400_never_a_broken_connection() {
    let lifetimes = prop_oneof![
        any::<u64>(),
        0_u64..=1_000,
        2_591_000_u64..=2_593_000,
        Just(u64::MAX),
    ];
    check(96, lifetimes, |app, ttl| {
        let app = app.clone_handle();
        Box::pin(async move {
            let body = serde_json::json!({ "room": "demo", "role": "host", "ttl_secs": ttl });
            let (status, _, _) = app
                .api(reqwest::Method::POST, "/api/v1/links", Some(body))
                .await;
            // Up to access.max_link_ttl_secs (30 days by default); past it, refused.
            let expected = if (1..=2_592_000).contains(&ttl) {
                200
            } else {
                400
            };
            prop_assert_eq!(status, expected, "ttl_secs {}", ttl);
            Ok(())
        })
    });
}

#[tokio::test]
async fn known_hostile_inputs_get_client_errors() {
    let app = spawn_app_with(|_| {}).await;
    let long_path = format!("/join/{}/guest", "a".repeat(8 * 1024));
    let long_query = format!("/join/demo/guest?name={}", "n".repeat(8 * 1024));
    let long_ignored = format!("/join/demo/guest?utm={}", "u".repeat(8 * 1024));

    let cases: [(&str, &[u16]); 14] = [
        ("/join/..%2F..%2Fetc%2Fpasswd/guest", &[400]),
        ("/join/%2e%2e/guest", &[400, 404]),
        ("/rooms/%2e%2e", &[400, 404]),
        ("/join/demo/guest?name=%FF%FE", &[200]),
        ("/join/demo/%FF", &[400, 404]),
        ("/join/demo%00/guest", &[400]),
        ("/join/demo/guest?name=Ada%00", &[400]),
        ("/join/demo/guest?name=Ada%0D%0ALocation:%20x", &[400]),
        ("/join/demo/guest?name=%07bell", &[400]),
        ("/join/demo/guest?name=a&name=a", &[400]),
        ("/join/demo/guest?skip_preview=1&skip_preview=0", &[400]),
        (&long_path, &[400, 414, 431]),
        (&long_query, &[400, 414, 431]),
        (&long_ignored, &[200, 414, 431]),
    ];
    for (path, allowed) in cases {
        let status = app.raw_get_status(path).await;
        assert!(
            allowed.contains(&status),
            "{}: {status}",
            &path[..path.len().min(60)]
        );
    }
    let name_101 = format!("/join/demo/guest?name={}", "é".repeat(101));
    assert_eq!(
        app.page(&name_101).await.0,
        400,
        "names over 100 characters are refused"
    );
    let name_100 = format!("/join/demo/guest?name={}", "é".repeat(100));
    assert_eq!(app.page(&name_100).await.0, 200);
}
