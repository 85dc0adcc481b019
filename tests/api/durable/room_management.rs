//! Rooms managed through the admin API, with both stores: listed, searched and paged from the
//! portal's own state; changed and removed, with every door the change closes closed in 100ms
//! too; configured rooms read-only; a re-create answers the room as it is.

use reqwest::Method;
use serde_json::{Value, json};

use super::{Backing, World, create_room, on_both_stores};
use crate::helpers::{TestApp, eventually, text_of};

on_both_stores!(
    rooms_are_listed_searched_and_paged_from_the_portals_own_state,
    a_changed_room_serves_its_new_title_index_entry_and_framing_sites,
    making_a_public_role_stricter_disables_the_code_copied_while_it_was_public,
    a_removed_room_is_forgotten_by_every_replica_and_its_codes_stop_working,
    configured_rooms_refuse_changes_and_removal_with_the_reason,
    creating_a_room_that_exists_answers_it_unchanged_with_one_adopted_audit_line,
    a_closed_room_stays_closed_where_other_rooms_are_looked_up_in_100ms,
);

async fn list(app: &TestApp, query: &str) -> Value {
    let (status, _, page) = app
        .api(Method::GET, &format!("/api/v1/rooms{query}"), None)
        .await;
    assert_eq!(status, 200, "{page}");
    page
}

fn names(page: &Value) -> Vec<&str> {
    page["rooms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|room| room["name"].as_str().unwrap())
        .collect()
}

async fn rooms_are_listed_searched_and_paged_from_the_portals_own_state(world: World, _: Backing) {
    let app = world.portal().await;
    for (name, title) in [
        ("maths-101", "Algebra for beginners"),
        ("maths-102", "Geometry"),
        ("physics-1", "Mechanics"),
    ] {
        create_room(&app, json!({ "name": name, "title": title })).await;
    }

    let all = list(&app, "").await;
    assert_eq!(
        all["total"], 4,
        "the configured demo room and three made here: {all}"
    );
    assert_eq!(names(&all), ["demo", "maths-101", "maths-102", "physics-1"]);
    assert_eq!(all["rooms"][0]["source"], "configured");
    assert_eq!(all["rooms"][1]["source"], "created");
    assert_eq!(all["rooms"][1]["enabled"], true);
    assert!(all["rooms"][1]["room_id"].is_string());

    let by_title = list(&app, "?q=GEOMETRY").await;
    assert_eq!(names(&by_title), ["maths-102"], "titles match in any case");
    let by_name = list(&app, "?q=maths").await;
    assert_eq!(by_name["total"], 2);

    let first = list(&app, "?limit=2").await;
    assert_eq!(names(&first), ["demo", "maths-101"]);
    let second = list(&app, "?limit=2&offset=2").await;
    assert_eq!(names(&second), ["maths-102", "physics-1"]);
    assert_eq!(second["total"], 4);

    let (status, _, one) = app.api(Method::GET, "/api/v1/rooms/physics-1", None).await;
    assert_eq!(status, 200);
    assert_eq!(one["title"], "Mechanics");
    let (status, _, _) = app.api(Method::GET, "/api/v1/rooms/chemistry", None).await;
    assert_eq!(status, 404);
}

async fn a_changed_room_serves_its_new_title_index_entry_and_framing_sites(
    world: World,
    _: Backing,
) {
    let app = world.portal().await;
    create_room(
        &app,
        json!({ "name": "standup", "access": { "guest": "public" } }),
    )
    .await;
    let patch = json!({
        "title": "Daily stand-up",
        "listed": true,
        "frame_ancestors": ["https://intranet.example.com"]
    });
    let (status, _, changed) = app
        .api(Method::PATCH, "/api/v1/rooms/standup", Some(patch))
        .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["room"]["title"], "Daily stand-up");

    let page = app.get("/join/standup/guest").await;
    let policy = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        policy.contains("frame-ancestors https://intranet.example.com"),
        "{policy}"
    );
    let html = page.text().await.unwrap();
    assert_eq!(text_of(&html, "h1").as_deref(), Some("Daily stand-up"));
    assert!(
        app.page("/").await.1.contains("Daily stand-up"),
        "listed now"
    );

    let (status, _, closed) = app
        .api(
            Method::PATCH,
            "/api/v1/rooms/standup",
            Some(json!({ "enabled": false })),
        )
        .await;
    assert_eq!(status, 200, "{closed}");
    assert_eq!(
        app.page("/join/standup/guest").await.0,
        404,
        "a closed room is not served"
    );
    assert!(
        !app.page("/").await.1.contains("Daily stand-up"),
        "nor listed"
    );
    assert!(
        app.codes_of("standup", "guest").is_empty(),
        "closing disabled its codes"
    );
    app.api(
        Method::PATCH,
        "/api/v1/rooms/standup",
        Some(json!({ "enabled": true })),
    )
    .await;
    assert_eq!(
        app.page("/join/standup/guest").await.0,
        200,
        "open again, with a new code"
    );

    let (status, _, refused) = app
        .api(
            Method::PATCH,
            "/api/v1/rooms/standup",
            Some(json!({ "title": " " })),
        )
        .await;
    assert_eq!(status, 400, "{refused}");
    let (status, _, refused) = app
        .api(
            Method::PATCH,
            "/api/v1/rooms/standup",
            Some(json!({ "frame_ancestors": ["https://a.example; script-src *"] })),
        )
        .await;
    assert_eq!(status, 400, "{refused}");
}

