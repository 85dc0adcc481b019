//! The admin JSON API under `/api/v1`: create rooms and read their links, rotate codes, purge
//! the cache. Errors are `application/problem+json`; the OpenAPI document is generated from here.

mod auth;

use actix_web::http::Method;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi, ToSchema};

use super::AppState;
use crate::domain::{AccessPolicy, JoinOptions, PageKind, RoleName, RoomName};
use crate::error::{ApiError, Problem, WebError};
use crate::links::{RoleLink, RoomLinks, SignedLink};

pub use auth::AdminAuth;

/// Largest JSON body the API reads.
const BODY_LIMIT: usize = 16 * 1024;

pub fn configure(cfg: &mut web::ServiceConfig) {
    let json = web::JsonConfig::default()
        .limit(BODY_LIMIT)
        .error_handler(|error, _| ApiError(WebError::BadRequest(error.to_string())).into());
    cfg.service(
        web::scope("/api/v1")
            .app_data(json)
            .route("/openapi.json", web::get().to(openapi_document))
            .service(
                web::scope("")
                    .wrap(from_fn(auth::require_admin))
                    .service(only("/rooms", Method::POST).route(web::post().to(create_room)))
                    .service(
                        only("/rooms/{room}/links", Method::GET).route(web::get().to(room_links)),
                    )
                    .service(
                        only("/rooms/{room}/roles/{role}/rotate", Method::POST)
                            .route(web::post().to(rotate_code)),
                    )
                    .service(only("/cache/purge", Method::POST).route(web::post().to(purge_cache)))
                    .service(only("/links", Method::POST).route(web::post().to(sign_link)))
                    .default_service(web::to(api_not_found)),
            ),
    );
}

/// A resource answering 405 with `Allow` to every method but `allowed`.
fn only(path: &str, allowed: Method) -> actix_web::Resource {
    web::resource(path).default_service(web::to(move || {
        let allowed = allowed.clone();
        async move {
            let mut response = ApiError(WebError::MethodNotAllowed).error_response();
            if let Ok(value) = HeaderValue::from_str(allowed.as_str()) {
                response.headers_mut().insert(header::ALLOW, value);
            }
            response
        }
    }))
}

/// A room to create in 100ms (or update: 100ms treats an existing name as the same room).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRoom {
    /// The room's name, also its name in portal URLs.
    #[schema(
        pattern = r"^[A-Za-z0-9.:_-]*[A-Za-z0-9][A-Za-z0-9.:_-]*$",
        max_length = 100,
        example = "weekly-sync"
    )]
    pub name: String,
    /// The 100ms template; default `hms.template_id`.
    #[schema(pattern = r"^[A-Za-z0-9]{1,64}$")]
    pub template_id: Option<String>,
    #[schema(max_length = 1000)]
    pub description: Option<String>,
}

/// A signed, expiring link to make.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewLink {
    #[schema(
        pattern = r"^[A-Za-z0-9.:_-]*[A-Za-z0-9][A-Za-z0-9.:_-]*$",
        max_length = 100,
        example = "demo"
    )]
    pub room: String,
    #[schema(pattern = r"^[A-Za-z0-9_-]{1,64}$", example = "host")]
    pub role: String,
    /// Seconds the link stays valid; longer than `access.max_link_ttl_secs` is cut to it (the
    /// answer's `expires_at` says when the link ends).
    #[schema(minimum = 1, maximum = 315360000, example = 3600)]
    #[serde(deserialize_with = "whole_number")]
    pub ttl_secs: u64,
    /// A display name bound into the link: the visitor cannot change it. No control characters.
    #[schema(
        pattern = r"^[^\x00-\x1F\x7F-\x9F]*$",
        max_length = 100,
        example = "Ada Lovelace"
    )]
    pub name: Option<String>,
    /// A 100ms user id bound into the link: printable, without spaces.
    #[schema(
        pattern = r"^[^\x00-\x20\x7F-\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$",
        max_length = 128
    )]
    pub user_id: Option<String>,
    /// Skip Prebuilt's preview screen.
    pub skip_preview: Option<bool>,
    /// Link the embeddable page instead of the join page.
    pub embed: Option<bool>,
}

