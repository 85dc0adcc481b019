use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{meeting_iframe, spawn_admin_app, spawn_app};

const PROBLEM: &str = "application/problem+json";

#[tokio::test]
async fn without_a_configured_token_the_api_does_not_exist() {
    let app = spawn_app().await;

    for (method, path) in [
        (Method::POST, "/api/v1/rooms"),
        (Method::GET, "/api/v1/rooms/demo/links"),
        (Method::POST, "/api/v1/rooms/demo/roles/guest/rotate"),
        (Method::POST, "/api/v1/cache/purge"),
        (Method::GET, "/api/v1/openapi.json"),
    ] {
        let (status, content_type, _) = app.api(method, path, Some(json!({ "name": "x" }))).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(content_type, PROBLEM);
    }
    assert_eq!(app.emulator.total_calls(), 0);
}

#[tokio::test]
async fn a_missing_or_wrong_token_gets_401_with_a_challenge() {
    let app = spawn_admin_app().await;

    for token in [None, Some("wrong"), Some("test-admin-token-012345678")] {
        let mut request = app
            .http
            .get(format!("{}/api/v1/rooms/demo/links", app.address));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 401, "{token:?}");
        assert!(
            response.headers()["www-authenticate"]
                .to_str()
                .unwrap()
                .starts_with("Bearer")
        );
        assert_eq!(response.headers()["content-type"], PROBLEM);
        let problem: Value = response.json().await.unwrap();
        assert_eq!(problem["status"], 401);
        assert!(problem["title"].is_string() && problem["detail"].is_string());
    }
    assert_eq!(app.emulator.total_calls(), 0);
}

