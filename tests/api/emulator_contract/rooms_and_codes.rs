//! Rooms and room codes: the documented shapes, upserts, pagination and refusals.

use serde_json::json;

use super::*;

#[tokio::test]
async fn create_room_answers_the_documented_room_object_and_upserts_by_name() {
    let (api, _) = Api::start().await;
    let body = json!({ "name": "new-room-1662723668", "description": "This is a sample description for the room" });

    let (status, room) = api.post("/rooms", body).await;
    let (again_status, again) = api
        .post("/rooms", json!({ "name": "NEW-room-1662723668" }))
        .await;

    assert_eq!(status, 200);
    let doc: Value = serde_json::from_str(DOC_ROOM).unwrap();
    assert!(keys(&room).is_superset(&keys(&doc)), "{room}");
    assert_eq!(room["id"].as_str().unwrap().len(), 24);
    assert_eq!(room["enabled"], true);
    assert_eq!(again_status, 200);
    assert_eq!(again["id"], room["id"], "same name, same room");
    assert_eq!(
        again["description"], room["description"],
        "fields not sent are kept"
    );
}

#[tokio::test]
async fn create_room_refuses_documented_bad_bodies() {
    let (api, _) = Api::start().await;

    let (status, error) = api
        .post("/rooms", json!({ "name": "a", "template": "x" }))
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        error["message"],
        "Invalid body param: template. Use template_id"
    );

    let (status, error) = api
        .post("/rooms", json!({ "name": "a", "template_id": "nope" }))
        .await;
    assert_eq!(status, 400);
    assert_eq!(error["message"], "Error: template not found");

    let (status, error) = api.post("/rooms", json!({ "name": "a b" })).await;
    assert_eq!(status, 400);
    assert_eq!(
        keys(&error),
        ["code", "details", "message"].map(String::from).into()
    );
}

#[tokio::test]
async fn rooms_are_read_by_id_and_listed_by_name_with_pagination_fields() {
    let (api, _) = Api::start().await;
    let id = api.room("weekly-sync").await;

    let (status, room) = api.get(&format!("/rooms/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(room["name"], "weekly-sync");

    let (status, page) = api.get("/rooms?name=weekly-sync").await;
    assert_eq!(status, 200);
    assert_eq!(
        keys(&page),
        ["data", "last", "limit"].map(String::from).into()
    );
    assert_eq!(page["data"][0]["id"], id.as_str());
    assert_eq!(page["last"], "");

    let (status, error) = api.get("/rooms/000000000000000000000000").await;
    assert_eq!(status, 404);
    assert_eq!(error["code"], 404);
}

#[tokio::test]
async fn disabled_rooms_are_listed_only_when_asked_and_refuse_code_calls_with_403() {
    let (api, _) = Api::start().await;
    let id = api.room("old-room").await;

    let (status, room) = api
        .post(&format!("/rooms/{id}"), json!({ "enabled": false }))
        .await;
    assert_eq!(status, 200);
    assert_eq!(room["enabled"], false);

    assert_eq!(api.get("/rooms?name=old-room").await.1["data"], json!([]));
    assert_eq!(
        api.get("/rooms?name=old-room&enabled=false").await.1["data"][0]["id"],
        id.as_str()
    );
    let (status, error) = api.get(&format!("/room-codes/room/{id}")).await;
    assert_eq!(status, 403);
    assert_eq!(error["message"], "Room is disabled");
    assert_eq!(
        api.post(&format!("/room-codes/room/{id}"), json!({}))
            .await
            .0,
        403
    );
}

#[tokio::test]
async fn room_codes_are_created_for_all_roles_or_one_in_the_documented_shape() {
    let (api, _) = Api::start().await;
    let id = api.room("codes-room").await;

    let (status, all) = api.post(&format!("/room-codes/room/{id}"), json!({})).await;
    assert_eq!(status, 200);
    let data = all["data"].as_array().unwrap();
    let roles: BTreeSet<_> = data.iter().map(|c| c["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["guest", "host", "viewer"].into());
    let doc: Value = serde_json::from_str(DOC_CODE).unwrap();
    for code in data {
        assert_eq!(keys(code), keys(&doc));
        assert!(is_code_shaped(code["code"].as_str().unwrap()), "{code}");
        assert_eq!(code["room_id"], id.as_str());
    }

    let (status, one) = api
        .post(&format!("/room-codes/room/{id}/role/guest"), json!({}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(one["role"], "guest");
    assert!(
        data.iter().all(|c| c["code"] != one["code"]),
        "a new code each time"
    );

    let (status, error) = api
        .post(&format!("/room-codes/room/{id}/role/dj"), json!({}))
        .await;
    assert_eq!(status, 404);
    assert_eq!(error["message"], "Role not found");
    assert_eq!(
        api.post("/room-codes/room/000000000000000000000000", json!({}))
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn room_codes_are_listed_in_pages_and_filtered_by_role_and_state() {
    let (api, _) = Api::start().await;
    let id = api.room("many-codes").await;
    for _ in 0..25 {
        api.post(&format!("/room-codes/room/{id}/role/guest"), json!({}))
            .await;
    }

    let mut seen = Vec::new();
    let mut start = String::new();
    for _ in 0..5 {
        let (status, page) = api
            .get(&format!("/room-codes/room/{id}?limit=10&start={start}"))
            .await;
        assert_eq!(status, 200);
        assert_eq!(page["limit"], 10);
        seen.extend(
            page["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["code"].clone()),
        );
        start = page["last"].as_str().unwrap().to_owned();
        if start.is_empty() {
            break;
        }
    }
    assert_eq!(seen.len(), 25);
    assert_eq!(
        seen.iter()
            .map(|c| c.to_string())
            .collect::<BTreeSet<_>>()
            .len(),
        25
    );

    let first = seen[0].as_str().unwrap();
    let (status, updated) = api
        .post(
            "/room-codes/code",
            json!({ "code": first, "enabled": false }),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(updated["enabled"], false);
    let (_, enabled) = api
        .get(&format!(
            "/room-codes/room/{id}?role=guest&enabled=true&limit=100"
        ))
        .await;
    assert_eq!(enabled["data"].as_array().unwrap().len(), 24);
    assert_eq!(
        api.get(&format!("/room-codes/room/{id}?role=dj")).await.0,
        404
    );
    assert_eq!(
        api.post(
            "/room-codes/code",
            json!({ "code": "zzz-zzzz-zzz", "enabled": true })
        )
        .await
        .0,
        404
    );
    assert_eq!(
        api.post(
            "/room-codes/code",
            json!({ "code": first, "enabled": "yes" })
        )
        .await
        .0,
        400
    );
}
