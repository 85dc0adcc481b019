//! The emulator's generated credentials never outlive the process that made them, however its
//! start ends.

use std::net::TcpListener;

use assert_cmd::Command;

#[tokio::test]
async fn a_start_that_fails_after_the_emulator_started_removes_its_credentials_file() {
    let temp = tempfile::TempDir::new().unwrap();
    let store = tempfile::TempDir::new().unwrap();
    // The portal's own port is taken, so its start fails after the emulator's.
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let taken_port = taken.local_addr().unwrap().port();
    let emulator_port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let file = temp
        .path()
        .join("prebuilt-portal")
        .join(format!("emulator-{emulator_port}.json"));
    let tmpdir = temp.path().to_owned();
    let store_url = format!("sqlite://{}/portal.db", store.path().display());

    let output = tokio::task::spawn_blocking(move || {
        let mut command = Command::cargo_bin("prebuilt-portal").unwrap();
        command
            .env_clear()
            .env("TMPDIR", &tmpdir)
            .env("PORTAL__STORE__URL", store_url)
            .env("PORTAL__SERVER__PORT", taken_port.to_string())
            .env("PORTAL__EMULATOR__PORT", emulator_port.to_string())
            .env("PORTAL__METRICS__ENABLED", "false")
            .arg("serve");
        command.output().unwrap()
    })
    .await
    .unwrap();
    drop(taken);

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("could not listen on server.host:server.port"),
        "{stderr}"
    );
    assert!(
        file.parent().unwrap().is_dir(),
        "the emulator had started and written its file: {stderr}"
    );
    assert!(!file.exists(), "{} was left behind", file.display());
}
