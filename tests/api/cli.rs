//! The command line, run as a user would, against a running portal's emulator.

use assert_cmd::Command;
use serde_json::Value;

use prebuilt_portal::emulator::account::RoomChanges;
use prebuilt_portal::settings::SigningKeys;

use crate::helpers::{
    LIVE_COOKIE_KEY, LIVE_SIGNING_KEY, TestApp, eventually, spawn_app, spawn_app_with, text_of,
};

/// The CLI, with settings pointing at `app` (its emulator and its public address).
pub(crate) fn cli(app: &TestApp) -> Command {
    let emulator_port = app.emulator_address.rsplit(':').next().unwrap();
    let mut command = Command::cargo_bin("prebuilt-portal").unwrap();
    command
        .env_clear()
        .env("PORTAL__EMULATOR__PORT", emulator_port)
        .env("PORTAL__STORE__URL", &app.store_url)
        .env("PORTAL__SERVER__PUBLIC_URL", "https://meet.example.com");
    command
}

pub(crate) async fn run(mut command: Command) -> std::process::Output {
    tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap()
}

pub(crate) fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub(crate) fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[tokio::test]
async fn links_prints_a_table_of_every_role_and_json_on_request() {
    let app = spawn_app().await;

    let mut table = cli(&app);
    table.args(["links", "demo"]);
    let table = run(table).await;
    let mut json = cli(&app);
    json.args(["links", "demo", "--json"]);
    let json = run(json).await;

    assert!(table.status.success(), "{}", stderr(&table));
    let text = stdout(&table);
    assert!(text.contains("ROLE"), "{text}");
    for role in ["guest", "viewer"] {
        let code = &app.codes_of("demo", role)[0];
        assert!(text.contains(code), "{text}");
    }
    for role in ["host", "guest", "viewer"] {
        assert!(text.contains(&format!("https://meet.example.com/join/demo/{role}")));
    }
    let host_row = text.lines().find(|l| l.starts_with("host")).unwrap();
    assert!(host_row.contains("(token)"), "{text}");
    assert!(json.status.success());
    let parsed: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(parsed["links"].as_array().unwrap().len(), 3);
    assert_eq!(
        parsed["links"][1]["code"],
        app.codes_of("demo", "guest")[0].as_str()
    );
}

#[tokio::test]
async fn links_show_the_codes_of_token_roles_only_when_asked() {
    let app = spawn_app().await;

    let mut plain = cli(&app);
    plain.args(["links", "demo", "--json"]);
    let plain = run(plain).await;
    let mut all = cli(&app);
    all.args(["links", "demo", "--json", "--codes"]);
    let all = run(all).await;

    let plain: Value = serde_json::from_str(&stdout(&plain)).unwrap();
    let all: Value = serde_json::from_str(&stdout(&all)).unwrap();
    assert_eq!(plain["links"][0]["role"], "host");
    assert_eq!(plain["links"][0]["join_with"], "token");
    assert_eq!(plain["links"][0]["code"], Value::Null);
    assert_eq!(
        all["links"][0]["code"],
        app.codes_of("demo", "host")[0].as_str()
    );
}

#[tokio::test]
async fn create_room_makes_the_room_and_the_running_portal_serves_it_within_a_second() {
    let app = spawn_app().await;
    assert_eq!(
        app.page("/join/standup/guest").await.0,
        404,
        "rooms.unknown = deny"
    );

    let mut command = cli(&app);
    command.args([
        "create-room",
        "standup",
        "--description",
        "Daily",
        "--title",
        "Daily stand-up",
        "--listed",
        "--json",
    ]);
    let output = run(command).await;

    assert!(output.status.success(), "{}", stderr(&output));
    let parsed: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let room = app
        .emulator
        .account()
        .room_by_name("standup")
        .unwrap()
        .clone();
    assert_eq!(parsed["room_id"], room.id.as_str());
    assert_eq!(room.description, "Daily");
    let started = std::time::Instant::now();
    let html = eventually(|| async {
        let (status, html) = app.page("/join/standup/guest").await;
        (status == 200).then_some(html)
    })
    .await;
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert_eq!(text_of(&html, "h1").as_deref(), Some("Daily stand-up"));
    assert!(app.page("/").await.1.contains("Daily stand-up"), "listed");
}

#[tokio::test]
async fn links_says_when_pages_will_not_serve_a_room() {
    let app = spawn_app().await;
    let dashboard_room = RoomChanges {
        name: Some("elsewhere".into()),
        ..Default::default()
    };
    app.emulator.account().upsert_room(dashboard_room).unwrap();

    let mut command = cli(&app);
    command.args(["links", "elsewhere"]);
    let output = run(command).await;

    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("rooms.unknown = deny"),
        "{}",
        stderr(&output)
    );
}

