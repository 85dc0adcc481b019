//! The emulator sends webhooks like 100ms: with the configured headers, and when the receiver
//! does not answer 200, again 1 s later (then 3 s, then 10 s).

use std::sync::{Arc, Mutex};
use std::time::Instant;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde_json::Value;

use super::flow::enter;
use crate::helpers::{eventually, spawn_app};
use crate::lobby::Browser;

type Seen = Arc<Mutex<Vec<(Instant, String, Value)>>>;

async fn receive(seen: web::Data<Seen>, req: HttpRequest, body: web::Json<Value>) -> HttpResponse {
    let secret = req
        .headers()
        .get("x-webhook-secret")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let mut seen = seen.lock().unwrap();
    seen.push((Instant::now(), secret, body.into_inner()));
    // The first delivery fails.
    if seen.len() == 1 {
        HttpResponse::ServiceUnavailable().finish()
    } else {
        HttpResponse::Ok().finish()
    }
}

#[tokio::test]
async fn the_emulator_retries_a_webhook_the_receiver_refused_a_second_later() {
    let seen: Seen = Arc::default();
    let data = web::Data::new(seen.clone());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://127.0.0.1:{}/hook",
        listener.local_addr().unwrap().port()
    );
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .route("/hook", web::post().to(receive))
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    let app = spawn_app().await;
    app.emulator
        .set_webhook(Some(prebuilt_portal::emulator::WebhookTarget {
            url,
            headers: vec![("x-webhook-secret".into(), "the-dashboards-secret".into())],
        }));
    let (_, page) = Browser::new(&app).get("/join/demo/guest?name=Lin").await;
    enter(&page).await;

    let seen = eventually(|| async {
        let seen = seen.lock().unwrap().clone();
        let first = seen.first()?.2["id"].clone();
        let again = seen.iter().skip(1).find(|s| s.2["id"] == first)?.clone();
        Some((seen[0].clone(), again))
    })
    .await;
    let (first, again) = seen;
    assert_eq!(
        first.1, "the-dashboards-secret",
        "the configured header is sent"
    );
    assert!(
        again.0.duration_since(first.0).as_millis() >= 900,
        "100ms waits 1 s before the first retry"
    );
}
