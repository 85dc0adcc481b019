//! `/hooks/100ms`: what it accepts and refuses, and what it makes of events that repeat or
//! come out of order.

use serde_json::json;

use super::{SECRET, attendance, deliver, demo_room_id, peer_event, spawn_hooks_app};

#[tokio::test]
async fn webhooks_need_the_secret_and_a_sane_body_and_the_same_event_twice_is_one_row() {
    let app = spawn_hooks_app(|_| {}).await;
    let room = demo_room_id(&app).await;
    let join = peer_event("e-1", "peer.join.success", "p1", &room, json!({}));

    assert_eq!(deliver(&app, None, join.clone()).await.0, 401, "no secret");
    assert_eq!(
        deliver(&app, Some("wrong-secret-wrong-secret"), join.clone())
            .await
            .0,
        401
    );
    assert_eq!(
        deliver(&app, Some(SECRET), b"garbage".to_vec()).await.0,
        400
    );
    assert_eq!(
        deliver(&app, Some(SECRET), vec![b' '; 1024 * 1024]).await.0,
        413
    );
    let other = json!({ "id": "e-9", "type": "recording.success", "data": {} });
    let (status, answer) = deliver(&app, Some(SECRET), other.to_string().into_bytes()).await;
    assert_eq!(
        status, 200,
        "an unknown type is accepted and ignored: {answer}"
    );

    let (status, first) = deliver(&app, Some(SECRET), join.clone()).await;
    assert_eq!((status, &first["duplicate"]), (200, &json!(false)));
    let (status, again) = deliver(&app, Some(SECRET), join).await;
    assert_eq!(
        (status, &again["duplicate"]),
        (200, &json!(true)),
        "a replay is harmless"
    );
    let report = attendance(&app, "demo").await;
    assert_eq!(report["attendees"].as_array().unwrap().len(), 1, "{report}");
    assert_eq!(
        report["attendees"][0]["how"], "unverified",
        "a user id the portal never gave"
    );
}

#[tokio::test]
async fn a_leave_that_arrives_before_its_join_ends_up_right() {
    let app = spawn_hooks_app(|_| {}).await;
    let room = demo_room_id(&app).await;
    let leave = peer_event(
        "e-2",
        "peer.leave.success",
        "p2",
        &room,
        json!({ "left_at": "2026-12-06T10:46:00.5Z", "reason": "client request" }),
    );
    assert_eq!(deliver(&app, Some(SECRET), leave).await.0, 200);
    let join = peer_event("e-3", "peer.join.success", "p2", &room, json!({}));
    assert_eq!(deliver(&app, Some(SECRET), join).await.0, 200);

    let report = attendance(&app, "demo").await;
    let peer = &report["attendees"][0];
    assert_eq!(peer["joined_at"], "2026-12-06T10:00:00.500Z", "{report}");
    assert_eq!(
        peer["left_at"], "2026-12-06T10:46:00.500Z",
        "the late join keeps the leave"
    );
    assert_eq!(peer["duration_secs"], 46 * 60);
    assert_eq!(peer["reason"], "client request");
}

#[tokio::test]
async fn without_a_secret_set_the_hook_is_not_there() {
    let app = super::spawn_hooks_app(|s| s.hms.webhook_secret.clear()).await;
    let body = peer_event("e-4", "peer.join.success", "p", "r", json!({}));
    assert_eq!(deliver(&app, Some(SECRET), body).await.0, 404);
}

#[tokio::test]
async fn attendance_is_purged_after_the_retention_time() {
    let app = spawn_hooks_app(|s| s.attendance.retention = std::time::Duration::from_secs(2)).await;
    let room = demo_room_id(&app).await;
    let join = peer_event("e-5", "peer.join.success", "p5", &room, json!({}));
    assert_eq!(deliver(&app, Some(SECRET), join).await.0, 200);
    // Joined long ago (the event's own time): past the retention, so the next purge drops it.
    crate::helpers::eventually(|| async {
        attendance(&app, "demo").await["attendees"]
            .as_array()
            .unwrap()
            .is_empty()
            .then_some(())
    })
    .await;
}

#[tokio::test]
async fn rooms_the_portal_creates_carry_its_webhook_only_when_asked() {
    for register in [false, true] {
        let app = spawn_hooks_app(|s| s.hms.register_room_webhooks = register).await;
        let body = json!({ "name": "standup" });
        let (status, _, _) = app
            .api(reqwest::Method::POST, "/api/v1/rooms", Some(body))
            .await;
        assert_eq!(status, 200);
        let hook = app
            .emulator
            .account()
            .room_by_name("standup")
            .unwrap()
            .webhook
            .clone();
        match register {
            false => assert!(hook.is_none(), "the workspace's webhook stays in charge"),
            true => {
                let hook = hook.expect("the room has the portal's webhook");
                assert_eq!(hook["url"], format!("{}/hooks/100ms", app.address));
                assert_eq!(hook["headers"]["x-webhook-secret"], SECRET);
            }
        }
    }
}

