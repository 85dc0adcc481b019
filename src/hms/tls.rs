//! The process's one TLS crypto provider: ring, for every HTTPS client (100ms, the OpenID
//! provider, health checks). reqwest is built without a provider of its own, so one must be
//! installed before the first client is built.

use std::sync::Once;

/// Installs ring as the process's TLS provider, once; a provider installed before stays.
pub fn ensure_provider() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        // Err: one is installed already (e.g. by a test harness); keep it.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}
