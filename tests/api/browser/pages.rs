use fantoccini::Locator;
use fantoccini::key::Key;
use serde_json::Value;

use prebuilt_portal::settings::SigningKeys;
use reqwest::Method;
use secrecy::SecretString;
use serde_json::json;

use prebuilt_portal::domain::{
    AccessPolicy, JoinOptions, Language, PageKind, PortalBase, RoleName, RoomName,
};
use prebuilt_portal::portal::access::{LinkSigner, LinkTarget};

use super::{Browser, Scheme, Screen, chromium};
use crate::helpers::{ADMIN_TOKEN, TestApp, spawn_app, spawn_app_with};

const SIGNING_KEY: &str = "signing-key-for-the-browser-tests-0123456789";

/// Every page type a visitor can meet: (screenshot name, path); the expired link is added by
/// [`pages`].
const PAGES: [(&str, &str); 7] = [
    ("join", "/join/demo/guest?name=Ada"),
    ("embed", "/embed/demo/viewer"),
    ("share", "/rooms/demo"),
    ("index", "/"),
    ("error-404", "/join/nowhere/guest"),
    ("error-403", "/join/demo/host"),
    ("error-400", "/join/de%20mo/guest"),
];

/// Every page type, the 410 page of an expired signed link and an invitation's page included.
pub(super) async fn pages(app: &TestApp) -> Vec<(&'static str, String)> {
    let invitation = invitation_path(app, json!({ "name": "Ada Lovelace" })).await;
    let signer = LinkSigner::new(&SigningKeys::parse(SIGNING_KEY).unwrap());
    let target = LinkTarget {
        kind: PageKind::Join,
        room: &RoomName::parse("demo").unwrap(),
        role: &RoleName::parse("host").unwrap(),
        options: &JoinOptions::default(),
    };
    let expired = signer
        .signed_url(&PortalBase::parse(&app.address).unwrap(), target, 0, 1)
        .unwrap()
        .to_string()
        .replacen(&app.address, "", 1);
    PAGES
        .iter()
        .map(|(name, path)| (*name, (*path).to_owned()))
        .chain([
            ("error-410", expired),
            ("error-503", "/join/outage/guest".to_owned()),
            ("invitation", invitation),
            ("sign-in", "/embed/town-hall/member".to_owned()),
            ("signed-out", "/auth/signed-out".to_owned()),
        ])
        .collect()
}

/// A new invitation to the demo room as host, with `extra` fields: its page's path.
pub(crate) async fn invitation_path(app: &TestApp, extra: Value) -> String {
    let mut body = json!({ "room": "demo", "role": "host", "expires_in": 3600 });
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    let (status, _, invitation) = app.api(Method::POST, "/api/v1/invites", Some(body)).await;
    assert_eq!(status, 201, "{invitation}");
    invitation["url"]
        .as_str()
        .unwrap()
        .replacen(&app.address, "", 1)
}

/// A portal whose accent is `accent`, with signed links on, a room `outage` that is never
/// resolved (with 100ms failing, its page is the 503 page) and a room `town-hall` whose members
/// sign in.
async fn spawn_branded_app(accent: &str) -> TestApp {
    spawn_branded_app_in(accent, Language::English).await
}

/// The same, its pages in `language` unless the visitor asks for another.
pub(super) async fn spawn_branded_app_in(accent: &str, language: Language) -> TestApp {
    let accent = accent.to_owned();
    spawn_app_with(move |s| {
        s.ui.default_language = language;
        s.access.signing_keys = SigningKeys::parse(SIGNING_KEY).unwrap();
        s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
        s.ui.accent_color = accent.parse().unwrap();
        s.hms.deadline = std::time::Duration::from_millis(800);
        let outage = prebuilt_portal::settings::RoomAlias {
            roles: vec!["guest".parse().unwrap()],
            ..Default::default()
        };
        s.rooms.aliases.insert("outage".parse().unwrap(), outage);
        // A room whose members sign in (the provider is never reached: the page only offers it).
        let town_hall = prebuilt_portal::settings::RoomAlias {
            roles: vec!["member".parse().unwrap()],
            access: [("member".parse().unwrap(), AccessPolicy::Sso)].into(),
            ..Default::default()
        };
        s.rooms
            .aliases
            .insert("town-hall".parse().unwrap(), town_hall);
        s.access.oidc.issuer = Some("http://127.0.0.1:9".parse().unwrap());
        s.access.oidc.client_id = Some("portal".into());
    })
    .await
}

pub(super) async fn open(browser: &Browser, app: &TestApp, path: &str) {
    browser
        .client
        .goto(&format!("{}{path}", app.address))
        .await
        .expect("the page opens");
}

