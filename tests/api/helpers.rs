use std::net::TcpListener;
use std::sync::Arc;

use prebuilt_portal::domain::RoomName;
use prebuilt_portal::emulator::{Emulator, EmulatorConfig};
use prebuilt_portal::settings::{RoomAlias, Settings, SigningKeys, StoreUrl};
use prebuilt_portal::startup::Application;
use scraper::{Html, Selector};
use secrecy::{ExposeSecret, SecretString};
use tempfile::TempDir;

pub const ACCESS_KEY: &str = "test-access-key";
pub const APP_SECRET: &str = "test-app-secret-value";
pub const ADMIN_TOKEN: &str = "test-admin-token-0123456789";
/// The signing key of portals in live mode.
pub const LIVE_SIGNING_KEY: &str = "live-mode-signing-key-0123456789abcdef";
/// The cookie key of portals in live mode.
pub const LIVE_COOKIE_KEY: &str = "live-mode-cookie-key-0123456789abcdefgh";

pub struct TestApp {
    pub address: String,
    /// The store it keeps its state in (a SQLite file of its own unless a test chose one).
    pub store_url: String,
    /// Stops the portal as SIGTERM would (for restarts).
    pub server: actix_web::dev::ServerHandle,
    _store_dir: Arc<TempDir>,
    pub emulator: Emulator,
    pub emulator_address: String,
    /// Where `/metrics` is served (never the portal's own address).
    pub metrics_address: String,
    pub http: reqwest::Client,
}

/// A portal in the default configuration, with the built-in emulator on its own port.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like [`spawn_app`], after `adjust` has changed the settings.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let (mut settings, store_dir) = test_settings();
    adjust(&mut settings);
    let store_url = store_url_of(&settings);
    let app = Application::build(settings)
        .await
        .expect("the portal builds");
    let emulator = app.emulator().expect("the emulator is enabled");
    let emulator_address = format!("http://127.0.0.1:{}", emulator.port);
    let emulator = emulator.handle.clone();
    let address = format!("http://127.0.0.1:{}", app.port());
    let metrics_address = metrics_address(&app);
    let server = app.server_handle();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        store_url,
        server,
        _store_dir: store_dir,
        emulator,
        emulator_address,
        metrics_address,
        http: http_client(),
    }
}

/// A portal with the admin API on (token [`ADMIN_TOKEN`]).
pub async fn spawn_admin_app() -> TestApp {
    spawn_app_with(|s| s.admin.token = Some(SecretString::from(ADMIN_TOKEN))).await
}

/// A standalone emulator, as an independent 100ms API would be: (handle, base address).
pub async fn spawn_emulator(access_key: &str, app_secret: &str) -> (Emulator, String) {
    let (emulator, address, _) = spawn_stoppable_emulator(access_key, app_secret).await;
    (emulator, address)
}

/// Like [`spawn_emulator`], with the handle that takes it down (an outage).
pub async fn spawn_stoppable_emulator(
    access_key: &str,
    app_secret: &str,
) -> (Emulator, String, actix_web::dev::ServerHandle) {
    let emulator = Emulator::new(EmulatorConfig {
        access_key: access_key.to_owned(),
        app_secret: app_secret.to_owned(),
        ..EmulatorConfig::random()
    });
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let server = emulator.serve(listener).expect("the emulator starts");
    let handle = server.handle();
    tokio::spawn(server);
    (emulator, address, handle)
}

/// A portal in live mode (`emulator.enabled = false`) whose 100ms is the emulator at `upstream`.
pub async fn spawn_live_app(
    upstream: &str,
    emulator: &Emulator,
    app_secret: &str,
    adjust: impl FnOnce(&mut Settings),
) -> TestApp {
    let (mut settings, store_dir) = test_settings();
    settings.emulator.enabled = false;
    settings.hms.api_base = format!("{upstream}/v2").parse().unwrap();
    settings.hms.prebuilt_base = Some(upstream.parse().unwrap());
    settings.hms.access_key = ACCESS_KEY.to_owned();
    settings.hms.app_secret = SecretString::from(app_secret);
    // Live mode needs a key for its signed roles (the demo room's host).
    settings.access.signing_keys = SigningKeys::parse(LIVE_SIGNING_KEY).unwrap();
    settings.security.cookie_keys = SigningKeys::parse(LIVE_COOKIE_KEY).unwrap();
    adjust(&mut settings);
    let store_url = store_url_of(&settings);
    let app = Application::build(settings)
        .await
        .expect("the portal builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let metrics_address = metrics_address(&app);
    let server = app.server_handle();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        store_url,
        server,
        _store_dir: store_dir,
        emulator: emulator.clone(),
        emulator_address: upstream.to_owned(),
        metrics_address,
        http: http_client(),
    }
}

/// The demo room's section of the settings.
pub fn demo_alias(settings: &mut Settings) -> &mut RoomAlias {
    let demo = RoomName::parse("demo").unwrap();
    settings
        .rooms
        .aliases
        .get_mut(&demo)
        .expect("the demo room is configured")
}

fn metrics_address(app: &Application) -> String {
    let port = app.metrics_port().expect("metrics are on");
    format!("http://127.0.0.1:{port}")
}

/// Test settings, with a SQLite store of its own in a directory that lives as long as the app.
fn test_settings() -> (Settings, Arc<TempDir>) {
    let mut settings = Settings::defaults().expect("the defaults are valid");
    settings.server.port = 0;
    settings.server.workers = 2;
    settings.emulator.port = 0;
    settings.metrics.port = 0;
    let dir = Arc::new(TempDir::new().expect("a temporary directory"));
    settings.store.url = sqlite_store_in(&dir);
    (settings, dir)
}

