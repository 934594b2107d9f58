//! Typed errors, decoded from Zoom's `{code, message}` bodies and OAuth `{reason, error}` bodies.
//!
//! Callers act on the variant (provisioning treats `NotFound` on a revoke and `AlreadyExists`
//! on a create as "already done"); people read the Display text, which always names a fix.
//! No variant ever carries a secret or a token: bodies are Zoom's, and requests never put
//! credentials in URLs.

use std::fmt;

use serde::Deserialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::endpoint::{Category, Endpoint};

mod decode;

pub(crate) use decode::{decode_api_error, decode_oauth_error, parse_api_error};

/// Everything a Zoom call can fail with, sorted by what the caller should do about it.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The user, group, role, membership or invitation does not exist (404, or codes 1001,
    /// 1010, 1034, 4130, 4131, 4138, or 300 "does not exist").
    #[error(
        "not found: {message} (Zoom code {code}); check the id or email: the object may have been deleted or belong to another account"
    )]
    NotFound {
        /// Zoom's error code (0 when the body had none).
        code: i64,
        /// Zoom's message, naming the missing object.
        message: String,
    },
    /// The object being created already exists (409, or codes 1005, 1009, 4132).
    #[error(
        "already exists: {message} (Zoom code {code}); nothing to create: use the existing object or pick another email or name"
    )]
    AlreadyExists {
        /// Zoom's error code.
        code: i64,
        /// Zoom's message.
        message: String,
    },
    /// The app's token lacks scopes this call needs (codes 4700/4711 "does not contain scopes").
    #[error(
        "the Zoom app is missing scope(s) {}: add them to the Server-to-Server OAuth app in the Zoom App Marketplace and re-activate it",
        scopes_text(.0)
    )]
    MissingScopes(Vec<String>),
    /// Zoom refuses to add or remove members of this built-in role (code 300 on the Owner or
    /// Member role): a user's role changes by assigning another role.
    #[error(
        "Zoom does not allow changing this role's members directly: {message}; assign the user another role instead (the Owner role can only be transferred in the Zoom web portal)"
    )]
    ForbiddenForRole {
        /// Zoom's message.
        message: String,
    },
    /// Zoom's rate limit was hit and the client gave up waiting.
    #[error("{}", rate_limited_text(*.category, *.daily, .retry_at))]
    RateLimited {
        /// The category whose quota is spent.
        category: Category,
        /// When Zoom says the quota is available again (the daily reset), if it said.
        retry_at: Option<OffsetDateTime>,
        /// Whether the daily quota (not the per-second one) is spent.
        daily: bool,
    },
    /// The credentials, account or app were refused, or a fresh token was rejected.
    #[error(transparent)]
    Auth(#[from] AuthError),
    /// Zoom answered 5xx on every attempt.
    #[error(
        "Zoom server error (HTTP {status}{}): {message}; Zoom is failing, retry later or check status.zoom.us",
        code_text(*.code)
    )]
    Server {
        /// HTTP status.
        status: u16,
        /// Zoom's error code, if the body had one.
        code: Option<i64>,
        /// Zoom's message, or the status text.
        message: String,
    },
    /// Zoom rejected the request as invalid for a reason that retrying will not change.
    #[error(
        "Zoom rejected the request (HTTP {status}, code {code}): {message}{}; fix the input Zoom names",
        field_errors_text(.errors)
    )]
    Validation {
        /// HTTP status.
        status: u16,
        /// Zoom's error code.
        code: i64,
        /// Zoom's message.
        message: String,
        /// Per-field details of a code-300 "Validation Failed." answer.
        errors: Vec<FieldError>,
    },
    /// The request never got an HTTP answer (connection refused or reset, timeout, DNS).
    #[error(
        "could not reach Zoom ({kind}): {message}; check the network, any proxy, and the API and OAuth URLs"
    )]
    Transport {
        /// What went wrong.
        kind: TransportKind,
        /// The underlying error, without secrets (URLs carry none).
        message: String,
    },
    /// Zoom answered 2xx with a body this client could not read.
    #[error(
        "unexpected answer from Zoom for {endpoint:?}: {message}; the API may have changed, report it with a debug log"
    )]
    Decode {
        /// The operation whose answer did not parse.
        endpoint: Endpoint,
        /// The parse error.
        message: String,
    },
}

/// What kind of network failure happened; timeouts and resets are retried, all end here
/// when the retry budget is spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    /// The connect or request timeout elapsed.
    Timeout,
    /// The connection could not be opened.
    Connect,
    /// The connection broke while sending the request or reading the answer.
    Connection,
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportKind::Timeout => "timeout",
            TransportKind::Connect => "connect failed",
            TransportKind::Connection => "connection broken",
        })
    }
}

