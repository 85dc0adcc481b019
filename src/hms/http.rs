//! One pooled HTTP client per thread. Each server worker is a runtime of its own thread, and a
//! pooled connection belongs to the runtime it was opened on: shared across workers, a
//! connection opened by a worker that stops first (it had nothing in flight when SIGTERM came)
//! would die under a request another worker is still draining. Per thread, a worker's
//! connections end with it, after its own requests. (It also keeps allocations on the workers'
//! threads: moving them to other threads cost ~14 MiB of allocator arenas with 100k codes.)

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::HmsError;

/// How clients are made; each `HmsClient` has its own (tests make many in one process).
pub(super) struct HttpClients {
    id: u64,
    timeout: Duration,
    connect_timeout: Duration,
    /// The first client made, for a thread where making one fails (it never has).
    fallback: reqwest::Client,
}

thread_local! {
    static CLIENTS: RefCell<HashMap<u64, reqwest::Client>> = RefCell::new(HashMap::new());
}

impl HttpClients {
    /// Checks that such a client can be made at all, so later ones cannot fail.
    pub(super) fn new(timeout: Duration, connect_timeout: Duration) -> Result<Self, HmsError> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Ok(Self {
            id: NEXT.fetch_add(1, Ordering::Relaxed),
            timeout,
            connect_timeout,
            fallback: build(timeout, connect_timeout).map_err(HmsError::from_reqwest)?,
        })
    }

    /// This thread's client (cheap to clone: it is a handle on the pool).
    pub(super) fn current(&self) -> reqwest::Client {
        CLIENTS.with(|clients| {
            clients
                .borrow_mut()
                .entry(self.id)
                .or_insert_with(|| {
                    build(self.timeout, self.connect_timeout)
                        .unwrap_or_else(|_| self.fallback.clone())
                })
                .clone()
        })
    }
}

fn build(timeout: Duration, connect_timeout: Duration) -> reqwest::Result<reqwest::Client> {
    super::tls::ensure_provider();
    reqwest::Client::builder()
        .user_agent(concat!(
            env!("CARGO_PKG_NAME"),
            "/",
            env!("CARGO_PKG_VERSION")
        ))
        .timeout(timeout)
        .connect_timeout(connect_timeout)
        .build()
}
