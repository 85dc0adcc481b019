//! The console's forms: read as `application/x-www-form-urlencoded` fields, after checking that
//! they come from the portal's own pages (`Origin`, `Sec-Fetch-Site`) and carry the session's
//! CSRF token; a form that fails either changes nothing.

use actix_web::HttpRequest;

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
