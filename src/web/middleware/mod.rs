//! Middleware: every response's envelope (error pages, security headers, the access log, and
//! the hot pages answered before routing); the admin token check and rate limit on the admin
//! API; where a client's address comes from.

mod access_log;
mod admin_auth;
mod client_address;
mod envelope;
mod security_headers;

pub use admin_auth::{AdminAuth, require_admin};
pub use client_address::ClientAddress;
pub use envelope::Envelope;
pub use security_headers::{NO_STORE, PAGE_TYPE, SecurityHeaders, SecuritySources};
