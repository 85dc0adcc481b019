//! The admin API's request and response bodies and path parameters, with their OpenAPI schemas.

use serde::{Deserialize, Serialize};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::{IntoParams, PartialSchema, ToSchema};

use std::collections::BTreeMap;

use crate::domain::{AccessPolicy, CspSource, Lifetime, RoleName, RoomName};
use crate::portal::Codes;

/// The schema of a room name: what `RoomName::parse` accepts (before lowercasing).
pub struct RoomNameSchema;

impl PartialSchema for RoomNameSchema {
    fn schema() -> RefOr<Schema> {
        text_schema(
            r"^[A-Za-z0-9.:_-]*[A-Za-z0-9][A-Za-z0-9.:_-]*$",
            RoomName::MAX_LEN,
        )
    }
}

impl ToSchema for RoomNameSchema {}

/// The schema of a role name: what `RoleName::parse` accepts.
pub struct RoleNameSchema;

impl PartialSchema for RoleNameSchema {
    fn schema() -> RefOr<Schema> {
        text_schema(r"^[A-Za-z0-9_-]{1,64}$", RoleName::MAX_LEN)
    }
}

impl ToSchema for RoleNameSchema {}

/// The schema of a lifetime: whole seconds, or a number with a unit.
pub struct LifetimeSchema;

impl PartialSchema for LifetimeSchema {
    fn schema() -> RefOr<Schema> {
        // The served document states the configured maximum (`access.max_link_ttl_secs`); the
        // text forms are those that stay within the default 30 days.
        let seconds = ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(1))
            .maximum(Some(2_592_000));
        let text = ObjectBuilder::new().schema_type(Type::String).pattern(Some(
            r"^([1-9][0-9]{0,5}s|[1-9][0-9]{0,3}m|[1-9][0-9]?h|([1-9]|[12][0-9]|30)d)$",
        ));
        utoipa::openapi::schema::OneOfBuilder::new()
            .item(seconds)
            .item(text)
            .into()
    }
}

impl ToSchema for LifetimeSchema {}

/// The schema of a room's role policies: role names to policies.
pub struct RoleAccessSchema;

impl PartialSchema for RoleAccessSchema {
    fn schema() -> RefOr<Schema> {
        let role_name = ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(r"^[A-Za-z0-9_-]{1,64}$"))
            .max_length(Some(RoleName::MAX_LEN))
            .build();
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .property_names(Some(role_name))
            .additional_properties(Some(AccessPolicy::schema()))
            .into()
    }
}

impl ToSchema for RoleAccessSchema {}

fn text_schema(pattern: &str, max_length: usize) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(pattern))
        .max_length(Some(max_length))
        .into()
}

/// A room to create in 100ms (or update: 100ms treats an existing name as the same room).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRoom {
    /// The room's name, also its name in portal URLs.
    #[schema(
        inline, value_type = RoomNameSchema,
        example = "weekly-sync"
    )]
    pub name: String,
    /// The 100ms template; default `hms.template_id`.
    #[schema(pattern = r"^[A-Za-z0-9]{1,64}$")]
    pub template_id: Option<String>,
    #[schema(max_length = 1000)]
    pub description: Option<String>,
    /// Shown in page headers; default the name. Not blank, no control characters.
    #[schema(
        pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$",
        min_length = 1,
        max_length = 200,
        example = "Weekly sync"
    )]
    pub title: Option<String>,
    /// Show the room on the portal's index page. Default false.
    pub listed: Option<bool>,
    /// Policies of its roles in this room, over `[access]`.
    #[schema(inline, value_type = Option<RoleAccessSchema>, example = json!({"host": "signed"}))]
    pub access: Option<BTreeMap<RoleName, AccessPolicy>>,
}

/// A signed, expiring link to make.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewLink {
    #[schema(
        inline, value_type = RoomNameSchema,
        example = "demo"
    )]
    pub room: String,
    #[schema(inline, value_type = RoleNameSchema, example = "host")]
    pub role: String,
    /// How long the link stays valid: seconds, or text such as `"90s"`, `"5m"`, `"1h"`, `"30d"`;
    /// at most `access.max_link_ttl_secs` (longer is refused, naming the limit). `ttl_secs` is
    /// the same field's old name.
    #[schema(inline, value_type = LifetimeSchema, example = "1h")]
    #[serde(alias = "ttl_secs")]
    pub expires_in: Lifetime,
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
    /// The visitor waits in the room's lobby until a host lets them in (part of what the link
    /// signs; the room must have a lobby, else 409). Default false.
    pub lobby: Option<bool>,
}

/// JSON Schema counts `60.0` as an integer, so it is read as 60.
fn optional_whole_number<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<u64>, D::Error> {
    let number = Option::<serde_json::Number>::deserialize(deserializer)?;
    let Some(number) = number else {
        return Ok(None);
    };
    let whole = number.as_u64().or_else(|| {
        let float = number.as_f64()?;
        (float.fract() == 0.0 && (0.0..=u64::MAX as f64).contains(&float)).then_some(float as u64)
    });
    whole
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom("expected a whole number"))
}

/// Which cached codes to forget; without `room`, all of them.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PurgeRequest {
    #[schema(inline, value_type = Option<RoomNameSchema>, example = "demo")]
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
        inline, value_type = RoomNameSchema,
    )]
    pub room: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct RolePath {
    /// A configured room alias or a 100ms room name.
    #[param(
        inline, value_type = RoomNameSchema,
    )]
    pub room: String,
    /// A role of the room's template.
    #[param(inline, value_type = RoleNameSchema)]
    pub role: String,
}