async fn making_a_public_role_stricter_disables_the_code_copied_while_it_was_public(
    world: World,
    _: Backing,
) {
    let app = world.portal().await;
    create_room(
        &app,
        json!({ "name": "clinic", "access": { "guest": "public", "viewer": "public" } }),
    )
    .await;
    assert_eq!(app.page("/join/clinic/guest").await.0, 200);
    let copied = app.codes_of("clinic", "guest");
    assert_eq!(
        copied.len(),
        1,
        "the public role's code, as a visitor's page carried it"
    );
    assert_eq!(app.page("/join/clinic/viewer").await.0, 200);

    let patch = json!({ "policies": { "guest": "signed", "viewer": "off" } });
    let (status, _, changed) = app
        .api(Method::PATCH, "/api/v1/rooms/clinic", Some(patch))
        .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(
        changed["codes_disabled"],
        json!([{ "role": "guest", "rotated": true }, { "role": "viewer", "rotated": false }])
    );
    let now = app.codes_of("clinic", "guest");
    assert!(
        !now.contains(&copied[0]),
        "the copied code no longer opens the meeting"
    );
    assert!(
        app.codes_of("clinic", "viewer").is_empty(),
        "an off role keeps no code"
    );
    assert_eq!(
        app.page("/join/clinic/guest").await.0,
        403,
        "it needs a signed link now"
    );

    let (status, _, audit) = app.api(Method::GET, "/api/v1/audit?limit=1", None).await;
    assert_eq!(status, 200);
    assert_eq!(audit[0]["action"], "room.updated");
    assert_eq!(audit[0]["actor"], "admin-api");
    assert!(
        audit[0]["detail"]
            .as_str()
            .unwrap()
            .contains("guest=signed"),
        "{audit}"
    );
}

