//! Middleware: security headers and the access log on every response; the admin token check
//! and rate limit on the admin API; where a client's address comes from.

mod access_log;
mod admin_auth;
mod client_address;
mod security_headers;

pub use access_log::access_log;
pub use admin_auth::{AdminAuth, require_admin};
pub use client_address::ClientAddress;
pub use security_headers::{SecurityHeaders, SecuritySources, security_headers};
