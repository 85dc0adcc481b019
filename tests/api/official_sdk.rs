use std::path::Path;
use std::process::Command;

use crate::helpers::{ACCESS_KEY, APP_SECRET, spawn_emulator};

/// The official 100ms Node SDK (in tests/node, installed by `.ci/run`) must work against the emulator
/// unmodified: the emulator is only useful if it behaves like 100ms for real clients too.
#[tokio::test]
async fn the_official_100ms_node_sdk_works_against_the_emulator_unmodified() {
    let sdk = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/node");
    if !sdk.join("node_modules/@100mslive/server-sdk").is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install the SDK first: npm ci --prefix tests/node"
        );
        eprintln!("skipped: run `npm ci --prefix tests/node` to check the official SDK");
        return;
    }
    let (emulator, base) = spawn_emulator(ACCESS_KEY, APP_SECRET).await;

    let script = sdk.join("sdk-contract.cjs");
    let output = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg(script)
            .args([&base, ACCESS_KEY, APP_SECRET])
            .output()
    })
    .await
    .unwrap()
    .expect("node runs");

    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{log}");
    assert!(log.contains("every call succeeded"), "{log}");
    // Two: the SDK mints a fresh token when 100ms answers 403, as it does for the disabled room.
    assert_eq!(
        emulator.token_ids_seen().len(),
        2,
        "the SDK's own tokens were accepted"
    );
    assert!(emulator.calls("list_room_codes") >= 3);
}
