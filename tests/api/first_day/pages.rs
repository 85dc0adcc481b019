//! Every page type carries the operator's branding and a way back (the index when it lists
//! rooms, else the help page); a share page's words fit what it shows; an invitation's time is
//! given in a form the visitor's browser shows in their own time zone (UTC without script).

use reqwest::Method;
use scraper::{Html, Selector};
use secrecy::SecretString;
use serde_json::json;

use crate::helpers::{ADMIN_TOKEN, TestApp, demo_alias, spawn_app_with, text_of};

const LOGO: &str = "https://cdn.example.com/acme.svg";
const DARK_LOGO: &str = "https://cdn.example.com/acme-dark.svg";
const HELP: &str = "https://intranet.example.com/help/meetings";

async fn branded(rooms_listed: bool) -> TestApp {
    spawn_app_with(|s| {
        s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
        s.ui.logo_url = Some(LOGO.parse().unwrap());
        s.ui.logo_dark_url = Some(DARK_LOGO.parse().unwrap());
        s.ui.help_url = Some(HELP.parse().unwrap());
        demo_alias(s).listed = rooms_listed;
    })
    .await
}

async fn invitation_page(app: &TestApp) -> String {
    let body = json!({ "room": "demo", "role": "host", "expires_in": "1d" });
    let (_, _, invitation) = app.api(Method::POST, "/api/v1/invites", Some(body)).await;
    invitation["url"]
        .as_str()
        .unwrap()
        .replacen(&app.address, "", 1)
}

/// (logo, dark logo, the way back's address and words) of a page.
fn branding_of(html: &str) -> (Option<String>, Option<String>, Option<(String, String)>) {
    let document = Html::parse_document(html);
    let attr = |css: &str, name: &str| {
        document
            .select(&Selector::parse(css).unwrap())
            .next()
            .and_then(|e| e.value().attr(name).map(str::to_owned))
    };
    let way_back = document
        .select(&Selector::parse(".brand .way-back").unwrap())
        .next()
        .map(|a| {
            let href = a.value().attr("href").unwrap_or_default().to_owned();
            (href, a.text().collect::<String>())
        });
    (
        attr(".brand img.logo", "src"),
        attr(
            ".brand source[media='(prefers-color-scheme: dark)']",
            "srcset",
        ),
        way_back,
    )
}

#[tokio::test]
async fn every_page_type_carries_the_logo_and_a_way_back() {
    for (listed, way_back) in [(true, ("/", "All rooms")), (false, (HELP, "Help"))] {
        let app = branded(listed).await;
        let invitation = invitation_page(&app).await;
        let pages = [
            "/join/nowhere/guest",
            "/join/demo/host",
            "/join/de%20mo/guest",
            "/rooms/demo",
            "/auth/signed-out",
            invitation.as_str(),
        ];
        for path in pages {
            let (_, html) = app.page(path).await;
            let (logo, dark, back) = branding_of(&html);
            assert_eq!(logo.as_deref(), Some(LOGO), "{path}");
            assert_eq!(dark.as_deref(), Some(DARK_LOGO), "{path}");
            let back = back.unwrap_or_else(|| panic!("{path}: no way back"));
            assert_eq!((back.0.as_str(), back.1.as_str()), way_back, "{path}");
        }
    }
}

#[tokio::test]
async fn a_share_page_without_public_roles_does_not_offer_links_it_does_not_show() {
    let app = spawn_app_with(|s| {
        let demo = demo_alias(s);
        for role in ["guest", "viewer"] {
            demo.access.insert(
                role.parse().unwrap(),
                prebuilt_portal::domain::AccessPolicy::Signed,
            );
        }
    })
    .await;
    let (status, html) = app.page("/rooms/demo").await;

    assert_eq!(status, 200);
    assert!(!html.contains("Send a link"), "{html}");
    assert!(!html.contains("QR code"), "{html}");
    assert!(html.contains("personal links from the organiser"), "{html}");
}

#[tokio::test]
async fn an_invitations_time_is_machine_readable_and_shown_in_utc_without_script() {
    let app = branded(true).await;
    let (_, html) = app.page(&invitation_page(&app).await).await;
    let document = Html::parse_document(&html);
    let time = document
        .select(&Selector::parse("time[datetime]").unwrap())
        .next()
        .expect("a <time>");

    let datetime = time.value().attr("datetime").unwrap();
    assert!(humantime::parse_rfc3339(datetime).is_ok(), "{datetime}");
    assert!(time.text().collect::<String>().ends_with(" UTC"));
    assert!(html.contains("/static/local-times.js"));
    assert_eq!(
        text_of(&html, ".card .status").as_deref(),
        Some("Invitation")
    );
}
