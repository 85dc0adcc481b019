//! Wrong credentials are noticed: readiness turns red, a metric counts the refusals, and
//! `prebuilt-portal doctor` says what is wrong in one line per check.

use assert_cmd::Command;

use crate::helpers::{
    ACCESS_KEY, APP_SECRET, LIVE_COOKIE_KEY, LIVE_SIGNING_KEY, spawn_emulator, spawn_live_app,
};

#[tokio::test]
async fn readiness_is_red_while_100ms_refuses_the_credentials() {
    let (emulator, address) = spawn_emulator(ACCESS_KEY, APP_SECRET).await;
    let app = spawn_live_app(&address, &emulator, "a-wrong-app-secret", |_| {}).await;

    let (page, _) = app.page("/join/demo/guest").await;
    let ready = app.get("/readyz").await;

    assert!(page >= 500, "the visit fails: {page}");
    assert_eq!(ready.status(), 503);
    let reason = ready.text().await.unwrap();
    assert!(reason.contains("401"), "{reason}");
    let metrics = app.metrics().await;
    let refusals = metrics
        .lines()
        .find_map(|l| l.strip_prefix("prebuilt_portal_upstream_auth_refusals_total "))
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0);
    assert!(refusals >= 1.0, "{metrics}");
}

/// `doctor` in live mode against the emulator at `address`: (exit code, output).
async fn doctor(address: &str, secret: &str, template: &str) -> (i32, String) {
    doctor_with_prebuilt(address, address, secret, template).await
}

async fn doctor_with_prebuilt(
    address: &str,
    prebuilt: &str,
    secret: &str,
    template: &str,
) -> (i32, String) {
    let mut command = Command::cargo_bin("prebuilt-portal").unwrap();
    command
        .env_clear()
        .env("PORTAL__STORE__URL", "sqlite::memory:")
        .env("PORTAL__EMULATOR__ENABLED", "false")
        .env("PORTAL__HMS__API_BASE", format!("{address}/v2"))
        .env("PORTAL__HMS__PREBUILT_BASE", prebuilt)
        .env("PORTAL__HMS__ACCESS_KEY", ACCESS_KEY)
        .env("PORTAL__HMS__APP_SECRET", secret)
        .env("PORTAL__HMS__TEMPLATE_ID", template)
        .env("PORTAL__ACCESS__SIGNING_KEYS", LIVE_SIGNING_KEY)
        .env("PORTAL__SECURITY__COOKIE_KEYS", LIVE_COOKIE_KEY)
        .env("PORTAL__HMS__DEADLINE_MS", "1000")
        .arg("doctor");
    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    (output.status.code().unwrap_or(-1), text)
}

#[tokio::test]
async fn doctor_says_in_one_line_per_check_what_is_wrong() {
    let (emulator, address) = spawn_emulator(ACCESS_KEY, APP_SECRET).await;
    let known = emulator.account().templates()[0].id.clone();
    let unused = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let gone = format!("http://127.0.0.1:{}", unused.local_addr().unwrap().port());
    drop(unused);

    let (healthy_code, healthy) = doctor(&address, APP_SECRET, &known).await;
    let (_, refused) = doctor(&address, "a-wrong-app-secret", &known).await;
    let (_, unknown) = doctor(&address, APP_SECRET, "65f1c0ffee0000000000dead").await;
    let (_, unreachable) = doctor(&gone, APP_SECRET, &known).await;
    let (elsewhere_code, elsewhere) =
        doctor_with_prebuilt(&address, "https://meet.example.org", APP_SECRET, &known).await;

    let line = |text: &str, subject: &str| {
        text.lines()
            .find(|l| l.contains(&format!(" {subject}: ")))
            .unwrap_or_else(|| panic!("no {subject} line in:\n{text}"))
            .to_owned()
    };
    assert!(line(&healthy, "100ms").starts_with("ok"), "{healthy}");
    assert!(line(&healthy, "template").starts_with("ok"), "{healthy}");
    assert!(
        line(&healthy, "prebuilt").starts_with("ok")
            && line(&healthy, "prebuilt").contains("on this machine"),
        "a stand-in on this machine is fine for a rehearsal: {healthy}"
    );
    assert_eq!(healthy_code, 0, "{healthy}");
    assert!(
        line(&elsewhere, "prebuilt").contains("not a 100ms host"),
        "{elsewhere}"
    );
    assert_eq!(elsewhere_code, 1, "a problem was found");
    assert!(
        line(&refused, "100ms").contains("refused the credentials"),
        "{refused}"
    );
    assert!(!refused.contains("a-wrong-app-secret"));
    assert!(
        line(&unknown, "template").contains("no such template"),
        "{unknown}"
    );
    assert!(
        line(&unreachable, "100ms").contains("unreachable"),
        "{unreachable}"
    );
}