/// JSON Schema counts `60.0` as an integer, so it is read as 60.
fn whole_number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let number = serde_json::Number::deserialize(deserializer)?;
    if let Some(whole) = number.as_u64() {
        return Ok(whole);
    }
    match number.as_f64() {
        Some(float) if float.fract() == 0.0 && (0.0..=u64::MAX as f64).contains(&float) => {
            Ok(float as u64)
        }
        _ => Err(serde::de::Error::custom(
            "expected a whole number of seconds",
        )),
    }
}

/// Which cached codes to forget; without `room`, all of them.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PurgeRequest {
    #[schema(
        pattern = r"^[A-Za-z0-9.:_-]*[A-Za-z0-9][A-Za-z0-9.:_-]*$",
        max_length = 100,
        example = "demo"
    )]
    pub room: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PurgeResult {
    /// The room whose entries were dropped, or `null` for the whole cache.
    pub room: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct RoomPath {
    /// A configured room alias or a 100ms room name.
    #[param(
        pattern = r"^[A-Za-z0-9.:_-]*[A-Za-z0-9][A-Za-z0-9.:_-]*$",
        max_length = 100
    )]
    pub room: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct RolePath {
    /// A configured room alias or a 100ms room name.
    #[param(
        pattern = r"^[A-Za-z0-9.:_-]*[A-Za-z0-9][A-Za-z0-9.:_-]*$",
        max_length = 100
    )]
    pub room: String,
    /// A role of the room's template.
    #[param(pattern = r"^[A-Za-z0-9_-]{1,64}$")]
    pub role: String,
}

/// Create (or update) a room and answer every role's code and links.
#[utoipa::path(
    post, path = "/api/v1/rooms", tag = "rooms", request_body = NewRoom,
    responses(
        (status = 200, description = "The room and its links", body = RoomLinks),
        (status = 400, description = "Malformed request", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Missing or wrong token", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many calls from this address", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The room is disabled in 100ms", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The template does not exist in 100ms", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "100ms refused the change", body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "100ms failed", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "100ms unreachable", body = Problem, content_type = "application/problem+json"),
    ),
    security(("admin_token" = []))
)]
async fn create_room(
    state: web::Data<AppState>,
    body: web::Json<NewRoom>,
) -> Result<web::Json<RoomLinks>, ApiError> {
    let NewRoom {
        name,
        template_id,
        description,
    } = body.into_inner();
    let room = RoomName::parse(&name)?;
    if template_id.as_deref().is_some_and(|t| {
        t.is_empty() || t.len() > 64 || !t.bytes().all(|b| b.is_ascii_alphanumeric())
    }) {
        return Err(bad_request("template_id must be a 100ms template id"));
    }
    if description
        .as_deref()
        .is_some_and(|d| d.chars().count() > 1000)
    {
        return Err(bad_request(
            "description can be at most 1000 characters long",
        ));
    }
    state
        .resolver
        .create_room(&room, template_id, description)
        .await?;
    let links = state
        .links
        .room_links(&state.resolver, &state.access, &room)
        .await?;
    Ok(web::Json(links))
}

