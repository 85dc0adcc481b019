//! The emulator keeps to its job and this machine: management and auth tokens are not
//! interchangeable, its control endpoints want its per-process token, and it answers only
//! requests addressed to a loopback host.

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::*;

fn app_claims(room_id: &str, role: &str) -> Value {
    let now = unix_now();
    json!({
        "access_key": ACCESS_KEY, "type": "app", "version": 2, "room_id": room_id, "role": role,
        "user_id": "u-1", "iat": now - 10, "nbf": now - 10, "exp": now + 600,
        "jti": "6f0c1d0e-3b8e-4f7e-9a57-0b1e2d3c4f5a"
    })
}

#[tokio::test]
async fn management_and_auth_tokens_are_not_interchangeable() {
    let (mut api, _) = Api::start().await;
    let room_id = api.room("swap").await;
    let page = |token: &str| format!("{}/preview/{room_id}/host?auth_token={token}", api.base);
    let auth_token = token_with(app_claims(&room_id, "host"), APP_SECRET);

    let joined = api.http.get(page(&auth_token)).send().await.unwrap();
    let management_as_auth = api.http.get(page(&api.token)).send().await.unwrap();
    api.token = auth_token;
    let (auth_as_management, _) = api.get("/rooms").await;

    assert_eq!(joined.status(), 200);
    assert_eq!(management_as_auth.status(), 401);
    assert_eq!(auth_as_management, 401);
}

#[tokio::test]
async fn an_auth_token_opens_only_its_own_room_and_role() {
    let (api, _) = Api::start().await;
    let room_id = api.room("own").await;
    let other = api.room("other").await;
    let token = token_with(app_claims(&room_id, "guest"), APP_SECRET);
    let forged = token_with(app_claims(&room_id, "host"), "not-the-app-secret");
    let open = |room: &str, role: &str, token: &str| {
        api.http.get(format!(
            "{}/preview/{room}/{role}?auth_token={token}",
            api.base
        ))
    };

    let own = open(&room_id, "guest", &token).send().await.unwrap();
    let swapped_role = open(&room_id, "host", &token).send().await.unwrap();
    let swapped_room = open(&other, "guest", &token).send().await.unwrap();
    let forged = open(&room_id, "host", &forged).send().await.unwrap();

    assert_eq!(own.status(), 200);
    assert_eq!(swapped_role.status(), 403);
    assert_eq!(swapped_room.status(), 403);
    assert_eq!(forged.status(), 401);
}

#[tokio::test]
async fn the_control_endpoints_want_the_control_token() {
    let (api, emulator) = Api::start().await;
    let stats = format!("{}/_emulator/stats", api.base);

    let without = api.http.get(&stats).send().await.unwrap();
    let wrong = api
        .http
        .get(&stats)
        .bearer_auth("guess")
        .send()
        .await
        .unwrap();
    let faults = api
        .http
        .post(format!("{}/_emulator/faults", api.base))
        .json(&json!({ "latency_ms": 5000 }))
        .send()
        .await
        .unwrap();
    let right = api
        .http
        .get(&stats)
        .bearer_auth(emulator.control_token())
        .send()
        .await
        .unwrap();

    assert_eq!(without.status(), 401);
    assert_eq!(wrong.status(), 401);
    assert_eq!(faults.status(), 401, "no stranger slows the emulator down");
    assert_eq!(right.status(), 200);
}

/// The status of a GET sent with this `Host` header.
async fn status_for_host(base: &str, host: &str) -> u16 {
    let address = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let request = format!("GET /v2/rooms HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).await.unwrap();
    std::str::from_utf8(&head[9..12]).unwrap().parse().unwrap()
}

#[tokio::test]
async fn only_requests_to_a_loopback_host_are_answered() {
    let (api, _) = Api::start().await;
    let port = api.base.rsplit(':').next().unwrap();

    let rebound = status_for_host(&api.base, &format!("attacker.example:{port}")).await;
    let private = status_for_host(&api.base, "192.168.1.20").await;
    let loopback = status_for_host(&api.base, &format!("localhost:{port}")).await;
    let ipv6 = status_for_host(&api.base, &format!("[::1]:{port}")).await;

    assert_eq!((rebound, private), (403, 403));
    // Loopback hosts reach the API, which wants a token.
    assert_eq!((loopback, ipv6), (401, 401));
}
