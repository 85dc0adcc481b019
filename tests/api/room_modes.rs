use prebuilt_portal::emulator::account::RoomChanges;
use prebuilt_portal::settings::{RoomAlias, UnknownRooms};

use crate::helpers::{
    ACCESS_KEY, APP_SECRET, demo_alias, meeting_iframe, spawn_app, spawn_app_with, spawn_emulator,
    spawn_live_app,
};

fn add_room(app: &crate::helpers::TestApp, name: &str) -> String {
    let changes = RoomChanges {
        name: Some(name.into()),
        ..Default::default()
    };
    app.emulator.account().upsert_room(changes).unwrap().id
}

#[tokio::test]
async fn deny_mode_serves_only_configured_rooms() {
    let app = spawn_app().await;
    add_room(&app, "standup");

    let (status, _) = app.page("/join/standup/guest").await;

    assert_eq!(status, 404);
    assert_eq!(app.emulator.total_calls(), 0);
}

#[tokio::test]
async fn lookup_mode_serves_an_existing_100ms_room_by_name() {
    let app = spawn_app_with(|s| s.rooms.unknown = UnknownRooms::Lookup).await;
    add_room(&app, "standup");

    let (status, html) = app.page("/join/standup/guest").await;

    assert_eq!(status, 200);
    let code = &app.codes_of("standup", "guest")[0];
    assert!(meeting_iframe(&html).0.ends_with(code));
}

#[tokio::test]
async fn lookup_mode_never_creates_a_missing_room() {
    let app = spawn_app_with(|s| s.rooms.unknown = UnknownRooms::Lookup).await;

    let (status, _) = app.page("/join/standup/guest").await;

    assert_eq!(status, 404);
    assert_eq!(app.emulator.calls("create_room"), 0);
    assert!(app.emulator.account().room_by_name("standup").is_none());
}

#[tokio::test]
async fn create_mode_creates_a_missing_room_from_the_configured_template() {
    let app = spawn_app_with(|s| {
        s.rooms.unknown = UnknownRooms::Create;
        s.rooms.create_pattern = Some("retro-[0-9]+".parse().unwrap());
        s.hms.template_id = Some("65f1c0ffee00000000000001".into());
    })
    .await;

    let (status, html) = app.page("/join/retro-42/guest").await;

    assert_eq!(status, 200);
    assert_eq!(app.emulator.calls("create_room"), 1);
    let template = app
        .emulator
        .account()
        .room_by_name("retro-42")
        .unwrap()
        .template_id
        .clone();
    assert_eq!(template, "65f1c0ffee00000000000001");
    assert!(
        meeting_iframe(&html)
            .0
            .ends_with(&app.codes_of("retro-42", "guest")[0])
    );
}

#[tokio::test]
async fn create_mode_uses_an_existing_room_instead_of_overwriting_it() {
    let app = spawn_app_with(|s| {
        s.rooms.unknown = UnknownRooms::Create;
        s.rooms.create_pattern = Some(".*".parse().unwrap());
    })
    .await;
    add_room(&app, "standup");

    let (status, _) = app.page("/join/standup/viewer").await;

    assert_eq!(status, 200);
    assert_eq!(app.emulator.calls("create_room"), 0);
}

#[tokio::test]
async fn create_mode_creates_only_names_matching_the_pattern() {
    let app = spawn_app_with(|s| {
        s.rooms.unknown = UnknownRooms::Create;
        s.rooms.create_pattern = Some("team-[a-z]+".parse().unwrap());
    })
    .await;
    add_room(&app, "existing");

    let (created, _) = app.page("/join/team-red/guest").await;
    let (refused, _) = app.page("/join/team-red-2/guest").await;
    let (partial, _) = app.page("/join/xteam-red/guest").await;
    let (looked_up, _) = app.page("/join/existing/guest").await;

    assert_eq!(created, 200);
    assert_eq!(refused, 404, "the whole name must match");
    assert_eq!(partial, 404);
    assert_eq!(looked_up, 200, "existing rooms are still found");
    assert_eq!(app.emulator.calls("create_room"), 1);
}

#[tokio::test]
async fn create_mode_without_a_pattern_creates_nothing() {
    let app = spawn_app_with(|s| s.rooms.unknown = UnknownRooms::Create).await;

    let (status, _) = app.page("/join/anything/guest").await;

    assert_eq!(status, 404);
    assert_eq!(app.emulator.calls("create_room"), 0);
}

#[tokio::test]
async fn a_configured_alias_maps_to_its_100ms_room_name_and_title() {
    let app = spawn_app_with(|s| {
        s.rooms.aliases.insert(
            "town-hall".parse().unwrap(),
            RoomAlias {
                title: Some("Town hall <Q3>".into()),
                name: Some("th-2026-q3".parse().unwrap()),
                ..RoomAlias::default()
            },
        );
    })
    .await;
    add_room(&app, "th-2026-q3");

    let (status, html) = app.page("/join/town-hall/viewer").await;

    assert_eq!(status, 200);
    assert!(
        html.contains("Town hall &#60;Q3&#62;"),
        "the title is escaped"
    );
    assert!(
        meeting_iframe(&html)
            .0
            .ends_with(&app.codes_of("th-2026-q3", "viewer")[0])
    );
}

#[tokio::test]
async fn a_configured_room_id_is_used_without_a_name_lookup() {
    let (emulator, address) = spawn_emulator(ACCESS_KEY, APP_SECRET).await;
    let changes = RoomChanges {
        name: Some("quarterly-review-7".into()),
        ..Default::default()
    };
    let id = emulator.account().upsert_room(changes).unwrap().id;
    let app = spawn_live_app(&address, &emulator, APP_SECRET, |s| {
        demo_alias(s).room_id = Some(id.clone());
    })
    .await;

    let (status, html) = app.page("/join/demo/guest").await;

    assert_eq!(status, 200);
    assert_eq!(emulator.calls("list_rooms"), 0, "no lookup by name");
    assert!(
        meeting_iframe(&html)
            .0
            .ends_with(&app.codes_of("quarterly-review-7", "guest")[0])
    );
}

#[tokio::test]
async fn a_disabled_alias_is_not_served() {
    let app = spawn_app_with(|s| demo_alias(s).enabled = false).await;

    let (status, _) = app.page("/join/demo/guest").await;

    assert_eq!(status, 404);
}
