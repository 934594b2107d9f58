//! `POST /auth/v1/token`: exchanges a signed client assertion for a bearer token, as
//! ConductorOne's token endpoint does (OAuth 2 client credentials with a JWT client
//! assertion, RFC 7523).

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Json;
use axum::body::Bytes;
use axum::extract::State as Extract;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::assertion::{self, AssertionError, Expected};
use crate::counters::Event;
use crate::record::{TokenOutcome, TokenRequest};
use crate::state::State;

/// The path of the token endpoint.
pub(crate) const PATH: &str = "/auth/v1/token";

const GRANT_TYPE: &str = "client_credentials";
const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// A refusal: HTTP status, OAuth `error` code, and the description.
struct Refused(StatusCode, &'static str, String);

pub(crate) async fn token(
    Extract(state): Extract<Arc<State>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    state.counters.count(Event::TokenRequest);
    let outcome = exchange(&state, &headers, &body);
    let at = state.elapsed();
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    match outcome {
        Ok(access_token) => {
            state.counters.count(Event::TokenIssued);
            state.write_record(|record| {
                record.token_requests.push(TokenRequest {
                    at,
                    user_agent,
                    outcome: TokenOutcome::Issued,
                });
            });
            let expires_in = state.controls().token_ttl.as_secs();
            Json(json!({
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": expires_in,
            }))
            .into_response()
        }
        Err(Refused(status, error, reason)) => {
            tracing::debug!(%status, %reason, "token request refused");
            state.write_record(|record| {
                record.token_requests.push(TokenRequest {
                    at,
                    user_agent,
                    outcome: TokenOutcome::Refused {
                        status: status.as_u16(),
                        reason: reason.clone(),
                    },
                });
            });
            (
                status,
                Json(json!({"error": error, "error_description": reason})),
            )
                .into_response()
        }
    }
}

fn exchange(state: &State, headers: &HeaderMap, body: &[u8]) -> Result<String, Refused> {
    if state.unavailable() {
        return Err(Refused(
            StatusCode::SERVICE_UNAVAILABLE,
            "temporarily_unavailable",
            "the simulator is told to be unavailable".into(),
        ));
    }
    if let Some(status) = state.controls().token_status {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::UNAUTHORIZED);
        return Err(Refused(
            status,
            "invalid_client",
            format!("the simulator is told to answer {status}"),
        ));
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return Err(invalid_request(format!(
            "content type is {content_type:?}, expected application/x-www-form-urlencoded"
        )));
    }
    let form = Form::parse(body);
    form.expect("grant_type", GRANT_TYPE)
        .map_err(|reason| Refused(StatusCode::BAD_REQUEST, "unsupported_grant_type", reason))?;
    form.expect("client_assertion_type", ASSERTION_TYPE)
        .map_err(invalid_request)?;
    let client_id = &state.client.client_id;
    form.expect("client_id", client_id)
        .map_err(invalid_client)?;
    let jws = form
        .get("client_assertion")
        .ok_or_else(|| invalid_request("client_assertion is missing".into()))?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    let nonce = assertion::verify(
        jws,
        &Expected {
            client_id,
            audience: &state.audience,
            public_key: &state.client.public_key,
            now,
        },
    )
    .map_err(|e| invalid_client(e.to_string()))?;
    if !state.tokens.claim_nonce(&nonce) {
        return Err(invalid_client(AssertionError::ReusedNonce.to_string()));
    }
    Ok(state.tokens.issue(state.controls().token_ttl))
}

fn invalid_request(reason: String) -> Refused {
    Refused(StatusCode::BAD_REQUEST, "invalid_request", reason)
}

fn invalid_client(reason: String) -> Refused {
    Refused(StatusCode::UNAUTHORIZED, "invalid_client", reason)
}

/// The form fields of the body; a field given twice is ambiguous and counts as wrong.
struct Form(Vec<(String, String)>);

impl Form {
    fn parse(body: &[u8]) -> Form {
        Form(url::form_urlencoded::parse(body).into_owned().collect())
    }

    fn get(&self, name: &str) -> Option<&str> {
        let mut values = self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v);
        match (values.next(), values.next()) {
            (Some(value), None) => Some(value),
            _ => None,
        }
    }

    fn expect(&self, name: &str, expected: &str) -> Result<(), String> {
        match self.get(name) {
            Some(value) if value == expected => Ok(()),
            Some(value) => Err(format!("{name} is {value:?}, expected {expected:?}")),
            None => Err(format!("{name} is missing or given more than once")),
        }
    }
}
