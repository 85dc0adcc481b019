use std::time::Duration;

use secrecy::ExposeSecret;

use super::*;
use crate::domain::{RoleName, RoomName};

fn names(roles: &[RoleName]) -> Vec<&str> {
    roles.iter().map(RoleName::as_str).collect()
}

pub(super) fn env(pairs: &[(&str, &str)]) -> Env {
    Env::Fixed(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

#[test]
fn defaults_run_the_emulator_with_a_demo_room() {
    let settings = Settings::defaults().unwrap();
    assert!(settings.emulator.enabled);
    assert_eq!(settings.server.host, "127.0.0.1");
    assert_eq!(settings.server.port, 8080);
    assert_eq!(settings.emulator.port, 8081);
    assert_eq!(settings.rooms.unknown, UnknownRooms::Deny);
    assert_eq!(names(&settings.emulator.roles), ["host", "guest", "viewer"]);
    assert!(
        settings
            .rooms
            .aliases
            .contains_key(&RoomName::parse("demo").unwrap())
    );
}

#[test]
fn environment_variables_override_defaults() {
    let settings = Settings::load(
        None,
        env(&[
            ("PORTAL__SERVER__PORT", "9000"),
            ("PORTAL__ROOMS__UNKNOWN", "lookup"),
            ("PORTAL__EMULATOR__ROLES", "teacher,student"),
        ]),
    )
    .unwrap();
    assert_eq!(settings.server.port, 9000);
    assert_eq!(settings.rooms.unknown, UnknownRooms::Lookup);
    assert_eq!(names(&settings.emulator.roles), ["teacher", "student"]);
}

#[test]
fn live_mode_names_the_first_missing_key() {
    let error = Settings::load(None, env(&[("PORTAL__EMULATOR__ENABLED", "false")])).unwrap_err();
    assert_eq!(error.key, "hms.access_key");
    let error = Settings::load(
        None,
        env(&[
            ("PORTAL__EMULATOR__ENABLED", "false"),
            ("PORTAL__HMS__ACCESS_KEY", "k"),
            ("PORTAL__HMS__APP_SECRET", "s"),
        ]),
    )
    .unwrap_err();
    assert_eq!(error.key, "hms.prebuilt_base");
}

#[test]
fn a_bad_value_names_its_key() {
    let error = Settings::load(None, env(&[("PORTAL__SERVER__PORT", "eighty")])).unwrap_err();
    assert_eq!(error.key, "server.port");
    let error = Settings::load(None, env(&[("PORTAL__ROOMS__UNKNOWN", "maybe")])).unwrap_err();
    assert!(error.to_string().contains("rooms.unknown"), "{error}");
}

#[test]
fn a_misspelt_key_is_an_error() {
    let error = Settings::load(None, env(&[("PORTAL__SERVER__PROT", "1")])).unwrap_err();
    assert!(error.to_string().contains("prot"), "{error}");
}

#[test]
fn the_production_example_is_a_valid_live_configuration() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/production.example.toml");
    let secrets = [
        ("PORTAL__HMS__APP_SECRET", "s"),
        (
            "PORTAL__SECURITY__COOKIE_KEYS",
            "a-cookie-key-of-at-least-32-characters",
        ),
        (
            "PORTAL__ACCESS__SIGNING_KEYS",
            "a-signing-key-of-at-least-32-characters",
        ),
    ];
    let settings = Settings::load(Some(&path), env(&secrets)).unwrap();
    assert!(!settings.emulator.enabled);
    assert_eq!(settings.server.host, "0.0.0.0");
    let without_cookie_keys = Settings::load(Some(&path), env(&secrets[..1])).unwrap_err();
    assert_eq!(without_cookie_keys.key, "security.cookie_keys");
    assert!(
        without_cookie_keys
            .problem
            .contains("PORTAL__SECURITY__COOKIE_KEYS"),
        "{without_cookie_keys}"
    );
    let unsigned = Settings::load(Some(&path), env(&secrets[..2])).unwrap_err();
    assert_eq!(unsigned.key, "access.signing_keys");
    assert!(
        unsigned
            .problem
            .contains("the host role of room all-hands is signed")
            && unsigned.problem.contains("PORTAL__ACCESS__SIGNING_KEYS"),
        "{unsigned}"
    );
}

#[test]
fn secrets_in_a_settings_file_are_refused() {
    let path = std::env::temp_dir().join(format!("portal-secret-{}.toml", std::process::id()));
    std::fs::write(&path, "[admin]\ntoken = \"in-a-file\"\n").unwrap();
    let error = Settings::load(Some(&path), env(&[])).unwrap_err();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(error.key, "admin.token");
    assert!(error.problem.contains("PORTAL__ADMIN__TOKEN"), "{error}");
}

#[test]
fn numeric_looking_secrets_keep_every_character() {
    let settings = Settings::load(None, env(&[("PORTAL__ADMIN__TOKEN", "000123")])).unwrap();
    assert_eq!(
        settings.admin.token.as_ref().unwrap().expose_secret(),
        "000123"
    );
}

#[test]
fn short_signing_keys_and_bad_patterns_are_refused() {
    let short =
        Settings::load(None, env(&[("PORTAL__ACCESS__SIGNING_KEYS", "short")])).unwrap_err();
    assert_eq!(short.key, "access.signing_keys");
    let pattern =
        Settings::load(None, env(&[("PORTAL__ROOMS__CREATE_PATTERN", "team-(")])).unwrap_err();
    assert_eq!(pattern.key, "rooms.create_pattern");
    let ancestors = Settings::load(
        None,
        env(&[("PORTAL__SECURITY__FRAME_ANCESTORS", "'self'; script-src *")]),
    )
    .unwrap_err();
    assert_eq!(ancestors.key, "security.frame_ancestors");
}

#[test]
fn branding_is_validated() {
    let colour = Settings::load(None, env(&[("PORTAL__UI__ACCENT_COLOR", "red")])).unwrap_err();
    assert_eq!(colour.key, "ui.accent_color");
    let logo = Settings::load(
        None,
        env(&[("PORTAL__UI__LOGO_URL", "javascript:alert(1)")]),
    )
    .unwrap_err();
    assert_eq!(logo.key, "ui.logo_url");
    let title = Settings::load(None, env(&[("PORTAL__UI__TITLE", " ")])).unwrap_err();
    assert_eq!(title.key, "ui.title");
}

#[test]
fn the_app_secret_is_redacted_in_debug_output() {
    let settings = Settings::load(
        None,
        env(&[
            ("PORTAL__HMS__ACCESS_KEY", "key"),
            ("PORTAL__HMS__APP_SECRET", "very-secret-value"),
        ]),
    )
    .unwrap();
    assert!(!format!("{settings:?}").contains("very-secret-value"));
}

#[test]
fn durations_take_the_keys_unit_or_a_humantime_string() {
    let settings = Settings::load(
        None,
        env(&[
            ("PORTAL__CACHE__TTL_SECS", "90"),
            ("PORTAL__HMS__DEADLINE_MS", "2s"),
            ("PORTAL__ACCESS__MAX_LINK_TTL_SECS", "7d"),
        ]),
    )
    .unwrap();
    assert_eq!(settings.cache.ttl, Duration::from_secs(90));
    assert_eq!(settings.hms.deadline, Duration::from_millis(2000));
    assert_eq!(settings.access.max_link_ttl, Duration::from_secs(7 * 86400));
    assert_eq!(settings.hms.timeout, Duration::from_millis(3000));
    let error = Settings::load(None, env(&[("PORTAL__CACHE__TTL_SECS", "soon")])).unwrap_err();
    assert_eq!(error.key, "cache.ttl_secs");
}

#[test]
fn names_and_urls_are_parsed_once_with_the_key_named_on_error() {
    let error =
        Settings::load(None, env(&[("PORTAL__EMULATOR__ROLES", "host,bad role")])).unwrap_err();
    assert_eq!(error.key, "emulator.roles");
    let error =
        Settings::load(None, env(&[("PORTAL__SERVER__PUBLIC_URL", "not a url")])).unwrap_err();
    assert_eq!(error.key, "server.public_url");
    let settings = Settings::load(
        None,
        env(&[("PORTAL__SERVER__PUBLIC_URL", "https://meet.example.com/x")]),
    )
    .unwrap();
    assert_eq!(
        settings.server.public_url.unwrap().0.as_str(),
        "https://meet.example.com/x"
    );
}

#[test]
fn the_emulator_keeps_to_loopback_unless_allowed() {
    let remote = Settings::load(None, env(&[("PORTAL__EMULATOR__HOST", "0.0.0.0")])).unwrap_err();
    assert_eq!(remote.key, "emulator.host");
    for host in ["127.0.0.1", "::1", "localhost"] {
        Settings::load(None, env(&[("PORTAL__EMULATOR__HOST", host)])).unwrap();
    }
    Settings::load(
        None,
        env(&[
            ("PORTAL__EMULATOR__HOST", "0.0.0.0"),
            ("PORTAL__EMULATOR__ALLOW_REMOTE", "true"),
        ]),
    )
    .unwrap();
}

#[test]
fn emulator_credentials_are_a_pair_or_nothing() {
    let half = Settings::load(None, env(&[("PORTAL__HMS__APP_SECRET", "s3cret")])).unwrap_err();
    assert_eq!(half.key, "hms.access_key");
    Settings::load(
        None,
        env(&[
            ("PORTAL__HMS__ACCESS_KEY", "k"),
            ("PORTAL__HMS__APP_SECRET", "s3cret"),
        ]),
    )
    .unwrap();
}

#[test]
fn token_links_and_lifetimes_are_parsed() {
    let settings = Settings::defaults().unwrap();
    assert_eq!(settings.access.token_ttl, Duration::from_secs(3600));
    let error = Settings::load(
        None,
        env(&[(
            "PORTAL__HMS__TOKEN_LINK",
            "{prebuilt_base}/preview/{room_id}/{role}",
        )]),
    )
    .unwrap_err();
    assert_eq!(error.key, "hms.token_link");
}

#[test]
fn durations_beyond_a_sane_maximum_are_refused_at_startup() {
    for (key, value) in [
        ("PORTAL__ACCESS__MAX_LINK_TTL_SECS", "300000000000"),
        ("PORTAL__CACHE__TTL_SECS", "400d"),
        ("PORTAL__HMS__DEADLINE_MS", "1h"),
    ] {
        let error = Settings::load(None, env(&[(key, value)])).unwrap_err();
        let expected = key
            .trim_start_matches("PORTAL__")
            .replace("__", ".")
            .to_lowercase();
        assert_eq!(error.key, expected, "{error}");
    }
}

#[test]
fn an_sso_role_without_a_provider_names_the_missing_key() {
    let mut env = std::collections::HashMap::new();
    env.insert("PORTAL__ACCESS__ROLES__HOST".to_owned(), "sso".to_owned());
    let error = Settings::load(None, Env::Fixed(env)).unwrap_err();
    assert_eq!(error.key, "access.oidc.issuer");
    let mut env = std::collections::HashMap::new();
    env.insert("PORTAL__ACCESS__ROLES__HOST".to_owned(), "sso".to_owned());
    env.insert(
        "PORTAL__ACCESS__OIDC__ISSUER".to_owned(),
        "https://id.example.com".to_owned(),
    );
    let error = Settings::load(None, Env::Fixed(env)).unwrap_err();
    assert_eq!(error.key, "access.oidc.client_id");
}

#[test]
fn the_client_secret_is_refused_in_a_file() {
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("portal.toml");
    std::fs::write(&file, "[access.oidc]\nclient_secret = \"in-a-file\"\n").unwrap();
    let error = Settings::load(Some(&file), Env::Fixed(Default::default())).unwrap_err();
    assert_eq!(error.key, "access.oidc.client_secret");
}

#[test]
fn a_store_url_with_a_password_is_refused_in_a_file_but_not_without_one() {
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("portal.toml");
    std::fs::write(
        &file,
        "[store]\nurl = \"postgres://portal:hunter2@db/portal\"\n",
    )
    .unwrap();
    let error = Settings::load(Some(&file), Env::Fixed(Default::default())).unwrap_err();
    assert_eq!(error.key, "store.url");
    assert!(!error.to_string().contains("hunter2"));
    std::fs::write(&file, "[store]\nurl = \"postgres://portal@db/portal\"\n").unwrap();
    let settings = Settings::load(Some(&file), Env::Fixed(Default::default())).unwrap();
    assert!(!format!("{:?}", settings.store.url).contains("hunter2"));
}

#[test]
fn a_store_password_never_shows_in_debug_output() {
    let mut env = std::collections::HashMap::new();
    env.insert(
        "PORTAL__STORE__URL".to_owned(),
        "postgres://portal:hunter2@db/portal".to_owned(),
    );
    let settings = Settings::load(None, Env::Fixed(env)).unwrap();
    let printed = format!("{settings:?}");
    assert!(!printed.contains("hunter2"), "{printed}");
    assert!(
        printed.contains("postgres://portal:***@db/portal"),
        "{printed}"
    );
}

#[test]
fn the_breaker_keys_moved_to_hms_and_the_old_ones_still_work_with_a_deprecation() {
    let moved = Settings::load(None, env(&[("PORTAL__HMS__BREAKER_FAILURES", "7")])).unwrap();
    assert_eq!(moved.hms.breaker_failures, 7);
    assert!(moved.deprecations.is_empty());

    let old = Settings::load(
        None,
        env(&[
            ("PORTAL__CACHE__BREAKER_FAILURES", "3"),
            ("PORTAL__CACHE__BREAKER_COOLDOWN_SECS", "20"),
        ]),
    )
    .unwrap();
    assert_eq!(old.hms.breaker_failures, 3);
    assert_eq!(old.hms.breaker_cooldown, Duration::from_secs(20));
    assert_eq!(old.deprecations.len(), 2);
    assert!(old.deprecations[0].contains("set hms.breaker_failures instead"));
}

#[test]
fn setting_a_moved_key_under_both_names_is_an_error() {
    let error = Settings::load(
        None,
        env(&[
            ("PORTAL__CACHE__BREAKER_FAILURES", "3"),
            ("PORTAL__HMS__BREAKER_FAILURES", "4"),
        ]),
    )
    .unwrap_err();
    assert_eq!(error.key, "cache.breaker_failures");
    assert!(error.problem.contains("hms.breaker_failures"), "{error}");
}

#[test]
fn console_sessions_idle_out_before_they_end_and_console_claims_need_a_provider() {
    let idle_too_long = env(&[
        ("PORTAL__ADMIN__SESSION_IDLE_SECS", "7200"),
        ("PORTAL__ADMIN__SESSION_MAX_SECS", "3600"),
    ]);
    let error = Settings::load(None, idle_too_long).unwrap_err();
    assert_eq!(error.key, "admin.session_idle_secs");
    let claim_without_provider = env(&[
        ("PORTAL__ACCESS__OIDC__ADMIN__CLAIM", "groups"),
        ("PORTAL__ACCESS__OIDC__ADMIN__ANY_OF", "portal-admins"),
    ]);
    let error = Settings::load(None, claim_without_provider).unwrap_err();
    assert_eq!(error.key, "access.oidc.admin");
}
