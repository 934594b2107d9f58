//! Contact groups: list, members (list, add, remove). Members are listed under
//! `group_members`, the key of Zoom's current payloads (older specs said `members`).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::listed;
use super::paging::PageRequest;
use super::params::{JsonBody, QueryParams};
use crate::error::ApiError;
use crate::pagination::CONTACT_PAGES;
use crate::state::AppState;
use crate::tenant::{ContactMember, ContactMemberType};

#[derive(Serialize)]
struct ContactGroupRow<'a> {
    group_id: &'a str,
    group_name: &'a str,
    group_privacy: u8,
    description: &'a str,
}

#[derive(Serialize)]
struct ContactGroupList<'a> {
    groups: Vec<ContactGroupRow<'a>>,
    next_page_token: String,
    page_size: usize,
}

/// `GET /contacts/groups`.
pub(crate) async fn list(
    State(state): State<AppState>,
    query: QueryParams,
) -> Result<Response, ApiError> {
    let request = PageRequest::parse(&state, &query, "contactGroups".into(), CONTACT_PAGES)?;
    let tenant = state.tenant.read();
    let page = tenant.contact_groups_page(request.after(), request.size);
    let body = ContactGroupList {
        next_page_token: request.next_token(&state, &page),
        page_size: request.size,
        groups: page
            .items
            .iter()
            .map(|g| ContactGroupRow {
                group_id: &g.id,
                group_name: &g.name,
                group_privacy: g.privacy,
                description: &g.description,
            })
            .collect(),
    };
    Ok(listed(page.items.len(), body))
}

#[derive(Serialize)]
struct MemberList<'a> {
    group_members: &'a [&'a ContactMember],
    next_page_token: String,
    page_size: usize,
}

/// `GET /contacts/groups/{groupId}/members`.
pub(crate) async fn members(
    State(state): State<AppState>,
    Path(group_id): Path<String>,
    query: QueryParams,
) -> Result<Response, ApiError> {
    let request = PageRequest::parse_under(
        &state,
        &query,
        "contactGroupMembers",
        &group_id,
        CONTACT_PAGES,
    )?;
    let tenant = state.tenant.read();
    let page = tenant.contact_members_page(&group_id, request.after(), request.size)?;
    let body = MemberList {
        group_members: &page.items,
        next_page_token: request.next_token(&state, &page),
        page_size: request.size,
    };
    Ok(listed(page.items.len(), body))
}

#[derive(Deserialize)]
pub(crate) struct AddBody {
    #[serde(default)]
    group_members: Vec<AddItem>,
}

#[derive(Deserialize)]
struct AddItem {
    #[serde(rename = "type")]
    member_type: u8,
    id: String,
}

#[derive(Serialize)]
struct Added {
    member_ids: Vec<String>,
}

/// At most this many users per add call.
const MAX_USERS_PER_ADD: usize = 50;
/// At most this many groups per add call.
const MAX_GROUPS_PER_ADD: usize = 3;
/// At most this many ids per remove call.
const MAX_IDS_PER_REMOVE: usize = 20;

/// `POST /contacts/groups/{groupId}/members`: up to 50 users and 3 groups per call.
pub(crate) async fn add_members(
    State(state): State<AppState>,
    Path(group_id): Path<String>,
    JsonBody(body): JsonBody<AddBody>,
) -> Result<Response, ApiError> {
    if body.group_members.is_empty() {
        return Err(ApiError::invalid_field(
            "group_members",
            "At least one item is required.",
        ));
    }
    let members = body
        .group_members
        .into_iter()
        .map(|item| {
            let kind = ContactMemberType::try_from(item.member_type)
                .map_err(|_| ApiError::invalid_field("group_members.type", "Invalid field."))?;
            Ok((kind, item.id))
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let users = members
        .iter()
        .filter(|(k, _)| *k == ContactMemberType::User)
        .count();
    if users > MAX_USERS_PER_ADD || members.len() - users > MAX_GROUPS_PER_ADD {
        return Err(ApiError::validation(format!(
            "A maximum of {MAX_USERS_PER_ADD} users and {MAX_GROUPS_PER_ADD} groups can be added at a time."
        )));
    }
    let member_ids = state
        .tenant
        .write()
        .add_contact_members(&group_id, &members)?;
    Ok((StatusCode::CREATED, Json(Added { member_ids })).into_response())
}

/// `DELETE /contacts/groups/{groupId}/members?member_ids=a,b`: up to 20 ids per call.
pub(crate) async fn remove_members(
    State(state): State<AppState>,
    Path(group_id): Path<String>,
    query: QueryParams,
) -> Result<StatusCode, ApiError> {
    let ids: Vec<String> = query
        .get("member_ids")
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect();
    if ids.is_empty() {
        return Err(ApiError::invalid_field(
            "member_ids",
            "At least one id is required.",
        ));
    }
    if ids.len() > MAX_IDS_PER_REMOVE {
        return Err(ApiError::validation(format!(
            "A maximum of {MAX_IDS_PER_REMOVE} members can be removed at a time."
        )));
    }
    state
        .tenant
        .write()
        .remove_contact_members(&group_id, &ids)?;
    Ok(StatusCode::NO_CONTENT)
}
