//! The console's forms: read as `application/x-www-form-urlencoded` fields, after checking that
//! they come from the portal's own pages (`Origin`, `Sec-Fetch-Site`) and carry the session's
//! CSRF token; a form that fails either changes nothing.

use std::future::{Future, Ready, ready};
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};

use crate::portal::console::ConsoleUser;
use crate::web::error::WebError;
use crate::web::same_origin::is_same_origin;
use crate::web::state::AppState;

/// The fields of a form that was checked.
pub struct Fields(Vec<(String, String)>);

impl Fields {
    /// The fields of a form a session sent, or `CrossSite` (403).
    pub fn of(
        state: &AppState,
        req: &HttpRequest,
        user: &ConsoleUser,
        body: &[u8],
    ) -> Result<Self, WebError> {
        let fields = Self::parse(body);
        let genuine = state
            .portal
            .console()
            .form_is_genuine(user, fields.get("csrf"));
        if !is_same_origin(req) || !genuine {
            return Err(WebError::CrossSite);
        }
        Ok(fields)
    }

    /// Fields not yet checked (the sign-in form, checked by its own token).
    pub fn parse(body: &[u8]) -> Self {
        Self(
            url::form_urlencoded::parse(body)
                .map(|(key, value)| (key.into_owned(), value.into_owned()))
                .collect(),
        )
    }

    /// A field's value, `None` when absent.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }

    /// A text field, trimmed, `None` when absent or blank.
    pub fn text(&self, key: &str) -> Option<&str> {
        self.get(key).map(str::trim).filter(|v| !v.is_empty())
    }

    /// Whether a checkbox was ticked.
    pub fn ticked(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Fields named `<prefix><suffix>`, as (suffix, value).
    pub fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> {
        self.0.iter().filter_map(move |(name, value)| {
            name.strip_prefix(prefix).map(|rest| (rest, value.as_str()))
        })
    }
}

/// The person in the console, as the guard found them (every page past sign-in).
pub struct Operator(pub ConsoleUser);

impl FromRequest for Operator {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(operator(req).map(Self).map_err(Into::into))
    }
}

fn operator(req: &HttpRequest) -> Result<ConsoleUser, WebError> {
    req.extensions()
        .get::<ConsoleUser>()
        .cloned()
        .ok_or(WebError::NotFound)
}

/// A console form that was checked (see [`Fields::of`]), with the person who sent it.
pub struct Posted {
    pub user: ConsoleUser,
    pub fields: Fields,
}

impl FromRequest for Posted {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = web::Bytes::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let body = body.await?;
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or(WebError::NotFound)?;
            let user = operator(&req)?;
            let fields = Fields::of(state, &req, &user, &body)?;
            Ok(Self { user, fields })
        })
    }
}
