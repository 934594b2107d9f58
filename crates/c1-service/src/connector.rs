//! What the daemon asks of a connector: its metadata, a full sync into a file, and the
//! provisioning calls tasks carry. The daemon knows nothing of the system behind it.

use std::future::Future;
use std::path::Path;

use c1_proto::connector::{
    ConnectorMetadata, CreateAccountRequest, CreateAccountResponse, DeleteResourceResponse,
    GrantManagerServiceGrantResponse, GrantManagerServiceRevokeResponse,
};
use c1z::{Entitlement, Grant, Resource, ResourceId};

pub use tonic::Code;

/// A failed connector call, as the daemon reports it in FinishTask.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct TaskError {
    /// The gRPC code ConductorOne sees (Unknown when nothing fits better).
    pub code: Code,
    /// What went wrong and what to do about it.
    pub message: String,
    /// Whether running the same task again may succeed (a transient failure). Provisioning
    /// failures are non-retryable unless the connector says otherwise.
    pub retryable: bool,
}

impl TaskError {
    /// A failure that repeating the task will not fix.
    pub fn permanent(code: Code, message: impl Into<String>) -> TaskError {
        TaskError {
            code,
            message: message.into(),
            retryable: false,
        }
    }

    /// A failure that may go away if the task runs again.
    pub fn transient(code: Code, message: impl Into<String>) -> TaskError {
        TaskError {
            code,
            message: message.into(),
            retryable: true,
        }
    }
}

/// The connector behind the daemon. Futures are `Send` so tasks run on any worker thread.
pub trait Connector: Send + Sync + 'static {
    /// The metadata sent in every Hello, with the computed capabilities.
    fn metadata(&self) -> ConnectorMetadata;

    /// Runs a full sync into `file`, resuming the unfinished run left there if there is one,
    /// with `temp_dir` for scratch files; once it succeeds, the file holds that one sync
    /// (a finished sync left there by an earlier, interrupted upload is dropped). Dropping
    /// the future stops the sync and leaves it resumable.
    fn sync(
        &self,
        file: &Path,
        temp_dir: &Path,
    ) -> impl Future<Output = Result<(), TaskError>> + Send;

    /// Grants `entitlement` to `principal` (which arrives without a parent); granting what
    /// is already held succeeds.
    fn grant(
        &self,
        entitlement: Entitlement,
        principal: Resource,
    ) -> impl Future<Output = Result<GrantManagerServiceGrantResponse, TaskError>> + Send;

    /// Revokes `grant`; revoking what is not held succeeds.
    fn revoke(
        &self,
        grant: Grant,
    ) -> impl Future<Output = Result<GrantManagerServiceRevokeResponse, TaskError>> + Send;

    /// Creates an account.
    fn create_account(
        &self,
        request: CreateAccountRequest,
    ) -> impl Future<Output = Result<CreateAccountResponse, TaskError>> + Send;

    /// Deletes a resource.
    fn delete_resource(
        &self,
        resource_id: ResourceId,
    ) -> impl Future<Output = Result<DeleteResourceResponse, TaskError>> + Send;
}
