//! `c1.connectorapi.baton.v1`: the `BatonService` a self-hosted connector calls.
//!
//! The connector says [`BatonServiceHelloRequest`] once at start, polls with
//! [`BatonServiceGetTaskRequest`], sends [`BatonServiceHeartbeatRequest`]s while a sync runs,
//! streams the sync file as [`BatonServiceUploadAssetRequest`]s, and ends every task with one
//! [`BatonServiceFinishTaskRequest`].

mod finish;
mod hello;
mod poll;
mod task;
mod upload;

pub use finish::{
    BatonServiceFinishTaskRequest, BatonServiceFinishTaskResponse, FinalState, FinishError,
    FinishSuccess,
};
pub use hello::{BatonServiceHelloRequest, BatonServiceHelloResponse, BuildInfo, OsInfo};
pub use poll::{
    BatonServiceGetTaskRequest, BatonServiceGetTaskResponse, BatonServiceHeartbeatRequest,
    BatonServiceHeartbeatResponse, StartDebuggingRequest, StartDebuggingResponse,
};
pub use task::{
    ActionGetSchemaTask, ActionInvokeTask, ActionListSchemasTask, ActionStatusTask,
    BulkCreateTicketsTask, BulkGetTicketsTask, CompactSyncs, CompactableSync, CreateAccountTask,
    CreateResourceTask, CreateSyncDiffTask, CreateTicketTask, DeleteResourceTask, EventFeedTask,
    GetTicketTask, GrantTask, HelloTask, ListTicketSchemasTask, NoneTask, RevokeTask,
    RotateCredentialsTask, SyncFullTask, Task, TaskStatus, TaskType,
};
pub use upload::{
    BatonServiceUploadAssetRequest, BatonServiceUploadAssetResponse, UploadData, UploadEof,
    UploadMessage, UploadMetadata,
};

/// The protobuf package.
pub const PACKAGE: &str = "c1.connectorapi.baton.v1";

/// The gRPC method paths of `c1.connectorapi.baton.v1.BatonService`.
pub mod path {
    /// Unary: [`super::BatonServiceHelloRequest`] → [`super::BatonServiceHelloResponse`].
    pub const HELLO: &str = "/c1.connectorapi.baton.v1.BatonService/Hello";
    /// Unary: [`super::BatonServiceGetTaskRequest`] → [`super::BatonServiceGetTaskResponse`].
    pub const GET_TASK: &str = "/c1.connectorapi.baton.v1.BatonService/GetTask";
    /// Unary: [`super::BatonServiceHeartbeatRequest`] →
    /// [`super::BatonServiceHeartbeatResponse`].
    pub const HEARTBEAT: &str = "/c1.connectorapi.baton.v1.BatonService/Heartbeat";
    /// Unary: [`super::BatonServiceFinishTaskRequest`] →
    /// [`super::BatonServiceFinishTaskResponse`].
    pub const FINISH_TASK: &str = "/c1.connectorapi.baton.v1.BatonService/FinishTask";
    /// Client stream of [`super::BatonServiceUploadAssetRequest`] →
    /// [`super::BatonServiceUploadAssetResponse`].
    pub const UPLOAD_ASSET: &str = "/c1.connectorapi.baton.v1.BatonService/UploadAsset";
    /// Unary: [`super::StartDebuggingRequest`] → [`super::StartDebuggingResponse`]; the
    /// SDK's client never calls it.
    pub const START_DEBUGGING: &str = "/c1.connectorapi.baton.v1.BatonService/StartDebugging";
}
