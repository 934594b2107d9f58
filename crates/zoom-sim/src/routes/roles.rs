//! Roles (Zoom's Accounts API): list, get, members (list, assign, unassign). Shapes follow
//! Zoom's Accounts spec as its official SDK types it: roles are not paginated, role members
//! are, and an assignment answers `add_at` (sic), not `added_at`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::listed;
use super::members::{MemberShape, UserItem, member_list, user_refs};
use super::paging::PageRequest;
use super::params::{JsonBody, QueryParams};
use crate::clock::zoom_now;
use crate::error::ApiError;
use crate::pagination::MEMBER_PAGES;
use crate::state::AppState;
use crate::tenant::Role;

#[derive(Serialize)]
struct RoleRow<'a> {
    id: &'a str,
    name: &'a str,
    description: &'a str,
    #[serde(rename = "type")]
    role_type: &'a str,
    total_members: usize,
}

impl<'a> From<&'a Role> for RoleRow<'a> {
    fn from(role: &'a Role) -> Self {
        RoleRow {
            id: &role.id,
            name: &role.name,
            description: &role.description,
            role_type: &role.role_type,
            total_members: role.member_ids.len(),
        }
    }
}

#[derive(Serialize)]
struct RoleList<'a> {
    roles: Vec<RoleRow<'a>>,
    total_records: usize,
}

/// `GET /roles?type=common|iq`: all roles of that type, unpaginated.
pub(crate) async fn list(
    State(state): State<AppState>,
    query: QueryParams,
) -> Result<Response, ApiError> {
    let role_type = query.get("type").unwrap_or("common");
    if !matches!(role_type, "common" | "iq") {
        return Err(ApiError::invalid_field("type", "Invalid field."));
    }
    let tenant = state.tenant.read();
    let roles: Vec<RoleRow> = tenant
        .roles()
        .filter(|r| r.role_type == role_type)
        .map(RoleRow::from)
        .collect();
    let count = roles.len();
    Ok(listed(
        count,
        RoleList {
            roles,
            total_records: count,
        },
    ))
}

/// `GET /roles/{roleId}`'s answer, as Zoom's Accounts API types it: the list row with the
/// role's privileges and its sub-account privileges (never set here: the simulated account
/// is not a master account).
#[derive(Serialize)]
struct RoleDetail<'a> {
    #[serde(flatten)]
    row: RoleRow<'a>,
    privileges: &'a [String],
    sub_account_privileges: SubAccountPrivileges,
}

#[derive(Serialize)]
struct SubAccountPrivileges {
    second_level: u32,
}

/// `GET /roles/{roleId}`: 400/1034 for a role the account does not have.
pub(crate) async fn get(
    State(state): State<AppState>,
    Path(role_id): Path<String>,
) -> Result<Response, ApiError> {
    let tenant = state.tenant.read();
    let role = tenant.role_or_err(&role_id)?;
    let detail = RoleDetail {
        row: RoleRow::from(role),
        privileges: &role.privileges,
        sub_account_privileges: SubAccountPrivileges { second_level: 0 },
    };
    Ok(Json(detail).into_response())
}

/// `GET /roles/{roleId}/members`.
pub(crate) async fn members(
    State(state): State<AppState>,
    Path(role_id): Path<String>,
    query: QueryParams,
) -> Result<Response, ApiError> {
    let request = PageRequest::parse_under(&state, &query, "roleMembers", &role_id, MEMBER_PAGES)?;
    let tenant = state.tenant.read();
    let page = tenant.role_members_page(&role_id, request.after(), request.size)?;
    Ok(member_list(&state, &request, &page, MemberShape::Role))
}

#[derive(Deserialize)]
pub(crate) struct AssignBody {
    #[serde(default)]
    members: Vec<UserItem>,
}

#[derive(Serialize)]
struct Assigned {
    ids: String,
    add_at: String,
}

/// `POST /roles/{roleId}/members`: up to 30 per call.
pub(crate) async fn assign(
    State(state): State<AppState>,
    Path(role_id): Path<String>,
    JsonBody(body): JsonBody<AssignBody>,
) -> Result<Response, ApiError> {
    let refs = user_refs("members", body.members, 30)?;
    let changed = state.tenant.write().assign_role(&role_id, &refs)?;
    Ok((
        StatusCode::CREATED,
        Json(Assigned {
            ids: changed.join(","),
            add_at: zoom_now(),
        }),
    )
        .into_response())
}

/// `DELETE /roles/{roleId}/members/{memberId}`: the user falls back to Member.
pub(crate) async fn unassign(
    State(state): State<AppState>,
    Path((role_id, member_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    state.tenant.write().unassign_role(&role_id, &member_id)?;
    Ok(StatusCode::NO_CONTENT)
}
