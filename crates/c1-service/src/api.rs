//! What the task loop needs from ConductorOne: the five BatonService calls. [`GrpcBaton`]
//! makes them over gRPC; tests drive the loop through in-memory implementations.
//!
//! [`GrpcBaton`]: crate::GrpcBaton

use std::future::Future;

use c1_proto::baton::{
    BatonServiceFinishTaskRequest, BatonServiceGetTaskRequest, BatonServiceGetTaskResponse,
    BatonServiceHeartbeatRequest, BatonServiceHeartbeatResponse, BatonServiceHelloRequest,
    BatonServiceUploadAssetRequest,
};
use futures::Stream;

use crate::token::TokenError;

/// A failed BatonService call.
#[derive(Debug, thiserror::Error)]
pub enum RpcError {
    /// No access token could be had.
    #[error(transparent)]
    Token(#[from] TokenError),
    /// The server's certificate is not trusted.
    #[error(
        "the TLS certificate of the ConductorOne API at {address} is not trusted ({reason}): add its CA to the system store or point SSL_CERT_FILE at it"
    )]
    UntrustedCertificate {
        /// `host:port` dialled.
        address: String,
        /// What the TLS layer said.
        reason: String,
    },
    /// The call failed with a gRPC status.
    #[error("{method} failed: {code:?}: {message}")]
    Status {
        /// The BatonService method, e.g. `GetTask`.
        method: &'static str,
        /// The gRPC code.
        code: tonic::Code,
        /// The status message (or the transport failure).
        message: String,
    },
}

impl RpcError {
    /// True when retrying cannot help: refused credentials or an untrusted certificate.
    pub fn is_permanent(&self) -> bool {
        match self {
            RpcError::Token(error) => error.is_permanent(),
            RpcError::UntrustedCertificate { .. } => true,
            RpcError::Status { code, .. } => matches!(
                code,
                tonic::Code::Unauthenticated | tonic::Code::PermissionDenied
            ),
        }
    }
}

/// The BatonService calls, one method each. Futures are `Send` so tasks can run them on
/// any worker thread.
pub trait BatonApi: Send + Sync + 'static {
    /// `Hello`.
    fn hello(
        &self,
        request: BatonServiceHelloRequest,
    ) -> impl Future<Output = Result<(), RpcError>> + Send;

    /// `GetTask`.
    fn get_task(
        &self,
        request: BatonServiceGetTaskRequest,
    ) -> impl Future<Output = Result<BatonServiceGetTaskResponse, RpcError>> + Send;

    /// `Heartbeat`.
    fn heartbeat(
        &self,
        request: BatonServiceHeartbeatRequest,
    ) -> impl Future<Output = Result<BatonServiceHeartbeatResponse, RpcError>> + Send;

    /// `FinishTask`, within `deadline`.
    fn finish_task(
        &self,
        request: BatonServiceFinishTaskRequest,
        deadline: std::time::Duration,
    ) -> impl Future<Output = Result<(), RpcError>> + Send;

    /// `UploadAsset`: streams `messages` and waits for the reply.
    fn upload_asset<S>(&self, messages: S) -> impl Future<Output = Result<(), RpcError>> + Send
    where
        S: Stream<Item = BatonServiceUploadAssetRequest> + Send + 'static;
}
