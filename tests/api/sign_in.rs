//! Sign-in through a real OpenID provider (the certified `oidc-provider` package on Node, with
//! its development login and consent pages): roles with `access = "sso"` open to people signed
//! in, with their claimed name and subject bound into the meeting, granted by group claims.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use prebuilt_portal::domain::AccessPolicy;
use prebuilt_portal::settings::{HttpUrl, RoleClaim, Settings};
use reqwest::cookie::Jar;
use reqwest::redirect::Policy;
use scraper::{Html, Selector};
use secrecy::SecretString;

use crate::helpers::{TestApp, demo_alias, eventually, meeting_iframe, spawn_app_with, text_of};

pub const CLIENT_SECRET: &str = "portal-client-secret-0123456789";

/// The provider as a child process, stopped when dropped.
pub struct Provider {
    pub issuer: String,
    child: Child,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A free loopback port for the provider, chosen before the portal starts (the portal learns
/// the provider's address from its settings, the provider the portal's from its arguments).
pub fn provider_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port()
}

/// Starts the provider on `port` for the portal at `portal`; `None` (skipped) without the Node
/// packages, except under CI.
pub fn start_provider(port: u16, portal: &str) -> Option<Provider> {
    match launch(port, portal) {
        Launch::Ready(provider) => Some(provider),
        Launch::Skipped => None,
        Launch::PortTaken => panic!("port {port} was taken before the provider could listen"),
    }
}

enum Launch {
    Ready(Provider),
    Skipped,
    /// The port chosen for the provider was taken (by another test's server) before Node
    /// listened on it: the provider exited.
    PortTaken,
}

fn launch(port: u16, portal: &str) -> Launch {
    let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/node");
    if !tools.join("node_modules/oidc-provider").is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install the provider first: npm ci --prefix tests/node"
        );
        eprintln!("skipped: run `npm ci --prefix tests/node` for the sign-in tests");
        return Launch::Skipped;
    }
    let mut child = Command::new("node")
        .arg(tools.join("oidc-provider.mjs"))
        .args([&port.to_string(), portal])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("node runs");
    let started = std::time::Instant::now();
    // Ready when the port answers with this provider's own discovery document: an open port
    // alone may be another test's server that took it first.
    while !serves_discovery(port) {
        if child.try_wait().ok().flatten().is_some() {
            return Launch::PortTaken;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("the provider did not start within 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Launch::Ready(Provider {
        issuer: format!("http://127.0.0.1:{port}"),
        child,
    })
}

