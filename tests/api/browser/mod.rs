//! End-to-end tests in a real headless Chromium (Debian's chromium and chromium-driver), driven
//! over WebDriver with fantoccini. Without the browser they are skipped, except under CI.

mod attendance;
mod console;
mod embedding;
mod events;
mod first_day;
mod languages;
mod lobby;
pub(crate) mod pages;
mod sign_in;

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A chromedriver process with one browser session; both end on drop. Chromedriver leads a
/// process group of its own, so killing the group also ends Chromium (killing chromedriver alone
/// leaves nine Chromium processes behind per test, which slow every later test).
pub struct Browser {
    pub client: Client,
    driver: Child,
    profile: PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Ok(group) = i32::try_from(self.driver.id()) {
            // SAFETY: killpg only sends a signal; the group is chromedriver's own.
            unsafe { libc::killpg(group, libc::SIGKILL) };
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// The colour scheme a visitor prefers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Light,
    Dark,
}

/// The viewport to emulate.
#[derive(Debug, Clone, Copy)]
pub enum Screen {
    Desktop,
    Phone,
}

impl Screen {
    pub fn size(self) -> (u32, u32) {
        match self {
            Self::Desktop => (1280, 800),
            Self::Phone => (390, 844),
        }
    }
}

/// A fresh headless Chromium, or `None` (with a note) when it is not installed outside CI.
pub async fn chromium(screen: Screen) -> Option<Browser> {
    launch(screen, PHONE_BROWSER).await
}

/// The browser phones ship with, as the phone screen's browser says who it is.
const PHONE_BROWSER: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 \
    (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36";

/// A phone browsing as another browser (an app's built-in one) from the start: chromedriver's
/// phone emulation puts its own user agent back on navigations, so an override set later races
/// it (a full test run once saw the phone's browser where the app's was meant).
pub async fn phone_browsing_as(user_agent: &str) -> Option<Browser> {
    launch(Screen::Phone, user_agent).await
}

async fn launch(screen: Screen, phone_agent: &str) -> Option<Browser> {
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium and chromium-driver (apt-get install chromium chromium-driver)"
        );
        eprintln!("skipped: install chromium and chromium-driver to run the browser tests");
        return None;
    }
    static PROFILES: AtomicU32 = AtomicU32::new(0);
    let profile = std::env::temp_dir().join(format!(
        "portal-chromium-{}-{}",
        std::process::id(),
        PROFILES.fetch_add(1, Ordering::Relaxed)
    ));
    let (driver, port) = tokio::task::spawn_blocking(start_chromedriver)
        .await
        .unwrap();
    let (width, height) = screen.size();
    let mut args = vec![
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-sync".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-quic".to_owned(),
        format!("--user-data-dir={}", profile.display()),
        format!("--window-size={width},{height}"),
    ];
    let mut options = json!({ "binary": CHROMIUM });
    if let Screen::Phone = screen {
        options["mobileEmulation"] = json!({
            "deviceMetrics": { "width": width, "height": height, "pixelRatio": 3.0, "touch": true },
            "userAgent": phone_agent
        });
        args.retain(|a| !a.starts_with("--window-size"));
    }
    options["args"] = json!(args);
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": options,
        "goog:loggingPrefs": { "browser": "ALL" },
    });
    let mut builder = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
    builder.capabilities(capabilities.as_object().unwrap().clone());
    let client = builder
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("chromedriver starts a Chromium session");
    Some(Browser {
        client,
        driver,
        profile,
    })
}

/// Starts chromedriver on a free port and waits for its "started successfully" line.
fn start_chromedriver() -> (Child, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .process_group(0)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver runs");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    loop {
        match lines.next() {
            Some(Ok(line)) if line.contains("started successfully") => break,
            Some(Ok(_)) => continue,
            _ => panic!("chromedriver did not start"),
        }
    }
    // Keep draining its output so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines.by_ref() {});
    (child, port)
}

impl Browser {
    /// Console messages of level SEVERE so far (errors, CSP violations), then clears them.
    pub async fn severe_console_messages(&self) -> Vec<String> {
        let log = self
            .client
            .issue_cmd(SessionPost {
                path: "se/log",
                body: json!({ "type": "browser" }),
            })
            .await
            .expect("chromedriver reads the console");
        log.as_array()
            .expect("the console log is a list")
            .iter()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// Grants a permission to the open page's origin, e.g. `clipboard-read`.
    pub async fn grant(&self, permission: &str) {
        self.client
            .issue_cmd(SessionPost {
                path: "permissions",
                body: json!({ "descriptor": { "name": permission }, "state": "granted" }),
            })
            .await
            .expect("chromedriver grants the permission");
    }

    /// Runs axe-core in the page; the serious and critical violations.
    pub async fn accessibility_violations(&self) -> Vec<String> {
        let axe = std::fs::read_to_string(axe_path()).expect("axe-core is installed in tests/node");
        self.client
            .execute(&format!("{axe}\nreturn true;"), vec![])
            .await
            .expect("axe-core loads");
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] }).then(result => done(
                   result.violations
                     .filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
                 ), error => done([`axe failed: ${error}`]));",
                vec![],
            )
            .await
            .expect("axe-core runs");
        serde_json::from_value(found).expect("axe-core answers a list of violations")
    }

    /// A PNG of the viewport in `target/screenshots/`.
    pub async fn screenshot(&self, name: &str, screen: Screen) {
        let (width, height) = screen.size();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let png = self.client.screenshot().await.expect("a screenshot");
        std::fs::write(dir.join(format!("{name}-{width}x{height}.png")), png).unwrap();
    }

    /// Emulates the visitor's colour-scheme preference (`prefers-color-scheme`) from now on.
    pub async fn prefer(&self, scheme: Scheme) {
        let value = match scheme {
            Scheme::Light => "light",
            Scheme::Dark => "dark",
        };
        self.client
            .issue_cmd(SessionPost {
                path: "goog/cdp/execute",
                body: json!({
                    "cmd": "Emulation.setEmulatedMedia",
                    "params": { "features": [{ "name": "prefers-color-scheme", "value": value }] },
                }),
            })
            .await
            .expect("chromedriver forwards the DevTools command");
    }

    pub async fn eval(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .expect("the script runs")
    }
}

/// Another site on a loopback port of its own (an intranet, a logo's host), serving `routes`:
/// its address.
pub fn loopback_site(routes: fn(&mut actix_web::web::ServiceConfig)) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let server = actix_web::HttpServer::new(move || actix_web::App::new().configure(routes))
        .workers(1)
        .disable_signals()
        .listen(listener)
        .unwrap()
        .run();
    tokio::spawn(server);
    address
}

pub fn axe_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/node/node_modules/axe-core/axe.min.js")
}

/// A POST to the session beyond fantoccini's commands: chromedriver's log (`se/log`), W3C
/// Set Permission (`permissions`), a DevTools command (`goog/cdp/execute`).
#[derive(Debug)]
struct SessionPost {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for SessionPost {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/{}",
            session.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}
