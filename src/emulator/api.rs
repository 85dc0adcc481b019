//! `/v2` endpoints with the documented paths, JSON shapes and status codes.

use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderValue, RETRY_AFTER};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use serde_json::{Value, json};

use super::account::{Account, Refusal, RoomRecord};
use super::wire::{bool_param, json_object, paginate, query_map, room_changes, template_json};
use super::{Emulator, ForcedStatus};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/v2")
            .route("/rooms", web::post().to(create_room))
            .route("/rooms", web::get().to(list_rooms))
            .route("/rooms/{room_id}", web::get().to(get_room))
            .route("/rooms/{room_id}", web::post().to(update_room))
            .route(
                "/room-codes/room/{room_id}",
                web::post().to(create_room_codes),
            )
            .route("/room-codes/room/{room_id}", web::get().to(list_room_codes))
            .route(
                "/room-codes/room/{room_id}/role/{role}",
                web::post().to(create_room_code),
            )
            .route("/room-codes/code", web::post().to(update_room_code))
            .route("/templates", web::get().to(list_templates))
            .route("/templates/{template_id}", web::get().to(get_template))
            .default_service(web::to(unknown_endpoint)),
    );
}

async fn create_room(emu: web::Data<Emulator>, req: HttpRequest, body: web::Bytes) -> HttpResponse {
    respond(&emu, &req, "create_room", |store| {
        let body = json_object(&body)?;
        if body.contains_key("template") {
            return Err(Refusal::new(
                400,
                "Invalid body param: template. Use template_id",
            ));
        }
        store.upsert_room(room_changes(&body)?)
    })
    .await
}

async fn update_room(
    emu: web::Data<Emulator>,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    respond(&emu, &req, "update_room", |store| {
        let body = json_object(&body)?;
        store.update_room(&path, room_changes(&body)?)
    })
    .await
}

async fn get_room(
    emu: web::Data<Emulator>,
    req: HttpRequest,
    path: web::Path<String>,
) -> HttpResponse {
    respond(&emu, &req, "get_room", |store| store.room(&path).cloned()).await
}

async fn list_rooms(emu: web::Data<Emulator>, req: HttpRequest) -> HttpResponse {
    respond(&emu, &req, "list_rooms", |store| {
        let query = query_map(&req);
        let enabled = bool_param(&query, "enabled")?.unwrap_or(true);
        let matches = |r: &&RoomRecord| {
            r.enabled == enabled && query.get("template_id").is_none_or(|t| &r.template_id == t)
        };
        // A name picks at most one room (names are unique, case-insensitively).
        let exact_case = emu.case_sensitive_names();
        let rooms: Vec<RoomRecord> = match query.get("name") {
            Some(name) => store
                .room_by_name(name)
                .filter(matches)
                .filter(|r| !exact_case || r.name == *name)
                .cloned()
                .into_iter()
                .collect(),
            None => store.rooms().iter().filter(matches).cloned().collect(),
        };
        paginate(rooms, |r| r.id.clone(), &query, 10, emu.page_cap())
    })
    .await
}

async fn create_room_codes(
    emu: web::Data<Emulator>,
    req: HttpRequest,
    path: web::Path<String>,
) -> HttpResponse {
    respond(&emu, &req, "create_room_codes", |store| {
        let data = store.create_codes_for_all_roles(&path)?;
        Ok(json!({ "data": data }))
    })
    .await
}