#[tokio::test]
async fn creating_a_room_gives_an_enabled_code_and_working_links_for_every_role() {
    let app = spawn_admin_app().await;

    let (status, _, body) = app
        .api(
            Method::POST,
            "/api/v1/rooms?include_codes=true",
            Some(json!({ "name": "Weekly-Sync", "description": "Mondays" })),
        )
        .await;

    assert_eq!(status, 200, "{body}");
    let room = app
        .emulator
        .account()
        .room_by_name("weekly-sync")
        .unwrap()
        .clone();
    assert_eq!(body["room_id"], room.id.as_str());
    assert_eq!(room.description, "Mondays");
    assert_eq!(body["name"], "weekly-sync");
    let links = body["links"].as_array().unwrap();
    let roles: Vec<&str> = links.iter().map(|l| l["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["guest", "host", "viewer"]);
    for link in links {
        let role = link["role"].as_str().unwrap();
        let code = link["code"].as_str().unwrap();
        assert_eq!(
            app.codes_of("weekly-sync", role),
            [code],
            "one enabled code for {role}"
        );
        assert_eq!(
            link["prebuilt_url"],
            format!("{}/meeting/{code}", app.emulator_address)
        );
        assert_eq!(
            link["join_url"],
            format!("{}/join/weekly-sync/{role}", app.address)
        );
        assert_eq!(
            link["embed_url"],
            format!("{}/embed/weekly-sync/{role}", app.address)
        );
    }
    // The room is not configured and rooms.unknown = deny, yet its join link works.
    let join_url = links[0]["join_url"].as_str().unwrap();
    let page = app.http.get(join_url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let (src, _) = meeting_iframe(&page.text().await.unwrap());
    assert_eq!(src, links[0]["prebuilt_url"].as_str().unwrap());
}

#[tokio::test]
async fn creating_an_existing_room_again_keeps_its_codes() {
    let app = spawn_admin_app().await;
    let (_, _, first) = app
        .api(
            Method::POST,
            "/api/v1/rooms",
            Some(json!({ "name": "retro" })),
        )
        .await;

    let (status, _, second) = app
        .api(
            Method::POST,
            "/api/v1/rooms",
            Some(json!({ "name": "retro" })),
        )
        .await;

    assert_eq!(status, 200);
    assert_eq!(first["room_id"], second["room_id"]);
    assert_eq!(first["links"], second["links"]);
}

#[tokio::test]
async fn bad_room_requests_are_400_problems() {
    let app = spawn_admin_app().await;

    for body in [
        json!({ "name": "two words" }),
        json!({ "name": "ok", "colour": "red" }),
        json!({ "name": "ok", "template_id": "../x" }),
        json!({ "title": "no name" }),
        json!([1, 2]),
    ] {
        let (status, content_type, problem) = app
            .api(Method::POST, "/api/v1/rooms", Some(body.clone()))
            .await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(content_type, PROBLEM);
        assert_eq!(problem["status"], 400);
    }
    assert_eq!(app.emulator.calls("create_room"), 0);
}

#[tokio::test]
async fn an_unknown_template_is_reported_as_rejected_by_100ms() {
    let app = spawn_admin_app().await;

    let (status, content_type, problem) = app
        .api(
            Method::POST,
            "/api/v1/rooms",
            Some(json!({ "name": "x1", "template_id": "ffffffffffffffffffffffff" })),
        )
        .await;

    assert_eq!(status, 404);
    assert_eq!(content_type, PROBLEM);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("template not found")
    );
}

#[tokio::test]
async fn links_of_an_existing_room_are_read_and_unknown_rooms_are_404() {
    let app = spawn_admin_app().await;

    let (status, _, body) = app.api(Method::GET, "/api/v1/rooms/demo/links", None).await;
    assert_eq!(status, 200);
    assert_eq!(body["title"], "Demo room");
    let roles: Vec<&str> = body["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["host", "guest", "viewer"]);

    let (status, content_type, _) = app
        .api(Method::GET, "/api/v1/rooms/nowhere/links", None)
        .await;
    assert_eq!(status, 404);
    assert_eq!(content_type, PROBLEM);
    assert_eq!(
        app.emulator.calls("create_room"),
        1,
        "only demo (configured) was created"
    );
}

#[tokio::test]
async fn rotation_disables_the_old_code_and_the_join_page_embeds_the_new_one() {
    let app = spawn_admin_app().await;
    let (_, before) = app.page("/join/demo/guest").await;
    let old_code = app.codes_of("demo", "guest")[0].clone();

    let (status, _, link) = app
        .api(Method::POST, "/api/v1/rooms/demo/roles/guest/rotate", None)
        .await;

    assert_eq!(status, 200, "{link}");
    let new_code = link["code"].as_str().unwrap();
    assert_ne!(new_code, old_code);
    assert_eq!(
        app.codes_of("demo", "guest"),
        [new_code],
        "only the new code is enabled"
    );
    let (_, after) = app.page("/join/demo/guest").await;
    assert!(meeting_iframe(&before).0.ends_with(&old_code));
    assert!(meeting_iframe(&after).0.ends_with(new_code));
    let old_meeting = app
        .http
        .get(format!("{}/meeting/{old_code}", app.emulator_address))
        .send()
        .await
        .unwrap();
    assert_eq!(
        old_meeting.status(),
        403,
        "the old link no longer opens the meeting"
    );
}

#[tokio::test]
async fn rotating_an_unknown_role_is_404() {
    let app = spawn_admin_app().await;

    let (status, _, _) = app
        .api(Method::POST, "/api/v1/rooms/demo/roles/dj/rotate", None)
        .await;

    assert_eq!(status, 404);
}

#[tokio::test]
async fn purging_makes_the_next_visit_ask_100ms_again() {
    let app = spawn_admin_app().await;
    app.page("/join/demo/guest").await;
    let calls = app.emulator.total_calls();
    app.page("/join/demo/guest").await;
    assert_eq!(app.emulator.total_calls(), calls, "cached");

    let (status, _, body) = app
        .api(
            Method::POST,
            "/api/v1/cache/purge",
            Some(json!({ "room": "demo" })),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(body, json!({ "room": "demo" }));
    app.page("/join/demo/guest").await;
    let after_room_purge = app.emulator.total_calls();
    assert!(after_room_purge > calls);

    let response = app
        .http
        .post(format!("{}/api/v1/cache/purge", app.address))
        .bearer_auth(crate::helpers::ADMIN_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "an empty body purges everything");
    app.page("/join/demo/guest").await;
    assert!(app.emulator.total_calls() > after_room_purge);
}

#[tokio::test]
async fn a_malformed_purge_is_a_400_problem() {
    let app = spawn_admin_app().await;

    let (status, content_type, _) = app
        .api(
            Method::POST,
            "/api/v1/cache/purge",
            Some(json!({ "room": "../x" })),
        )
        .await;

    assert_eq!(status, 400);
    assert_eq!(content_type, PROBLEM);
}

#[tokio::test]
async fn the_openapi_document_describes_every_endpoint() {
    let app = spawn_admin_app().await;

    let response = app.get("/api/v1/openapi.json").await;

    assert_eq!(response.status(), 200);
    let doc: Value = response.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/api/v1/rooms",
        "/api/v1/rooms/{room}/links",
        "/api/v1/rooms/{room}/roles/{role}/rotate",
        "/api/v1/cache/purge",
    ] {
        assert!(paths.contains_key(path), "{path}");
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["admin_token"]["scheme"],
        "bearer"
    );
}

#[tokio::test]
async fn unknown_api_paths_are_404_problems() {
    let app = spawn_admin_app().await;

    let (status, content_type, _) = app.api(Method::GET, "/api/v1/nothing-here", None).await;

    assert_eq!(status, 404);
    assert_eq!(content_type, PROBLEM);
}