/// Every role's current code and links for an existing room.
#[utoipa::path(
    get, path = "/api/v1/rooms/{room}/links", tag = "rooms", params(RoomPath),
    responses(
        (status = 200, description = "The room and its links", body = RoomLinks),
        (status = 400, description = "Malformed room name", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Missing or wrong token", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many calls from this address", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The room is disabled in 100ms", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such room", body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "100ms failed", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "100ms unreachable", body = Problem, content_type = "application/problem+json"),
    ),
    security(("admin_token" = []))
)]
async fn room_links(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<web::Json<RoomLinks>, ApiError> {
    let room = RoomName::parse(&path)?;
    let links = state
        .links
        .room_links(&state.resolver, &state.access, &room)
        .await?;
    Ok(web::Json(links))
}

/// Disable the role's current code in 100ms and hand out a new one from now on.
#[utoipa::path(
    post, path = "/api/v1/rooms/{room}/roles/{role}/rotate", tag = "rooms", params(RolePath),
    responses(
        (status = 200, description = "The role's new code and links", body = RoleLink),
        (status = 400, description = "Malformed room or role", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Missing or wrong token", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many calls from this address", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The room is disabled in 100ms", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such room or role", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "100ms refused a new code (e.g. the room has 100 codes)", body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "100ms failed", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "100ms unreachable", body = Problem, content_type = "application/problem+json"),
    ),
    security(("admin_token" = []))
)]
async fn rotate_code(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<web::Json<RoleLink>, ApiError> {
    let room = RoomName::parse(&path.0)?;
    let role = RoleName::parse(&path.1)?;
    let resolved = state.resolver.rotate(&room, &role).await?;
    Ok(web::Json(state.links.role_link(
        &room,
        &resolved,
        &state.access,
    )))
}

/// Forget cached codes, so the next visit asks 100ms again.
#[utoipa::path(
    post, path = "/api/v1/cache/purge", tag = "cache",
    request_body(content = Option<PurgeRequest>, description = "Optional; an empty body purges everything"),
    responses(
        (status = 200, description = "What was purged", body = PurgeResult),
        (status = 400, description = "Malformed request", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Missing or wrong token", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many calls from this address", body = Problem, content_type = "application/problem+json"),
    ),
    security(("admin_token" = []))
)]
async fn purge_cache(
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<web::Json<PurgeResult>, ApiError> {
    let request: PurgeRequest = if body.iter().all(u8::is_ascii_whitespace) {
        PurgeRequest::default()
    } else {
        // Only `null` or an object: serde would also read a struct from an array.
        match serde_json::from_slice::<serde_json::Value>(&body) {
            Ok(serde_json::Value::Null) => PurgeRequest::default(),
            Ok(value @ serde_json::Value::Object(_)) => {
                serde_json::from_value(value).map_err(|e| bad_request(&e.to_string()))?
            }
            Ok(_) => return Err(bad_request("expected a JSON object")),
            Err(e) => return Err(bad_request(&e.to_string())),
        }
    };
    let room = request.room.as_deref().map(RoomName::parse).transpose()?;
    state.resolver.purge(room.as_ref()).await;
    Ok(web::Json(PurgeResult {
        room: room.map(|r| r.to_string()),
    }))
}

/// Make a signed link that opens one role until it expires, exactly as made.
#[utoipa::path(
    post, path = "/api/v1/links", tag = "links", request_body = NewLink,
    responses(
        (status = 200, description = "The signed link", body = SignedLink),
        (status = 400, description = "Malformed request", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Missing or wrong token", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many calls from this address", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such room, or the role is off", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No signing key is configured", body = Problem, content_type = "application/problem+json"),
    ),
    security(("admin_token" = []))
)]
async fn sign_link(
    state: web::Data<AppState>,
    body: web::Json<NewLink>,
) -> Result<web::Json<SignedLink>, ApiError> {
    let request = body.into_inner();
    let room = RoomName::parse(&request.room)?;
    let role = RoleName::parse(&request.role)?;
    let skip_preview = request.skip_preview.map(|s| if s { "1" } else { "0" });
    let options = JoinOptions::parse(
        request.name.as_deref(),
        request.user_id.as_deref(),
        skip_preview,
    )?;
    let kind = if request.embed == Some(true) {
        PageKind::Embed
    } else {
        PageKind::Join
    };
    let link = state.links.signed_link(
        &state.resolver,
        &state.access,
        kind,
        &room,
        &role,
        &options,
        request.ttl_secs,
    )?;
    Ok(web::Json(link))
}

async fn api_not_found() -> Result<HttpResponse, ApiError> {
    Err(ApiError(WebError::NotFound))
}

/// The OpenAPI 3 document; there only while the API is on.
async fn openapi_document(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let enabled = req
        .app_data::<web::Data<AdminAuth>>()
        .is_some_and(|auth| auth.enabled());
    if !enabled {
        return Err(ApiError(WebError::NotFound));
    }
    Ok(HttpResponse::Ok().json(ApiDoc::openapi()))
}

fn bad_request(reason: &str) -> ApiError {
    ApiError(WebError::BadRequest(reason.to_owned()))
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "prebuilt-portal admin API",
        description = "Create 100ms rooms and their links, rotate room codes, purge the portal's cache. \
                       Every call needs `Authorization: Bearer <admin.token>`."
    ),
    paths(create_room, room_links, rotate_code, purge_cache, sign_link),
    components(schemas(NewRoom, RoomLinks, RoleLink, PurgeRequest, PurgeResult, NewLink, SignedLink, AccessPolicy, Problem)),
    modifiers(&BearerToken),
    tags(
        (name = "rooms", description = "Rooms, codes and links"),
        (name = "links", description = "Signed, expiring links"),
        (name = "cache", description = "The portal's code cache")
    )
)]
pub struct ApiDoc;

struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "admin_token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
