//! Errors: the API's error answer (Zoom's `{code, message}` body) and the library's own error.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::tenant::TenantError;

/// An error answer of the simulated API, rendered as Zoom renders them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Zoom's error code.
    pub code: u32,
    /// Zoom's message.
    pub message: String,
    /// Field-level details of a validation failure.
    pub errors: Vec<FieldError>,
}

/// One field of a failed validation, as Zoom lists them under `errors`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field, e.g. `members`.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

#[derive(Serialize)]
struct Body<'a> {
    code: u32,
    message: &'a str,
    #[serde(skip_serializing_if = "<[FieldError]>::is_empty")]
    errors: &'a [FieldError],
}

impl ApiError {
    /// An error with no field details.
    pub fn new(status: StatusCode, code: u32, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            errors: Vec::new(),
        }
    }

    /// 401/124: the token is unknown or revoked.
    pub fn invalid_token() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, 124, "Invalid access token.")
    }

    /// 401/124: the token's lifetime is over.
    pub fn expired_token() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, 124, "Access token is expired.")
    }

    /// 400/4711: the token lacks the operation's scope.
    pub fn missing_scope(scope: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            4711,
            format!("Invalid access token, does not contain scopes:[{scope}]."),
        )
    }

    /// 400/300: a request that breaks a validation rule.
    pub fn validation(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, 300, message)
    }

    /// 400/300 "Validation Failed." naming one field.
    pub fn invalid_field(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError {
            errors: vec![FieldError {
                field: field.into(),
                message: message.into(),
            }],
            ..Self::validation("Validation Failed.")
        }
    }

    /// 400/300: a body that is not JSON at all.
    pub fn malformed_body() -> Self {
        Self::validation("Request Body should be a valid JSON object.")
    }

    /// 400/300: an expired, foreign or garbled `next_page_token`.
    pub fn page_token_invalid() -> Self {
        Self::validation("The next page token is invalid or expired.")
    }

    /// 429: over the per-second budget.
    pub fn over_rate() -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            429,
            "You have reached the maximum per-second rate limit for this API. Try again later.",
        )
    }

    /// 429: over the daily cap.
    pub fn over_daily() -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            429,
            "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.",
        )
    }

    /// 429: the account's daily user invitations are used up.
    pub fn over_daily_invites(cap: u64) -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            429,
            format!(
                "You have exceeded the daily rate limit ({cap}) of user invite requests permitted for this account. You can resume these user requests at GMT 00:00:00."
            ),
        )
    }

    /// An injected 500, 502 or 503.
    pub fn server_error(status: u16) -> Self {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let message = status.canonical_reason().unwrap_or("Internal Server Error");
        Self::new(status, u32::from(status.as_u16()), message)
    }

    /// A path Zoom does not serve.
    pub fn no_such_route() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            404,
            "The requested resource does not exist.",
        )
    }
}

impl From<TenantError> for ApiError {
    fn from(error: TenantError) -> Self {
        let message = error.to_string();
        let (status, code) = match error {
            TenantError::UserNotFound(_) | TenantError::NotRoleMember(_) => {
                (StatusCode::NOT_FOUND, 1001)
            }
            TenantError::GroupNotFound(_) => (StatusCode::NOT_FOUND, 4130),
            TenantError::RoleNotFound(_) => (StatusCode::BAD_REQUEST, 1034),
            TenantError::EmailInUse(_) => (StatusCode::CONFLICT, 1005),
            // Zoom's HTTP status for 4131 was not recorded; 400 as for its sibling 4138.
            TenantError::NotGroupMember => (StatusCode::BAD_REQUEST, 4131),
            TenantError::NotGroupAdmin(_) => (StatusCode::BAD_REQUEST, 4138),
            TenantError::OwnerProtected => (StatusCode::BAD_REQUEST, 200),
            TenantError::ContactGroupNotFound(_)
            | TenantError::FixedRole
            | TenantError::LastContactMember
            | TenantError::Invalid(_) => (StatusCode::BAD_REQUEST, 300),
        };
        ApiError::new(status, code, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body {
            code: self.code,
            message: &self.message,
            errors: &self.errors,
        };
        (self.status, Json(body)).into_response()
    }
}

/// Why the simulator could not start.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// The listening socket could not be bound.
    #[error("cannot listen on {addr}: {error}")]
    Bind {
        /// The address asked for.
        addr: std::net::SocketAddr,
        /// The operating system's reason, part of the message.
        error: std::io::Error,
    },
}
