//! The built-in 100ms emulator: the part of the 100ms REST API v2 the portal uses, with the
//! documented JSON shapes and token checks, plus a stand-in Prebuilt meeting page. It runs on its
//! own port, so the meeting iframe is cross-origin exactly as in production. Tests drive its
//! fault injection and read its call counters.

pub mod account;
mod api;
mod auth;
mod control;
mod credentials;
mod guard;
mod hooks;
mod launch;
mod live_api;
mod meeting;
mod records;
mod wire;

use std::collections::{BTreeMap, BTreeSet};
use std::net::TcpListener;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use secrecy::ExposeSecret;

use account::Account;
use auth::TokenCheck;
pub use credentials::{CredentialsFileGuard, EmulatorCredentials};
pub use hooks::WebhookTarget;
pub use launch::RunningEmulator;

pub struct EmulatorConfig {
    pub access_key: String,
    pub app_secret: String,
    /// Roles of the default template.
    pub roles: Vec<String>,
    /// Id of the default template (e.g. `hms.template_id`); random when `None`.
    pub template_id: Option<String>,
    /// Bearer token of `/_emulator/*`.
    pub control_token: String,
    /// 100ms's dashboard toggle: token-less `/preview/{room_id}/{role}` links join.
    pub room_id_role_links: bool,
    /// Answer only requests whose `Host` is a loopback name or address.
    pub loopback_only: bool,
    /// Where the account is written after every change (see `account::save`).
    pub state_file: Option<std::path::PathBuf>,
}

impl EmulatorConfig {
    /// Random credentials and control token, the roles host, guest and viewer, loopback only.
    pub fn random() -> Self {
        let credentials = EmulatorCredentials::random();
        Self {
            access_key: credentials.access_key,
            app_secret: credentials.app_secret.expose_secret().to_owned(),
            roles: ["host", "guest", "viewer"].map(str::to_owned).to_vec(),
            template_id: None,
            control_token: credentials.control_token.expose_secret().to_owned(),
            room_id_role_links: false,
            loopback_only: true,
            state_file: None,
        }
    }
}

/// A handle on a running (or about to run) emulator; cheap to clone.
#[derive(Clone)]
pub struct Emulator {
    inner: Arc<Inner>,
}

struct Inner {
    tokens: TokenCheck,
    access_key: String,
    app_secret: String,
    control_token: String,
    room_id_role_links: bool,
    loopback_only: bool,
    state_file: Option<std::path::PathBuf>,
    account: Mutex<Account>,
    faults: Mutex<Faults>,
    calls: Mutex<BTreeMap<&'static str, usize>>,
    token_ids: Mutex<BTreeSet<String>>,
    webhook: Mutex<Option<Arc<hooks::WebhookTarget>>>,
    /// How long a peer's page may be quiet before it leaves (100ms: 60 s).
    peer_timeout: Mutex<Duration>,
    http: reqwest::Client,
}

#[derive(Debug, Default, Clone)]
struct Faults {
    latency: Duration,
    endpoint_latency: BTreeMap<String, Duration>,
    forced: Option<ForcedStatus>,
    page_cap: Option<usize>,
    /// The `name` filter of room listings matches case-sensitively (its rules are UNCONFIRMED).
    case_sensitive_names: bool,
    /// The templates endpoints answer 404, as an API without them would.
    without_templates: bool,
}

#[derive(Debug, Clone)]
struct ForcedStatus {
    status: u16,
    remaining: usize,
    retry_after_secs: Option<u64>,
}

impl Emulator {
    /// A new, empty account.
    pub fn new(config: EmulatorConfig) -> Self {
        let account = Account::new(config.template_id.as_deref(), &config.roles);
        Self::with_account(config, account)
    }

    /// The account as it was kept (see `account::load`).
    pub fn with_account(config: EmulatorConfig, account: Account) -> Self {
        Self {
            inner: Arc::new(Inner {
                tokens: TokenCheck::new(&config.access_key, &config.app_secret),
                access_key: config.access_key,
                app_secret: config.app_secret,
                control_token: config.control_token,
                room_id_role_links: config.room_id_role_links,
                loopback_only: config.loopback_only,
                state_file: config.state_file,
                account: Mutex::new(account),
                faults: Mutex::new(Faults::default()),
                calls: Mutex::new(BTreeMap::new()),
                token_ids: Mutex::new(BTreeSet::new()),
                webhook: Mutex::new(None),
                peer_timeout: Mutex::new(Duration::from_secs(60)),
                http: webhook_client(),
            }),
        }
    }

    /// Serves the emulator on `listener` with one worker (it is tiny and in-memory).
    pub fn serve(&self, listener: TcpListener) -> std::io::Result<Server> {
        let data = web::Data::new(self.clone());
        let server = HttpServer::new(move || {
            App::new()
                .wrap(from_fn(guard::loopback_host))
                .app_data(data.clone())
                .configure(live_api::routes)
                .configure(api::routes)
                .configure(meeting::routes)
                .configure(control::routes)
        })
        .workers(1)
        .disable_signals()
        .listen(listener)?
        .run();
        if tokio::runtime::Handle::try_current().is_ok() {
            self.time_out_peers_now_and_then();
        }
        Ok(server)
    }

