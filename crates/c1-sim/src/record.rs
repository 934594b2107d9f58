//! What the simulator saw, for tests to assert on: token requests, hellos, polls, refusals
//! and uploads, each with the time it arrived (measured from the simulator's start).
//! Heartbeats and finishes are kept per task by [`crate::tasks`].

use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use c1_proto::baton::BatonServiceHelloRequest;
use serde::Serialize;

/// The RPCs of `BatonService`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Rpc {
    /// `Hello`.
    Hello,
    /// `GetTask`.
    GetTask,
    /// `Heartbeat`.
    Heartbeat,
    /// `FinishTask`.
    FinishTask,
    /// `UploadAsset` (client stream).
    UploadAsset,
}

impl fmt::Display for Rpc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// A `Hello` the connector sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Hello {
    /// When it arrived.
    pub at: Duration,
    /// The `user-agent` the call came with.
    pub user_agent: Option<String>,
    /// The request as sent.
    pub request: BatonServiceHelloRequest,
}

/// A `GetTask` call that was answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Poll {
    /// When it arrived.
    pub at: Duration,
    /// The host that asked.
    pub host_id: String,
    /// The `user-agent` the call came with (the SDK: `<client name> baton-sdk/<version>`).
    pub user_agent: Option<String>,
    /// The id of the task handed out, if any.
    pub task_id: Option<String>,
}

/// A call answered with an error status instead of being served.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    /// When it arrived.
    pub at: Duration,
    /// Which RPC.
    pub rpc: Rpc,
    /// The gRPC status code answered (`tonic::Code as i32`).
    pub code: i32,
    /// Why, in words.
    pub message: String,
}

impl Refusal {
    /// The answered code as tonic's enum.
    pub fn code(&self) -> tonic::Code {
        tonic::Code::from_i32(self.code)
    }
}

/// How a token request ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum TokenOutcome {
    /// A token was issued.
    Issued,
    /// Refused with this HTTP status and reason.
    Refused {
        /// The HTTP status answered.
        status: u16,
        /// Why.
        reason: String,
    },
}

/// A `POST /auth/v1/token`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenRequest {
    /// When it arrived.
    pub at: Duration,
    /// The `User-Agent` it came with.
    pub user_agent: Option<String>,
    /// What came of it.
    pub outcome: TokenOutcome,
}

/// A sync file the connector uploaded and the simulator accepted: its checksum matched and
/// it starts as a c1z file does.
#[derive(Clone, PartialEq, Eq)]
pub struct Upload {
    /// When the stream ended.
    pub at: Duration,
    /// The host that sent it.
    pub host_id: String,
    /// The task it belongs to.
    pub task_id: String,
    /// SHA-256 of the bytes (checked against the stream's EOF message).
    pub sha256: [u8; 32],
    /// Number of data messages it came in.
    pub chunks: usize,
    pub(crate) bytes: Arc<[u8]>,
}

impl Upload {
    /// The file's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Writes the file to `path`, e.g. to open it with a c1z reader.
    pub fn write_to(&self, path: impl AsRef<Path>) -> std::io::Result<()> {
        std::fs::write(path, &self.bytes)
    }
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Upload")
            .field("at", &self.at)
            .field("host_id", &self.host_id)
            .field("task_id", &self.task_id)
            .field("len", &self.bytes.len())
            .field("chunks", &self.chunks)
            .finish_non_exhaustive()
    }
}

/// Everything recorded that does not belong to one task.
#[derive(Default)]
pub(crate) struct Record {
    pub(crate) token_requests: Vec<TokenRequest>,
    pub(crate) hellos: Vec<Hello>,
    pub(crate) polls: Vec<Poll>,
    pub(crate) refusals: Vec<Refusal>,
    pub(crate) uploads: Vec<Upload>,
}