/// One entry of the `errors` array in Zoom's validation answers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct FieldError {
    /// The offending field, e.g. `user_info.email`.
    #[serde(default)]
    pub field: String,
    /// What is wrong with it.
    #[serde(default)]
    pub message: String,
}

/// An authentication failure: which one, and Zoom's own words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", auth_text(*.kind, .detail))]
pub struct AuthError {
    /// What failed, so callers can tell the user which setting to fix.
    pub kind: AuthErrorKind,
    /// Zoom's reason text (never contains the secret).
    pub detail: String,
}

/// The ways Server-to-Server OAuth can refuse us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthErrorKind {
    /// The client id or client secret is wrong.
    BadCredentials,
    /// The account id is unknown to Zoom, or the account does not allow this app type.
    UnknownAccount,
    /// The app is disabled or deactivated.
    AppDisabled,
    /// Zoom refused the `account_credentials` grant: the app is not a Server-to-Server app.
    UnsupportedGrant,
    /// A freshly issued token was still rejected with 401 (code 124).
    TokenRejected,
    /// Any other OAuth refusal.
    Other,
}

fn auth_text(kind: AuthErrorKind, detail: &str) -> String {
    let fix = match kind {
        AuthErrorKind::BadCredentials => {
            "Zoom rejected the client id or client secret: copy both again from the Server-to-Server OAuth app's App Credentials page"
        }
        AuthErrorKind::UnknownAccount => {
            "Zoom does not know this account id: copy the Account ID from the Server-to-Server OAuth app's App Credentials page"
        }
        AuthErrorKind::AppDisabled => {
            "the Zoom app is disabled: activate the Server-to-Server OAuth app in the Zoom App Marketplace"
        }
        AuthErrorKind::UnsupportedGrant => {
            "Zoom refused the account_credentials grant: use the credentials of a Server-to-Server OAuth app"
        }
        AuthErrorKind::TokenRejected => {
            "Zoom rejected a freshly issued access token: check that the app is activated and that the API URL matches the account's cloud (e.g. ZoomGov)"
        }
        AuthErrorKind::Other => {
            "Zoom refused the OAuth token request: check the account id, client id and client secret of the Server-to-Server OAuth app"
        }
    };
    format!("{fix} (Zoom said: {detail})")
}

fn scopes_text(scopes: &[String]) -> String {
    if scopes.is_empty() {
        "(Zoom did not list them)".to_owned()
    } else {
        scopes.join(", ")
    }
}

fn code_text(code: Option<i64>) -> String {
    code.map(|c| format!(", code {c}")).unwrap_or_default()
}

fn field_errors_text(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!(" [{}: {}]", e.field, e.message))
        .collect()
}

fn rate_limited_text(category: Category, daily: bool, retry_at: &Option<OffsetDateTime>) -> String {
    let when = retry_at
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| "an unknown time".to_owned());
    if daily {
        format!(
            "Zoom's daily rate limit for {category} APIs is spent for this account; it resets at {when}: run again after then, or allow a longer wait for the daily reset"
        )
    } else {
        format!(
            "Zoom kept answering 429 (per-second limit, {category} APIs) after every retry: lower the budget share, other apps on the account are using the quota"
        )
    }
}

impl Error {
    /// Zoom's error code behind this error, where Zoom sent one.
    pub fn zoom_code(&self) -> Option<i64> {
        match self {
            Error::NotFound { code, .. }
            | Error::AlreadyExists { code, .. }
            | Error::Validation { code, .. } => Some(*code),
            Error::Server { code, .. } => *code,
            _ => None,
        }
    }

    /// A request that got no HTTP answer. The message joins the error chain (reqwest's own
    /// text is terse); it holds URLs, which never carry credentials.
    pub(crate) fn transport(e: &reqwest::Error) -> Error {
        let kind = if e.is_timeout() {
            TransportKind::Timeout
        } else if e.is_connect() {
            TransportKind::Connect
        } else {
            TransportKind::Connection
        };
        let mut message = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            message.push_str(": ");
            message.push_str(&s.to_string());
            source = s.source();
        }
        Error::Transport { kind, message }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_rate_limit_names_reset_time() {
        let e = Error::RateLimited {
            category: Category::Medium,
            retry_at: Some(time::macros::datetime!(2026-11-29 00:00 UTC)),
            daily: true,
        };
        let text = e.to_string();
        assert!(text.contains("2026-11-29T00:00:00Z"), "{text}");
        assert!(text.contains("Medium"));
    }
}