/// Whether answers carry the room codes of roles that join with per-visit tokens.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CodesQuery {
    /// Also show the codes of roles that join with tokens (they never expire: whoever has one
    /// joins in that role). Default false.
    pub include_codes: Option<bool>,
}

impl CodesQuery {
    pub fn codes(&self) -> Codes {
        if self.include_codes == Some(true) {
            Codes::All
        } else {
            Codes::OfCodeRoles
        }
    }
}

/// An invitation to make.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewInvitation {
    #[schema(inline, value_type = RoomNameSchema, example = "demo")]
    pub room: String,
    #[schema(inline, value_type = RoleNameSchema, example = "host")]
    pub role: String,
    /// Whom it is for: shown on its page, and the name they join under. No control characters.
    #[schema(
        pattern = r"^[^\x00-\x1F\x7F-\x9F]*$",
        max_length = 100,
        example = "Ada Lovelace"
    )]
    pub name: Option<String>,
    /// A 100ms user id for the invitee (default: one derived from the invitation).
    #[schema(
        pattern = r"^[^\x00-\x20\x7F-\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$",
        max_length = 128
    )]
    pub user_id: Option<String>,
    /// How long it can be used: seconds, or text such as `"90s"`, `"5m"`, `"1h"`, `"30d"`; at
    /// most `access.max_link_ttl_secs` (longer is refused, naming the limit).
    #[schema(inline, value_type = LifetimeSchema, example = "7d")]
    #[serde(alias = "ttl_secs")]
    pub expires_in: Lifetime,
    /// How many times "Join" may be pressed; default any number until it expires.
    #[schema(minimum = 1, maximum = 1_000_000, example = 1)]
    #[serde(default, deserialize_with = "optional_whole_number")]
    pub max_uses: Option<u64>,
    /// For operators only; never shown to the invitee.
    #[schema(max_length = 500)]
    pub note: Option<String>,
    /// The invitee waits in the room's lobby after pressing Join, until a host lets them in
    /// (the room must have a lobby, else 409). Default false.
    pub lobby: Option<bool>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct InvitationPath {
    /// The invitation's id (22 URL-safe characters).
    #[param(pattern = r"^[A-Za-z0-9_-]{22}$")]
    pub id: String,
}

/// Which invitations to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InvitationQuery {
    /// Only this room's.
    #[param(inline, value_type = Option<RoomNameSchema>)]
    pub room: Option<String>,
    /// At most this many (1 to 500; default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
    /// Skip this many (the previous answer's `next_offset`).
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u32>,
}

/// A page of the audit log.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// At most this many lines (1 to 1000; default 100).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u32>,
}

/// The largest `offset` the list calls take.
pub const MAX_OFFSET: u32 = 1_000_000_000;

/// Which rooms to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoomsQuery {
    /// Part of a room's name or title, any case.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// At most this many (1 to 500; default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
    /// Skip this many.
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u32>,
}

/// What to change of a room made through the portal; absent fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoomPatch {
    /// Shown in page headers. Not blank, no control characters.
    #[schema(
        pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$",
        min_length = 1,
        max_length = 200,
        example = "Weekly sync"
    )]
    pub title: Option<String>,
    /// On the portal's index page.
    pub listed: Option<bool>,
    /// Served by the portal's pages; closing a room disables its 100ms codes.
    pub enabled: Option<bool>,
    /// Per role: its policy in this room, or `null` to fall back to `[access]`. A role that stops
    /// being public has its 100ms codes rotated; one turned `off`, disabled.
    #[schema(inline, value_type = Option<RolePolicyChangesSchema>, example = json!({"host": "signed", "guest": null}))]
    pub policies: Option<BTreeMap<RoleName, Option<AccessPolicy>>>,
    /// Sites that may frame the room's pages instead of `security.frame_ancestors` (`[]`: those).
    #[schema(value_type = Option<Vec<CspSourceSchema>>, max_items = 20, example = json!(["https://intranet.example.com"]))]
    pub frame_ancestors: Option<Vec<CspSource>>,
}

/// The schema of a CSP source: what `CspSource` parses.
pub struct CspSourceSchema;

impl PartialSchema for CspSourceSchema {
    fn schema() -> RefOr<Schema> {
        text_schema(CspSource::PATTERN, CspSource::MAX_LEN)
    }
}

impl ToSchema for CspSourceSchema {}

/// The schema of policy changes: role names to a policy or `null`.
pub struct RolePolicyChangesSchema;

impl PartialSchema for RolePolicyChangesSchema {
    fn schema() -> RefOr<Schema> {
        let role_name = ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(r"^[A-Za-z0-9_-]{1,64}$"))
            .max_length(Some(RoleName::MAX_LEN))
            .build();
        let policy_or_null = utoipa::openapi::schema::OneOfBuilder::new()
            .item(AccessPolicy::schema())
            .item(ObjectBuilder::new().schema_type(Type::Null))
            .build();
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .property_names(Some(role_name))
            .additional_properties(Some(Schema::OneOf(policy_or_null)))
            .into()
    }
}

impl ToSchema for RolePolicyChangesSchema {}

/// How to remove a room.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RemoveQuery {
    /// Also disable the room in 100ms (the only change the portal makes to a 100ms room).
    /// Default false: 100ms keeps the room; its codes are disabled either way.
    pub disable_in_100ms: Option<bool>,
}
