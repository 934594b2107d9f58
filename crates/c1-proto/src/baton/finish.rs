//! FinishTask: the one report that ends every task, a success with the packed connector
//! response or an error with its status.

use prost_types::Any;

use crate::rpc::Status;

/// `BatonServiceFinishTaskRequest.Error`: the task failed.
#[derive(Clone, PartialEq, prost::Message)]
pub struct FinishError {
    /// True when retrying the task cannot help.
    #[prost(bool, tag = "1")]
    pub non_retryable: bool,
    /// Annotations (at most 16).
    #[prost(message, repeated, tag = "2")]
    pub annotations: Vec<Any>,
    /// A response despite the error (the SDK never sets it).
    #[prost(message, optional, tag = "3")]
    pub response: Option<Any>,
}

/// `BatonServiceFinishTaskRequest.Success`: the task succeeded.
#[derive(Clone, PartialEq, prost::Message)]
pub struct FinishSuccess {
    /// The response's own annotations, copied (at most 16).
    #[prost(message, repeated, tag = "1")]
    pub annotations: Vec<Any>,
    /// The connector's response, e.g. a `c1.connector.v2.GrantManagerServiceGrantResponse`.
    #[prost(message, optional, tag = "2")]
    pub response: Option<Any>,
}

/// The `final_state` oneof of [`BatonServiceFinishTaskRequest`].
#[derive(Clone, PartialEq, prost::Oneof)]
pub enum FinalState {
    /// Failed.
    #[prost(message, tag = "100")]
    Error(FinishError),
    /// Succeeded.
    #[prost(message, tag = "101")]
    Success(FinishSuccess),
}

/// `c1.connectorapi.baton.v1.BatonServiceFinishTaskRequest`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct BatonServiceFinishTaskRequest {
    /// The connector host's id.
    #[prost(string, tag = "1")]
    pub host_id: String,
    /// The task.
    #[prost(string, tag = "2")]
    pub task_id: String,
    /// Set on errors: the code and the error text.
    #[prost(message, optional, tag = "3")]
    pub status: Option<Status>,
    /// How it ended (required).
    #[prost(oneof = "FinalState", tags = "100, 101")]
    pub final_state: Option<FinalState>,
}

/// `c1.connectorapi.baton.v1.BatonServiceFinishTaskResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct BatonServiceFinishTaskResponse {
    /// Annotations.
    #[prost(message, repeated, tag = "1")]
    pub annotations: Vec<Any>,
}