async fn create_room_code(
    emu: web::Data<Emulator>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> HttpResponse {
    respond(&emu, &req, "create_room_code", |store| {
        store.create_code_for_role(&path.0, &path.1)
    })
    .await
}

async fn list_room_codes(
    emu: web::Data<Emulator>,
    req: HttpRequest,
    path: web::Path<String>,
) -> HttpResponse {
    respond(&emu, &req, "list_room_codes", |store| {
        let query = query_map(&req);
        let enabled = bool_param(&query, "enabled")?;
        let role = query.get("role").map(String::as_str);
        let codes = store.list_codes(&path, role, enabled)?;
        paginate(codes, |c| c.code.clone(), &query, 20, emu.page_cap())
    })
    .await
}

async fn update_room_code(
    emu: web::Data<Emulator>,
    req: HttpRequest,
    body: web::Bytes,
) -> HttpResponse {
    respond(&emu, &req, "update_room_code", |store| {
        let body = json_object(&body)?;
        let invalid = || Refusal::new(400, "Invalid body parameter");
        let code = body
            .get("code")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid().with_detail("code must be a string"))?;
        let enabled = body
            .get("enabled")
            .and_then(Value::as_bool)
            .ok_or_else(|| invalid().with_detail("enabled must be a boolean"))?;
        store.set_code_enabled(code, enabled)
    })
    .await
}

async fn list_templates(emu: web::Data<Emulator>, req: HttpRequest) -> HttpResponse {
    let hidden = emu.without_templates();
    respond(&emu, &req, "list_templates", |store| {
        if hidden {
            return Err(Refusal::new(404, "Not found"));
        }
        let templates = store.templates().iter().map(template_json).collect();
        let id = |t: &Value| t["id"].as_str().unwrap_or_default().to_owned();
        paginate(templates, id, &query_map(&req), 10, emu.page_cap())
    })
    .await
}

async fn get_template(
    emu: web::Data<Emulator>,
    req: HttpRequest,
    path: web::Path<String>,
) -> HttpResponse {
    let hidden = emu.without_templates();
    respond(&emu, &req, "get_template", |store| {
        if hidden {
            return Err(Refusal::new(404, "Not found"));
        }
        store
            .template(&path)
            .map(template_json)
            .ok_or_else(|| Refusal::new(404, "Template not found"))
    })
    .await
}

pub(super) async fn unknown_endpoint(emu: web::Data<Emulator>, req: HttpRequest) -> HttpResponse {
    respond(
        &emu,
        &req,
        "unknown_endpoint",
        |_| -> Result<Value, Refusal> {
            Err(Refusal::new(404, "Not found").with_detail("no such endpoint"))
        },
    )
    .await
}

/// Counts the call, applies injected faults, checks the management token, then runs `op`.
pub(super) async fn respond<T: Serialize>(
    emu: &Emulator,
    req: &HttpRequest,
    endpoint: &'static str,
    op: impl FnOnce(&mut Account) -> Result<T, Refusal>,
) -> HttpResponse {
    emu.count(endpoint);
    let (latency, forced) = emu.take_fault(endpoint);
    let response = if let Some(forced) = forced {
        forced_response(&forced)
    } else {
        match emu.inner.tokens.check(req) {
            Ok(claims) => {
                super::lock(&emu.inner.token_ids).insert(claims.jti);
                let mut account = emu.account();
                match op(&mut account) {
                    Ok(value) => {
                        if req.method() != actix_web::http::Method::GET {
                            emu.persist(&account);
                        }
                        HttpResponse::Ok().json(value)
                    }
                    Err(refusal) => refusal_response(&refusal),
                }
            }
            Err(refusal) => refusal_response(&refusal),
        }
    };
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    response
}

pub fn refusal_response(refusal: &Refusal) -> HttpResponse {
    let status = StatusCode::from_u16(refusal.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    HttpResponse::build(status).json(json!({
        "code": refusal.status,
        "message": refusal.message,
        "details": refusal.details,
    }))
}

fn forced_response(forced: &ForcedStatus) -> HttpResponse {
    let status = StatusCode::from_u16(forced.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let message = status.canonical_reason().unwrap_or("Error");
    let refusal = Refusal::new(status.as_u16(), message).with_detail("injected by the emulator");
    let mut response = refusal_response(&refusal);
    if let Some(secs) = forced.retry_after_secs {
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}
