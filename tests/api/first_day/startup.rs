//! What the process itself says: listening on every interface without a public address is
//! refused with the variable to set (links would point at loopback), and a portal that starts
//! says what to open first.

use std::process::Command;

use crate::process::{Portal, binary};

#[tokio::test]
async fn a_portal_on_every_interface_without_a_public_url_refuses_to_start_and_says_which_variable()
{
    let output = tokio::task::spawn_blocking(|| {
        Command::new(binary())
            .env_clear()
            .env("PORTAL__SERVER__HOST", "0.0.0.0")
            .env("PORTAL__SERVER__PORT", "0")
            .env("PORTAL__STORE__URL", "sqlite::memory:")
            .arg("serve")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);

    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("server.public_url"), "{stderr}");
    assert!(stderr.contains("PORTAL__SERVER__PUBLIC_URL"), "{stderr}");
}

#[tokio::test]
async fn a_starting_portal_says_what_to_open() {
    let mut command = Command::new(binary());
    command.env_clear();
    let portal = Portal::start(command);
    let join = format!("open {}/join/demo/guest", portal.address());
    let share = format!("{}/rooms/demo", portal.address());
    let log = portal.stop();

    let line = log
        .lines()
        .find(|l| l.contains(&join))
        .unwrap_or_else(|| panic!("{log}"));
    assert!(line.contains(&share), "{line}");
}

#[test]
fn the_portals_binary_is_built_with_one_crypto_provider_and_no_aws_lc() {
    let output = Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "tree",
            "--offline",
            "--locked",
            "-e",
            "normal,build",
            "--prefix",
            "none",
        ])
        .output()
        .unwrap();
    let tree = String::from_utf8_lossy(&output.stdout);

    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(tree.contains("ring v"), "{tree}");
    assert!(
        !tree.contains("aws-lc"),
        "aws-lc builds C and CMake for minutes"
    );
}
