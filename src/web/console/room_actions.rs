//! What the console's room page changes: its settings, its removal, a role's rotate and revoke
//! buttons, and decisions on who waits in its lobby. Each is a checked form (see `Posted`) and
//! answers with the room's page again, saying what was done.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};

use super::form::Posted;
use crate::domain::{AccessPolicy, CspSource, RoleName, RoomName};
use crate::portal::{Codes, RoomChange};
use crate::web::error::WebError;
use crate::web::pages::html::see_other;
use crate::web::state::AppState;

/// The settings form: title, index, open, policies, framing sites.
pub async fn update(
    state: web::Data<AppState>,
    path: web::Path<String>,
    Posted { user, fields }: Posted,
) -> Result<HttpResponse, WebError> {
    let room = RoomName::parse(&path)?;
    let title = fields.text("title").map(str::to_owned);
    if title
        .as_deref()
        .is_some_and(|t| t.chars().count() > 200 || t.chars().any(char::is_control))
    {
        return Err(WebError::BadRequest(
            "a title is at most 200 characters, on one line".into(),
        ));
    }
    let mut policies = BTreeMap::new();
    for (role, value) in fields.with_prefix("policy.") {
        let role = RoleName::parse(role)?;
        let policy = match value {
            "default" => None,
            other => Some(
                serde_json::from_value::<AccessPolicy>(serde_json::Value::from(other))
                    .map_err(|_| WebError::BadRequest(format!("{other:?} is not a policy")))?,
            ),
        };
        policies.insert(role, policy);
    }
    let frame_ancestors = fields
        .get("frame_ancestors")
        .unwrap_or_default()
        .split_whitespace()
        .map(str::parse::<CspSource>)
        .collect::<Result<Vec<_>, _>>()
        .map_err(WebError::BadRequest)?;
    let change = RoomChange {
        title,
        listed: Some(fields.ticked("listed")),
        enabled: Some(fields.ticked("enabled")),
        policies: Some(policies),
        frame_ancestors: Some(frame_ancestors),
    };
    state
        .portal
        .rooms()
        .update(&room, change, user.actor.clone())
        .await?;
    Ok(see_other(&format!("/admin/rooms/{room}?done=saved")).finish())
}

pub async fn delete(
    state: web::Data<AppState>,
    path: web::Path<String>,
    Posted { user, fields }: Posted,
) -> Result<HttpResponse, WebError> {
    let room = RoomName::parse(&path)?;
    state
        .portal
        .rooms()
        .delete(&room, fields.ticked("disable_in_100ms"), user.actor.clone())
        .await?;
    Ok(see_other("/admin?done=removed").finish())
}

/// Admit or turn away someone waiting in the room's lobby.
pub async fn lobby_decision(
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    Posted { user, fields }: Posted,
) -> Result<HttpResponse, WebError> {
    let (room, ticket, action) = path.into_inner();
    let room = RoomName::parse(&room)?;
    let admit = match action.as_str() {
        "admit" => true,
        "deny" => false,
        _ => return Err(WebError::NotFound),
    };
    state
        .portal
        .lobby()
        .decide(&room, &ticket, admit, fields.text("message"), user.actor)
        .await?;
    let done = if admit { "admitted" } else { "denied" };
    Ok(see_other(&format!("/admin/rooms/{room}?done={done}")).finish())
}

/// A role's button: `rotate` its code, or `revoke` its signed links and invitations.
pub async fn role_action(
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    Posted { user, .. }: Posted,
) -> Result<HttpResponse, WebError> {
    let (room, role, action) = path.into_inner();
    let (room, role) = (RoomName::parse(&room)?, RoleName::parse(&role)?);
    let rooms = state.portal.rooms();
    let done = match action.as_str() {
        "rotate" => {
            rooms
                .rotate(&room, &role, Codes::OfCodeRoles, user.actor)
                .await?;
            "rotated"
        }
        "revoke" => {
            rooms.revoke(&room, &role, user.actor).await?;
            "revoked"
        }
        _ => return Err(WebError::NotFound),
    };
    Ok(see_other(&format!("/admin/rooms/{room}?done={done}")).finish())
}
