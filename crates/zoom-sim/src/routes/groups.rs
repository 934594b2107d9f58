//! Groups: list, get, members (list, add, delete) and admins (list, add, delete).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::paging::{PageMeta, PageRequest};
use super::params::{JsonBody, QueryParams};
use super::{AppState, listed};
use crate::clock::zoom_now;
use crate::error::ApiError;
use crate::pagination::{GROUP_PAGES, MEMBER_PAGES};
use crate::tenant::{Group, LicenseType, UserRef};

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

#[derive(Serialize)]
struct MemberRow<'a> {
    id: &'a str,
    email: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    #[serde(rename = "type")]
    license: LicenseType,
}

#[derive(Serialize)]
struct MemberList<'a> {
    members: Vec<MemberRow<'a>>,
    #[serde(flatten)]
    page: PageMeta,
}

/// `GET /groups/{groupId}/members`.
pub(crate) async fn members(
    State(state): State<AppState>,
    Path(group_id): Path<String>,
    query: QueryParams,
) -> Result<Response, ApiError> {
    let request = PageRequest::parse(
        &state,
        &query,
        format!("groupMembers:{group_id}"),
        MEMBER_PAGES,
    )?;
    let tenant = state.tenant.read();
    let page = tenant.group_members_page(&group_id, request.after(), request.size)?;
    let body = MemberList {
        page: request.meta(&state, &page),
        members: page
            .items
            .iter()
            .map(|u| MemberRow {
                id: &u.id,
                email: &u.email,
                first_name: &u.first_name,
                last_name: &u.last_name,
                license: u.license,
            })
            .collect(),
    };
    Ok(listed(page.items.len(), body))
}

/// One `{id}` or `{email}` item of a batch body.
#[derive(Deserialize)]
pub(crate) struct UserItem {
    id: Option<String>,
    email: Option<String>,
}

/// Checks a batch's size and turns its items into references (the id wins over the email).
pub(crate) fn user_refs(
    field: &str,
    items: Vec<UserItem>,
    max: usize,
) -> Result<Vec<UserRef>, ApiError> {
    if items.is_empty() {
        return Err(ApiError::invalid_field(
            field,
            "At least one item is required.",
        ));
    }
    if items.len() > max {
        return Err(ApiError::validation(format!(
            "Only {max} {field} can be added at a time."
        )));
    }
    items
        .into_iter()
        .map(|item| {
            match (
                item.id.filter(|s| !s.is_empty()),
                item.email.filter(|s| !s.is_empty()),
            ) {
                (Some(id), _) => Ok(UserRef::Id(id)),
                (None, Some(email)) => Ok(UserRef::Email(email)),
                (None, None) => Err(ApiError::invalid_field(
                    format!("{field}.id"),
                    "Either id or email is required.",
                )),
            }
        })
        .collect()
}

/// The 201 body of Zoom's batch adds: the newly added ids, comma-joined.
#[derive(Serialize)]
struct Added {
    ids: String,
    added_at: String,
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
    let added = state.tenant.write().add_group_members(&group_id, &refs)?;
    Ok((
        StatusCode::CREATED,
        Json(Added {
            ids: added.join(","),
            added_at: zoom_now(),
        }),
    )
        .into_response())
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
    let request = PageRequest::parse(
        &state,
        &query,
        format!("groupAdmins:{group_id}"),
        MEMBER_PAGES,
    )?;
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
    let added = state.tenant.write().add_group_admins(&group_id, &refs)?;
    Ok((
        StatusCode::CREATED,
        Json(Added {
            ids: added.join(","),
            added_at: zoom_now(),
        }),
    )
        .into_response())
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
