//! Users: list, get, create, delete, update, update status.

use std::fmt::Write as _;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};

use super::ItemCount;
use super::members::UserSummary;
use super::paging::PageRequest;
use super::params::{JsonBody, QueryParams};
use crate::error::ApiError;
use crate::pagination::MEMBER_PAGES;
use crate::state::AppState;
use crate::tenant::{
    CreateAction, DeleteAction, LicenseType, NewUser, User, UserPatch, UserStatus,
};

/// A user as `GET /users` lists it. Pending users are listed without `id` and `pmi`.
#[derive(Serialize)]
struct UserRow<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    first_name: &'a str,
    last_name: &'a str,
    display_name: &'a str,
    email: &'a str,
    #[serde(rename = "type")]
    license: LicenseType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pmi: Option<u64>,
    timezone: &'a str,
    verified: u8,
    dept: &'a str,
    user_created_at: &'a str,
    /// Deprecated twin of `user_created_at`, still sent by Zoom.
    created_at: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_login_time: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_client_version: Option<&'a str>,
    group_ids: Vec<&'a str>,
    im_group_ids: [&'a str; 0],
    role_id: &'a str,
    role_name: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    employee_unique_id: Option<&'a str>,
}

impl<'a> UserRow<'a> {
    fn of(user: &'a User, with_id: bool) -> Self {
        let listed = user.status != UserStatus::Pending;
        UserRow {
            id: (with_id || listed).then_some(user.id.as_str()),
            first_name: &user.first_name,
            last_name: &user.last_name,
            display_name: &user.display_name,
            email: &user.email,
            license: user.license,
            pmi: listed.then_some(user.pmi),
            timezone: &user.timezone,
            verified: user.verified,
            dept: &user.dept,
            user_created_at: &user.user_created_at,
            created_at: &user.user_created_at,
            last_login_time: user.last_login_time.as_deref(),
            last_client_version: user.last_client_version.as_deref(),
            group_ids: user.group_ids.iter().map(String::as_str).collect(),
            im_group_ids: [],
            role_id: &user.role_id,
            role_name: &user.role_name,
            status: user.status.as_str(),
            employee_unique_id: user.employee_unique_id.as_deref(),
        }
    }
}

/// `GET /users/{userId}`: the list row plus account and profile fields.
#[derive(Serialize)]
struct UserDetail<'a> {
    #[serde(flatten)]
    row: UserRow<'a>,
    account_id: &'a str,
    language: &'a str,
    login_types: [u32; 1],
    use_pmi: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    personal_meeting_url: Option<String>,
    jid: String,
    phone_numbers: [(); 0],
    cluster: &'static str,
}

/// `GET /users`. The body is assembled from each user's cached row, so a page costs little
/// more than copying bytes.
pub(crate) async fn list(
    State(state): State<AppState>,
    query: QueryParams,
) -> Result<Response, ApiError> {
    let status = match query.get("status") {
        None => UserStatus::Active,
        Some(value) => UserStatus::parse(value)
            .ok_or_else(|| ApiError::invalid_field("status", "Invalid field."))?,
    };
    let role_id = query.get("role_id");
    let listing = format!("users:{}:{}", status.as_str(), role_id.unwrap_or(""));
    let request = PageRequest::parse(&state, &query, listing, MEMBER_PAGES)?;
    let tenant = state.tenant.read();
    let page = tenant.users_page(status, role_id, request.after(), request.size);
    let meta = request.meta(&state, &page);
    let mut body = String::with_capacity(256 + page.items.len() * 640);
    // Every interpolated value is a number or a base64url token: nothing needs escaping.
    let _ = write!(
        body,
        r#"{{"page_count":{},"page_number":{},"page_size":{},"total_records":{},"next_page_token":"{}","users":["#,
        meta.page_count, meta.page_number, meta.page_size, meta.total_records, meta.next_page_token
    );
    for (i, user) in page.items.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        body.push_str(
            &user
                .cached_row
                .get_or_render(|| render(&UserRow::of(user, false))),
        );
    }
    body.push_str("]}");
    let items = page.items.len();
    drop(tenant);
    Ok((
        Extension(ItemCount(items)),
        [(CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response())
}

fn render<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("user rows hold only strings and numbers")
}

/// `GET /users/{userId}` (id or email).
pub(crate) async fn get(
    State(state): State<AppState>,
    Path(user_id): Path<String>,
) -> Result<Response, ApiError> {
    let tenant = state.tenant.read();
    let user = tenant
        .user(&user_id)
        .ok_or_else(|| crate::tenant::TenantError::UserNotFound(user_id.clone()))?;
    let detail = UserDetail {
        row: UserRow::of(user, true),
        account_id: tenant.account_id(),
        language: &user.language,
        login_types: [if user.employee_unique_id.is_some() {
            101
        } else {
            100
        }],
        use_pmi: false,
        personal_meeting_url: (user.pmi != 0).then(|| format!("https://zoom.us/j/{}", user.pmi)),
        jid: format!("{}@xmpp.zoom.us", user.id.to_ascii_lowercase()),
        phone_numbers: [],
        cluster: "us06",
    };
    Ok(Json(detail).into_response())
}

#[derive(Deserialize)]
pub(crate) struct CreateBody {
    action: String,
    user_info: Option<UserInfo>,
}

#[derive(Deserialize)]
pub(crate) struct UserInfo {
    email: String,
    #[serde(rename = "type")]
    license: i64,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    display_name: Option<String>,
    password: Option<String>,
}

/// `POST /users`.
pub(crate) async fn create(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<CreateBody>,
) -> Result<Response, ApiError> {
    let action = CreateAction::parse(&body.action)
        .ok_or_else(|| ApiError::invalid_field("action", "Invalid field."))?;
    let info = body
        .user_info
        .ok_or_else(|| ApiError::invalid_field("user_info", "Invalid field."))?;
    let license = LicenseType::from_code(info.license)
        .ok_or_else(|| ApiError::invalid_field("user_info.type", "Invalid field."))?;
    if !plausible_email(&info.email) {
        return Err(ApiError::invalid_field("user_info.email", "Invalid field."));
    }
    check_lengths(&[
        ("user_info.first_name", &info.first_name, 64),
        ("user_info.last_name", &info.last_name, 64),
        (
            "user_info.display_name",
            info.display_name.as_deref().unwrap_or(""),
            128,
        ),
    ])?;
    if let Some(password) = &info.password
        && !(8..=32).contains(&password.chars().count())
    {
        return Err(ApiError::validation(
            "Invalid password: it must be 8 to 32 characters long.",
        ));
    }
    let new = NewUser {
        email: info.email,
        license,
        first_name: info.first_name,
        last_name: info.last_name,
        display_name: info.display_name,
    };
    let invite = action == CreateAction::Create;
    if invite {
        state.invites.take().map_err(ApiError::over_daily_invites)?;
    }
    let mut tenant = state.tenant.write();
    let user = match tenant.create_user(action, new) {
        Ok(user) => user,
        Err(error) => {
            if invite {
                state.invites.refund();
            }
            return Err(error.into());
        }
    };
    Ok((StatusCode::CREATED, Json(UserSummary::of(user))).into_response())
}

fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= 128
        && !local.is_empty()
        && domain.contains('.')
        && !email.contains(char::is_whitespace)
}

