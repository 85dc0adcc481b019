//! The operator's console at `/admin`: signing in (admin token, real OpenID provider), its
//! sessions, its pages and what they change, and the rules that keep it safe (CSRF, Origin,
//! never framed, never cached).

mod events;
mod pages;
mod safety;
mod sign_in;

use std::sync::Arc;

use reqwest::cookie::Jar;
use reqwest::redirect::Policy;

use crate::durable::form_token;
use crate::helpers::{ADMIN_TOKEN, TestApp};

/// A browser-like client of the console: keeps cookies, never follows redirects.
pub struct Operator {
    pub http: reqwest::Client,
    pub jar: Arc<Jar>,
    pub base: String,
    /// The session's CSRF token, read from its pages.
    pub csrf: String,
}

impl Operator {
    pub fn client(jar: Arc<Jar>) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_provider(jar)
            .redirect(Policy::none())
            .build()
            .unwrap()
    }

    /// Signs in with the admin token, as the sign-in form does.
    pub async fn sign_in(app: &TestApp) -> Self {
        let jar = Arc::new(Jar::default());
        let http = Self::client(jar.clone());
        let response = token_sign_in(&http, app, ADMIN_TOKEN).await;
        assert_eq!(response.status(), 303, "signed in");
        assert_eq!(response.headers()["location"], "/admin");
        let mut operator = Self {
            http,
            jar,
            base: app.address.clone(),
            csrf: String::new(),
        };
        let (status, html) = operator.page("/admin").await;
        assert_eq!(status, 200, "{html}");
        operator.csrf = hidden(&html, "csrf").expect("the page's CSRF token");
        operator
    }

    pub async fn page(&self, path: &str) -> (u16, String) {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// Posts a form with the session's CSRF token from the portal's own origin: (status,
    /// `Location`, body).
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String, String) {
        let mut values: Vec<(&str, &str)> = vec![("csrf", &self.csrf)];
        values.extend_from_slice(fields);
        self.post_raw(path, &values, Some(&self.base)).await
    }

    /// Posts exactly `fields`, with `origin` as the `Origin` header.
    pub async fn post_raw(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        origin: Option<&str>,
    ) -> (u16, String, String) {
        let mut request = self.http.post(format!("{}{path}", self.base)).form(fields);
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        (status, location, response.text().await.unwrap())
    }
}

/// Sends the console's sign-in form with `token`.
pub async fn token_sign_in(
    http: &reqwest::Client,
    app: &TestApp,
    token: &str,
) -> reqwest::Response {
    let page = http
        .get(format!("{}/admin/sign-in", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let form_token = form_token(&html).expect("the sign-in form's token");
    http.post(format!("{}/admin/sign-in", app.address))
        .header("origin", &app.address)
        .form(&[("form_token", form_token.as_str()), ("token", token)])
        .send()
        .await
        .unwrap()
}

/// The value of the hidden input `name` of a page.
pub fn hidden(html: &str, name: &str) -> Option<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(&format!("input[name={name}]")).unwrap();
    document
        .select(&selector)
        .next()
        .and_then(|input| input.value().attr("value"))
        .map(str::to_owned)
}
