//! `c1.connectorapi.baton.v1.BatonService` served with tonic's gRPC machinery (no generated
//! code: the five methods are routed by path), next to the token endpoint on one router.
//!
//! Every call passes the same gate first: counted, answered UNAVAILABLE while the simulator
//! is told to be, UNAUTHENTICATED without a live bearer token, INVALID_ARGUMENT when a
//! validation rule is broken. Then the task script answers it and the record keeps it.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State as Extract};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use c1_proto::baton::{
    BatonServiceFinishTaskRequest, BatonServiceFinishTaskResponse, BatonServiceGetTaskRequest,
    BatonServiceGetTaskResponse, BatonServiceHeartbeatRequest, BatonServiceHeartbeatResponse,
    BatonServiceHelloRequest, BatonServiceHelloResponse, BatonServiceUploadAssetRequest,
    BatonServiceUploadAssetResponse, path,
};
use tonic::server::Grpc;
use tonic::{Code, Status, Streaming};
use tonic_prost::ProstCodec;

use crate::counters::Event;
use crate::record::{Hello, Poll, Rpc, Upload};
use crate::state::State;
use crate::tasks::Finish;
use crate::upload::Assembly;
use crate::validate::{self, Violation};
use crate::{control, token_endpoint};

/// The token endpoint, the five RPCs and the simulator's own control routes.
pub(crate) fn router(state: Arc<State>) -> Router {
    Router::new()
        .route(token_endpoint::PATH, post(token_endpoint::token))
        .route(path::HELLO, post(hello))
        .route(path::GET_TASK, post(get_task))
        .route(path::HEARTBEAT, post(heartbeat))
        .route(path::FINISH_TASK, post(finish_task))
        .route(path::UPLOAD_ASSET, post(upload_asset))
        .merge(control::router())
        .fallback(unimplemented)
        .with_state(state)
}

async fn hello(Extract(state): Extract<Arc<State>>, request: Request) -> Response {
    unary(
        state,
        request,
        |state, request: tonic::Request<BatonServiceHelloRequest>| {
            let user_agent = user_agent(&request);
            let request = admit(state, Rpc::Hello, request, validate::hello)?;
            let hello = Hello {
                at: state.elapsed(),
                user_agent,
                request,
            };
            state.write_record(|record| record.hellos.push(hello));
            Ok(BatonServiceHelloResponse::default())
        },
    )
    .await
}

async fn get_task(Extract(state): Extract<Arc<State>>, request: Request) -> Response {
    unary(
        state,
        request,
        |state, request: tonic::Request<BatonServiceGetTaskRequest>| {
            let user_agent = user_agent(&request);
            let request = admit(state, Rpc::GetTask, request, validate::get_task)?;
            let at = state.elapsed();
            let task = state.write_board(|board| board.hand_out(at));
            let controls = state.controls();
            state.write_record(|record| {
                record.polls.push(Poll {
                    at,
                    host_id: request.host_id,
                    user_agent,
                    task_id: task.as_ref().map(|t| t.id.clone()),
                });
            });
            Ok(BatonServiceGetTaskResponse {
                next_heartbeat: task.as_ref().map(|_| duration(controls.next_heartbeat)),
                task,
                next_poll: Some(duration(controls.next_poll)),
                annotations: vec![],
            })
        },
    )
    .await
}

async fn heartbeat(Extract(state): Extract<Arc<State>>, request: Request) -> Response {
    unary(
        state,
        request,
        |state, request: tonic::Request<BatonServiceHeartbeatRequest>| {
            let request = admit(state, Rpc::Heartbeat, request, validate::heartbeat)?;
            let at = state.elapsed();
            let cancelled = state
                .write_board(|board| board.heartbeat(&request.task_id, at))
                .ok_or_else(|| never_handed_out(state, Rpc::Heartbeat, &request.task_id))?;
            Ok(BatonServiceHeartbeatResponse {
                next_heartbeat: Some(duration(state.controls().next_heartbeat)),
                cancelled,
                annotations: vec![],
            })
        },
    )
    .await
}

async fn finish_task(Extract(state): Extract<Arc<State>>, request: Request) -> Response {
    unary(
        state,
        request,
        |state, request: tonic::Request<BatonServiceFinishTaskRequest>| {
            let request = admit(state, Rpc::FinishTask, request, validate::finish_task)?;
            let task_id = request.task_id.clone();
            let at = state.elapsed();
            if !state.write_board(|board| board.finish(Finish { at, request })) {
                return Err(never_handed_out(state, Rpc::FinishTask, &task_id));
            }
            Ok(BatonServiceFinishTaskResponse::default())
        },
    )
    .await
}