    /// Every API call from now on is carried out, then answered this late. A client that gives up
    /// meanwhile has still changed the account, as with a real slow server.
    pub fn set_latency(&self, latency: Duration) {
        lock(&self.inner.faults).latency = latency;
    }

    /// Like [`Emulator::set_latency`], for one endpoint only (e.g. `create_room_code`).
    pub fn set_endpoint_latency(&self, endpoint: &str, latency: Duration) {
        lock(&self.inner.faults)
            .endpoint_latency
            .insert(endpoint.to_owned(), latency);
    }

    /// Room listings filtered by name match only the exact case from now on.
    pub fn match_names_case_sensitively(&self) {
        lock(&self.inner.faults).case_sensitive_names = true;
    }

    /// The templates endpoints answer 404 from now on.
    pub fn hide_templates(&self) {
        lock(&self.inner.faults).without_templates = true;
    }

    fn case_sensitive_names(&self) -> bool {
        lock(&self.inner.faults).case_sensitive_names
    }

    fn without_templates(&self) -> bool {
        lock(&self.inner.faults).without_templates
    }

    /// List endpoints answer at most `cap` items a page, whatever `limit` asks for.
    pub fn cap_page_size(&self, cap: usize) {
        lock(&self.inner.faults).page_cap = Some(cap.max(1));
    }

    /// The next `count` API calls answer `status` with a 100ms error body.
    pub fn fail_next(&self, count: usize, status: u16) {
        self.fail_next_with_retry_after(count, status, None);
    }

    /// Like [`Emulator::fail_next`], with a `Retry-After` header (for 429 and 503).
    pub fn fail_next_with_retry_after(
        &self,
        count: usize,
        status: u16,
        retry_after_secs: Option<u64>,
    ) {
        lock(&self.inner.faults).forced = Some(ForcedStatus {
            status,
            remaining: count,
            retry_after_secs,
        });
    }

    pub fn clear_faults(&self) {
        *lock(&self.inner.faults) = Faults::default();
    }

    /// How often an endpoint was called, e.g. `list_room_codes` (see `GET /_emulator/stats`).
    pub fn calls(&self, endpoint: &str) -> usize {
        lock(&self.inner.calls).get(endpoint).copied().unwrap_or(0)
    }

    /// All API calls so far.
    pub fn total_calls(&self) -> usize {
        lock(&self.inner.calls)
            .iter()
            .filter(|(name, _)| **name != meeting::PAGE_VIEW)
            .map(|(_, n)| n)
            .sum()
    }

    /// The `jti` of every valid management token seen so far.
    pub fn token_ids_seen(&self) -> Vec<String> {
        lock(&self.inner.token_ids).iter().cloned().collect()
    }

    /// The API credentials it accepts: (access key, app secret).
    pub fn credentials(&self) -> (&str, &str) {
        (&self.inner.access_key, &self.inner.app_secret)
    }

    /// The bearer token `/_emulator/*` wants.
    pub fn control_token(&self) -> &str {
        &self.inner.control_token
    }

    /// Direct access to the account, for tests that arrange or inspect 100ms-side state.
    pub fn account(&self) -> MutexGuard<'_, Account> {
        lock(&self.inner.account)
    }

    /// Writes the account to its state file, if it has one (after a change).
    fn persist(&self, account: &Account) {
        if let Some(path) = &self.inner.state_file
            && let Err(error) = account::save(account, path)
        {
            tracing::warn!(path = %path.display(), %error, "the emulator could not save its rooms");
        }
    }

    fn count(&self, endpoint: &'static str) {
        *lock(&self.inner.calls).entry(endpoint).or_insert(0) += 1;
    }

    fn calls_snapshot(&self) -> BTreeMap<&'static str, usize> {
        lock(&self.inner.calls).clone()
    }

    fn page_cap(&self) -> Option<usize> {
        lock(&self.inner.faults).page_cap
    }

    /// The fault to apply to this call, consuming one forced status.
    fn take_fault(&self, endpoint: &str) -> (Duration, Option<ForcedStatus>) {
        let mut faults = lock(&self.inner.faults);
        let latency = faults
            .endpoint_latency
            .get(endpoint)
            .copied()
            .unwrap_or(faults.latency);
        let forced = match faults.forced.as_mut() {
            Some(forced) if forced.remaining > 0 => {
                forced.remaining -= 1;
                Some(forced.clone())
            }
            _ => None,
        };
        (latency, forced)
    }
}

/// A poisoned lock only means a test thread panicked; the data is still usable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

/// The client that sends webhooks (loopback or plain http in practice; short timeouts).
fn webhook_client() -> reqwest::Client {
    crate::hms::tls::ensure_provider();
    reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap_or_default()
}
