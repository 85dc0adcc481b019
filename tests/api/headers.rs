use secrecy::SecretString;

use crate::helpers::{ADMIN_TOKEN, spawn_app_with};

/// Every kind of HTML page the portal serves, with the status it should have.
const PAGES: [(&str, u16); 9] = [
    ("/join/demo/guest", 200),
    ("/embed/demo/viewer", 200),
    ("/rooms/demo", 200),
    ("/", 200),
    ("/join/demo/host", 403),
    ("/join/demo/host?exp=1&sig=AAAA", 403),
    ("/join/nowhere/guest", 404),
    ("/join/de%20mo/guest", 400),
    ("/no/such/page", 404),
];

#[tokio::test]
async fn every_html_page_carries_a_strict_content_security_policy_and_privacy_headers() {
    let app = spawn_app_with(|s| {
        s.security.frame_ancestors = vec![
            "self".parse().unwrap(),
            "https://intranet.example.com".parse().unwrap(),
        ];
    })
    .await;

    for (path, status) in PAGES {
        let response = app.get(path).await;
        assert_eq!(response.status().as_u16(), status, "{path}");
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        let directives: Vec<&str> = csp.split(';').map(str::trim).collect();
        assert!(directives.contains(&"default-src 'self'"), "{path}: {csp}");
        assert!(directives.contains(&"script-src 'self'"), "{path}: {csp}");
        assert!(
            directives.contains(&"img-src 'self' data:"),
            "{path}: {csp}"
        );
        assert!(
            directives.contains(&format!("frame-src {}", app.emulator_address).as_str()),
            "{csp}"
        );
        assert!(
            directives.contains(&"frame-ancestors 'self' https://intranet.example.com"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"));
        assert_eq!(headers["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["cache-control"], "no-store", "{path}");
    }
}

#[tokio::test]
async fn pages_may_be_framed_only_by_the_portal_itself_by_default() {
    let app = spawn_app_with(|_| {}).await;

    let response = app.get("/embed/demo/guest").await;

    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(csp.contains("frame-ancestors 'self';"), "{csp}");
}

#[tokio::test]
async fn pages_use_no_inline_script_or_style() {
    let app = spawn_app_with(|_| {}).await;

    for (path, _) in PAGES {
        let (_, html) = app.page(path).await;
        let document = scraper::Html::parse_document(&html);
        let scripts = scraper::Selector::parse("script").unwrap();
        assert!(
            document
                .select(&scripts)
                .all(|s| s.value().attr("src").is_some()),
            "{path}: every script is a file"
        );
        let styled = scraper::Selector::parse("[style], style").unwrap();
        assert_eq!(document.select(&styled).count(), 0, "{path}");
        assert!(
            !html.contains(" onclick=") && !html.contains("javascript:"),
            "{path}"
        );
    }
    let (_, share) = app.page("/rooms/demo").await;
    assert!(share.contains(r#"<script src="/static/share.js" defer data-copied="#));
}

#[tokio::test]
async fn api_answers_are_not_sniffed_or_leaked_either() {
    let app = spawn_app_with(|s| s.admin.token = Some(SecretString::from(ADMIN_TOKEN))).await;

    let response = app.get("/api/v1/rooms/demo/links").await;

    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["referrer-policy"], "no-referrer");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn successful_api_answers_are_never_cached() {
    let app = spawn_app_with(|s| s.admin.token = Some(SecretString::from(ADMIN_TOKEN))).await;

    for path in ["/api/v1/rooms/demo/links", "/api/v1/openapi.json"] {
        let response = app
            .http
            .get(format!("{}{path}", app.address))
            .bearer_auth(ADMIN_TOKEN)
            .send()
            .await
            .unwrap();

        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    }
}

#[tokio::test]
async fn only_the_prebuilt_frame_may_use_camera_microphone_and_screen() {
    let app = spawn_app_with(|_| {}).await;

    let response = app.get("/join/demo/guest").await;

    let policy = response.headers()["permissions-policy"].to_str().unwrap();
    let delegated = format!("(self \"{}\")", app.emulator_address);
    for feature in ["camera", "microphone", "display-capture"] {
        assert!(
            policy.contains(&format!("{feature}={delegated}")),
            "{policy}"
        );
    }
    assert!(
        response
            .headers()
            .get("strict-transport-security")
            .is_none(),
        "no HSTS for a portal on plain http"
    );
}

#[tokio::test]
async fn a_portal_on_https_tells_browsers_to_keep_to_https() {
    let app = spawn_app_with(|s| {
        s.server.public_url = Some("https://meet.example.com".parse().unwrap());
    })
    .await;

    let response = app.get("/healthz").await;

    assert_eq!(
        response.headers()["strict-transport-security"],
        "max-age=31536000"
    );
}

#[tokio::test]
async fn request_ids_are_echoed_when_plain_and_made_up_otherwise() {
    let app = spawn_app_with(|_| {}).await;

    let given = app
        .http
        .get(format!("{}/healthz", app.address))
        .header("X-Request-Id", "abc-123")
        .send()
        .await
        .unwrap();
    let hostile = app
        .http
        .get(format!("{}/healthz", app.address))
        .header("X-Request-Id", "<script>")
        .send()
        .await
        .unwrap();

    assert_eq!(given.headers()["x-request-id"], "abc-123");
    let made_up = hostile.headers()["x-request-id"].to_str().unwrap();
    assert!(
        made_up.len() == 21 && made_up.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'),
        "{made_up}"
    );
    let next = app.get("/healthz").await;
    assert_ne!(
        next.headers()["x-request-id"].to_str().unwrap(),
        made_up,
        "ids are unique"
    );
}
