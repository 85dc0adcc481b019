//! Headers every response carries, and those of HTML pages: the Content-Security-Policy (which
//! has browsers report refused framings to `/csp-reports`) and the Permissions-Policy that lets
//! only the Prebuilt frame use the camera, microphone and screen.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};

use crate::settings::CspSource;

/// Where browsers report what they refused: `report-uri` (sent at once) and the Reporting API's
/// endpoint (`report-to`, batched), which browsers that know it use instead.
const REPORTS: &str = "report-uri /csp-reports; report-to csp";
const REPORTING_ENDPOINTS: &str = "csp=\"/csp-reports\"";

/// Precomputed, so a page view only copies them.
/// Distinct room framing policies kept made; beyond it the map starts again.
const MAX_ROOM_POLICIES: usize = 4096;

pub struct SecurityHeaders {
    every_response: Vec<(HeaderName, HeaderValue)>,
    html_pages: Vec<(HeaderName, HeaderValue)>,
    /// The policy around its `frame-ancestors` sources, for rooms with framing sites of their own.
    policy_around_ancestors: (String, String),
    /// Those rooms' policies, each made once.
    room_policies: RwLock<HashMap<Arc<str>, HeaderValue>>,
    /// `security.frame_ancestors`, and the portal's own origin (`'self'`), to tell at a
    /// request whether the browser will show the page in its frame.
    frame_ancestors: Vec<CspSource>,
    own_origin: url::Url,
}

/// What the headers depend on.
pub struct SecuritySources<'a> {
    pub prebuilt_origin: &'a str,
    pub frame_ancestors: &'a [CspSource],
    pub logo_origins: &'a [String],
    /// The OpenID provider's origin: the sign-out form continues there.
    pub sign_in_origin: Option<&'a str>,
    /// The portal's own address (`server.public_url`, or where it listens).
    pub own_origin: &'a url::Url,
    /// The portal is reached over https (`server.public_url`): browsers are told to keep to it.
    pub https: bool,
}

/// A year, as HSTS preload lists expect.
const HSTS: &str = "max-age=31536000";

/// A page's type and caching, as `pages::html` sets them.
pub const PAGE_TYPE: &str = "text/html; charset=utf-8";
pub const NO_STORE: &str = "no-store";

impl SecurityHeaders {
    /// No inline script anywhere; frames only from Prebuilt; framed only by `frame_ancestors`;
    /// devices delegated to the Prebuilt origin only.
    pub fn new(sources: &SecuritySources<'_>) -> Self {
        let SecuritySources {
            prebuilt_origin,
            frame_ancestors,
            logo_origins,
            sign_in_origin,
            own_origin,
            https,
        } = *sources;
        let ancestors: Vec<&str> = frame_ancestors.iter().map(CspSource::as_str).collect();
        let before = format!(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{}; \
             frame-src {prebuilt_origin}; frame-ancestors ",
            logo_origins
                .iter()
                .map(|o| format!(" {o}"))
                .collect::<String>(),
        );
        let after = format!(
            "; base-uri 'none'; form-action 'self'{}; object-src 'none'; {REPORTS}",
            sign_in_origin.map(|o| format!(" {o}")).unwrap_or_default(),
        );
        let content_security_policy = format!("{before}{}{after}", ancestors.join(" "));
        let delegated = format!("(self \"{prebuilt_origin}\")");
        let permissions_policy = ["camera", "microphone", "display-capture", "fullscreen"]
            .map(|feature| format!("{feature}={delegated}"))
            .join(", ");
        let value = |text: &str, fallback: &'static str| {
            HeaderValue::from_str(text).unwrap_or_else(|_| HeaderValue::from_static(fallback))
        };
        let mut every_response = vec![
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ];
        if https {
            every_response.push((
                header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static(HSTS),
            ));
        }
        let html_pages = vec![
            (
                header::CONTENT_SECURITY_POLICY,
                value(
                    &content_security_policy,
                    "default-src 'self'; frame-ancestors 'self'",
                ),
            ),
            (
                HeaderName::from_static("permissions-policy"),
                value(
                    &permissions_policy,
                    "camera=(), microphone=(), display-capture=()",
                ),
            ),
            (
                HeaderName::from_static("reporting-endpoints"),
                HeaderValue::from_static(REPORTING_ENDPOINTS),
            ),
            // Pages are in the visitor's language, chosen by these (see `web::language`).
            (
                header::VARY,
                HeaderValue::from_static("Accept-Language, Cookie"),
            ),
        ];
        Self {
            every_response,
            html_pages,
            policy_around_ancestors: (before, after),
            room_policies: RwLock::new(HashMap::new()),
            frame_ancestors: frame_ancestors.to_vec(),
            own_origin: own_origin.clone(),
        }
    }

    /// Whether a browser shows the page in a frame of `origin`'s page: under the room's own
    /// framing sites (`room`, CSP text) or else `security.frame_ancestors`.
    pub fn frames_allowed(&self, origin: &url::Url, room: Option<&str>) -> bool {
        let own = &self.own_origin;
        match room {
            Some(sources) => sources
                .split(' ')
                .filter_map(|s| s.parse::<CspSource>().ok())
                .any(|source| source.allows(origin, own)),
            None => self
                .frame_ancestors
                .iter()
                .any(|source| source.allows(origin, own)),
        }
    }

    /// The Content-Security-Policy of a room framed by `ancestors` (its own sites, CSP text):
    /// made on the room's first page view, then copied.
    pub fn room_policy(&self, ancestors: &Arc<str>) -> HeaderValue {
        let known = self.room_policies.read().unwrap_or_else(|p| p.into_inner());
        if let Some(policy) = known.get(ancestors) {
            return policy.clone();
        }
        drop(known);
        let (before, after) = &self.policy_around_ancestors;
        let policy =
            HeaderValue::from_str(&format!("{before}{ancestors}{after}")).unwrap_or_else(|_| {
                HeaderValue::from_static("default-src 'self'; frame-ancestors 'self'")
            });
        let mut known = self
            .room_policies
            .write()
            .unwrap_or_else(|p| p.into_inner());
        // Rooms' sites change through the console and API: old texts are dropped, not kept.
        if known.len() >= MAX_ROOM_POLICIES {
            known.clear();
        }
        known.insert(ancestors.clone(), policy.clone());
        policy
    }

    /// Adds the headers every response carries, and those of HTML pages when it is one.
    pub fn apply(&self, headers: &mut HeaderMap) {
        let is_html = headers
            .get(header::CONTENT_TYPE)
            .is_some_and(|ct| ct.as_bytes().starts_with(b"text/html"));
        for (name, value) in &self.every_response {
            headers.insert(name.clone(), value.clone());
        }
        if is_html {
            // A page of a room with framing sites of its own brought its own policy.
            let own_policy = headers.contains_key(header::CONTENT_SECURITY_POLICY);
            for (name, value) in &self.html_pages {
                if own_policy && name == header::CONTENT_SECURITY_POLICY {
                    continue;
                }
                headers.insert(name.clone(), value.clone());
            }
        }
    }
}
