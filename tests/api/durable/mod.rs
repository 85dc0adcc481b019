//! Durable state, the same suite against SQLite (the default) and a real PostgreSQL server:
//! rooms made through the API, invitations, revocations and the audit log survive restarts;
//! replicas on one PostgreSQL stay in step; a store that is down costs no cached join page.

mod invitations;
pub mod postgres;
mod replicas;
mod restarts;
mod room_management;

use std::sync::Arc;

use prebuilt_portal::emulator::Emulator;
use prebuilt_portal::settings::{SigningKeys, StoreUrl};
use reqwest::Method;
use secrecy::SecretString;
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::helpers::{
    ADMIN_TOKEN, APP_SECRET, TestApp, spawn_emulator, spawn_live_app, sqlite_store_in,
};

const KEY: &str = "signing-key-for-durable-state-0123456789";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backing {
    Sqlite,
    Postgres,
}

/// One 100ms (a standalone emulator) and one store, shared by the portals a test starts: the
/// portals can be restarted or run side by side without losing 100ms's state.
pub struct World {
    pub emulator: Emulator,
    upstream: String,
    pub store: StoreUrl,
    _dir: Option<Arc<TempDir>>,
}

impl World {
    /// `None` when the backing is not available here (PostgreSQL outside CI).
    pub async fn new(backing: Backing) -> Option<Self> {
        let (store, dir) = match backing {
            Backing::Sqlite => {
                let dir = Arc::new(TempDir::new().unwrap());
                (sqlite_store_in(&dir), Some(dir))
            }
            Backing::Postgres => {
                let url = postgres::fresh_database().await?;
                (StoreUrl::parse(&url).unwrap(), None)
            }
        };
        let (emulator, upstream) = spawn_emulator(crate::helpers::ACCESS_KEY, APP_SECRET).await;
        Some(Self {
            emulator,
            upstream,
            store,
            _dir: dir,
        })
    }

    /// A portal on this world's 100ms and store, with the admin API and signed links on.
    pub async fn portal(&self) -> TestApp {
        self.portal_with(|_| {}).await
    }

    pub fn store_url(&self) -> String {
        match &self.store {
            StoreUrl::Sqlite(url) => url.clone(),
            StoreUrl::Postgres(url) => secrecy::ExposeSecret::expose_secret(url).to_owned(),
        }
    }

    pub async fn portal_with(
        &self,
        adjust: impl FnOnce(&mut prebuilt_portal::settings::Settings),
    ) -> TestApp {
        let store = self.store.clone();
        spawn_live_app(&self.upstream, &self.emulator, APP_SECRET, |s| {
            s.store.url = store;
            s.admin.token = Some(SecretString::from(ADMIN_TOKEN));
            s.access.signing_keys = SigningKeys::parse(KEY).unwrap();
            adjust(s);
        })
        .await
    }
}

/// Runs each named test once per store: `durable::<module>::sqlite::<name>` and
/// `…::postgres::<name>`.
macro_rules! on_both_stores {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    if let Some(world) = $crate::durable::World::new($crate::durable::Backing::Sqlite).await {
                        super::$name(world, $crate::durable::Backing::Sqlite).await;
                    }
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    if let Some(world) = $crate::durable::World::new($crate::durable::Backing::Postgres).await {
                        super::$name(world, $crate::durable::Backing::Postgres).await;
                    }
                }
            )*
        }
    };
}
pub(crate) use on_both_stores;

/// Creates a room through the admin API (not served before: `rooms.unknown = deny`).
pub async fn create_room(app: &TestApp, body: Value) -> Value {
    let (status, _, links) = app.api(Method::POST, "/api/v1/rooms", Some(body)).await;
    assert_eq!(status, 200, "{links}");
    links
}

/// An invitation from the admin API.
pub async fn invite(app: &TestApp, body: Value) -> Value {
    let (status, _, invitation) = app.api(Method::POST, "/api/v1/invites", Some(body)).await;
    assert_eq!(status, 201, "{invitation}");
    invitation
}

/// A signed link's path, from the admin API.
pub async fn signed_path(app: &TestApp, room: &str, role: &str) -> String {
    let body = json!({ "room": room, "role": role, "ttl_secs": 3600 });
    let (status, _, link) = app.api(Method::POST, "/api/v1/links", Some(body)).await;
    assert_eq!(status, 200, "{link}");
    link["url"].as_str().unwrap().replacen(&app.address, "", 1)
}

/// Presses "Join" on an invitation page: (status, where it sends the browser).
pub async fn press_join(app: &TestApp, id: &str) -> (u16, Option<String>) {
    let page = app.page(&format!("/i/{id}")).await.1;
    let token = form_token(&page).unwrap_or_default();
    let response = app
        .http
        .post(format!("{}/i/{id}", app.address))
        .form(&[("form_token", token)])
        .send()
        .await
        .unwrap();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    (response.status().as_u16(), location)
}

/// Revokes the role's links; answers the revocation's time (Unix milliseconds).
pub async fn revoke(app: &TestApp, room: &str, role: &str) -> u64 {
    let path = format!("/api/v1/rooms/{room}/roles/{role}/revoke");
    let (status, _, body) = app.api(Method::POST, &path, None).await;
    assert_eq!(status, 200, "{body}");
    body["not_before_ms"].as_u64().unwrap()
}

/// The form token of the page's form, if it has one.
pub fn form_token(html: &str) -> Option<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("input[name=form_token]").unwrap();
    document
        .select(&selector)
        .next()
        .and_then(|input| input.value().attr("value"))
        .map(str::to_owned)
}
