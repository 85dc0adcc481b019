//! How the emulator reads requests and writes answers as 100ms does: JSON bodies, query
//! parameters, `{limit, data, last}` pages and template objects.

use std::collections::HashMap;

use actix_web::HttpRequest;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::account::{Refusal, RoomChanges};

const ROOM_NAME_RULE: &str = "name may only contain a-z A-Z 0-9 . - : _";
const REGIONS: [&str; 4] = ["in", "us", "eu", "auto"];

/// The request body as a JSON object; an empty body counts as `{}` (the official SDK sends `{}`).
pub(super) fn json_object(body: &[u8]) -> Result<Map<String, Value>, Refusal> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Refusal::new(400, "Invalid request body").with_detail("expected a JSON object")),
    }
}

/// An optional string field of a body; anything but a string or null is a 400.
pub(super) fn optional_text(
    body: &Map<String, Value>,
    key: &str,
) -> Result<Option<String>, Refusal> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Refusal::new(400, format!("Invalid body param: {key}"))),
    }
}

pub(super) fn room_changes(body: &Map<String, Value>) -> Result<RoomChanges, Refusal> {
    let text = |key: &str| optional_text(body, key);
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
    let webhook = match body.get("webhook") {
        None | Some(Value::Null) => None,
        Some(hook @ Value::Object(fields)) if fields.get("url").is_some_and(Value::is_string) => {
            Some(hook.clone())
        }
        Some(_) => return Err(Refusal::new(400, "Invalid body param: webhook")),
    };
    Ok(RoomChanges {
        webhook,
        name,
        description: text("description")?,
        template_id: text("template_id")?,
        region,
        enabled,
    })
}

pub(super) fn query_map(req: &HttpRequest) -> HashMap<String, String> {
    url::form_urlencoded::parse(req.query_string().as_bytes())
        .into_owned()
        .collect()
}

pub(super) fn bool_param(
    query: &HashMap<String, String>,
    key: &str,
) -> Result<Option<bool>, Refusal> {
    match query.get(key).map(String::as_str) {
        None => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(_) => Err(Refusal::new(400, "Invalid query parameter").with_detail(key.to_owned())),
    }
}

/// `{limit, data, last}`: `start` is the id of the previous page's last item; `last` is empty
/// on the final page.
pub(super) fn paginate<T: Serialize>(
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

pub(super) fn template_json(template: &super::account::Template) -> Value {
    let roles: Map<String, Value> = template
        .roles
        .iter()
        .map(|r| (r.clone(), json!({ "name": r })))
        .collect();
    json!({ "id": template.id, "name": template.name, "roles": roles })
}