#[tokio::test]
async fn invitations_revocations_and_the_audit_log_work_from_the_command_line() {
    let app = spawn_app_with(|s| {
        s.access.signing_keys = SigningKeys::parse("cli-signing-key-0123456789abcdef").unwrap();
    })
    .await;
    let mut sign = cli(&app);
    sign.args(["sign", "demo", "host", "--ttl", "1h"])
        .env(
            "PORTAL__ACCESS__SIGNING_KEYS",
            "cli-signing-key-0123456789abcdef",
        )
        .env("PORTAL__SERVER__PUBLIC_URL", &app.address);
    let signed = stdout(&run(sign).await)
        .trim()
        .replacen(&app.address, "", 1);
    assert_eq!(app.page(&signed).await.0, 200);

    let mut create = cli(&app);
    create
        .args([
            "invite",
            "create",
            "demo",
            "guest",
            "--max-uses",
            "1",
            "--name",
            "Lin",
            "--json",
        ])
        .env("PORTAL__SERVER__PUBLIC_URL", &app.address);
    let created = run(create).await;
    assert!(created.status.success(), "{}", stderr(&created));
    let invitation: Value = serde_json::from_str(&stdout(&created)).unwrap();
    let id = invitation["id"].as_str().unwrap();
    assert_eq!(invitation["url"], format!("{}/i/{id}", app.address));
    let (status, html) = app.page(&format!("/i/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Lin"));

    let mut revoke = cli(&app);
    revoke.args(["revoke", "demo", "host"]);
    let revoked = run(revoke).await;
    assert!(revoked.status.success(), "{}", stderr(&revoked));
    eventually(|| async { (app.page(&signed).await.0 == 410).then_some(()) }).await;

    let mut withdraw = cli(&app);
    withdraw.args(["invite", "revoke", id]);
    let withdrawn = run(withdraw).await;
    assert!(withdrawn.status.success(), "{}", stderr(&withdrawn));
    // The running portal remembers an invitation's page for a second.
    let page = format!("/i/{id}");
    eventually(|| async { (app.page(&page).await.0 == 410).then_some(()) }).await;

    let mut audit = cli(&app);
    audit.arg("audit");
    let log = stdout(&run(audit).await);
    for action in [
        "link.signed",
        "invitation.issued",
        "links.revoked",
        "invitation.revoked",
    ] {
        assert!(
            log.lines()
                .any(|line| line.contains("cli") && line.contains(action)),
            "{action} in:\n{log}"
        );
    }
}

#[tokio::test]
async fn rotate_replaces_the_code_in_100ms() {
    let app = spawn_app().await;
    app.page("/join/demo/viewer").await;
    let old = app.codes_of("demo", "viewer")[0].clone();

    let mut command = cli(&app);
    command.args(["rotate", "demo", "viewer", "--json"]);
    let output = run(command).await;

    assert!(output.status.success(), "{}", stderr(&output));
    let link: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_ne!(link["code"], old.as_str());
    assert_eq!(
        app.codes_of("demo", "viewer"),
        [link["code"].as_str().unwrap()]
    );
}

#[tokio::test]
async fn check_config_accepts_the_defaults_and_names_a_bad_key_in_one_line() {
    let app = spawn_app().await;

    let mut good = cli(&app);
    good.arg("check-config");
    let good = run(good).await;
    let mut bad = cli(&app);
    bad.arg("check-config")
        .env("PORTAL__CACHE__TTL_SECS", "soon");
    let bad = run(bad).await;

    assert!(good.status.success());
    assert!(stdout(&good).contains("settings: ok"));
    assert!(
        stdout(&good).contains("reachable, schema current (SQLite: one replica only"),
        "{}",
        stdout(&good)
    );
    assert!(!bad.status.success());
    let error = stderr(&bad);
    assert_eq!(error.lines().count(), 1, "{error}");
    assert!(error.contains("cache.ttl_secs"), "{error}");
}

#[tokio::test]
async fn check_config_says_when_the_accent_colour_had_to_be_adjusted() {
    let app = spawn_app().await;

    let mut readable = cli(&app);
    readable.arg("check-config");
    let readable = run(readable).await;
    let mut pale = cli(&app);
    pale.arg("check-config")
        .env("PORTAL__UI__ACCENT_COLOR", "#ffcc00");
    let pale = run(pale).await;

    let branding = |output: &std::process::Output| {
        let text = stdout(output);
        text.lines()
            .find(|l| l.starts_with("branding:"))
            .unwrap_or_else(|| panic!("no branding line in {text}"))
            .to_owned()
    };
    assert!(branding(&readable).contains("light scheme as given"));
    assert!(stderr(&readable).is_empty(), "{}", stderr(&readable));
    assert!(
        branding(&pale).contains("light scheme links #"),
        "{}",
        branding(&pale)
    );
    assert!(stderr(&pale).contains("hard to read"));
}