#[tokio::test]
async fn the_command_line_prints_the_attendance_as_a_table_or_csv() {
    let app = spawn_hooks_app(|_| {}).await;
    let room = demo_room_id(&app).await;
    let leave = peer_event(
        "e-6",
        "peer.leave.success",
        "p6",
        &room,
        json!({ "left_at": "2026-12-06T10:30:00Z", "reason": "peer kicked" }),
    );
    assert_eq!(deliver(&app, Some(SECRET), leave).await.0, 200);
    let mut table = crate::cli::cli(&app);
    table.args(["attendance", "demo", "--from", "2026-12-01T00:00:00Z"]);
    let table = crate::cli::run(table).await;
    assert!(table.status.success(), "{}", crate::cli::stderr(&table));
    let out = crate::cli::stdout(&table);
    assert!(
        out.contains("Peer p6") && out.contains("unverified") && out.contains("29"),
        "{out}"
    );
    let mut csv = crate::cli::cli(&app);
    csv.args([
        "attendance",
        "demo",
        "--from",
        "2026-12-01T00:00:00Z",
        "--csv",
    ]);
    let out = crate::cli::stdout(&crate::cli::run(csv).await);
    assert!(out.starts_with("session_id,name,role,how,"), "{out}");
    assert!(out.contains("Peer p6,guest,unverified"), "{out}");
}

#[tokio::test]
async fn on_postgresql_too_an_event_is_kept_once_and_a_late_join_keeps_its_leave() {
    let Some(world) = crate::durable::World::new(crate::durable::Backing::Postgres).await else {
        return;
    };
    let app = world.portal_with(super::with_hooks).await;
    let room = demo_room_id(&app).await;
    let leave = peer_event(
        "pg-1",
        "peer.leave.success",
        "q1",
        &room,
        json!({ "left_at": "2026-12-06T10:10:00Z", "reason": "peer kicked" }),
    );
    let join = peer_event("pg-2", "peer.join.success", "q1", &room, json!({}));
    for body in [leave.clone(), join, leave] {
        assert_eq!(deliver(&app, Some(SECRET), body).await.0, 200);
    }
    let report = attendance(&app, "demo").await;
    assert_eq!(report["attendees"].as_array().unwrap().len(), 1, "{report}");
    assert_eq!(report["attendees"][0]["duration_secs"], 9 * 60 + 59);
}

#[tokio::test]
async fn an_event_the_store_cannot_keep_is_answered_503_and_its_retry_is_kept_once_it_is_back() {
    use crate::durable::postgres::{bring_back, take_down};
    let Some(world) = crate::durable::World::new(crate::durable::Backing::Postgres).await else {
        return;
    };
    let app = world
        .portal_with(|s| {
            super::with_hooks(s);
            s.store.acquire_timeout = std::time::Duration::from_millis(500);
        })
        .await;
    let room = demo_room_id(&app).await;
    let first = peer_event("down-0", "peer.join.success", "d0", &room, json!({}));
    assert_eq!(
        deliver(&app, Some(SECRET), first).await.0,
        200,
        "the writer is up"
    );

    take_down(&world.store_url()).await;
    let join = peer_event("down-1", "peer.join.success", "d1", &room, json!({}));
    let (status, answer) = deliver(&app, Some(SECRET), join.clone()).await;
    assert_eq!(status, 503, "100ms retries what is not kept: {answer}");

    bring_back(&world.store_url()).await;
    crate::helpers::eventually(|| async {
        (deliver(&app, Some(SECRET), join.clone()).await.0 == 200).then_some(())
    })
    .await;
    let report = attendance(&app, "demo").await;
    let peers: Vec<_> = report["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(peers, ["Peer d0", "Peer d1"], "{report}");
}

#[tokio::test]
async fn the_same_event_delivered_many_times_at_once_is_kept_once() {
    let app = spawn_hooks_app(|_| {}).await;
    let room = demo_room_id(&app).await;
    let join = peer_event("burst-1", "peer.join.success", "b1", &room, json!({}));
    let answers =
        futures_util::future::join_all((0..20).map(|_| deliver(&app, Some(SECRET), join.clone())))
            .await;
    assert!(
        answers.iter().all(|(status, _)| *status == 200),
        "{answers:?}"
    );
    let kept = answers
        .iter()
        .filter(|(_, answer)| answer["duplicate"] == false)
        .count();
    assert_eq!(kept, 1, "{answers:?}");
    let report = attendance(&app, "demo").await;
    assert_eq!(report["attendees"].as_array().unwrap().len(), 1, "{report}");
}

/// Webhook events are written by a thread that yields the core to page views: its nice
/// value, read from the kernel.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn webhook_events_are_written_below_the_priority_of_page_views() {
    let app = spawn_hooks_app(|_| {}).await;
    let room = demo_room_id(&app).await;
    let join = peer_event("nice-1", "peer.join.success", "n1", &room, json!({}));
    assert_eq!(deliver(&app, Some(SECRET), join).await.0, 200);
    let nice_in = |stat: String| -> Option<i64> {
        // The fields after the command's closing parenthesis; nice is the 19th field.
        let after = stat.rsplit_once(')')?.1.to_owned();
        after.split_whitespace().nth(16)?.parse().ok()
    };
    let writers: Vec<i64> = std::fs::read_dir("/proc/self/task")
        .unwrap()
        .filter_map(|task| {
            let path = task.ok()?.path();
            let comm = std::fs::read_to_string(path.join("comm")).ok()?;
            (comm.trim() == "hook-writer").then_some(())?;
            nice_in(std::fs::read_to_string(path.join("stat")).ok()?)
        })
        .collect();
    let own = nice_in(std::fs::read_to_string("/proc/thread-self/stat").unwrap()).unwrap();
    assert!(!writers.is_empty(), "a writer thread runs");
    assert!(
        writers.iter().all(|&nice| nice == (own + 15).min(19)),
        "writers at {writers:?}, this thread at {own}"
    );
}