/// A SQLite store in `dir`.
pub fn sqlite_store_in(dir: &TempDir) -> StoreUrl {
    let url = format!("sqlite://{}/portal.db", dir.path().display());
    StoreUrl::parse(&url).expect("a SQLite URL")
}

fn store_url_of(settings: &Settings) -> String {
    match &settings.store.url {
        StoreUrl::Sqlite(url) => url.clone(),
        StoreUrl::Postgres(url) => url.expose_secret().to_owned(),
    }
}

fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        // Below the server's 5 s keep-alive: a connection idle that long (a browser test
        // between two calls) could be closed by the server just as a POST goes out on it,
        // which the client does not retry (hyper's IncompleteMessage).
        .pool_idle_timeout(std::time::Duration::from_secs(2))
        .build()
        .unwrap()
}

impl TestApp {
    /// Another handle on the same portal (for futures that must own theirs).
    pub fn clone_handle(&self) -> TestApp {
        TestApp {
            address: self.address.clone(),
            store_url: self.store_url.clone(),
            server: self.server.clone(),
            _store_dir: self._store_dir.clone(),
            emulator: self.emulator.clone(),
            emulator_address: self.emulator_address.clone(),
            metrics_address: self.metrics_address.clone(),
            http: self.http.clone(),
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{}", self.address, path))
            .send()
            .await
            .expect("the portal answers")
    }

    /// An admin API call with the right token; (status, content type, JSON body).
    pub async fn api(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> (u16, String, serde_json::Value) {
        let mut request = self
            .http
            .request(method, format!("{}{}", self.address, path))
            .bearer_auth(ADMIN_TOKEN);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the portal answers");
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let body = response.json().await.unwrap_or(serde_json::Value::Null);
        (status, content_type, body)
    }

    /// The demo room's current code of `role`, as the admin API shows it when asked for codes
    /// (created if the role has none).
    pub async fn code_via_api(&self, role: &str) -> String {
        let (status, _, links) = self
            .api(
                reqwest::Method::GET,
                "/api/v1/rooms/demo/links?include_codes=true",
                None,
            )
            .await;
        assert_eq!(status, 200, "{links}");
        let link = links["links"]
            .as_array()
            .unwrap()
            .iter()
            .find(|link| link["role"] == role)
            .unwrap_or_else(|| panic!("no {role} in {links}"));
        link["code"].as_str().unwrap().to_owned()
    }

    /// The Prometheus text of `/metrics`.
    pub async fn metrics(&self) -> String {
        let response = self
            .http
            .get(format!("{}/metrics", self.metrics_address))
            .send()
            .await
            .expect("the metrics listener answers");
        assert_eq!(response.status(), 200);
        response.text().await.unwrap()
    }

    /// GET `path` and return (status, body).
    pub async fn page(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }

    /// Sends `path` byte for byte (no client-side normalisation) and returns the status code.
    pub async fn raw_get_status(&self, path: &str) -> u16 {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let host = self.address.trim_start_matches("http://");
        let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
        let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut head = [0u8; 12];
        stream.read_exact(&mut head).await.unwrap();
        std::str::from_utf8(&head[9..12]).unwrap().parse().unwrap()
    }

    /// The enabled codes the emulator holds for `role` of the room named `room`.
    pub fn codes_of(&self, room: &str, role: &str) -> Vec<String> {
        let store = self.emulator.account();
        let Some(room) = store.room_by_name(room) else {
            return Vec::new();
        };
        store
            .codes()
            .iter()
            .filter(|c| c.room_id == room.id && c.role == role && c.enabled)
            .map(|c| c.code.clone())
            .collect()
    }
}

/// The one meeting iframe of a page: (src, allow).
pub fn meeting_iframe(html: &str) -> (String, String) {
    let document = Html::parse_document(html);
    let selector = Selector::parse("iframe").unwrap();
    let frames: Vec<_> = document.select(&selector).collect();
    assert_eq!(frames.len(), 1, "exactly one iframe in:\n{html}");
    let frame = frames[0].value();
    (
        frame.attr("src").unwrap_or_default().to_owned(),
        frame.attr("allow").unwrap_or_default().to_owned(),
    )
}

/// Text of the first element matching `css`, if any.
pub fn text_of(html: &str, css: &str) -> Option<String> {
    let document = Html::parse_document(html);
    let selector = Selector::parse(css).unwrap();
    document
        .select(&selector)
        .next()
        .map(|e| e.text().collect::<String>().trim().to_owned())
}

pub fn assert_html(response: &reqwest::Response) {
    let content_type = response.headers()["content-type"].to_str().unwrap();
    assert_eq!(content_type, "text/html; charset=utf-8");
}

/// Decodes a QR code drawn as the portal draws it: an SVG path of `M{x} {y}h{size}…` squares.
pub fn decode_qr_svg(svg: &str) -> String {
    let attr = |name: &str| -> usize {
        let start = svg.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        svg[start..].split('"').next().unwrap().parse().unwrap()
    };
    let side = attr("width");
    let mut dark = vec![false; side * side];
    let path = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    for square in path.split('M').filter(|s| !s.is_empty()) {
        let (x, rest) = square.split_once(' ').unwrap();
        let (y, rest) = rest.split_once('h').unwrap();
        let size: usize = rest.split('v').next().unwrap().parse().unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        for row in y..y + size {
            for column in x..x + size {
                dark[row * side + column] = true;
            }
        }
    }
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
        if dark[y * side + x] { 0 } else { 255 }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    grids[0].decode().expect("the QR code decodes").1
}

/// Polls `check` until it gives a value, for what happens in the background (a refresh, a
/// cool-down); fails after 10 s.
pub async fn eventually<T, F: std::future::Future<Output = Option<T>>>(check: impl Fn() -> F) -> T {
    let started = std::time::Instant::now();
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "it never happened"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}