/// Whether the provider at `port` answers its discovery document with its own issuer.
fn serves_discovery(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request =
        format!("GET /.well-known/openid-configuration HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    let mut answer = String::new();
    stream.write_all(request.as_bytes()).is_ok()
        && stream.read_to_string(&mut answer).is_ok()
        && answer.contains(&format!("\"issuer\":\"http://127.0.0.1:{port}\""))
}

/// The portal's sign-in settings for a provider on `port`: the demo room's host role needs the
/// group meeting-hosts, its viewer role anyone signed in.
pub fn sign_in_settings(settings: &mut Settings, port: u16) {
    let oidc = &mut settings.access.oidc;
    oidc.issuer = Some(
        format!("http://127.0.0.1:{port}")
            .parse::<HttpUrl>()
            .unwrap(),
    );
    oidc.client_id = Some("portal".into());
    oidc.client_secret = Some(SecretString::from(CLIENT_SECRET));
    oidc.scopes = vec!["openid".into(), "profile".into(), "groups".into()];
    oidc.role_claims.insert(
        "host".parse().unwrap(),
        RoleClaim {
            claim: "groups".into(),
            any_of: vec!["meeting-hosts".into()],
        },
    );
    let demo = demo_alias(settings);
    demo.access
        .insert("host".parse().unwrap(), AccessPolicy::Sso);
    demo.access
        .insert("viewer".parse().unwrap(), AccessPolicy::Sso);
}

/// A portal with sign-in against a provider it started; `None` when the provider cannot run.
pub async fn spawn_with_provider(adjust: impl Fn(&mut Settings)) -> Option<(TestApp, Provider)> {
    // A few tries: the port chosen first may be taken by another test before Node listens.
    for _ in 0..5 {
        let port = provider_port();
        let app = spawn_app_with(|s| {
            sign_in_settings(s, port);
            adjust(s);
        })
        .await;
        match launch(port, &app.address) {
            Launch::Ready(provider) => return Some((app, provider)),
            Launch::Skipped => return None,
            Launch::PortTaken => continue,
        }
    }
    panic!("five ports were taken before the provider could listen on one");
}

/// A browser-like client: keeps cookies, follows redirects except to `stop_at` (a path).
pub fn browser(stop_at: Option<&'static str>) -> reqwest::Client {
    browser_with(Arc::new(Jar::default()), stop_at)
}

/// Like [`browser`], with the cookies of `jar` (shared with other clients of the same browser).
pub fn browser_with(jar: Arc<Jar>, stop_at: Option<&'static str>) -> reqwest::Client {
    let policy = Policy::custom(move |attempt| {
        if stop_at.is_some_and(|path| attempt.url().path() == path) || attempt.previous().len() > 20
        {
            attempt.stop()
        } else {
            attempt.follow()
        }
    });
    reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(policy)
        .build()
        .unwrap()
}

/// Submits the one form of `page` (at `url`), filling `fields`; answers the response.
async fn submit(
    client: &reqwest::Client,
    url: &reqwest::Url,
    page: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let document = Html::parse_document(page);
    let form = document
        .select(&Selector::parse("form").unwrap())
        .next()
        .unwrap_or_else(|| panic!("a form in {page}"));
    let action = url.join(form.value().attr("action").unwrap()).unwrap();
    let mut values: Vec<(String, String)> = form
        .select(&Selector::parse("input[type=hidden]").unwrap())
        .map(|input| {
            (
                input.value().attr("name").unwrap().to_owned(),
                input.value().attr("value").unwrap_or_default().to_owned(),
            )
        })
        .collect();
    values.extend(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    client.post(action).form(&values).send().await.unwrap()
}

/// Signs `login` in at the provider's pages from `response` (its login form) on: login, then
/// consent. Answers the last response (where the provider sent the browser back to).
pub async fn sign_in_at_provider(
    client: &reqwest::Client,
    response: reqwest::Response,
    login: &str,
) -> reqwest::Response {
    let url = response.url().clone();
    let page = response.text().await.unwrap();
    assert!(
        page.contains("name=\"login\""),
        "the provider's login form: {page}"
    );
    let consent = submit(
        client,
        &url,
        &page,
        &[("login", login), ("password", "any")],
    )
    .await;
    let url = consent.url().clone();
    let page = consent.text().await.unwrap();
    assert!(
        page.contains("value=\"consent\""),
        "the provider's consent form: {page}"
    );
    submit(client, &url, &page, &[]).await
}

/// Opens `path` of the portal in a new browser, signs `login` in, answers the final response.
async fn visit_signed_in(
    app: &TestApp,
    path: &str,
    login: &str,
) -> (reqwest::Client, reqwest::Response) {
    let client = browser(None);
    let back = sign_in_with(&client, app, path, login).await;
    (client, back)
}

async fn sign_in_with(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    login: &str,
) -> reqwest::Response {
    let response = client
        .get(format!("{}{path}", app.address))
        .send()
        .await
        .unwrap();
    sign_in_at_provider(client, response, login).await
}

/// The value of the cookie `name` the browser keeps for the portal.
fn cookie_in(jar: &Jar, app: &TestApp, name: &str) -> Option<String> {
    use reqwest::cookie::CookieStore;
    let url = reqwest::Url::parse(&app.address).unwrap();
    let header = jar.cookies(&url)?;
    header.to_str().ok()?.split("; ").find_map(|pair| {
        pair.strip_prefix(name)
            .and_then(|rest| rest.strip_prefix('='))
            .map(str::to_owned)
    })
}

#[tokio::test]
async fn signing_in_leads_back_to_the_deep_link_and_the_meeting_gets_the_claimed_name_and_subject()
{
    let Some((app, _provider)) = spawn_with_provider(|_| {}).await else {
        return;
    };
    let deep_link = "/join/demo/host?name=Mallory&skip_preview=1";

    let (client, back) = visit_signed_in(&app, deep_link, "alice").await;

    assert_eq!(back.status(), 200);
    assert_eq!(
        back.url().as_str(),
        format!("{}{deep_link}", app.address),
        "back on the page first asked for"
    );
    let html = back.text().await.unwrap();
    assert_eq!(
        text_of(&html, ".who strong").as_deref(),
        Some("Alice Example")
    );
    let (src, _) = meeting_iframe(&html);
    assert!(src.contains("auth_token="), "{src}");
    assert!(
        !src.contains("Mallory"),
        "the link cannot rename a signed-in person: {src}"
    );
    let meeting = client.get(&src).send().await.unwrap().text().await.unwrap();
    assert_eq!(text_of(&meeting, "#name").as_deref(), Some("Alice Example"));
    assert_eq!(
        text_of(&meeting, "#user-id").as_deref(),
        Some("alice"),
        "the user id is sub"
    );
    assert_eq!(text_of(&meeting, "#role").as_deref(), Some("host"));
    // Signed in, other sso pages open without asking again.
    let viewer = client
        .get(format!("{}/join/demo/viewer", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(viewer.url().path(), "/join/demo/viewer");
    assert_eq!(viewer.status(), 200);
}

#[tokio::test]
async fn someone_outside_the_group_gets_a_403_page_that_says_what_the_role_needs() {
    let Some((app, _provider)) = spawn_with_provider(|_| {}).await else {
        return;
    };

    let (client, back) = visit_signed_in(&app, "/join/demo/host", "bob").await;

    assert_eq!(back.status(), 403);
    let html = back.text().await.unwrap();
    assert_eq!(
        text_of(&html, "h1").as_deref(),
        Some("This role is not for your account")
    );
    assert!(html.contains("groups include meeting-hosts"), "{html}");
    assert!(!html.contains("<iframe"));
    let viewer = client
        .get(format!("{}/join/demo/viewer", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(viewer.status(), 200, "a role open to anyone signed in");
}

#[tokio::test]
async fn a_tampered_session_cookie_is_refused_and_an_expired_one_asks_to_sign_in_again() {
    let Some((app, _provider)) = spawn_with_provider(|s| {
        s.access.oidc.session_idle = Duration::from_secs(2);
    })
    .await
    else {
        return;
    };
    let start = browser(Some("/auth/login"))
        .get(format!("{}/join/demo/viewer", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(start.status(), 303, "not signed in yet: off to sign in");
    let jar = Arc::new(Jar::default());
    let client = browser_with(jar.clone(), None);
    let back = sign_in_with(&client, &app, "/join/demo/viewer", "alice").await;
    assert_eq!(back.status(), 200);
    let cookie = cookie_in(&jar, &app, "pp_session").expect("a session cookie");
    let plain = &app.http;
    let with_cookie = |value: String| {
        plain
            .get(format!("{}/join/demo/viewer", app.address))
            .header("cookie", format!("pp_session={value}"))
            .send()
    };
    assert_eq!(with_cookie(cookie.clone()).await.unwrap().status(), 200);

    let (body, tag) = cookie.split_once('.').unwrap();
    let tampered = format!("{}A.{tag}", &body[..body.len() - 1]);
    let refused = with_cookie(tampered).await.unwrap();
    assert_eq!(refused.status(), 303, "a changed cookie counts as none");
    assert!(
        refused.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/auth/login")
    );

    // Idle for longer than session_idle_secs: the session is over.
    eventually(|| async {
        (with_cookie(cookie.clone()).await.unwrap().status() == 303).then_some(())
    })
    .await;
    let embed = plain
        .get(format!("{}/embed/demo/viewer", app.address))
        .header("cookie", format!("pp_session={cookie}"))
        .send()
        .await
        .unwrap();
    let html = embed.text().await.unwrap();
    assert!(html.contains("Your session has ended"), "{html}");
}

#[tokio::test]
async fn a_replayed_answer_or_one_with_another_nonce_is_refused() {
    let Some((app, _provider)) = spawn_with_provider(|_| {}).await else {
        return;
    };
    let client = browser(Some("/auth/callback"));
    let response = client
        .get(format!("{}/join/demo/viewer", app.address))
        .send()
        .await
        .unwrap();
    let at_callback = sign_in_at_provider(&client, response, "alice").await;
    let callback = at_callback.headers()["location"]
        .to_str()
        .unwrap()
        .to_owned();
    let first = client.get(&callback).send().await.unwrap();
    assert_eq!(first.status(), 200, "the first time");
    assert_eq!(first.url().path(), "/join/demo/viewer");

    let replayed = client.get(&callback).send().await.unwrap();
    assert_eq!(replayed.status(), 400, "the same answer again");
    let elsewhere = browser(Some("/auth/callback"))
        .get(&callback)
        .send()
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), 400, "an answer for another browser");

    // A sign-in whose authorization request had its nonce swapped on the way.
    let client = browser(Some("/auth"));
    let to_provider = client
        .get(format!("{}/auth/login?next=/join/demo/viewer", app.address))
        .send()
        .await
        .unwrap();
    let mut authorize =
        reqwest::Url::parse(to_provider.headers()["location"].to_str().unwrap()).unwrap();
    let pairs: Vec<(String, String)> = authorize
        .query_pairs()
        .map(|(k, v)| {
            let value = if k == "nonce" {
                "swapped".to_owned()
            } else {
                v.into_owned()
            };
            (k.into_owned(), value)
        })
        .collect();
    authorize.query_pairs_mut().clear().extend_pairs(pairs);
    let following = browser(Some("/auth/callback"));
    // Same browser: carry the portal's login cookie over.
    let login_cookie = to_provider
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|c| c.starts_with("pp_login="))
        .unwrap();
    let response = following.get(authorize).send().await.unwrap();
    let at_callback = sign_in_at_provider(&following, response, "alice").await;
    let callback = at_callback.headers()["location"]
        .to_str()
        .unwrap()
        .to_owned();
    let refused = app
        .http
        .get(&callback)
        .header("cookie", login_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
    let html = refused.text().await.unwrap();
    assert_eq!(
        text_of(&html, "h1").as_deref(),
        Some("The sign-in could not be verified")
    );
}

#[tokio::test]
async fn declining_at_the_provider_says_sign_in_was_not_completed() {
    let Some((app, _provider)) = spawn_with_provider(|_| {}).await else {
        return;
    };
    let client = browser(None);
    let login = client
        .get(format!("{}/join/demo/viewer", app.address))
        .send()
        .await
        .unwrap();
    let url = login.url().clone();
    let page = login.text().await.unwrap();
    let consent = submit(
        &client,
        &url,
        &page,
        &[("login", "alice"), ("password", "any")],
    )
    .await;
    let page = consent.text().await.unwrap();
    let document = Html::parse_document(&page);
    let abort = document
        .select(&Selector::parse("a[href*=abort]").unwrap())
        .next()
        .and_then(|a| a.value().attr("href"))
        .unwrap_or_else(|| panic!("an abort link in {page}"))
        .to_owned();

    let back = client.get(url.join(&abort).unwrap()).send().await.unwrap();

    assert_eq!(back.status(), 403);
    let html = back.text().await.unwrap();
    assert_eq!(
        text_of(&html, "h1").as_deref(),
        Some("Sign-in was not completed")
    );
}

#[tokio::test]
async fn a_provider_that_does_not_answer_gives_a_503_page_and_one_that_is_not_the_issuer_a_401() {
    let unused = provider_port();
    let app = spawn_app_with(|s| sign_in_settings(s, unused)).await;
    let client = browser(None);
    let down = client
        .get(format!("{}/join/demo/viewer", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(down.status(), 503);
    assert!(down.headers().contains_key("retry-after"));
    let html = down.text().await.unwrap();
    assert_eq!(
        text_of(&html, "h1").as_deref(),
        Some("The sign-in service is not answering")
    );

    // The provider says its issuer is 127.0.0.1; this portal was told localhost.
    let port = provider_port();
    let app = spawn_app_with(|s| {
        sign_in_settings(s, port);
        s.access.oidc.issuer = Some(
            format!("http://localhost:{port}")
                .parse::<HttpUrl>()
                .unwrap(),
        );
    })
    .await;
    let Some(_provider) = start_provider(port, &app.address) else {
        return;
    };
    let wrong = browser(None)
        .get(format!("{}/join/demo/viewer", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
}

#[tokio::test]
async fn signing_out_ends_the_session_here_and_at_the_provider() {
    let Some((app, provider)) = spawn_with_provider(|_| {}).await else {
        return;
    };
    let jar = Arc::new(Jar::default());
    let back = sign_in_with(
        &browser_with(jar.clone(), None),
        &app,
        "/join/demo/viewer",
        "alice",
    )
    .await;
    let html = back.text().await.unwrap();
    assert!(
        html.contains("action=\"/auth/logout\""),
        "a sign-out button: {html}"
    );

    let token = crate::durable::form_token(&html).expect("the form carries a token");
    let out = browser_with(jar.clone(), Some("/session/end"))
        .post(format!("{}/auth/logout", app.address))
        .form(&[("form_token", token)])
        .send()
        .await
        .unwrap();

    assert_eq!(out.status(), 303);
    let location = out.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with(&format!("{}/session/end?", provider.issuer)),
        "{location}"
    );
    assert!(location.contains("post_logout_redirect_uri="), "{location}");
    let again = browser_with(jar, Some("/auth/login"))
        .get(format!("{}/join/demo/viewer", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(
        again.status(),
        303,
        "signed out: the page asks to sign in again"
    );
}

#[tokio::test]
async fn an_embedded_page_offers_a_sign_in_window_instead_of_framing_the_provider() {
    let Some((app, _provider)) = spawn_with_provider(|_| {}).await else {
        return;
    };
    let (status, html) = app.page("/embed/demo/host?skip_preview=1").await;
    assert_eq!(status, 200, "{html}");
    assert!(!html.contains("<iframe"), "no provider page in a frame");
    let document = Html::parse_document(&html);
    let form = document
        .select(&Selector::parse("form[data-sign-in]").unwrap())
        .next()
        .unwrap();
    assert_eq!(form.value().attr("action"), Some("/auth/login"));
    assert_eq!(form.value().attr("target"), Some("_blank"));
    assert!(
        html.contains("value=\"/embed/demo/host?skip_preview=1\""),
        "{html}"
    );

    let client = browser(None);
    let login = client
        .get(format!(
            "{}/auth/login?next=%2Fembed%2Fdemo%2Fhost&popup=1",
            app.address
        ))
        .send()
        .await
        .unwrap();
    let back = sign_in_at_provider(&client, login, "alice").await;

    assert_eq!(back.status(), 200);
    assert_eq!(back.url().path(), "/auth/callback");
    let html = back.text().await.unwrap();
    assert!(
        html.contains("/static/signed-in.js"),
        "the window closes itself: {html}"
    );
    let embed = client
        .get(format!("{}/embed/demo/host", app.address))
        .send()
        .await
        .unwrap();
    let html = embed.text().await.unwrap();
    let (src, _) = meeting_iframe(&html);
    assert!(src.contains("auth_token="), "{src}");
}
