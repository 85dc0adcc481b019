//! `/v2` endpoints with the documented paths, JSON shapes and status codes.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderValue, RETRY_AFTER};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::store::{Refusal, RoomChanges, RoomRecord, Store};
use super::{Emulator, ForcedStatus};

const ROOM_NAME_RULE: &str = "name may only contain a-z A-Z 0-9 . - : _";
const REGIONS: [&str; 4] = ["in", "us", "eu", "auto"];

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

async fn unknown_endpoint(emu: web::Data<Emulator>, req: HttpRequest) -> HttpResponse {
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
async fn respond<T: Serialize>(
    emu: &Emulator,
    req: &HttpRequest,
    endpoint: &'static str,
    op: impl FnOnce(&mut Store) -> Result<T, Refusal>,
) -> HttpResponse {
    emu.count(endpoint);
    let (latency, forced) = emu.take_fault(endpoint);
    let response = if let Some(forced) = forced {
        forced_response(&forced)
    } else {
        match emu.inner.tokens.check(req) {
            Ok(claims) => {
                super::lock(&emu.inner.token_ids).insert(claims.jti);
                let result = op(&mut emu.store());
                match result {
                    Ok(value) => HttpResponse::Ok().json(value),
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

/// The request body as a JSON object; an empty body counts as `{}` (the official SDK sends `{}`).
fn json_object(body: &[u8]) -> Result<Map<String, Value>, Refusal> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Refusal::new(400, "Invalid request body").with_detail("expected a JSON object")),
    }
}

fn room_changes(body: &Map<String, Value>) -> Result<RoomChanges, Refusal> {
    let text = |key: &str| -> Result<Option<String>, Refusal> {
        match body.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(Refusal::new(400, format!("Invalid body param: {key}"))),
        }
    };
    let name = text("name")?;
    if let Some(name) = &name {
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'_'));
        if !valid {
            return Err(Refusal::new(400, "Invalid body param: name").with_detail(ROOM_NAME_RULE));
        }
    }
    let region = text("region")?;
    if region.as_deref().is_some_and(|r| !REGIONS.contains(&r)) {
        return Err(Refusal::new(400, "Error: region not supported"));
    }
    let enabled = match body.get("enabled") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => return Err(Refusal::new(400, "Invalid body param: enabled")),
    };
    Ok(RoomChanges {
        name,
        description: text("description")?,
        template_id: text("template_id")?,
        region,
        enabled,
    })
}

fn query_map(req: &HttpRequest) -> HashMap<String, String> {
    url::form_urlencoded::parse(req.query_string().as_bytes())
        .into_owned()
        .collect()
}

fn bool_param(query: &HashMap<String, String>, key: &str) -> Result<Option<bool>, Refusal> {
    match query.get(key).map(String::as_str) {
        None => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(_) => Err(Refusal::new(400, "Invalid query parameter").with_detail(key.to_owned())),
    }
}

/// `{limit, data, last}`: `start` is the id of the previous page's last item; `last` is empty
/// on the final page.
fn paginate<T: Serialize>(
    items: Vec<T>,
    id: impl Fn(&T) -> String,
    query: &HashMap<String, String>,
    default_limit: usize,
    cap: Option<usize>,
) -> Result<Value, Refusal> {
    let invalid =
        |key: &str| Refusal::new(400, "Invalid query parameter").with_detail(key.to_owned());
    let limit = match query.get("limit") {
        None => default_limit,
        Some(raw) => raw
            .parse::<usize>()
            .map_err(|_| invalid("limit"))?
            .clamp(10, 100),
    };
    let limit = cap.map_or(limit, |cap| limit.min(cap));
    let skip = match query.get("start").filter(|s| !s.is_empty()) {
        None => 0,
        Some(start) => {
            items
                .iter()
                .position(|item| id(item) == *start)
                .ok_or_else(|| invalid("start"))?
                + 1
        }
    };
    let remaining = items.len().saturating_sub(skip);
    let page: Vec<&T> = items.iter().skip(skip).take(limit).collect();
    let last = match page.last() {
        Some(item) if remaining > limit => id(item),
        _ => String::new(),
    };
    Ok(json!({ "limit": limit, "data": page, "last": last }))
}

fn template_json(template: &super::store::Template) -> Value {
    let roles: Map<String, Value> = template
        .roles
        .iter()
        .map(|r| (r.clone(), json!({ "name": r })))
        .collect();
    json!({ "id": template.id, "name": template.name, "roles": roles })
}
