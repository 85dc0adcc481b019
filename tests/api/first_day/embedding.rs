//! Embedding explains itself without a browser too: pages tell browsers where to report a
//! refused framing, the report endpoint takes both report formats (capped, rate limited, never a
//! 5xx), a room may name its own framing sites, and the share page and `check-config` name the
//! sites that may embed.

use reqwest::header::CONTENT_TYPE;
use serde_json::json;

use crate::cli::{cli, run, stdout};
use crate::helpers::{TestApp, demo_alias, spawn_app_with, text_of};

const INTRANET: &str = "https://intranet.example.com";

async fn report(app: &TestApp, content_type: &str, body: String) -> u16 {
    app.http
        .post(format!("{}/csp-reports", app.address))
        .header(CONTENT_TYPE, content_type)
        .body(body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn pages_ask_for_reports_and_the_endpoint_takes_both_formats_within_its_limits() {
    let app = spawn_app_with(|s| s.rate_limit.reports_burst = 3).await;
    let join = app.get("/join/demo/guest").await;
    let csp = join.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let endpoints = join.headers()["reporting-endpoints"]
        .to_str()
        .unwrap()
        .to_owned();

    // As Chromium sends them (report-uri), and as the Reporting API does (report-to).
    let legacy = json!({ "csp-report": {
        "document-uri": format!("{}/embed/demo/viewer", app.address),
        "violated-directive": "frame-ancestors", "effective-directive": "frame-ancestors",
        "blocked-uri": app.address, "status-code": 200 } });
    let modern = json!([{ "type": "csp-violation", "url": app.address, "body": {
        "documentURL": format!("{}/embed/demo/viewer", app.address),
        "effectiveDirective": "frame-ancestors", "blockedURL": INTRANET } }]);
    let statuses = [
        report(&app, "application/csp-report", legacy.to_string()).await,
        report(&app, "application/reports+json", modern.to_string()).await,
        report(&app, "application/json", "not json".into()).await,
        report(&app, "application/csp-report", "x".repeat(9 * 1024)).await,
    ];
    let mut flood = Vec::new();
    for _ in 0..5 {
        flood.push(report(&app, "application/csp-report", legacy.to_string()).await);
    }

    assert!(
        csp.ends_with("report-uri /csp-reports; report-to csp"),
        "{csp}"
    );
    assert_eq!(endpoints, "csp=\"/csp-reports\"");
    assert_eq!(statuses, [204, 204, 400, 413]);
    assert!(flood.contains(&429), "rate limited per client: {flood:?}");
    assert!(flood.iter().all(|s| *s < 500));
    assert!(
        app.metrics()
            .await
            .contains("prebuilt_portal_framing_reports_total 3")
    );
}

#[tokio::test]
async fn a_page_asked_for_a_frame_of_a_site_that_may_not_frame_it_is_noticed_at_once() {
    let app = spawn_app_with(|_| {}).await;
    let framed = |referer: &'static str| {
        app.http
            .get(format!("{}/embed/demo/viewer", app.address))
            .header("Sec-Fetch-Dest", "iframe")
            .header("Sec-Fetch-Site", "cross-site")
            .header("Referer", referer)
            .send()
    };

    framed("https://intranet.example.com/news/all-hands")
        .await
        .unwrap();
    framed("https://intranet.example.com/other-page")
        .await
        .unwrap();
    app.get("/embed/demo/viewer").await;

    let metrics = app.metrics().await;
    assert!(
        metrics.contains("prebuilt_portal_framing_refused_total 2"),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_room_may_name_its_own_framing_sites_and_pages_and_check_config_say_which() {
    let app = spawn_app_with(|s| {
        demo_alias(s).frame_ancestors = vec!["'self'".parse().unwrap(), INTRANET.parse().unwrap()];
        let other = prebuilt_portal::settings::RoomAlias {
            roles: vec!["guest".parse().unwrap()],
            access: [(
                "guest".parse().unwrap(),
                prebuilt_portal::domain::AccessPolicy::Public,
            )]
            .into(),
            ..Default::default()
        };
        s.rooms.aliases.insert("lounge".parse().unwrap(), other);
    })
    .await;
    let demo = app.get("/join/demo/guest").await;
    let demo_csp = demo.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let lounge = app.get("/embed/lounge/guest").await;
    let lounge_csp = lounge.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let (_, share) = app.page("/rooms/demo").await;
    let (_, lounge_share) = app.page("/rooms/lounge").await;
    let mut check = cli(&app);
    check.arg("check-config").env(
        "PORTAL__ROOMS__ALIASES__DEMO__FRAME_ANCESTORS",
        format!("'self',{INTRANET}"),
    );
    let check = stdout(&run(check).await);

    assert!(
        demo_csp.contains(&format!("frame-ancestors 'self' {INTRANET};")),
        "{demo_csp}"
    );
    assert!(
        lounge_csp.contains("frame-ancestors 'self';"),
        "{lounge_csp}"
    );
    assert_eq!(
        text_of(&share, ".embeddable-by strong").as_deref(),
        Some("this portal and https://intranet.example.com")
    );
    assert!(share.contains("this room's <code>frame_ancestors</code>"));
    assert_eq!(
        text_of(&lounge_share, ".embeddable-by strong").as_deref(),
        Some("this portal")
    );
    assert!(lounge_share.contains("<code>security.frame_ancestors</code>"));
    let embedding = check.lines().find(|l| l.starts_with("embedding:")).unwrap();
    assert!(embedding.contains("'self'"), "{embedding}");
    assert!(
        embedding.contains(&format!("room demo: 'self' {INTRANET}")),
        "{embedding}"
    );
}
