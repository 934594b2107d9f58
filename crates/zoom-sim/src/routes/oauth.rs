//! `POST /oauth/token` with `grant_type=account_credentials`, answered as Zoom does: the
//! parameters may come in the form body or the query string, errors are
//! `{"reason", "error"}` bodies with HTTP 400.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::AUTHORIZATION;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;

use super::params::QueryParams;
use crate::auth::OAuthRefusal;
use crate::endpoint::Endpoint;
use crate::state::AppState;

#[derive(Serialize)]
struct TokenAnswer<'a> {
    access_token: &'a str,
    token_type: &'static str,
    expires_in: u64,
    scope: &'a str,
    api_url: &'a str,
}

#[derive(Serialize)]
struct OAuthError {
    reason: &'static str,
    error: &'static str,
}

/// The token endpoint.
pub(crate) async fn token(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: QueryParams,
    body: Bytes,
) -> Response {
    state.counters.request(Endpoint::OauthToken);
    // Form parameters take precedence over the query string.
    let params = QueryParams::parse(&body).before(query);
    let client = basic_credentials(&headers);
    let outcome = state.auth.issue(
        client
            .as_ref()
            .map(|(id, secret)| (id.as_str(), secret.as_str())),
        params.get("grant_type"),
        params.get("account_id"),
    );
    let response = match outcome {
        Ok(grant) => Json(TokenAnswer {
            access_token: &grant.access_token,
            token_type: "bearer",
            expires_in: grant.expires_in,
            scope: &grant.scope,
            api_url: &state.base_url,
        })
        .into_response(),
        Err(refusal) => (StatusCode::BAD_REQUEST, Json(refusal_body(refusal))).into_response(),
    };
    state
        .counters
        .answered(Endpoint::OauthToken, response.status().as_u16());
    response
}

fn refusal_body(refusal: OAuthRefusal) -> OAuthError {
    let (reason, error) = match refusal {
        OAuthRefusal::InvalidClient => ("Invalid client_id or client_secret", "invalid_client"),
        // Zoom's error table calls this 4717 "app disabled"; the body shape is a guess in the
        // style of the other token errors.
        OAuthRefusal::AppDisabled => ("The app has been disabled", "invalid_client"),
        OAuthRefusal::UnsupportedGrant => ("unsupported grant type", "unsupported_grant_type"),
        OAuthRefusal::UnknownAccount => ("Account does not exist", "invalid_request"),
    };
    OAuthError { reason, error }
}

/// The client id and secret of a `Basic` authorization header.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}
