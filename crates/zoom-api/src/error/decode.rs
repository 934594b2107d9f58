//! Reading Zoom's error bodies into [`Error`]s: API `{code, message}` answers by status and
//! code, OAuth `{reason, error}` answers by their (undocumented, so loosely matched) wording.

use serde::Deserialize;

use super::{AuthError, AuthErrorKind, Error, FieldError};
use crate::endpoint::Endpoint;

/// Zoom's API error body.
#[derive(Debug, Deserialize)]
struct ApiErrorBody {
    #[serde(default)]
    code: Option<i64>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    errors: Vec<FieldError>,
}

/// Zoom's OAuth error body; Zoom's error table also uses `{code, message}` here.
#[derive(Debug, Deserialize)]
struct OAuthErrorBody {
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    code: Option<i64>,
    #[serde(default)]
    message: Option<String>,
}

/// Reads Zoom's `{code, message}` from an error body; a body that is not JSON yields no code
/// and its text as the message.
pub(crate) fn parse_api_error(body: &[u8]) -> (Option<i64>, String, Vec<FieldError>) {
    match serde_json::from_slice::<ApiErrorBody>(body) {
        Ok(b) => (b.code, b.message.unwrap_or_default(), b.errors),
        Err(_) => (
            None,
            String::from_utf8_lossy(body).trim().to_owned(),
            Vec::new(),
        ),
    }
}

/// Not-found codes: 1001 user, 1010 group not in account, 1034 role, 4130 group, 4131 group
/// member, 4138 group admin.
const NOT_FOUND_CODES: [i64; 6] = [1001, 1010, 1034, 4130, 4131, 4138];
/// Already-exists codes: 1005 email in use, 1009 user already holds an account, 4132 group name.
const ALREADY_EXISTS_CODES: [i64; 3] = [1005, 1009, 4132];

/// Turns a final non-2xx API answer into a typed error. `status` is never 429 or 401/124
/// here: the transport handles those before giving up.
pub(crate) fn decode_api_error(status: u16, body: &[u8], endpoint: Endpoint) -> Error {
    let (code, message, errors) = parse_api_error(body);
    let code_or_zero = code.unwrap_or(0);
    let lower = message.to_ascii_lowercase();
    if names_missing_scope(status, code, &lower) {
        return Error::MissingScopes(parse_scopes(&message));
    }
    if status >= 500 {
        return Error::Server {
            status,
            code,
            message,
        };
    }
    if status == 401 {
        return AuthError {
            kind: AuthErrorKind::TokenRejected,
            detail: message,
        }
        .into();
    }
    if status == 429 {
        return Error::RateLimited {
            category: endpoint.category(),
            retry_at: None,
            daily: false,
        };
    }
    let says_missing = lower.contains("does not exist") || lower.contains("not found");
    if status == 404 || code.is_some_and(|c| NOT_FOUND_CODES.contains(&c)) {
        return Error::NotFound {
            code: code_or_zero,
            message,
        };
    }
    if status == 409 || code.is_some_and(|c| ALREADY_EXISTS_CODES.contains(&c)) {
        return Error::AlreadyExists {
            code: code_or_zero,
            message,
        };
    }
    if code == Some(300) && says_missing {
        // Contact groups and roles report a missing id as code 300 with this wording.
        return Error::NotFound { code: 300, message };
    }
    if code == Some(300) && endpoint.changes_role_members() {
        return Error::ForbiddenForRole { message };
    }
    Error::Validation {
        status,
        code: code_or_zero,
        message,
        errors,
    }
}

/// Whether an answer refuses the call for a scope the token lacks: codes 4700/4711 (seen
/// live and in Zoom's error table), or a 400/403 whose message says a scope is missing (some
/// Zoom APIs answer without those codes; the wording is matched loosely).
fn names_missing_scope(status: u16, code: Option<i64>, lower_message: &str) -> bool {
    if !lower_message.contains("scope") {
        return false;
    }
    if matches!(code, Some(4700 | 4711)) {
        return true;
    }
    matches!(status, 400 | 403)
        && [
            "does not contain scope",
            "missing scope",
            "missing the scope",
            "insufficient scope",
            "scope is required",
            "scopes are required",
        ]
        .iter()
        .any(|wording| lower_message.contains(wording))
}

