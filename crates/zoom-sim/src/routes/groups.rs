//! Groups: list, get, members (list, add, delete) and admins (list, add, delete).

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
use crate::pagination::{GROUP_PAGES, MEMBER_PAGES};
use crate::state::AppState;
use crate::tenant::Group;

#[derive(Serialize)]
struct GroupRow<'a> {
    id: &'a str,
    name: &'a str,
    total_members: usize,
}

impl<'a> From<&'a Group> for GroupRow<'a> {
    fn from(group: &'a Group) -> Self {
        GroupRow {
            id: &group.id,
            name: &group.name,
            total_members: group.member_ids.len(),
        }
    }
}

#[derive(Serialize)]
struct GroupList<'a> {
    groups: Vec<GroupRow<'a>>,
    total_records: usize,
    next_page_token: String,
}

/// `GET /groups`: every group unless `page_size` is given.
pub(crate) async fn list(
    State(state): State<AppState>,
    query: QueryParams,
) -> Result<Response, ApiError> {
    let request = PageRequest::parse(&state, &query, "groups".into(), GROUP_PAGES)?;
    let tenant = state.tenant.read();
    let page = tenant.groups_page(request.after(), request.size);
    let body = GroupList {
        next_page_token: request.next_token(&state, &page),
        total_records: page.total,
        groups: page.items.iter().map(|g| GroupRow::from(*g)).collect(),
    };
    Ok(listed(page.items.len(), body))
}

/// `GET /groups/{groupId}`.
pub(crate) async fn get(
    State(state): State<AppState>,
    Path(group_id): Path<String>,
) -> Result<Response, ApiError> {
    let tenant = state.tenant.read();
    let group = tenant.group_or_err(&group_id)?;
    Ok(Json(GroupRow::from(group)).into_response())
}

/// `GET /groups/{groupId}/members`.
pub(crate) async fn members(
    State(state): State<AppState>,
    Path(group_id): Path<String>,
    query: QueryParams,
) -> Result<Response, ApiError> {
    let request =
        PageRequest::parse_under(&state, &query, "groupMembers", &group_id, MEMBER_PAGES)?;
    let tenant = state.tenant.read();
    let page = tenant.group_members_page(&group_id, request.after(), request.size)?;
    Ok(member_list(&state, &request, &page, MemberShape::Group))
}

/// The 201 body of Zoom's group batch adds: the newly added ids, comma-joined.
#[derive(Serialize)]
struct Added {
    ids: String,
    added_at: String,
}

fn added(ids: &[String]) -> Response {
    let body = Added {
        ids: ids.join(","),
        added_at: zoom_now(),
    };
    (StatusCode::CREATED, Json(body)).into_response()
}

#[derive(Deserialize)]
pub(crate) struct MembersBody {
    #[serde(default)]
    members: Vec<UserItem>,
}

/// `POST /groups/{groupId}/members`: up to 30 per call.
pub(crate) async fn add_members(
    State(state): State<AppState>,
    Path(group_id): Path<String>,
    JsonBody(body): JsonBody<MembersBody>,
) -> Result<Response, ApiError> {
    let refs = user_refs("members", body.members, 30)?;
    let ids = state.tenant.write().add_group_members(&group_id, &refs)?;
    Ok(added(&ids))
}

/// `DELETE /groups/{groupId}/members/{memberId}`.
pub(crate) async fn delete_member(
    State(state): State<AppState>,
    Path((group_id, member_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    state
        .tenant
        .write()
        .remove_group_member(&group_id, &member_id)?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize)]
struct AdminRow<'a> {
    email: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct AdminList<'a> {
    admins: Vec<AdminRow<'a>>,
    next_page_token: String,
    page_size: usize,
    total_records: usize,
}

/// `GET /groups/{groupId}/admins`: admins by email and name (no id, as on Zoom).
pub(crate) async fn admins(
    State(state): State<AppState>,
    Path(group_id): Path<String>,
    query: QueryParams,
) -> Result<Response, ApiError> {
    let request = PageRequest::parse_under(&state, &query, "groupAdmins", &group_id, MEMBER_PAGES)?;
    let tenant = state.tenant.read();
    let page = tenant.group_admins_page(&group_id, request.after(), request.size)?;
    let body = AdminList {
        next_page_token: request.next_token(&state, &page),
        page_size: request.size,
        total_records: page.total,
        admins: page
            .items
            .iter()
            .map(|u| AdminRow {
                email: &u.email,
                name: &u.display_name,
            })
            .collect(),
    };
    Ok(listed(page.items.len(), body))
}

#[derive(Deserialize)]
pub(crate) struct AdminsBody {
    #[serde(default)]
    admins: Vec<UserItem>,
}

/// `POST /groups/{groupId}/admins`: up to 10 per call.
pub(crate) async fn add_admins(
    State(state): State<AppState>,
    Path(group_id): Path<String>,
    JsonBody(body): JsonBody<AdminsBody>,
) -> Result<Response, ApiError> {
    let refs = user_refs("admins", body.admins, 10)?;
    let ids = state.tenant.write().add_group_admins(&group_id, &refs)?;
    Ok(added(&ids))
}

/// `DELETE /groups/{groupId}/admins/{userId}`.
pub(crate) async fn delete_admin(
    State(state): State<AppState>,
    Path((group_id, user_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    state
        .tenant
        .write()
        .remove_group_admin(&group_id, &user_id)?;
    Ok(StatusCode::NO_CONTENT)
}
