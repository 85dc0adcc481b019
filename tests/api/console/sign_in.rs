//! Getting into the console and out of it.

use std::sync::Arc;

use reqwest::Method;
use reqwest::cookie::Jar;

use super::{Operator, token_sign_in};
use crate::helpers::{TestApp, spawn_admin_app, spawn_app, spawn_app_with};
use crate::sign_in::{browser, sign_in_at_provider, spawn_with_provider};

#[tokio::test]
async fn the_admin_token_typed_into_the_form_opens_the_console_with_a_strict_admin_only_cookie() {
    let app = spawn_admin_app().await;
    let http = Operator::client(Arc::new(Jar::default()));

    let response = token_sign_in(&http, &app, crate::helpers::ADMIN_TOKEN).await;

    assert_eq!(response.status(), 303);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("pp_console="), "{cookie}");
    for part in ["Path=/admin", "SameSite=Strict", "HttpOnly", "Max-Age="] {
        assert!(cookie.contains(part), "{part} in {cookie}");
    }
    let (status, html) = Operator::sign_in(&app).await.page("/admin").await;
    assert_eq!(status, 200);
    assert!(html.contains("demo"), "the rooms list: {html}");
}

#[tokio::test]
async fn a_wrong_token_is_refused_on_the_form_and_sign_in_attempts_are_limited() {
    let app = spawn_app_with(|s| {
        s.admin.token = Some(crate::helpers::ADMIN_TOKEN.into());
        s.rate_limit.console_sign_in_per_minute = 3;
        s.rate_limit.console_sign_in_burst = 3;
    })
    .await;
    let http = Operator::client(Arc::new(Jar::default()));

    let response = token_sign_in(&http, &app, "not-the-token").await;
    assert_eq!(response.status(), 401);
    assert!(response.headers().get("set-cookie").is_none());
    let html = response.text().await.unwrap();
    assert!(html.contains("That is not the admin token"), "{html}");

    token_sign_in(&http, &app, "guess-2").await;
    token_sign_in(&http, &app, "guess-3").await;
    let limited = token_sign_in(&http, &app, crate::helpers::ADMIN_TOKEN).await;
    assert_eq!(limited.status(), 429, "even the right token waits its turn");
}

#[tokio::test]
async fn without_a_session_every_console_page_sends_people_to_sign_in() {
    let app = spawn_admin_app().await;
    for path in [
        "/admin",
        "/admin/rooms/demo",
        "/admin/audit",
        "/admin/status",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 303, "{path}");
        assert_eq!(response.headers()["location"], "/admin/sign-in", "{path}");
    }
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server_so_a_kept_cookie_opens_nothing() {
    let app = spawn_admin_app().await;
    let operator = Operator::sign_in(&app).await;
    let kept = cookie_value(&operator, &app);

    let (status, location, _) = operator.post("/admin/sign-out", &[]).await;
    assert_eq!((status, location.as_str()), (303, "/admin/sign-in"));

    let replay = app
        .http
        .get(format!("{}/admin", app.address))
        .header("cookie", format!("pp_console={kept}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        replay.status(),
        303,
        "the row is ended, whatever the browser kept"
    );
    let (_, _, audit) = app.api(Method::GET, "/api/v1/audit?limit=5", None).await;
    assert_eq!(audit[0]["action"], "console.signed-out");
    assert_eq!(audit[0]["actor"], "console: admin token");
}

#[tokio::test]
async fn an_operator_ends_another_persons_session_from_the_status_page() {
    let app = spawn_admin_app().await;
    let first = Operator::sign_in(&app).await;
    let second = Operator::sign_in(&app).await;
    let (status, html) = first.page("/admin/status").await;
    assert_eq!(status, 200);
    let document = scraper::Html::parse_document(&html);
    let rows: Vec<(bool, String)> = document
        .select(&scraper::Selector::parse("tbody tr").unwrap())
        .map(|row| {
            let mine = row.text().any(|t| t.contains("(you)"));
            let form = row
                .select(&scraper::Selector::parse("form").unwrap())
                .next()
                .unwrap();
            (mine, form.value().attr("action").unwrap().to_owned())
        })
        .collect();
    assert_eq!(rows.len(), 2, "both sessions are listed: {html}");
    let theirs = &rows.iter().find(|(mine, _)| !mine).unwrap().1;
    let (status, location, _) = first.post(theirs, &[]).await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/status?done=ended")
    );

    assert_eq!(
        second.page("/admin").await.0,
        303,
        "the ended session is out"
    );
    assert_eq!(first.page("/admin").await.0, 200, "the other one stays");
}

