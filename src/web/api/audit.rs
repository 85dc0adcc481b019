//! `/api/v1/audit`: who did what, newest first.

use actix_web::web;

use super::input::{Params, page};

use super::openapi::{AdminErrors, StoreErrors};
use super::types::AuditQuery;
use crate::portal::AuditRecord;
use crate::web::error::ApiError;
use crate::web::state::AppState;

/// The audit log: rooms created, codes rotated, links signed and revoked, invitations issued,
/// used and revoked, caches purged; with time, actor and subject.
#[utoipa::path(
    get, path = "/api/v1/audit", tag = "audit", params(AuditQuery),
    responses(
        (status = 200, description = "Audit lines, newest first", body = Vec<AuditRecord>),
        AdminErrors, StoreErrors,
    ),
    security(("admin_token" = []))
)]
pub(super) async fn list(
    state: web::Data<AppState>,
    query: Params<AuditQuery>,
) -> Result<web::Json<Vec<AuditRecord>>, ApiError> {
    let (limit, offset) = page(query.limit, query.offset, (100, 1000))?;
    let lines = state.portal.rooms().audit_log(limit, offset).await?;
    Ok(web::Json(lines))
}
