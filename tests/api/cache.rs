use std::time::Duration;

use prebuilt_portal::emulator::account::RoomChanges;

use crate::helpers::{meeting_iframe, spawn_app, spawn_app_with};

#[tokio::test]
async fn a_second_visit_is_served_from_memory_without_calling_100ms() {
    let app = spawn_app().await;
    let (_, first) = app.page("/join/demo/guest").await;
    let calls_after_first = app.emulator.total_calls();

    let (status, second) = app.page("/join/demo/guest").await;

    assert_eq!(status, 200);
    assert!(calls_after_first > 0);
    assert_eq!(app.emulator.total_calls(), calls_after_first);
    assert_eq!(meeting_iframe(&first).0, meeting_iframe(&second).0);
}

#[tokio::test]
async fn join_and_embed_pages_and_names_share_one_cached_code() {
    let app = spawn_app().await;
    app.page("/join/demo/guest").await;
    let calls = app.emulator.total_calls();

    app.page("/embed/demo/guest?name=Grace").await;
    app.page("/join/Demo/guest?name=Ada").await;

    assert_eq!(app.emulator.total_calls(), calls);
}

#[tokio::test]
async fn twenty_concurrent_first_visits_cause_one_code_listing() {
    let app = spawn_app().await;
    app.emulator.set_latency(Duration::from_millis(150));

    let visits = (0..20).map(|_| app.page("/join/demo/guest"));
    let pages = futures_util::future::join_all(visits).await;

    assert!(pages.iter().all(|(status, _)| *status == 200));
    let first_src = meeting_iframe(&pages[0].1).0;
    assert!(
        pages
            .iter()
            .all(|(_, html)| meeting_iframe(html).0 == first_src)
    );
    assert_eq!(app.emulator.calls("list_room_codes"), 1);
    assert_eq!(app.emulator.calls("create_room_code"), 1);
    assert_eq!(
        app.codes_of("demo", "guest").len(),
        1,
        "one code, not twenty"
    );
}

#[tokio::test]
async fn an_existing_enabled_code_is_used_and_none_is_created() {
    let app = spawn_app().await;
    let existing = {
        let mut store = app.emulator.account();
        let room = store
            .upsert_room(RoomChanges {
                name: Some("demo".into()),
                ..Default::default()
            })
            .unwrap();
        let codes = store.create_codes_for_all_roles(&room.id).unwrap();
        let guest = codes
            .iter()
            .find(|c| c.role == "guest")
            .unwrap()
            .code
            .clone();
        // A disabled code of the same role must be skipped.
        let old = store.create_code_for_role(&room.id, "guest").unwrap();
        store.set_code_enabled(&old.code, false).unwrap();
        guest
    };

    let (status, html) = app.page("/join/demo/guest").await;

    assert_eq!(status, 200);
    assert!(
        meeting_iframe(&html)
            .0
            .ends_with(&format!("/meeting/{existing}"))
    );
    assert_eq!(app.emulator.calls("create_room_code"), 0);
    assert_eq!(app.emulator.calls("create_room"), 0);
}

#[tokio::test]
async fn a_code_creation_that_timed_out_is_followed_by_a_listing_not_a_second_create() {
    let app = spawn_app_with(|s| s.hms.timeout = std::time::Duration::from_millis(400)).await;
    app.emulator
        .set_endpoint_latency("create_room_code", Duration::from_secs(3));

    let (status, html) = app.page("/join/demo/guest").await;

    assert_eq!(status, 200);
    assert_eq!(app.emulator.calls("create_room_code"), 1);
    assert_eq!(app.emulator.calls("list_room_codes"), 2);
    let codes = app.codes_of("demo", "guest");
    assert_eq!(codes.len(), 1);
    assert!(meeting_iframe(&html).0.ends_with(&codes[0]));
}

#[tokio::test]
async fn a_failed_resolution_is_retried_by_the_next_visit() {
    let app = spawn_app().await;
    app.emulator.fail_next(100, 503);
    let (first, _) = app.page("/join/demo/guest").await;
    app.emulator.clear_faults();

    let (second, _) = app.page("/join/demo/guest").await;

    assert_eq!(first, 503);
    assert_eq!(second, 200);
}