#[tokio::test]
async fn the_console_is_absent_when_turned_off_or_without_any_way_in() {
    let off = spawn_app_with(|s| {
        s.admin.token = Some(crate::helpers::ADMIN_TOKEN.into());
        s.admin.console = false;
    })
    .await;
    assert_eq!(off.get("/admin/sign-in").await.status(), 404);
    assert_eq!(off.get("/admin").await.status(), 404);
    let no_way_in = spawn_app().await;
    assert_eq!(no_way_in.get("/admin/sign-in").await.status(), 404);
}

#[tokio::test]
async fn a_person_whose_claims_grant_the_console_signs_in_through_the_provider_and_others_get_403()
{
    let Some((app, _provider)) = spawn_with_provider(|s| {
        s.admin.token = Some(crate::helpers::ADMIN_TOKEN.into());
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

    let alice = browser(Some("/admin"));
    let sign_in_page = alice
        .get(format!("{}/admin/sign-in", app.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        sign_in_page.contains("/auth/login?next=/admin/sign-in/oidc"),
        "{sign_in_page}"
    );
    let provider_page = alice
        .get(format!(
            "{}/auth/login?next=/admin/sign-in/oidc",
            app.address
        ))
        .send()
        .await
        .unwrap();
    let back = sign_in_at_provider(&alice, provider_page, "alice").await;
    assert_eq!(back.url().path(), "/admin/sign-in/oidc");
    let html = back.text().await.unwrap();
    assert!(html.contains("alice@example.com"), "{html}");
    let opened = alice
        .post(format!("{}/admin/sign-in/oidc", app.address))
        .form(&[("form_token", crate::durable::form_token(&html).unwrap())])
        .send()
        .await
        .unwrap();
    assert_eq!(opened.status(), 303, "the same-site hop sets the session");
    let rooms = alice
        .get(format!("{}/admin", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(rooms.status(), 200);
    let (_, _, audit) = app.api(Method::GET, "/api/v1/audit?limit=1", None).await;
    assert_eq!(audit[0]["action"], "console.signed-in");
    assert_eq!(audit[0]["actor"], "console: alice@example.com (sub alice)");

    // A console session made by signing in stands on that sign-in: without it, it ends.
    let set_cookie = opened.headers()["set-cookie"].to_str().unwrap();
    let console_cookie = set_cookie.split(';').next().unwrap().to_owned();
    let without_sign_in = app
        .http
        .get(format!("{}/admin", app.address))
        .header("cookie", &console_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(without_sign_in.status(), 303, "no sign-in, no console");
    let (_, _, audit) = app.api(Method::GET, "/api/v1/audit?limit=1", None).await;
    assert_eq!(audit[0]["detail"], "sign-in no longer grants the console");
    let ended = alice
        .get(format!("{}/admin", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(
        ended.url().path(),
        "/admin/sign-in",
        "the session's row is ended for the browser too"
    );

    let bob = browser(None);
    let provider_page = bob
        .get(format!(
            "{}/auth/login?next=/admin/sign-in/oidc",
            app.address
        ))
        .send()
        .await
        .unwrap();
    let back = sign_in_at_provider(&bob, provider_page, "bob").await;
    assert_eq!(back.status(), 403, "signed in, without the console's claim");
    let html = back.text().await.unwrap();
    assert!(html.contains("The console is not open to you"), "{html}");
    let refused = bob
        .post(format!("{}/admin/sign-in/oidc", app.address))
        .form(&[("form_token", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
}

fn cookie_value(operator: &Operator, app: &TestApp) -> String {
    use reqwest::cookie::CookieStore;
    let url = reqwest::Url::parse(&format!("{}/admin", app.address)).unwrap();
    let header = operator.jar.cookies(&url).unwrap();
    header
        .to_str()
        .unwrap()
        .split("; ")
        .find_map(|pair| pair.strip_prefix("pp_console="))
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_session_idles_out_after_admin_session_idle_and_its_row_is_ended() {
    let app = spawn_app_with(|s| {
        s.admin.token = Some(crate::helpers::ADMIN_TOKEN.into());
        s.admin.session_idle = std::time::Duration::from_secs(2);
    })
    .await;
    let operator = Operator::sign_in(&app).await;
    assert_eq!(operator.page("/admin").await.0, 200);

    // No signal tells when two seconds have passed without a page: ask until it says so.
    crate::helpers::eventually(|| async {
        (operator.page("/admin/status").await.0 == 303).then_some(())
    })
    .await;

    let (_, _, audit) = app.api(Method::GET, "/api/v1/audit?limit=1", None).await;
    assert_eq!(audit[0]["action"], "console.signed-out");
    assert_eq!(audit[0]["detail"], "idle");
}
