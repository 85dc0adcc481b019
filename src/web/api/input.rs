//! How the admin API reads what it is sent, so every mistake is answered in words a person can
//! act on: a body must be JSON (415 naming the header otherwise), at most 16 KiB (413), and a
//! bad field is named with what it takes (`expires_in: "soon" is not a duration: …`, `unknown
//! field `ttl`, expected one of …`); query parameters the same way.

use std::future::Future;
use std::pin::Pin;

use actix_web::http::header::CONTENT_TYPE;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use serde::de::DeserializeOwned;

use crate::web::error::{ApiError, WebError};

/// Largest JSON body the API reads.
pub const BODY_LIMIT: usize = 16 * 1024;

/// A JSON body of type `T`.
pub struct Body<T>(pub T);

/// Query parameters of type `T`.
pub struct Params<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Body<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|v| v.trim().to_ascii_lowercase())
            .is_some_and(|v| v == "application/json" || v.ends_with("+json"));
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !is_json {
                return Err(ApiError(WebError::UnsupportedMediaType));
            }
            let bytes = bytes.await.map_err(|_| ApiError(WebError::TooLarge))?;
            from_json(&bytes).map(Body)
        })
    }
}

/// `T` from JSON text, a mistake named by its field.
pub fn from_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut json = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut json).map_err(|error| {
        let reason = error.inner().to_string();
        // serde_json adds where in the text; the field's name says more.
        let reason = reason
            .split(" at line ")
            .next()
            .unwrap_or(&reason)
            .to_owned();
        named(&error.path().to_string(), &reason)
    })
}

impl<T: DeserializeOwned> FromRequest for Params<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let pairs = url::form_urlencoded::parse(req.query_string().as_bytes());
        let parsed = serde_path_to_error::deserialize(serde_urlencoded::Deserializer::new(pairs))
            .map(Params)
            .map_err(|error| {
                let reason = error.inner().to_string();
                let reason = match reason.as_str() {
                    "invalid digit found in string" | "number too large to fit in target type" => {
                        "expected a whole number".to_owned()
                    }
                    "provided string was not `true` or `false`" => {
                        "expected true or false".to_owned()
                    }
                    _ => reason,
                };
                named(&error.path().to_string(), &reason)
            });
        std::future::ready(parsed)
    }
}

/// `field: reason`, or the reason alone for the whole body.
fn named(path: &str, reason: &str) -> ApiError {
    let message = if path.is_empty() || path == "." {
        reason.to_owned()
    } else {
        format!("{path}: {reason}")
    };
    ApiError(WebError::BadRequest(message))
}

impl<T> std::ops::Deref for Body<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> std::ops::Deref for Params<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// A page asked for (`limit`, `offset`), checked: `limit` between 1 and `most` (default
/// `default`), `offset` at most [`MAX_OFFSET`](super::types::MAX_OFFSET) (default 0).
pub fn page(
    limit: Option<u32>,
    offset: Option<u32>,
    (default, most): (u32, u32),
) -> Result<(u32, u32), ApiError> {
    if offset.is_some_and(|offset| offset > super::types::MAX_OFFSET) {
        return Err(ApiError::bad_request("offset can be at most 1000000000"));
    }
    if limit.is_some_and(|limit| !(1..=most).contains(&limit)) {
        return Err(ApiError::bad_request(&format!(
            "limit must be between 1 and {most}"
        )));
    }
    Ok((limit.unwrap_or(default), offset.unwrap_or(0)))
}
