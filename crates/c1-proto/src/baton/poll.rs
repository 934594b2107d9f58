//! Polling for tasks and heartbeats while one runs.

use prost_types::{Any, Duration};

use super::Task;

/// `c1.connectorapi.baton.v1.BatonServiceGetTaskRequest`: "anything for me?".
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct BatonServiceGetTaskRequest {
    /// The connector host's id.
    #[prost(string, tag = "1")]
    pub host_id: String,
}

/// `c1.connectorapi.baton.v1.BatonServiceGetTaskResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct BatonServiceGetTaskResponse {
    /// The task, if there is one.
    #[prost(message, optional, tag = "1")]
    pub task: Option<Task>,
    /// How long to wait before the next poll (missing means at once).
    #[prost(message, optional, tag = "2")]
    pub next_poll: Option<Duration>,
    /// Heartbeat interval hint (the SDK does not read it).
    #[prost(message, optional, tag = "3")]
    pub next_heartbeat: Option<Duration>,
    /// Annotations.
    #[prost(message, repeated, tag = "4")]
    pub annotations: Vec<Any>,
}

/// `c1.connectorapi.baton.v1.BatonServiceHeartbeatRequest`: "still working on this task".
#[derive(Clone, PartialEq, prost::Message)]
pub struct BatonServiceHeartbeatRequest {
    /// The connector host's id.
    #[prost(string, tag = "1")]
    pub host_id: String,
    /// The running task.
    #[prost(string, tag = "2")]
    pub task_id: String,
    /// Annotations (at most 16).
    #[prost(message, repeated, tag = "3")]
    pub annotations: Vec<Any>,
}

/// `c1.connectorapi.baton.v1.BatonServiceHeartbeatResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct BatonServiceHeartbeatResponse {
    /// When to send the next heartbeat.
    #[prost(message, optional, tag = "1")]
    pub next_heartbeat: Option<Duration>,
    /// True when the task was cancelled and must stop.
    #[prost(bool, tag = "2")]
    pub cancelled: bool,
    /// Annotations.
    #[prost(message, repeated, tag = "3")]
    pub annotations: Vec<Any>,
}

/// `c1.connectorapi.baton.v1.StartDebuggingRequest` (empty).
#[derive(Clone, Copy, PartialEq, Eq, Hash, prost::Message)]
pub struct StartDebuggingRequest {}

/// `c1.connectorapi.baton.v1.StartDebuggingResponse`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, prost::Message)]
pub struct StartDebuggingResponse {
    /// Whether debugging started.
    #[prost(bool, tag = "1")]
    pub status: bool,
}
