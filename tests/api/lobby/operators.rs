//! Operators see and decide the lobby too (API, CLI), and a host on one replica admits a
//! visitor waiting on another.

use std::time::{Duration, Instant};

use reqwest::Method;

use super::{Browser, ticket_of, with_lobby};
use crate::cli::{cli, run, stderr, stdout};
use crate::durable::{Backing, World};
use crate::helpers::eventually;

#[tokio::test]
async fn the_admin_api_lists_the_lobby_and_admits_or_turns_away() {
    let app = super::spawn_lobby_app(|_| {}).await;
    let ada = Browser::new(&app);
    let ada_waits = ada.knock("/join/demo/guest", "Ada").await;
    let bob = Browser::new(&app);
    let bob_waits = bob.knock("/join/demo/guest", "Bob").await;

    let (status, _, lobby) = app.api(Method::GET, "/api/v1/rooms/demo/lobby", None).await;
    assert_eq!(status, 200, "{lobby}");
    let names: Vec<&str> = lobby["waiting"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ada", "Bob"], "first come first");

    let admit = format!("/api/v1/rooms/demo/lobby/{}/admit", ticket_of(&ada_waits));
    let (status, _, decided) = app.api(Method::POST, &admit, None).await;
    assert_eq!(status, 200, "{decided}");
    assert_eq!(decided["state"], "admitted");
    let (status, _, _) = app.api(Method::POST, &admit, None).await;
    assert_eq!(status, 404, "decided once");
    let deny = format!(
        "/api/v1/rooms/demo/lobby/{}/deny?message=Not%20today",
        ticket_of(&bob_waits)
    );
    assert_eq!(app.api(Method::POST, &deny, None).await.0, 200);

    assert!(ada.get(&ada_waits).await.1.contains("<iframe"));
    let (status, page) = bob.get(&bob_waits).await;
    assert_eq!(status, 403);
    assert!(page.contains("Not today"), "{page}");
}

#[tokio::test]
async fn the_command_line_lists_and_admits() {
    let app = super::spawn_lobby_app(|_| {}).await;
    let visitor = Browser::new(&app);
    let waiting = visitor.knock("/join/demo/guest", "Grace").await;

    let mut list = cli(&app);
    list.args(["lobby", "list", "demo"]);
    let list = run(list).await;
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(stdout(&list).contains("Grace"), "{}", stdout(&list));

    let mut admit = cli(&app);
    admit.args(["lobby", "admit", "demo", ticket_of(&waiting)]);
    let admit = run(admit).await;
    assert!(admit.status.success(), "{}", stderr(&admit));
    assert!(stdout(&admit).contains("Grace admitted"));
    eventually(|| async {
        visitor
            .get(&waiting)
            .await
            .1
            .contains("<iframe")
            .then_some(())
    })
    .await;
}

#[tokio::test]
async fn a_host_on_one_replica_admits_a_visitor_waiting_on_another_within_a_second() {
    let Some(world) = World::new(Backing::Postgres).await else {
        return;
    };
    let a = world.portal_with(with_lobby).await;
    let b = world.portal_with(with_lobby).await;
    let visitor = Browser::new(&a);
    let waiting = visitor.knock("/join/demo/guest", "Ada").await;

    let host = super::host(&b).await;
    let (_, list) = host.get("/lobby/r/demo").await;
    assert!(list.contains("Ada"), "B sees who waits on A: {list}");
    let token = crate::durable::form_token(&list).unwrap();
    let admitted = Instant::now();
    let (status, _) = host
        .post(
            &format!("/lobby/r/demo/{}/admit", ticket_of(&waiting)),
            &token,
            &[],
        )
        .await;
    assert_eq!(status, 303);

    let mut events = visitor
        .http
        .get(format!("{}{waiting}/events", a.address))
        .send()
        .await
        .unwrap();
    let mut seen = String::new();
    while !seen.contains("admitted") {
        let chunk = tokio::time::timeout(Duration::from_secs(1), events.chunk())
            .await
            .expect("A hears of B's admission within a second")
            .unwrap()
            .unwrap();
        seen.push_str(std::str::from_utf8(&chunk).unwrap());
    }
    assert!(admitted.elapsed() < Duration::from_secs(1));
    assert!(
        visitor.get(&waiting).await.1.contains("<iframe"),
        "entered on A"
    );
}

#[tokio::test]
async fn the_hosts_in_the_meeting_are_told_who_waits_without_any_link_in_the_name() {
    let app = super::spawn_lobby_app(|_| {}).await;
    let body = serde_json::json!({ "room": "demo", "role": "host", "expires_in": "1h" });
    let (_, _, link) = app.api(Method::POST, "/api/v1/links", Some(body)).await;
    let path = link["url"].as_str().unwrap().replacen(&app.address, "", 1);
    let (_, page) = Browser::new(&app).get(&path).await;
    // The host's meeting opens (the emulator's stand-in page joins as a peer).
    let (src, _) = crate::helpers::meeting_iframe(&page);
    let src = reqwest::Url::parse(&src.replace("&amp;", "&")).unwrap();
    let meeting = reqwest::get(src.clone())
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let peer_path = meeting
        .split("fetch(\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the meeting page asks for its peer")
        .to_owned();

    Browser::new(&app)
        .knock("/join/demo/guest", "Ada https://phish.example/login")
        .await;

    let room_id = app
        .emulator
        .account()
        .room_by_name("demo")
        .unwrap()
        .id
        .clone();
    let sent = eventually(|| async {
        let messages = app.emulator.account().live().messages(&room_id);
        (!messages.is_empty()).then_some(messages)
    })
    .await;
    assert_eq!(sent[0].message, "Ada is waiting in the lobby");
    assert_eq!(sent[0].role.as_deref(), Some("host"));
    // The host's meeting page shows it (the emulator's page asks for its peer each second).
    let peer: serde_json::Value = reqwest::get(src.join(&peer_path).unwrap())
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        peer["messages"],
        serde_json::json!(["Ada is waiting in the lobby"])
    );
}

