//! `/v2/active-rooms/…`: the rooms in use and their peers, in the documented shapes
//! (shared/research/hms-live.md §2): peers as a map keyed by peer id, `session.peers` as an
//! array of ids, a peer's `tracks` as a map (empty here: the stand-in page sends no media).

use actix_web::{HttpRequest, HttpResponse, web};
use serde_json::{Value, json};

use super::Emulator;
use super::account::{PeerChanges, Refusal, SentMessage};
use super::api::{respond, unknown_endpoint};
use super::wire::{json_object, optional_text, query_map};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/v2/sessions", web::get().to(list_sessions))
        .route("/v2/sessions/{session_id}", web::get().to(get_session));
    cfg.service(
        web::scope("/v2/active-rooms/{room_id}")
            .route("", web::get().to(get_active_room))
            .route("/peers", web::get().to(list_peers))
            .route("/peers/{peer_id}", web::get().to(get_peer))
            .route("/peers/{peer_id}", web::post().to(update_peer))
            .route("/send-message", web::post().to(send_message))
            .route("/remove-peers", web::post().to(remove_peers))
            .default_service(web::to(unknown_endpoint)),
    );
}

async fn get_active_room(
    emu: web::Data<Emulator>,
    req: HttpRequest,
    path: web::Path<String>,
) -> HttpResponse {
    respond(&emu, &req, "get_active_room", |store| {
        let room = store.room(&path)?;
        let session = store.live().session(&path)?;
        Ok(json!({
            "id": room.id,
            "name": room.name,
            "customer_id": room.customer_id,
            "session": {
                "id": session.id,
                "created_at": session.created_at,
                "peers": session.peers.keys().collect::<Vec<_>>(),
            },
        }))
    })
    .await
}

async fn list_peers(
    emu: web::Data<Emulator>,
    req: HttpRequest,
    path: web::Path<String>,
) -> HttpResponse {
    respond(&emu, &req, "list_active_peers", |store| {
        store.room(&path)?;
        let query = query_map(&req);
        let user_id = query.get("user_id").map(String::as_str);
        let role = query.get("role").map(String::as_str);
        let peers = store.live().peers(&path, user_id, role)?;
        Ok(json!({ "peers": peers }))
    })
    .await
}

async fn get_peer(
    emu: web::Data<Emulator>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> HttpResponse {
    respond(&emu, &req, "get_active_peer", |store| {
        let peer = store.live().peer(&path.0, &path.1)?;
        Ok(with_tracks(peer))
    })
    .await
}

async fn update_peer(
    emu: web::Data<Emulator>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> HttpResponse {
    respond(&emu, &req, "update_active_peer", |store| {
        let body = json_object(&body)?;
        let text = |key: &str| optional_text(&body, key);
        let changes = PeerChanges {
            name: text("name")?,
            role: text("role")?,
            metadata: text("metadata")?,
        };
        if let Some(role) = &changes.role {
            let room = store.room(&path.0)?;
            if !store.room_has_role(room, role) {
                return Err(Refusal::role_not_found());
            }
        }
        let peer = store.live_mut().update_peer(&path.0, &path.1, changes)?;
        Ok(with_tracks(&peer))
    })
    .await
}

/// `POST /active-rooms/{room_id}/send-message` `{message, peer_id?, role?, type?}`.
async fn send_message(
    emu: web::Data<Emulator>,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    respond(&emu, &req, "send_message", |store| {
        store.room(&path)?;
        let body = json_object(&body)?;
        let text = |key: &str| optional_text(&body, key);
        let message = text("message")?.ok_or_else(|| Refusal::new(400, "message is required"))?;
        let sent = SentMessage {
            message,
            peer_id: text("peer_id")?,
            role: text("role")?,
            kind: text("type")?,
        };
        store.live_mut().send(&path, sent)?;
        Ok(json!({ "message": "message sent" }))
    })
    .await
}

/// `POST /active-rooms/{room_id}/remove-peers` `{peer_id? | role?, reason?}`: `peer_id`
/// wins over `role`; neither is a 400 (hms-live §2.5).
async fn remove_peers(
    emu: web::Data<Emulator>,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let answer = respond(&emu, &req, "remove_peers", |store| {
        store.room(&path)?;
        let body = json_object(&body)?;
        let text = |key: &str| optional_text(&body, key);
        let (peer_id, role) = (text("peer_id")?, text("role")?);
        let reason = text("reason")?.unwrap_or_default();
        let live = store.live_mut();
        match (peer_id, role) {
            (Some(peer), _) => live.remove(&path, Some(&peer), None, &reason)?,
            (None, Some(role)) => live.remove(&path, None, Some(&role), &reason)?,
            (None, None) => return Err(Refusal::new(400, "peer_id or role is required")),
        }
        Ok(json!({ "message": "peer remove request submitted" }))
    })
    .await;
    emu.send_hooks();
    answer
}

/// `GET /sessions?room_id=&active=` (hms-live §3.1): one page of sessions, newest first.
async fn list_sessions(emu: web::Data<Emulator>, req: HttpRequest) -> HttpResponse {
    respond(&emu, &req, "list_sessions", |store| {
        let query = query_map(&req);
        let room = query.get("room_id").map(String::as_str);
        // The documented default of `active` is true (UNCONFIRMED; the portal always says).
        let active = query.get("active").is_none_or(|a| a == "true");
        let history = &store.live().history;
        let mut sessions: Vec<_> = history
            .sessions
            .values()
            .filter(|s| room.is_none_or(|r| s.room_id == r) && s.active == active)
            .collect();
        sessions.sort_by(|a, b| b.created_at.cmp(&a.created_at));
        sessions.truncate(100);
        Ok(json!({ "limit": 100, "data": sessions, "last": null }))
    })
    .await
}

/// `GET /sessions/{session_id}` (hms-live §3.2): peers as a map keyed by peer id.
async fn get_session(
    emu: web::Data<Emulator>,
    req: HttpRequest,
    path: web::Path<String>,
) -> HttpResponse {
    respond(&emu, &req, "get_session", |store| {
        store
            .live()
            .history
            .sessions
            .get(path.as_str())
            .map(|session| json!(session))
            .ok_or_else(|| Refusal::new(404, "session not found"))
    })
    .await
}

/// A peer as "get peer" answers it: with its `tracks`.
fn with_tracks(peer: &impl serde::Serialize) -> Value {
    let mut value = json!(peer);
    if let Some(object) = value.as_object_mut() {
        object.insert("tracks".to_owned(), json!({}));
    }
    value
}