/// The meeting frame's role and name, once its stand-in page has loaded.
pub(super) async fn meeting_frame(browser: &Browser) -> [String; 2] {
    // After a click the page may still be on its way: wait for its frame.
    browser
        .client
        .wait()
        .for_element(Locator::Css("iframe"))
        .await
        .unwrap();
    browser.client.enter_frame(0).await.unwrap();
    let role = browser
        .client
        .wait()
        .for_element(Locator::Id("role"))
        .await
        .unwrap();
    let role = role.text().await.unwrap();
    let name = browser.client.find(Locator::Id("name")).await.unwrap();
    let name = name.text().await.unwrap();
    browser.client.enter_parent_frame().await.unwrap();
    [role, name]
}

/// Opens every page type in `scheme`: no console error or CSP violation, no serious
/// accessibility violation (contrast included), a screenshot of each named `label`.
pub(super) async fn check_pages(
    browser: &Browser,
    app: &TestApp,
    screen: Screen,
    scheme: Scheme,
    label: &str,
) {
    browser.prefer(scheme).await;
    for (name, path) in pages(app).await {
        if name == "error-503" {
            app.emulator.fail_next(1_000, 503);
        }
        open(browser, app, &path).await;
        app.emulator.clear_faults();
        let dark = browser
            .eval("return matchMedia('(prefers-color-scheme: dark)').matches")
            .await;
        assert_eq!(dark, Value::Bool(scheme == Scheme::Dark), "{name}: scheme");
        if name == "join" || name == "embed" {
            meeting_frame(browser).await;
        }
        let errors = browser.severe_console_messages().await;
        let expected_status = |m: &String| m.contains("status of 4") || m.contains("status of 503");
        let unexpected: Vec<_> = errors.iter().filter(|m| !expected_status(m)).collect();
        assert!(
            unexpected.is_empty(),
            "{name}: console errors {unexpected:?}"
        );
        let violations = browser.accessibility_violations().await;
        assert!(
            violations.is_empty(),
            "{name} at {screen:?}, {scheme:?}, {label}: {violations:#?}"
        );
        browser.screenshot(&format!("{name}{label}"), screen).await;
    }
}

/// Every page type in the light and the dark scheme (see [`check_pages`]).
async fn visit_all(screen: Screen) -> Option<(Browser, TestApp)> {
    let browser = chromium(screen).await?;
    let app = spawn_branded_app("#2f54eb").await;
    check_pages(&browser, &app, screen, Scheme::Dark, "-dark").await;
    check_pages(&browser, &app, screen, Scheme::Light, "").await;
    Some((browser, app))
}