#[tokio::test]
async fn the_console_shows_who_waits_and_admits_them_as_the_console_user() {
    let app = super::spawn_lobby_app(|_| {}).await;
    let visitor = Browser::new(&app);
    let waiting = visitor.knock("/join/demo/guest", "Katherine").await;
    let operator = crate::console::Operator::sign_in(&app).await;

    let (status, room) = operator.page("/admin/rooms/demo").await;
    assert_eq!(status, 200);
    assert!(
        room.contains("Waiting room") && room.contains("Katherine"),
        "{room}"
    );
    let admit = format!("/admin/rooms/demo/lobby/{}/admit", ticket_of(&waiting));
    let (status, location, _) = operator.post(&admit, &[]).await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/rooms/demo?done=admitted")
    );

    assert!(visitor.get(&waiting).await.1.contains("<iframe"));
    let (_, _, audit) = app
        .api(Method::GET, "/api/v1/audit?action=lobby.admitted", None)
        .await;
    let line = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["action"] == "lobby.admitted")
        .unwrap();
    assert_eq!(line["actor"], "console: admin token");
}

#[tokio::test]
async fn the_waiting_page_says_when_someone_who_admits_is_in_the_meeting() {
    let app = super::spawn_lobby_app(|s| s.lobby.lapse = Duration::from_secs(2)).await;
    let visitor = Browser::new(&app);
    let waiting = visitor.knock("/join/demo/guest", "Ada").await;
    let (_, page) = visitor.get(&waiting).await;
    assert!(page.contains("Nobody who can let you in"), "{page}");

    // The host opens their meeting (the emulator's stand-in page joins as a peer) but not the
    // waiting list: 100ms's active-rooms API tells the portal they are there.
    let body = serde_json::json!({ "room": "demo", "role": "host", "expires_in": "1h" });
    let (_, _, link) = app.api(Method::POST, "/api/v1/links", Some(body)).await;
    let path = link["url"].as_str().unwrap().replacen(&app.address, "", 1);
    let (_, host_page) = Browser::new(&app).get(&path).await;
    let (src, _) = crate::helpers::meeting_iframe(&host_page);
    reqwest::get(src.replace("&amp;", "&")).await.unwrap();

    eventually(|| async {
        let (_, page) = visitor.get(&waiting).await;
        page.contains("Someone who can let you in is here.")
            .then_some(())
    })
    .await;
}
