//! `/_sim/...`: the simulator's own controls over HTTP, for a `c1-sim serve` process that a
//! script drives: queue tasks while it runs, read what happened to them, read the counters.
//! They need no token (the simulator listens on loopback only by default).

use std::sync::Arc;

use axum::extract::{Path, State as Extract};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::script::{self, TaskSpec};
use crate::state::State;
use crate::tasks::{Finish, TaskState, kind};

pub(crate) fn router() -> Router<Arc<State>> {
    Router::new()
        .route("/_sim/tasks", post(push_tasks))
        .route("/_sim/tasks/{id}", get(task))
        .route("/_sim/counters", get(counters))
}

/// Body: a JSON list of task specs (see [`crate::script`]); answer: their ids.
async fn push_tasks(Extract(state): Extract<Arc<State>>, body: String) -> Response {
    let tasks = script::parse(&body).and_then(|specs| {
        specs
            .iter()
            .map(TaskSpec::to_task)
            .collect::<Result<Vec<_>, _>>()
    });
    match tasks {
        Ok(tasks) => {
            let ids: Vec<String> =
                state.write_board(|board| tasks.into_iter().map(|t| board.push(t)).collect());
            Json(json!({ "ids": ids })).into_response()
        }
        Err(error) => (StatusCode::BAD_REQUEST, error.to_string()).into_response(),
    }
}

async fn task(Extract(state): Extract<Arc<State>>, Path(id): Path<String>) -> Response {
    match state.read_board(|board| board.get(&id).map(summary)) {
        Some(summary) => Json(summary).into_response(),
        None => (StatusCode::NOT_FOUND, format!("no task {id}")).into_response(),
    }
}

async fn counters(Extract(state): Extract<Arc<State>>) -> Json<crate::Counters> {
    Json(state.counters.snapshot())
}

/// A task's history as JSON; times in seconds since the simulator started.
fn summary(state: &TaskState) -> Value {
    let seconds = |times: &[std::time::Duration]| -> Vec<f64> {
        times.iter().map(|t| t.as_secs_f64()).collect()
    };
    json!({
        "id": state.task.id,
        "kind": kind(&state.task),
        "handed_out": seconds(&state.handed_out),
        "heartbeats": seconds(&state.heartbeats),
        "finishes": state.finishes.iter().map(finish).collect::<Vec<_>>(),
    })
}

fn finish(finish: &Finish) -> Value {
    json!({
        "at": finish.at.as_secs_f64(),
        "success": finish.is_success(),
        "response_type_url": finish.response_type_url(),
        "code": finish.status().map(|s| s.code),
        "message": finish.status().map(|s| s.message.clone()),
        "non_retryable": finish.non_retryable(),
    })
}
