//! `/_sim/…`: control and observation paths that are plainly not Zoom's, for scripts and
//! tests that drive a simulator started as a separate process.
//!
//! - `GET /_sim/ground-truth` — the whole account as JSON
//! - `GET /_sim/counters`, `POST /_sim/counters/reset`
//! - `GET`/`PUT /_sim/faults`, `GET`/`PUT /_sim/latency` — JSON as [`crate::Faults`] and
//!   [`crate::Latency`] serialise (durations in milliseconds)
//! - `POST /_sim/revoke-tokens`, `POST /_sim/expire-page-tokens`

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};

use super::params::JsonBody;
use crate::faults::Faults;
use crate::latency::Latency;
use crate::state::AppState;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/ground-truth", get(ground_truth))
        .route("/counters", get(counters))
        .route("/counters/reset", post(reset_counters))
        .route("/faults", get(faults).put(set_faults))
        .route("/latency", get(latency).put(set_latency))
        .route("/revoke-tokens", post(revoke_tokens))
        .route("/expire-page-tokens", post(expire_page_tokens))
}

async fn ground_truth(State(state): State<AppState>) -> Response {
    let truth = state.tenant.read().ground_truth();
    Json(truth).into_response()
}

async fn counters(State(state): State<AppState>) -> Response {
    Json(state.counters.snapshot()).into_response()
}

async fn reset_counters(State(state): State<AppState>) -> StatusCode {
    state.counters.reset();
    StatusCode::NO_CONTENT
}

async fn faults(State(state): State<AppState>) -> Response {
    Json(state.faults.get()).into_response()
}

async fn set_faults(
    State(state): State<AppState>,
    JsonBody(faults): JsonBody<Faults>,
) -> StatusCode {
    state.faults.set(faults);
    StatusCode::NO_CONTENT
}

async fn latency(State(state): State<AppState>) -> Response {
    Json(state.latency()).into_response()
}

async fn set_latency(
    State(state): State<AppState>,
    JsonBody(latency): JsonBody<Latency>,
) -> StatusCode {
    state.set_latency(latency);
    StatusCode::NO_CONTENT
}

async fn revoke_tokens(State(state): State<AppState>) -> StatusCode {
    state.auth.revoke_all();
    StatusCode::NO_CONTENT
}

async fn expire_page_tokens(State(state): State<AppState>) -> StatusCode {
    state.page_tokens.expire_all();
    StatusCode::NO_CONTENT
}
