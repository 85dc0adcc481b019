//! Events out to the operator's systems: each delivered once (an id to drop repeats), signed
//! as documented (HMAC-SHA256 over "<t>.<body>"), retried when the receiver fails, and a
//! receiver that hangs never holds up a page.

use std::sync::{Arc, Mutex};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use hmac::{Hmac, KeyInit, Mac};
use reqwest::Method;
use serde_json::{Value, json};
use sha2::Sha256;

use super::spawn_hooks_app;
use crate::helpers::eventually;
use crate::lobby::Browser;

const SIGNING: &str = "signing-secret-of-the-operators-receiver";

#[derive(Default)]
struct Receiver {
    /// (headers we check, body) of every attempt, in order.
    calls: Mutex<Vec<(String, String, String, u16)>>,
    release: tokio::sync::Notify,
    first_arrived: tokio::sync::Notify,
}

async fn receive(state: web::Data<Arc<Receiver>>, req: HttpRequest, body: String) -> HttpResponse {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let first = state.calls.lock().unwrap().is_empty();
    let status = if first { 500 } else { 200 };
    state.calls.lock().unwrap().push((
        header("portal-webhook-id"),
        header("portal-signature"),
        body,
        status,
    ));
    if first {
        // Hangs until the test lets it fail.
        state.first_arrived.notify_one();
        state.release.notified().await;
    }
    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap()).finish()
}

fn signed(signature: &str, body: &str) -> bool {
    let Some((t, v1)) = signature
        .strip_prefix("t=")
        .and_then(|rest| rest.split_once(",v1="))
    else {
        return false;
    };
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(SIGNING.as_bytes()).unwrap();
    mac.update(format!("{t}.{body}").as_bytes());
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    hex == v1
}

#[tokio::test]
async fn the_operators_receiver_gets_each_event_once_signed_and_retried_without_holding_up_pages() {
    let receiver = Arc::new(Receiver::default());
    let data = web::Data::new(receiver.clone());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://127.0.0.1:{}/events",
        listener.local_addr().unwrap().port()
    );
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .route("/events", web::post().to(receive))
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    let app = spawn_hooks_app(|s| {
        s.webhooks.url = Some(url.parse().unwrap());
        s.webhooks.secret = Some(SIGNING.into());
    })
    .await;

    let body = json!({ "room": "demo", "role": "host", "expires_in": "1h", "name": "Ada" });
    let (_, _, invitation) = app.api(Method::POST, "/api/v1/invites", Some(body)).await;
    let path = format!("/i/{}", invitation["id"].as_str().unwrap());
    let ada = Browser::new(&app);
    let (status, _) = ada.submit(&path, &path, &[]).await;
    assert_eq!(status, 303, "Join pressed: invitation.used goes out");

    receiver.first_arrived.notified().await;
    // The receiver is hanging on the first delivery: pages do not wait for it.
    assert_eq!(app.page("/join/demo/guest").await.0, 200);
    assert_eq!(ada.get(&path).await.0, 200);
    receiver.release.notify_one();

    let delivered = eventually(|| async {
        let calls = receiver.calls.lock().unwrap().clone();
        calls.iter().any(|c| c.3 == 200).then_some(calls)
    })
    .await;
    let (failed, ok) = (
        &delivered[0],
        delivered.iter().find(|c| c.3 == 200).unwrap(),
    );
    assert_eq!(failed.0, ok.0, "a retry is the same event, by its id");
    assert_eq!(
        delivered
            .iter()
            .filter(|c| c.3 == 200 && c.0 == ok.0)
            .count(),
        1,
        "delivered once"
    );
    assert!(signed(&ok.1, &ok.2), "signed as documented: {}", ok.1);
    assert!(
        !signed(&ok.1, &ok.2.replace("Ada", "Eve")),
        "a changed body fails the check"
    );
    let event: Value = serde_json::from_str(&ok.2).unwrap();
    assert_eq!(event["type"], "invitation.used");
    assert_eq!(event["data"]["name"], "Ada");
    assert_eq!(event["id"], ok.0.as_str());
}