/// Parses the scope list out of "Invalid access token, does not contain scopes:[a, b]." (the
/// bracketed form seen live); otherwise takes every word of the message shaped like a scope
/// (`a:b`, `a:b:c`, ...), which covers "scopes: a, b." and other wordings.
pub(crate) fn parse_scopes(message: &str) -> Vec<String> {
    let list = match (message.find('['), message.rfind(']')) {
        (Some(open), Some(close)) if open < close => &message[open + 1..close],
        _ => message,
    };
    list.split(|c: char| c == ',' || c == '[' || c == ']' || c.is_whitespace())
        .map(|s| s.trim_matches(|c: char| matches!(c, '"' | '\'' | '.' | ':' | ';')))
        .filter(|s| looks_like_scope(s))
        .map(str::to_owned)
        .collect()
}

/// `user:read:admin`, `contact_group:read:list_members:admin`: lower-case words joined by
/// colons.
fn looks_like_scope(word: &str) -> bool {
    word.contains(':')
        && word.split(':').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        })
}

/// Turns a refused OAuth token request into a typed auth error. Zoom's reason texts are
/// matched loosely because their exact wording is not documented.
pub(crate) fn decode_oauth_error(status: u16, body: &[u8]) -> AuthError {
    let parsed: Option<OAuthErrorBody> = serde_json::from_slice(body).ok();
    let (reason, error, code, message) = match parsed {
        Some(b) => (
            b.reason.unwrap_or_default(),
            b.error.unwrap_or_default(),
            b.code,
            b.message.unwrap_or_default(),
        ),
        None => (
            String::from_utf8_lossy(body).trim().to_owned(),
            String::new(),
            None,
            String::new(),
        ),
    };
    let detail = [reason.as_str(), message.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    let detail = if detail.is_empty() {
        format!("HTTP {status}")
    } else {
        detail
    };
    let text = detail.to_ascii_lowercase();
    let kind = if text.contains("disabled") || text.contains("deactivated") || code == Some(4717) {
        AuthErrorKind::AppDisabled
    } else if text.contains("account")
        && (text.contains("not exist") || text.contains("not enabled"))
    {
        AuthErrorKind::UnknownAccount
    } else if error == "unsupported_grant_type" || text.contains("grant type") || code == Some(4705)
    {
        AuthErrorKind::UnsupportedGrant
    } else if error == "invalid_client"
        || text.contains("client_id")
        || text.contains("client secret")
        || matches!(code, Some(4702 | 4704 | 4706))
    {
        AuthErrorKind::BadCredentials
    } else {
        AuthErrorKind::Other
    };
    AuthError { kind, detail }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, body: &str, endpoint: Endpoint) -> Error {
        decode_api_error(status, body.as_bytes(), endpoint)
    }

    #[test]
    fn user_not_found_is_not_found() {
        let e = api(
            404,
            r#"{"code":1001,"message":"User does not exist: abc."}"#,
            Endpoint::User,
        );
        assert!(
            matches!(&e, Error::NotFound { code: 1001, message } if message == "User does not exist: abc.")
        );
        assert!(e.to_string().contains("check the id"));
    }

    #[test]
    fn not_found_codes_under_400_are_not_found() {
        for code in [4130, 4131, 1034, 4138, 1010] {
            let e = api(
                400,
                &format!(r#"{{"code":{code},"message":"x"}}"#),
                Endpoint::GroupMembersDelete,
            );
            assert!(
                matches!(e, Error::NotFound { code: c, .. } if c == code),
                "{code}"
            );
        }
    }

    #[test]
    fn contact_group_missing_code_300_is_not_found() {
        let e = api(
            400,
            r#"{"code":300,"message":"A group with this groupId: dir.x does not exist."}"#,
            Endpoint::ContactGroupMembers,
        );
        assert!(matches!(e, Error::NotFound { code: 300, .. }));
    }

    #[test]
    fn email_in_use_is_already_exists() {
        let e = api(
            409,
            r#"{"code":1005,"message":"Email \"a@b.c\" has already been used."}"#,
            Endpoint::UserCreate,
        );
        assert!(matches!(e, Error::AlreadyExists { code: 1005, .. }));
    }

    #[test]
    fn missing_scopes_lists_each_scope_and_names_the_fix() {
        let e = api(
            400,
            r#"{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:list_users:admin, user:read:admin]."}"#,
            Endpoint::Users,
        );
        match &e {
            Error::MissingScopes(s) => {
                assert_eq!(s, &["user:read:list_users:admin", "user:read:admin"])
            }
            other => panic!("{other:?}"),
        }
        assert!(
            e.to_string()
                .contains("add them to the Server-to-Server OAuth app")
        );
    }

    #[test]
    fn missing_scopes_4700_without_brackets() {
        assert_eq!(
            parse_scopes("Invalid access token, does not contain scopes: role:read:admin."),
            vec!["role:read:admin"]
        );
        let e = api(
            400,
            r#"{"code":4700,"message":"Invalid access token, does not contain scopes:[role:read:admin]."}"#,
            Endpoint::Roles,
        );
        assert!(matches!(e, Error::MissingScopes(s) if s == ["role:read:admin"]));
    }

    #[test]
    fn a_400_or_403_naming_a_missing_scope_is_missing_scopes_whatever_its_code() {
        let e = api(
            403,
            r#"{"code":104,"message":"Invalid access token, does not contain scopes:[role:read:role:admin]."}"#,
            Endpoint::GetRoleInformation,
        );
        assert!(matches!(e, Error::MissingScopes(s) if s == ["role:read:role:admin"]));
        let e = api(
            400,
            r#"{"message":"Missing scope: contact_group:read:list_members:admin"}"#,
            Endpoint::ContactGroupMembers,
        );
        assert!(
            matches!(e, Error::MissingScopes(ref s) if s == &["contact_group:read:list_members:admin"]),
            "{e:?}"
        );
        // A validation error that merely mentions a scope field is not a missing scope.
        let e = api(
            400,
            r#"{"code":300,"message":"Invalid privilege_scopes value."}"#,
            Endpoint::Roles,
        );
        assert!(matches!(e, Error::Validation { .. }), "{e:?}");
    }

    #[test]
    fn code_300_on_role_membership_is_forbidden_for_role() {
        let e = api(
            400,
            r#"{"code":300,"message":"Can't delete or add members for Normal/Owner roles."}"#,
            Endpoint::AddRoleMembers,
        );
        assert!(matches!(e, Error::ForbiddenForRole { .. }));
        let e = api(
            400,
            r#"{"code":300,"message":"Validation Failed.","errors":[{"field":"user_info.email","message":"Invalid field."}]}"#,
            Endpoint::UserCreate,
        );
        match &e {
            Error::Validation {
                status: 400,
                code: 300,
                errors,
                ..
            } => assert_eq!(errors[0].field, "user_info.email"),
            other => panic!("{other:?}"),
        }
        assert!(e.to_string().contains("user_info.email: Invalid field."));
    }

    #[test]
    fn server_errors_keep_status_and_non_json_body() {
        let e = api(503, "Service Unavailable", Endpoint::Users);
        assert!(
            matches!(e, Error::Server { status: 503, code: None, ref message } if message == "Service Unavailable")
        );
    }

    #[test]
    fn oauth_bad_credentials() {
        let e = decode_oauth_error(
            400,
            br#"{"reason":"Invalid client_id or client_secret","error":"invalid_client"}"#,
        );
        assert_eq!(e.kind, AuthErrorKind::BadCredentials);
        assert!(e.to_string().contains("App Credentials"));
    }

    #[test]
    fn oauth_unknown_account() {
        let e = decode_oauth_error(
            400,
            br#"{"reason":"Account does not exist","error":"invalid_request"}"#,
        );
        assert_eq!(e.kind, AuthErrorKind::UnknownAccount);
        assert!(e.to_string().contains("Account ID"));
        let e = decode_oauth_error(
            400,
            br#"{"reason":"Account does not enabled the OAuth app type","error":"invalid_request"}"#,
        );
        assert_eq!(e.kind, AuthErrorKind::UnknownAccount);
    }

    #[test]
    fn oauth_disabled_app_wins_over_invalid_client() {
        let e = decode_oauth_error(
            400,
            br#"{"reason":"The app has been disabled","error":"invalid_client"}"#,
        );
        assert_eq!(e.kind, AuthErrorKind::AppDisabled);
        assert!(
            e.to_string()
                .contains("activate the Server-to-Server OAuth app")
        );
        let e = decode_oauth_error(401, br#"{"code":4717,"message":"App has been disabled"}"#);
        assert_eq!(e.kind, AuthErrorKind::AppDisabled);
    }

    #[test]
    fn oauth_unsupported_grant_and_unknown_shapes() {
        let e = decode_oauth_error(
            400,
            br#"{"reason":"unsupported grant type","error":"unsupported_grant_type"}"#,
        );
        assert_eq!(e.kind, AuthErrorKind::UnsupportedGrant);
        let e = decode_oauth_error(502, b"");
        assert_eq!(e.kind, AuthErrorKind::Other);
        assert_eq!(e.detail, "HTTP 502");
    }
}