async fn a_removed_room_is_forgotten_by_every_replica_and_its_codes_stop_working(
    world: World,
    _: Backing,
) {
    let a = world.portal().await;
    let b = world.portal().await;
    create_room(
        &a,
        json!({ "name": "retro", "access": { "guest": "public" } }),
    )
    .await;
    assert_eq!(a.page("/join/retro/guest").await.0, 200);
    eventually(|| async { (b.page("/join/retro/guest").await.0 == 200).then_some(()) }).await;
    let code = a.codes_of("retro", "guest");
    assert!(!code.is_empty());

    let (status, _, removed) = a.api(Method::DELETE, "/api/v1/rooms/retro", None).await;
    assert_eq!(status, 200, "{removed}");
    assert_eq!(removed["disabled_in_100ms"], false);
    assert!(removed["codes_disabled"].as_u64().unwrap() >= 1);
    assert!(
        a.codes_of("retro", "guest").is_empty(),
        "no code of it opens 100ms"
    );
    assert!(
        world
            .emulator
            .account()
            .room_by_name("retro")
            .unwrap()
            .enabled,
        "100ms keeps the room unless asked"
    );
    assert_eq!(a.page("/join/retro/guest").await.0, 404);
    eventually(|| async { (b.page("/join/retro/guest").await.0 == 404).then_some(()) }).await;
    assert_eq!(a.api(Method::GET, "/api/v1/rooms/retro", None).await.0, 404);
    assert_eq!(
        a.api(Method::DELETE, "/api/v1/rooms/retro", None).await.0,
        404
    );

    create_room(&a, json!({ "name": "offsite" })).await;
    let (status, _, removed) = a
        .api(
            Method::DELETE,
            "/api/v1/rooms/offsite?disable_in_100ms=true",
            None,
        )
        .await;
    assert_eq!(status, 200, "{removed}");
    assert!(
        !world
            .emulator
            .account()
            .room_by_name("offsite")
            .unwrap()
            .enabled
    );
}

async fn configured_rooms_refuse_changes_and_removal_with_the_reason(world: World, _: Backing) {
    let app = world.portal().await;
    let (status, content_type, problem) = app
        .api(
            Method::PATCH,
            "/api/v1/rooms/demo",
            Some(json!({ "title": "Mine" })),
        )
        .await;
    assert_eq!(status, 409);
    assert_eq!(content_type, "application/problem+json");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("[rooms.aliases.demo]"),
        "{problem}"
    );
    assert_eq!(
        app.api(Method::DELETE, "/api/v1/rooms/demo", None).await.0,
        409
    );
    assert_eq!(
        app.page("/join/demo/guest").await.0,
        200,
        "and it is still served"
    );
    let (status, _, demo) = app.api(Method::GET, "/api/v1/rooms/demo", None).await;
    assert_eq!(status, 200);
    assert_eq!(demo["source"], "configured");
    assert_eq!(demo["policies"]["host"], "signed");
}

async fn creating_a_room_that_exists_answers_it_unchanged_with_one_adopted_audit_line(
    world: World,
    _: Backing,
) {
    let app = world.portal().await;
    create_room(&app, json!({ "name": "town-hall", "title": "Town hall" })).await;
    let again = create_room(&app, json!({ "name": "town-hall", "title": "Other" })).await;
    assert_eq!(
        again["title"], "Town hall",
        "answered as it is, not changed"
    );

    let (_, _, audit) = app.api(Method::GET, "/api/v1/audit?limit=10", None).await;
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|line| line["subject"] == "town-hall")
        .map(|line| line["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["room.adopted", "room.created"]);
}

async fn a_closed_room_stays_closed_where_other_rooms_are_looked_up_in_100ms(
    world: World,
    _: Backing,
) {
    let app = world
        .portal_with(|s| s.rooms.unknown = prebuilt_portal::settings::UnknownRooms::Lookup)
        .await;
    create_room(
        &app,
        json!({ "name": "lab", "access": { "guest": "public" } }),
    )
    .await;
    create_room(
        &app,
        json!({ "name": "lab-2", "access": { "guest": "public" } }),
    )
    .await;
    let (status, _, _) = app
        .api(
            Method::PATCH,
            "/api/v1/rooms/lab",
            Some(json!({ "enabled": false })),
        )
        .await;
    assert_eq!(status, 200);

    assert_eq!(
        app.page("/join/lab/guest").await.0,
        404,
        "closed, though 100ms has it"
    );
    assert_eq!(
        app.page("/join/lab-2/guest").await.0,
        200,
        "the others are served"
    );
    app.api(
        Method::PATCH,
        "/api/v1/rooms/lab",
        Some(json!({ "enabled": true })),
    )
    .await;
    assert_eq!(app.page("/join/lab/guest").await.0, 200);
}
