//! Typos are refused before anything is changed or written to the audit log: an unknown role
//! in revoke, rotate, sign and invite, an unknown room in purge; through the API (404
//! problem+json) and the command line (exit 1).

use reqwest::Method;
use serde_json::json;

use crate::cli::{cli, run, stderr};
use crate::helpers::spawn_admin_app;

#[tokio::test]
async fn unknown_rooms_and_roles_are_refused_and_nothing_is_audited() {
    let app = spawn_admin_app().await;
    let calls_before = app.emulator.total_calls();

    let api_calls = [
        (Method::POST, "/api/v1/rooms/demo/roles/nope/revoke", None),
        (Method::POST, "/api/v1/rooms/demo/roles/nope/rotate", None),
        (
            Method::POST,
            "/api/v1/rooms/nowhere/roles/host/revoke",
            None,
        ),
        (
            Method::POST,
            "/api/v1/cache/purge",
            Some(json!({ "room": "nowhere" })),
        ),
        (
            Method::POST,
            "/api/v1/links",
            Some(json!({ "room": "demo", "role": "nope", "expires_in": "1h" })),
        ),
        (
            Method::POST,
            "/api/v1/invites",
            Some(json!({ "room": "demo", "role": "nope", "expires_in": "1d" })),
        ),
    ];
    for (method, path, body) in api_calls {
        let (status, content_type, problem) = app.api(method, path, body).await;
        assert_eq!(status, 404, "{path}: {problem}");
        assert_eq!(content_type, "application/problem+json");
        let detail = problem["detail"].as_str().unwrap();
        assert!(detail.starts_with("no such r"), "{path}: {detail}");
    }
    let commands: [&[&str]; 4] = [
        &["revoke", "demo", "nope"],
        &["purge", "nowhere"],
        &["rotate", "demo", "nope"],
        &["invite", "create", "demo", "nope"],
    ];
    for args in commands {
        let mut command = cli(&app);
        command.args(args);
        let output = run(command).await;
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(stderr(&output).contains("no such r"), "{}", stderr(&output));
    }

    let (_, _, audit) = app.api(Method::GET, "/api/v1/audit", None).await;
    assert_eq!(audit.as_array().unwrap().len(), 0, "{audit}");
    assert_eq!(
        app.emulator.total_calls(),
        calls_before,
        "100ms was not asked"
    );
}

#[tokio::test]
async fn ids_that_start_with_a_hyphen_are_taken_as_ids_not_options() {
    let app = crate::helpers::spawn_app().await;
    // Ids are random URL-safe text: one in 64 starts with '-'.
    let id = format!("-{}", "A".repeat(21));
    for args in [
        vec!["invite", "show", id.as_str()],
        vec!["lobby", "admit", "demo", id.as_str()],
        vec!["event", "cancel", id.as_str()],
    ] {
        let mut command = crate::cli::cli(&app);
        command.args(&args);
        let output = crate::cli::run(command).await;
        assert!(!output.status.success());
        assert!(
            !crate::cli::stderr(&output).contains("unexpected argument"),
            "{args:?}: {}",
            crate::cli::stderr(&output)
        );
    }
}