fn check_lengths(fields: &[(&str, &str, usize)]) -> Result<(), ApiError> {
    match fields
        .iter()
        .find(|(_, value, max)| value.chars().count() > *max)
    {
        Some((field, _, max)) => Err(ApiError::invalid_field(
            *field,
            format!("Must be at most {max} characters."),
        )),
        None => Ok(()),
    }
}

/// `DELETE /users/{userId}`.
pub(crate) async fn delete(
    State(state): State<AppState>,
    Path(user_id): Path<String>,
    query: QueryParams,
) -> Result<StatusCode, ApiError> {
    let action = match query.get("action") {
        None | Some("disassociate") => DeleteAction::Disassociate,
        Some("delete") => DeleteAction::Delete,
        Some(_) => return Err(ApiError::invalid_field("action", "Invalid field.")),
    };
    let transfers = [
        "transfer_meeting",
        "transfer_webinar",
        "transfer_recording",
        "transfer_whiteboard",
        "transfer_clipfiles",
        "transfer_notes",
        "transfer_visitors",
        "transfer_docs",
    ];
    let transfer_email = query.get("transfer_email");
    if transfer_email.is_none() && transfers.iter().any(|t| query.flag(t)) {
        return Err(ApiError::validation(
            "transfer_email is required when transferring data.",
        ));
    }
    let mut tenant = state.tenant.write();
    let user = tenant
        .user(&user_id)
        .ok_or_else(|| crate::tenant::TenantError::UserNotFound(user_id.clone()))?;
    if user.status == UserStatus::Pending && action == DeleteAction::Delete {
        return Err(ApiError::validation(
            "Pending users can only be removed with action=disassociate.",
        ));
    }
    if let Some(target) = transfer_email {
        if target.eq_ignore_ascii_case(&user.email) {
            return Err(ApiError::validation(
                "The transfer email cannot be the user's own email.",
            ));
        }
        if tenant.user(target).is_none() {
            return Err(crate::tenant::TenantError::UserNotFound(target.to_owned()).into());
        }
    }
    tenant.delete_user(&user_id, action)?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub(crate) struct PatchBody {
    first_name: Option<String>,
    last_name: Option<String>,
    display_name: Option<String>,
    dept: Option<String>,
    timezone: Option<String>,
    language: Option<String>,
    #[serde(rename = "type")]
    license: Option<i64>,
    group_id: Option<String>,
}

/// `PATCH /users/{userId}`: profile fields, the licence type, and `group_id` for a pending
/// user.
pub(crate) async fn update(
    State(state): State<AppState>,
    Path(user_id): Path<String>,
    JsonBody(body): JsonBody<PatchBody>,
) -> Result<StatusCode, ApiError> {
    let license = body
        .license
        .map(|code| {
            LicenseType::from_code(code)
                .ok_or_else(|| ApiError::invalid_field("type", "Invalid field."))
        })
        .transpose()?;
    check_lengths(&[
        ("first_name", body.first_name.as_deref().unwrap_or(""), 64),
        ("last_name", body.last_name.as_deref().unwrap_or(""), 64),
        (
            "display_name",
            body.display_name.as_deref().unwrap_or(""),
            128,
        ),
    ])?;
    let patch = UserPatch {
        first_name: body.first_name,
        last_name: body.last_name,
        display_name: body.display_name,
        dept: body.dept,
        timezone: body.timezone,
        language: body.language,
        license,
        group_id: body.group_id,
    };
    state.tenant.write().update_user(&user_id, patch)?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub(crate) struct StatusBody {
    action: String,
}

/// `PUT /users/{userId}/status`: 200 with an empty body.
pub(crate) async fn update_status(
    State(state): State<AppState>,
    Path(user_id): Path<String>,
    JsonBody(body): JsonBody<StatusBody>,
) -> Result<StatusCode, ApiError> {
    let active = match body.action.as_str() {
        "activate" => true,
        "deactivate" => false,
        _ => return Err(ApiError::invalid_field("action", "Invalid field.")),
    };
    state.tenant.write().set_user_active(&user_id, active)?;
    Ok(StatusCode::OK)
}
