//! What group and role member endpoints share: member rows and pages, and the `{id}` /
//! `{email}` items of batch adds.

use serde::{Deserialize, Serialize};

use super::listed;
use super::paging::{PageMeta, PageRequest};
use crate::error::ApiError;
use crate::state::Shared;
use crate::tenant::{LicenseType, Page, User, UserRef};
use axum::response::Response;

/// Which member listing a row belongs to: role members also carry the department.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MemberShape {
    /// `GET /groups/{groupId}/members`.
    Group,
    /// `GET /roles/{roleId}/members`.
    Role,
}

/// A user as member listings and `POST /users` show it.
#[derive(Serialize)]
pub(crate) struct UserSummary<'a> {
    id: &'a str,
    email: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    #[serde(rename = "type")]
    license: LicenseType,
    #[serde(skip_serializing_if = "Option::is_none")]
    department: Option<&'a str>,
}

impl<'a> UserSummary<'a> {
    pub(crate) fn of(user: &'a User) -> Self {
        UserSummary {
            id: &user.id,
            email: &user.email,
            first_name: &user.first_name,
            last_name: &user.last_name,
            license: user.license,
            department: None,
        }
    }
}

#[derive(Serialize)]
struct MemberList<'a> {
    members: Vec<UserSummary<'a>>,
    #[serde(flatten)]
    page: PageMeta,
}

/// The answer of a member listing.
pub(crate) fn member_list(
    state: &Shared,
    request: &PageRequest,
    page: &Page<&User>,
    shape: MemberShape,
) -> Response {
    let body = MemberList {
        page: request.meta(state, page),
        members: page
            .items
            .iter()
            .map(|u| UserSummary {
                department: (shape == MemberShape::Role).then_some(u.dept.as_str()),
                ..UserSummary::of(u)
            })
            .collect(),
    };
    listed(page.items.len(), body)
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
