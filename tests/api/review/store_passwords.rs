//! A PostgreSQL password given as a URL parameter is a secret like one in the user info.

use assert_cmd::Command;

const SECRET: &str = "sekrit-0123456789";

fn portal(args: &[&str], store_url: &str) -> std::process::Output {
    let mut command = Command::cargo_bin("prebuilt-portal").unwrap();
    command
        .env_clear()
        .env("PORTAL__STORE__URL", store_url)
        .env("PORTAL__STORE__ACQUIRE_TIMEOUT_MS", "300")
        .env("PORTAL__SERVER__PORT", "0")
        .env("PORTAL__EMULATOR__PORT", "0")
        .env("PORTAL__METRICS__ENABLED", "false")
        .args(args);
    command.output().unwrap()
}

#[tokio::test]
async fn a_password_in_the_store_urls_query_is_never_printed() {
    // Port 1 on loopback: nothing listens, so the store cannot be opened.
    let urls = [
        format!("postgres://portal@127.0.0.1:1/db?password={SECRET}"),
        // Refused (the driver does not support it), without its value.
        format!("postgres://portal@127.0.0.1:1/db?sslmode=disable&sslpassword={SECRET}"),
        format!("postgres://portal@127.0.0.1:1/db?options=-c%20password%3D{SECRET}"),
    ];
    for url in urls {
        let outputs = tokio::task::spawn_blocking(move || {
            [portal(&["check-config"], &url), portal(&["serve"], &url)]
        })
        .await
        .unwrap();
        for output in outputs {
            let printed = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(!output.status.success(), "{printed}");
            assert!(printed.contains("store.url"), "{printed}");
            assert!(!printed.contains(SECRET), "{printed}");
        }
    }
}

#[tokio::test]
async fn a_store_url_with_a_password_parameter_is_refused_in_a_file() {
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("portal.toml");
    std::fs::write(
        &file,
        format!("[store]\nurl = \"postgres://portal@127.0.0.1/db?password={SECRET}\"\n"),
    )
    .unwrap();
    let output = tokio::task::spawn_blocking(move || {
        let mut command = Command::cargo_bin("prebuilt-portal").unwrap();
        command
            .env_clear()
            .arg("--config")
            .arg(&file)
            .arg("check-config");
        command.output().unwrap()
    })
    .await
    .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("store.url") && stderr.contains("environment"),
        "{stderr}"
    );
    assert!(!stderr.contains(SECRET), "{stderr}");
}
