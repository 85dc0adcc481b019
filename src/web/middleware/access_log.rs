//! One access-log line per request, and the request metrics.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use actix_web::dev::ServiceRequest;
use actix_web::http::Method;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};

use crate::telemetry::HOT_ROUTES;
use crate::telemetry::access_log::{self, AccessLine};
use crate::web::state::AppState;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// What the access line needs of a request, taken as it arrives.
pub struct Arrival {
    started: Instant,
    method: Method,
    id: RequestId,
}

impl Arrival {
    pub fn of(req: &ServiceRequest) -> Self {
        let id = req
            .headers()
            .get(&REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .filter(|id| is_safe_request_id(id))
            .map_or_else(RequestId::new, RequestId::given);
        Self {
            started: Instant::now(),
            method: req.method().clone(),
            id,
        }
    }

    /// One line per request: method, route pattern (never the raw path or query, which can
    /// hold names and signatures), status, latency, how the code was found and the request id,
    /// which is echoed in `X-Request-Id`; and the request metrics.
    pub fn log<B>(
        self,
        state: &AppState,
        route: &str,
        cache: &str,
        response: &mut HttpResponse<B>,
    ) {
        let latency = self.started.elapsed();
        let status = response.status();
        state
            .portal
            .metrics()
            .request(route, status.as_str(), latency);
        let request_id = self.id.as_str();
        access_log::log(&AccessLine {
            method: self.method.as_str(),
            route,
            status: status.as_u16(),
            latency_us: u64::try_from(latency.as_micros()).unwrap_or(u64::MAX),
            cache,
            request_id,
        });
        if let Ok(value) = HeaderValue::from_bytes(request_id.as_bytes()) {
            response.headers_mut().insert(REQUEST_ID, value);
        }
    }
}

/// The route pattern a request matched: the hot resources are named by theirs, so reading it
/// allocates nothing.
pub fn route_of(req: &HttpRequest) -> Cow<'static, str> {
    let hot = req
        .match_name()
        .and_then(|name| HOT_ROUTES.iter().find(|route| **route == name));
    match hot {
        Some(route) => Cow::Borrowed(route),
        None => Cow::Owned(
            req.match_pattern()
                .unwrap_or_else(|| "(unmatched)".to_owned()),
        ),
    }
}

/// A request's id: the client's (when plain), or a process-unique one made without a system
/// call or an allocation: a random prefix chosen at start and a counter, in hex.
enum RequestId {
    Given(String),
    Made([u8; 21]),
}

impl RequestId {
    fn given(id: &str) -> Self {
        Self::Given(id.to_owned())
    }

    fn new() -> Self {
        static PREFIX: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let prefix = u64::from(*PREFIX.get_or_init(rand::random));
        let count = COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut id = [b'-'; 21];
        for (i, slot) in id[..8].iter_mut().enumerate() {
            *slot = HEX[((prefix >> (28 - 4 * i)) & 0xf) as usize];
        }
        for (i, slot) in id[9..].iter_mut().enumerate() {
            *slot = HEX[((count >> (44 - 4 * i)) & 0xf) as usize];
        }
        Self::Made(id)
    }

    fn as_str(&self) -> &str {
        match self {
            Self::Given(id) => id,
            // Hex digits and a dash: always UTF-8.
            Self::Made(id) => std::str::from_utf8(id).unwrap_or("-"),
        }
    }
}

/// Client-given ids are echoed only when short and plain, so logs and headers stay clean.
fn is_safe_request_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::RequestId;

    #[test]
    fn made_request_ids_are_a_prefix_and_a_counter_in_hex() {
        let first = RequestId::new();
        let second = RequestId::new();
        let (a, b) = (first.as_str(), second.as_str());
        assert_eq!(a.len(), 21);
        assert_eq!(&a[8..9], "-");
        assert_eq!(a[..8], b[..8], "one prefix per process");
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit() || c == b'-'), "{a}");
        let count = |id: &str| u64::from_str_radix(&id[9..], 16).unwrap();
        assert!(count(b) > count(a));
    }
}
