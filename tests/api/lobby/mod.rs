//! The lobby: visitors of a waiting role ask to join and wait in the portal; hosts admit or
//! turn them away from their own page; admitted, the visitor enters with a token of their own,
//! in their own browser only.

mod abuse;
mod flow;
mod hosts;
mod invitations;
mod links;
mod long_line;
mod operators;

use std::sync::Arc;

use reqwest::Method;
use reqwest::cookie::Jar;
use reqwest::redirect::Policy;
use serde_json::json;

use prebuilt_portal::settings::{RoomLobby, Settings, SigningKeys};

use crate::durable::form_token;
use crate::helpers::{ADMIN_TOKEN, TestApp, demo_alias, spawn_app_with};

pub const KEY: &str = "signing-key-for-the-lobby-tests-0123456789";

/// The demo room's guests wait in its lobby; its hosts let them in.
pub fn with_lobby(settings: &mut Settings) {
    settings.admin.token = Some(ADMIN_TOKEN.into());
    settings.access.signing_keys = SigningKeys::parse(KEY).unwrap();
    demo_alias(settings).lobby = Some(RoomLobby {
        roles: vec!["guest".parse().unwrap()],
        admitted_by: vec!["host".parse().unwrap()],
    });
}

pub async fn spawn_lobby_app(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    spawn_app_with(|s| {
        with_lobby(s);
        adjust(s);
    })
    .await
}

/// A browser: its own cookies, no redirects followed.
pub struct Browser {
    pub http: reqwest::Client,
    pub base: String,
}

impl Browser {
    pub fn new(app: &TestApp) -> Self {
        Self::at(&app.address)
    }

    pub fn at(base: &str) -> Self {
        Self {
            http: reqwest::Client::builder()
                .cookie_provider(Arc::new(Jar::default()))
                .redirect(Policy::none())
                .build()
                .unwrap(),
            base: base.to_owned(),
        }
    }

    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// The status and Location of a GET.
    pub async fn get_location(&self, path: &str) -> (u16, String) {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        status_and_location(&response)
    }

    /// Posts the form of the page at `page` (its token) with `fields`: (status, Location).
    pub async fn submit(&self, page: &str, action: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let (_, html) = self.get(page).await;
        let token = form_token(&html).unwrap_or_default();
        self.post(action, &token, fields).await
    }

    pub async fn post(&self, action: &str, token: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let mut values = vec![("form_token", token)];
        values.extend_from_slice(fields);
        let response = self
            .http
            .post(format!("{}{action}", self.base))
            .header("origin", &self.base)
            .form(&values)
            .send()
            .await
            .unwrap();
        status_and_location(&response)
    }

    /// Asks to join `path` under `name`: the waiting page's path.
    pub async fn knock(&self, path: &str, name: &str) -> String {
        let (status, location) = self.submit(path, path, &[("name", name)]).await;
        assert_eq!(status, 303, "knocked");
        assert!(location.starts_with("/lobby/t/"), "{location}");
        location
    }
}

/// A response's status and `Location` (empty when it has none).
fn status_and_location(response: &reqwest::Response) -> (u16, String) {
    let location = response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (response.status().as_u16(), location)
}

/// A host's browser: it opened its signed host link (which sets its pass).
pub async fn host(app: &TestApp) -> Browser {
    let body = json!({ "room": "demo", "role": "host", "expires_in": "1h", "name": "Dr Who" });
    let (status, _, link) = app.api(Method::POST, "/api/v1/links", Some(body)).await;
    assert_eq!(status, 200, "{link}");
    let path = link["url"].as_str().unwrap().replacen(&app.address, "", 1);
    let browser = Browser::new(app);
    let (status, html) = browser.get(&path).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("/lobby/r/demo"),
        "the host's page links the waiting room: {html}"
    );
    browser
}

/// The ticket id of a waiting page's path.
pub fn ticket_of(waiting_path: &str) -> &str {
    waiting_path.trim_start_matches("/lobby/t/")
}