#[tokio::test(flavor = "multi_thread")]
async fn with_a_pale_or_a_dark_accent_every_page_stays_readable_in_both_schemes() {
    let Some(browser) = chromium(Screen::Desktop).await else {
        return;
    };
    for (accent, label) in [("#ffcc00", "yellow"), ("#1a1a1a", "black")] {
        let app = spawn_branded_app(accent).await;
        check_pages(
            &browser,
            &app,
            Screen::Desktop,
            Scheme::Light,
            &format!("-{label}"),
        )
        .await;
        check_pages(
            &browser,
            &app,
            Screen::Desktop,
            Scheme::Dark,
            &format!("-{label}-dark"),
        )
        .await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn at_desktop_size_every_page_is_clean_accessible_and_photographed() {
    let Some((browser, app)) = visit_all(Screen::Desktop).await else {
        return;
    };

    // The join page's frame shows the meeting for that role and name, with devices delegated.
    open(&browser, &app, "/join/demo/guest?name=Ada").await;
    let allow = browser
        .eval("return document.querySelector('iframe').getAttribute('allow')")
        .await;
    assert_eq!(allow, "camera *;microphone *;display-capture *");
    assert_eq!(meeting_frame(&browser).await, ["guest", "Ada"]);

    // The embed page is the frame alone, filling the viewport.
    open(&browser, &app, "/embed/demo/viewer").await;
    let fills = browser
        .eval(
            "const r = document.querySelector('iframe').getBoundingClientRect();
             return r.left === 0 && r.top === 0 && r.width === innerWidth && r.height === innerHeight;",
        )
        .await;
    assert_eq!(fills, Value::Bool(true));

    // The checks above can fail: the console and axe do report what they see.
    browser
        .eval("console.error('planted error'); return true;")
        .await;
    assert!(
        browser
            .severe_console_messages()
            .await
            .iter()
            .any(|m| m.contains("planted error"))
    );
    browser
        .eval("const img = document.createElement('img'); img.src = 'data:,'; document.body.append(img); return true;")
        .await;
    let violations = browser.accessibility_violations().await;
    assert!(
        violations.iter().any(|v| v.starts_with("image-alt")),
        "{violations:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_share_page_copies_the_link_and_draws_its_qr_code() {
    let Some(browser) = chromium(Screen::Desktop).await else {
        return;
    };
    let app = spawn_app().await;
    open(&browser, &app, "/rooms/demo").await;
    browser.grant("clipboard-read").await;
    browser.grant("clipboard-write").await;

    let qr = browser
        .eval("const r = document.querySelector('figure.qr svg').getBoundingClientRect(); return r.width > 100 && r.height > 100;")
        .await;
    assert_eq!(qr, Value::Bool(true), "the QR code renders");
    // Keyboard users reach the copy and share buttons with real Tab presses, and they say what
    // they do.
    let mut reached = Vec::new();
    for _ in 0..12 {
        let focused = browser.client.active_element().await.unwrap();
        focused.send_keys(&Key::Tab.to_string()).await.unwrap();
        let label = browser
            .eval(
                "const el = document.activeElement;
                 return el.matches('button[data-copy], a[data-share-url]') ? el.textContent.trim() : null;",
            )
            .await;
        if let Value::String(label) = label {
            reached.push(label);
        }
    }
    assert!(reached.contains(&"Copy link".to_owned()), "{reached:?}");
    assert!(reached.contains(&"Share".to_owned()), "{reached:?}");

    let copy = browser
        .client
        .find(Locator::Css("button[data-copy='link-guest']"))
        .await
        .unwrap();
    copy.click().await.unwrap();
    let copied = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             navigator.clipboard.readText().then(done, e => done('failed: ' + e));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        copied,
        Value::String(format!("{}/join/demo/guest", app.address))
    );
    assert_eq!(copy.text().await.unwrap(), "Copied");
}

#[tokio::test(flavor = "multi_thread")]
async fn at_phone_size_nothing_scrolls_sideways_and_the_meeting_gets_the_screen() {
    let Some((browser, app)) = visit_all(Screen::Phone).await else {
        return;
    };

    for (name, path) in PAGES {
        open(&browser, &app, path).await;
        let fits = browser
            .eval("return document.documentElement.scrollWidth <= document.documentElement.clientWidth;")
            .await;
        assert_eq!(fits, Value::Bool(true), "{name} scrolls sideways at 390 px");
    }
    open(&browser, &app, "/join/demo/guest").await;
    let share = browser
        .eval(
            "return document.querySelector('iframe').getBoundingClientRect().height / innerHeight;",
        )
        .await;
    assert!(
        share.as_f64().unwrap() >= 0.7,
        "the meeting gets {share} of the height"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_signed_host_link_shows_the_meeting_as_host_with_the_bound_name_and_no_host_code() {
    let Some(browser) = chromium(Screen::Desktop).await else {
        return;
    };
    let app = spawn_app_with(|s| {
        s.access.signing_keys = SigningKeys::parse(SIGNING_KEY).unwrap();
        s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
    })
    .await;
    let host_code = app.code_via_api("host").await;
    let (_, _, link) = app
        .api(
            Method::POST,
            "/api/v1/links",
            Some(
                json!({ "room": "demo", "role": "host", "ttl_secs": 600, "name": "Grace Hopper" }),
            ),
        )
        .await;

    browser
        .client
        .goto(link["url"].as_str().unwrap())
        .await
        .unwrap();

    let page = browser
        .eval("return document.documentElement.outerHTML")
        .await;
    assert!(
        !page.as_str().unwrap().contains(&host_code),
        "no host code in the DOM"
    );
    assert_eq!(meeting_frame(&browser).await, ["host", "Grace Hopper"]);
    browser
        .screenshot("join-signed-host", Screen::Desktop)
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn pressing_join_on_an_invitation_opens_the_meeting_under_the_invitees_name() {
    let Some(browser) = chromium(Screen::Phone).await else {
        return;
    };
    let app = spawn_app_with(|s| s.admin.token = Some(SecretString::from(ADMIN_TOKEN))).await;
    let path = invitation_path(&app, json!({ "name": "Katherine Johnson", "max_uses": 1 })).await;
    open(&browser, &app, &path).await;
    assert!(
        browser.client.find(Locator::Css("iframe")).await.is_err(),
        "no meeting before Join"
    );

    let join = browser
        .client
        .find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap();
    join.click().await.unwrap();

    assert_eq!(meeting_frame(&browser).await, ["host", "Katherine Johnson"]);
    browser.client.refresh().await.unwrap();
    assert_eq!(
        meeting_frame(&browser).await,
        ["host", "Katherine Johnson"],
        "a reload does not use the single-use invitation up"
    );
    browser.screenshot("invitation-joined", Screen::Phone).await;
}