#[tokio::test]
async fn check_config_in_live_mode_proves_the_credentials_with_one_call() {
    let app = spawn_app().await;
    let (access_key, app_secret) = app.emulator.credentials();
    let live = |secret: &str| {
        let mut command = cli(&app);
        command
            .arg("check-config")
            .env("PORTAL__EMULATOR__ENABLED", "false")
            .env(
                "PORTAL__HMS__API_BASE",
                format!("{}/v2", app.emulator_address),
            )
            .env("PORTAL__HMS__PREBUILT_BASE", &app.emulator_address)
            .env("PORTAL__HMS__ACCESS_KEY", access_key)
            .env("PORTAL__HMS__APP_SECRET", secret)
            .env("PORTAL__ACCESS__SIGNING_KEYS", LIVE_SIGNING_KEY)
            .env("PORTAL__SECURITY__COOKIE_KEYS", LIVE_COOKIE_KEY);
        command
    };

    let accepted = run(live(app_secret)).await;
    let refused = run(live("a-wrong-secret-of-some-length")).await;

    assert!(accepted.status.success(), "{}", stderr(&accepted));
    assert!(stdout(&accepted).contains("accepted the management token"));
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("401"), "{}", stderr(&refused));
    assert!(
        !stderr(&refused).contains("a-wrong-secret"),
        "the secret is never printed"
    );
}

#[tokio::test]
async fn a_command_fails_with_one_line_when_100ms_is_unreachable() {
    let unused = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = unused.local_addr().unwrap().port().to_string();
    drop(unused);
    let mut command = Command::cargo_bin("prebuilt-portal").unwrap();
    command
        .env_clear()
        .env("PORTAL__STORE__URL", "sqlite::memory:")
        .env("PORTAL__EMULATOR__PORT", port)
        .args(["links", "demo"]);

    let output = run(command).await;

    assert_eq!(output.status.code(), Some(1));
    let error = stderr(&output);
    assert_eq!(error.lines().count(), 1, "{error}");
    assert!(
        error.contains("is `prebuilt-portal serve` running?"),
        "{error}"
    );
}

#[tokio::test]
async fn rooms_are_listed_shown_changed_and_removed_from_the_command_line() {
    let app = spawn_app().await;
    let mut create = cli(&app);
    create.args([
        "create-room",
        "retro",
        "--title",
        "Team retro",
        "--access",
        "guest=public",
    ]);
    let created = run(create).await;
    assert!(created.status.success(), "{}", stderr(&created));

    let mut list = cli(&app);
    list.args(["rooms", "list"]);
    let list = run(list).await;
    assert!(list.status.success(), "{}", stderr(&list));
    let text = stdout(&list);
    assert!(
        text.lines()
            .any(|l| l.starts_with("demo") && l.contains("configured")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("retro") && l.contains("Team retro")),
        "{text}"
    );

    let copied = app.codes_of("retro", "guest");
    let mut update = cli(&app);
    update.args([
        "rooms",
        "update",
        "retro",
        "--title",
        "Retro",
        "--access",
        "guest=signed",
        "--json",
    ]);
    let update = run(update).await;
    assert!(update.status.success(), "{}", stderr(&update));
    let changed: Value = serde_json::from_str(&stdout(&update)).unwrap();
    assert_eq!(changed["title"], "Retro");
    assert_eq!(changed["policies"]["guest"], "signed");
    assert!(
        stderr(&update).contains("codes of guest rotated"),
        "{}",
        stderr(&update)
    );
    assert!(!copied.is_empty() && !app.codes_of("retro", "guest").contains(&copied[0]));
    eventually(|| async { (app.page("/join/retro/guest").await.0 == 403).then_some(()) }).await;

    let mut show = cli(&app);
    show.args(["rooms", "show", "demo"]);
    let show = run(show).await;
    assert!(
        stdout(&show).contains("source:    configured"),
        "{}",
        stdout(&show)
    );
    let mut refused = cli(&app);
    refused.args(["rooms", "delete", "demo"]);
    let refused = run(refused).await;
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("[rooms.aliases.demo]"),
        "{}",
        stderr(&refused)
    );

    let mut delete = cli(&app);
    delete.args(["rooms", "delete", "retro"]);
    let delete = run(delete).await;
    assert!(delete.status.success(), "{}", stderr(&delete));
    assert!(
        stdout(&delete).contains("retro removed"),
        "{}",
        stdout(&delete)
    );
    eventually(|| async { (app.page("/join/retro/guest").await.0 == 404).then_some(()) }).await;
}
