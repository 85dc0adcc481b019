//! The operator's console in a real Chromium: signing in with the admin token and through the
//! provider (where the `SameSite=Strict` session cookie must survive the redirect chain), a
//! room run end to end from the console, and every console page accessible in both schemes at
//! desktop and phone width.

use std::time::Duration;

use fantoccini::Locator;
use serde_json::Value;

use super::pages::meeting_frame;
use super::sign_in::{click, sign_in_at_provider};
use super::{Browser, Scheme, Screen, chromium};
use crate::helpers::{ADMIN_TOKEN, TestApp, spawn_app_with};
use crate::sign_in::spawn_with_provider;

const SIGNING_KEY: &str = "signing-key-for-the-console-tests-0123456789";

async fn spawn_console_app() -> TestApp {
    spawn_app_with(|s| {
        s.admin.token = Some(ADMIN_TOKEN.into());
        s.access.signing_keys = prebuilt_portal::settings::SigningKeys::parse(SIGNING_KEY).unwrap();
    })
    .await
}

async fn goto(browser: &Browser, app: &TestApp, path: &str) {
    browser
        .client
        .goto(&format!("{}{path}", app.address))
        .await
        .expect("the page opens");
}

async fn fill(browser: &Browser, css: &str, text: &str) {
    let field = browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

async fn path_of(browser: &Browser) -> String {
    browser
        .client
        .current_url()
        .await
        .unwrap()
        .path()
        .to_owned()
}

async fn page_text(browser: &Browser) -> String {
    browser
        .eval("return document.body.innerText")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Opens the console and signs in with the token typed into its form.
async fn sign_in_with_token(browser: &Browser, app: &TestApp) {
    goto(browser, app, "/admin").await;
    assert_eq!(path_of(browser).await, "/admin/sign-in");
    fill(browser, "#token", ADMIN_TOKEN).await;
    click(browser, "form[action='/admin/sign-in'] button").await;
    wait_for_path(browser, "/admin").await;
}

async fn wait_for_text(browser: &Browser, needle: &str) -> String {
    for _ in 0..200 {
        let text = page_text(browser).await;
        if text.contains(needle) {
            return text;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("never showed {needle:?}: {}", page_text(browser).await);
}

async fn wait_for_path(browser: &Browser, path: &str) {
    for _ in 0..200 {
        if path_of(browser).await == path {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("never reached {path}: at {}", path_of(browser).await);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_operator_creates_a_room_hands_out_an_invitation_revokes_it_and_reads_the_audit_log() {
    let Some(browser) = chromium(Screen::Desktop).await else {
        return;
    };
    let app = spawn_console_app().await;
    sign_in_with_token(&browser, &app).await;

    click(&browser, "a[href='/admin/rooms/new']").await;
    fill(&browser, "#name", "all-hands").await;
    fill(&browser, "#title", "All hands").await;
    click(&browser, "form[action='/admin/rooms'] button").await;
    wait_for_path(&browser, "/admin/rooms/all-hands").await;
    assert!(page_text(&browser).await.contains("The room was created."));

    fill(&browser, "#inv-name", "Grace Hopper").await;
    fill(&browser, "#inv-uses", "2").await;
    click(&browser, "form[action$='/invitations'] button").await;
    wait_for_path(&browser, "/admin/rooms/all-hands/invitations").await;
    browser.grant("clipboard-read").await;
    browser.grant("clipboard-write").await;
    click(&browser, "button[data-copy='handout-link']").await;
    let copied = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             navigator.clipboard.readText().then(done, e => done('failed: ' + e));",
            vec![],
        )
        .await
        .unwrap();
    let url = copied.as_str().unwrap().to_owned();
    assert!(url.starts_with(&format!("{}/i/", app.address)), "{url}");

    // The invitee, in a browser of their own.
    let Some(invitee) = chromium(Screen::Phone).await else {
        return;
    };
    invitee.client.goto(&url).await.unwrap();
    click(&invitee, "form button[type=submit]").await;
    assert_eq!(meeting_frame(&invitee).await, ["guest", "Grace Hopper"]);

    goto(&browser, &app, "/admin/rooms/all-hands").await;
    let row = page_text(&browser).await;
    assert!(
        row.contains("Grace Hopper") && row.contains("1 of 2"),
        "{row}"
    );
    click(
        &browser,
        "form[action$='/revoke'][action^='/admin/invitations/'] button",
    )
    .await;
    // Still the same path after the form: wait for the page that says it was done.
    let text = wait_for_text(&browser, "The invitation was revoked.").await;
    assert!(text.contains("revoked"), "{text}");
    invitee.client.goto(&url).await.unwrap();
    let gone = page_text(&invitee).await;
    assert!(
        gone.to_lowercase().contains("revoked") || gone.contains("withdrawn"),
        "{gone}"
    );

    click(&browser, "a[href='/admin/audit']").await;
    wait_for_path(&browser, "/admin/audit").await;
    let audit = page_text(&browser).await;
    for action in ["room.created", "invitation.issued", "invitation.revoked"] {
        let line = audit
            .lines()
            .find(|line| line.contains(action))
            .unwrap_or_else(|| panic!("{action} in {audit}"));
        assert!(line.contains("console: admin token"), "{line}");
    }

    click(&browser, "form.sign-out button").await;
    wait_for_path(&browser, "/admin/sign-in").await;
    goto(&browser, &app, "/admin").await;
    assert_eq!(
        path_of(&browser).await,
        "/admin/sign-in",
        "signed out for real"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_session_cookie_survives_the_providers_redirects_and_people_without_the_claim_get_403()
{
    let Some(browser) = chromium(Screen::Desktop).await else {
        return;
    };
    let Some((app, _provider)) = spawn_with_provider(|s| {
        s.access.oidc.scopes.push("email".into());
        s.access.oidc.admin = Some(prebuilt_portal::settings::RoleClaim {
            claim: "groups".into(),
            any_of: vec!["meeting-hosts".into()],
        });
    })
    .await
    else {
        return;
    };

    goto(&browser, &app, "/admin").await;
    click(&browser, "a[href='/auth/login?next=/admin/sign-in/oidc']").await;
    sign_in_at_provider(&browser, "alice").await;
    // The page after the provider opens the console by itself (a same-site form).
    wait_for_path(&browser, "/admin").await;
    let text = page_text(&browser).await;
    assert!(text.contains("alice@example.com"), "{text}");
    assert!(text.contains("demo"), "the rooms: {text}");
    goto(&browser, &app, "/admin/status").await;
    assert_eq!(
        path_of(&browser).await,
        "/admin/status",
        "the Strict cookie is sent"
    );

    let Some(other) = chromium(Screen::Desktop).await else {
        return;
    };
    other
        .client
        .goto(&format!(
            "{}/auth/login?next=/admin/sign-in/oidc",
            app.address
        ))
        .await
        .unwrap();
    sign_in_at_provider(&other, "bob").await;
    wait_for_path(&other, "/admin/sign-in/oidc").await;
    let text = page_text(&other).await;
    assert!(text.contains("The console is not open to you"), "{text}");
    other
        .client
        .goto(&format!("{}/admin", app.address))
        .await
        .unwrap();
    assert_eq!(path_of(&other).await, "/admin/sign-in");
}

/// The console's pages after signing in, in order: (name, how to get there).
enum Step {
    Open(&'static str),
    /// Submit the form matching this selector on the page open now.
    Submit(&'static str),
    /// Open a page, then follow its first link matching the selector.
    Follow(&'static str, &'static str),
}

const PAGES: [(&str, Step); 10] = [
    ("console-rooms", Step::Open("/admin")),
    ("console-search", Step::Open("/admin?q=nothing-matches")),
    ("console-new-room", Step::Open("/admin/rooms/new")),
    ("console-room", Step::Open("/admin/rooms/demo")),
    (
        "console-handout",
        Step::Submit("form[action$='/invitations'] button"),
    ),
    ("console-audit", Step::Open("/admin/audit")),
    ("console-status", Step::Open("/admin/status")),
    ("console-events", Step::Open("/admin/events")),
    (
        "console-event",
        Step::Follow("/admin/events", "table a[href^='/admin/events/']"),
    ),
    (
        "console-attendance",
        Step::Open("/admin/rooms/demo/attendance"),
    ),
];

async fn check_console_pages(browser: &Browser, app: &TestApp, screen: Screen) {
    for scheme in [Scheme::Light, Scheme::Dark] {
        browser.prefer(scheme).await;
        let label = if scheme == Scheme::Dark { "-dark" } else { "" };
        for (name, step) in &PAGES {
            match step {
                Step::Open(path) => goto(browser, app, path).await,
                Step::Submit(css) => {
                    goto(browser, app, "/admin/rooms/demo").await;
                    click(browser, css).await;
                    wait_for_path(browser, "/admin/rooms/demo/invitations").await;
                }
                Step::Follow(path, css) => {
                    goto(browser, app, path).await;
                    click(browser, css).await;
                    wait_for_text(browser, "Invitations").await;
                }
            }
            check_page(browser, name, screen, scheme).await;
            browser.screenshot(&format!("{name}{label}"), screen).await;
        }
    }
}

async fn check_page(browser: &Browser, name: &str, screen: Screen, scheme: Scheme) {
    let violations = browser.accessibility_violations().await;
    assert!(
        violations.is_empty(),
        "{name} at {screen:?}, {scheme:?}: {violations:#?}"
    );
    let errors = browser.severe_console_messages().await;
    assert!(errors.is_empty(), "{name}: {errors:?}");
    let sideways = browser
        .eval("return document.documentElement.scrollWidth > innerWidth + 1")
        .await;
    assert_eq!(
        sideways,
        Value::Bool(false),
        "{name} at {screen:?} scrolls sideways"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn every_console_page_passes_axe_in_both_schemes_on_a_desktop() {
    console_pages_at(Screen::Desktop).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_console_page_passes_axe_in_both_schemes_on_a_phone() {
    console_pages_at(Screen::Phone).await;
}

async fn console_pages_at(screen: Screen) {
    let Some(browser) = chromium(screen).await else {
        return;
    };
    let app = spawn_console_app().await;
    // An event for the events pages.
    let event = serde_json::json!({
        "room": "demo", "title": "Design critique", "starts_at": "2099-03-02T14:00:00Z",
        "ends_at": "2099-03-02T15:00:00Z",
        "invitees": [{ "name": "Ada Lovelace", "email": "ada@example.com", "role": "guest" }],
    });
    let (status, _, _) = app
        .api(reqwest::Method::POST, "/api/v1/events", Some(event))
        .await;
    assert_eq!(status, 201);
    for scheme in [Scheme::Light, Scheme::Dark] {
        browser.prefer(scheme).await;
        goto(&browser, &app, "/admin/sign-in").await;
        check_page(&browser, "console-sign-in", screen, scheme).await;
    }
    browser.screenshot("console-sign-in", screen).await;
    sign_in_with_token(&browser, &app).await;
    check_console_pages(&browser, &app, screen).await;
}
