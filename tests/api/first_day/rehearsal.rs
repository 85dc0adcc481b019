//! The README's "rehearse live mode" steps pass: `prebuilt-portal emulator` prints what a portal
//! in live mode needs, and `doctor` and `check-config` with exactly that find nothing wrong. In
//! emulator mode with no portal running, `doctor` says that, not "could not connect to 100ms".

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::process::binary;

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

async fn run(args: &[&str], env: Vec<(String, String)>) -> (bool, String) {
    let mut command = Command::new(binary());
    command.env_clear().envs(env).args(args);
    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

#[tokio::test]
async fn the_rehearsal_of_live_mode_passes_doctor_and_check_config() {
    let mut emulator = Command::new(binary())
        .env_clear()
        .env("PORTAL__EMULATOR__PORT", free_port().to_string())
        .arg("emulator")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = emulator.stdout.take().unwrap();
    let printed = tokio::task::spawn_blocking(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .take_while(|line| !line.starts_with("control endpoints"))
            .collect::<Vec<String>>()
    })
    .await
    .unwrap();
    let mut env: Vec<(String, String)> = printed
        .iter()
        .filter_map(|line| line.trim().split_once('='))
        .filter(|(key, _)| key.starts_with("PORTAL__"))
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .collect();
    env.push(("PORTAL__STORE__URL".into(), "sqlite::memory:".into()));

    let (doctor_ok, doctor) = run(&["doctor"], env.clone()).await;
    let (check_ok, check) = run(&["check-config"], env).await;
    let _ = emulator.kill();
    let _ = emulator.wait();

    assert!(
        printed
            .iter()
            .any(|l| l.contains("PORTAL__SECURITY__COOKIE_KEYS=")),
        "{printed:?}"
    );
    assert!(doctor_ok, "{doctor}");
    assert!(!doctor.contains("problem"), "{doctor}");
    assert!(doctor.contains("on this machine"), "{doctor}");
    assert!(check_ok, "{check}");
    assert!(check.contains("accepted the management token"), "{check}");
}

#[tokio::test]
async fn doctor_in_emulator_mode_says_when_no_portal_runs_its_emulator() {
    let env = vec![
        ("PORTAL__EMULATOR__PORT".to_owned(), free_port().to_string()),
        (
            "PORTAL__STORE__URL".to_owned(),
            "sqlite::memory:".to_owned(),
        ),
    ];
    let (ok, text) = run(&["doctor"], env).await;

    assert!(!ok);
    assert!(text.contains("no portal is running"), "{text}");
    assert!(text.contains("cargo run"), "{text}");
    assert!(!text.contains("could not connect to 100ms"), "{text}");
}