async fn upload_asset(Extract(state): Extract<Arc<State>>, request: Request) -> Response {
    let service = tower::service_fn(
        move |request: tonic::Request<Streaming<BatonServiceUploadAssetRequest>>| {
            let state = Arc::clone(&state);
            async move {
                receive_upload(&state, request)
                    .await
                    .map(tonic::Response::new)
            }
        },
    );
    Grpc::new(ProstCodec::default())
        .client_streaming(service, request)
        .await
        .into_response()
}

async fn receive_upload(
    state: &State,
    request: tonic::Request<Streaming<BatonServiceUploadAssetRequest>>,
) -> Result<BatonServiceUploadAssetResponse, Status> {
    // Each message is validated as it arrives, by the assembly.
    let mut stream = admit(state, Rpc::UploadAsset, request, |_| Ok(()))?;
    let refuse =
        |violation: Violation| state.refuse(Rpc::UploadAsset, Code::InvalidArgument, violation);
    let mut assembly = Assembly::default();
    loop {
        let message = match stream.message().await {
            Ok(Some(message)) => message,
            Ok(None) => break,
            Err(status) => {
                return Err(state.refuse(
                    Rpc::UploadAsset,
                    status.code(),
                    format!("the stream broke: {}", status.message()),
                ));
            }
        };
        assembly.push(message).map_err(refuse)?;
        if let Some(task_id) = assembly.task_id()
            && !state.read_board(|board| board.was_handed_out(task_id))
        {
            return Err(never_handed_out(state, Rpc::UploadAsset, task_id));
        }
    }
    let assembled = assembly.finish().map_err(refuse)?;
    let upload = Upload {
        at: state.elapsed(),
        host_id: assembled.host_id,
        task_id: assembled.task_id,
        sha256: assembled.sha256,
        chunks: assembled.chunks,
        bytes: assembled.bytes.into(),
    };
    state.write_record(|record| record.uploads.push(upload));
    Ok(BatonServiceUploadAssetResponse::default())
}

/// Serves one unary call with `handle`.
async fn unary<Req, Resp>(
    state: Arc<State>,
    request: Request,
    handle: fn(&State, tonic::Request<Req>) -> Result<Resp, Status>,
) -> Response
where
    Req: prost::Message + Default + Send + 'static,
    Resp: prost::Message + Send + 'static,
{
    let service = tower::service_fn(move |request: tonic::Request<Req>| {
        let answer = handle(&state, request).map(tonic::Response::new);
        std::future::ready(answer)
    });
    Grpc::new(ProstCodec::<Resp, Req>::default())
        .unary(service, request)
        .await
        .into_response()
}

/// The gate every call passes: counted, then refused while unavailable, without a live
/// token, or when the message breaks a validation rule.
fn admit<M>(
    state: &State,
    rpc: Rpc,
    request: tonic::Request<M>,
    validate: fn(&M) -> Result<(), Violation>,
) -> Result<M, Status> {
    state.counters.count(Event::Call(rpc));
    if state.unavailable() {
        return Err(state.refuse(
            rpc,
            Code::Unavailable,
            "the simulator is told to be unavailable",
        ));
    }
    let authorization = request
        .metadata()
        .get(header::AUTHORIZATION.as_str())
        .and_then(|value| value.to_str().ok());
    state
        .tokens
        .check(authorization)
        .map_err(|refusal| state.refuse(rpc, Code::Unauthenticated, refusal.message()))?;
    let message = request.into_inner();
    validate(&message).map_err(|violation| state.refuse(rpc, Code::InvalidArgument, violation))?;
    Ok(message)
}

fn user_agent<M>(request: &tonic::Request<M>) -> Option<String> {
    let value = request.metadata().get(header::USER_AGENT.as_str())?;
    value.to_str().ok().map(str::to_owned)
}

fn never_handed_out(state: &State, rpc: Rpc, task_id: &str) -> Status {
    state.refuse(
        rpc,
        Code::NotFound,
        format!("task {task_id:?} was never handed out"),
    )
}

/// Anything else: a gRPC call to an unknown method gets UNIMPLEMENTED, other requests 404.
async fn unimplemented(request: Request) -> Response {
    let is_grpc = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/grpc"));
    if is_grpc {
        Status::unimplemented(format!("{} is not served", request.uri().path()))
            .into_http::<axum::body::Body>()
    } else {
        axum::http::StatusCode::NOT_FOUND.into_response()
    }
}

/// A `google.protobuf.Duration` of whole nanoseconds.
fn duration(value: std::time::Duration) -> prost_types::Duration {
    prost_types::Duration {
        seconds: i64::try_from(value.as_secs()).unwrap_or(i64::MAX),
        nanos: i32::try_from(value.subsec_nanos()).unwrap_or(0),
    }
}
