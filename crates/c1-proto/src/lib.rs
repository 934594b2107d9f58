//! The protobuf messages of ConductorOne's self-hosted connector protocol, written by hand
//! with prost derives (no `protoc` on the build machine).
//!
//! - [`baton`]: `c1.connectorapi.baton.v1`, the `BatonService` a self-hosted connector calls
//!   to say hello, ask for tasks, send heartbeats, upload sync files and report results, with
//!   the gRPC method paths in [`baton::path`].
//! - [`connector`]: the `c1.connector.v2` service messages that tasks carry and results hold
//!   (connector metadata and capabilities, grant/revoke, account creation, resource deletion,
//!   credential rotation). The data-model messages they embed ([`c1z::Resource`],
//!   [`c1z::Entitlement`], [`c1z::Grant`], [`c1z::ResourceType`] ...) are the `c1z` crate's:
//!   one definition for the sync file and the wire.
//! - [`rpc`]: `google.rpc.Status`, the error a failed task is reported with.
//!
//! Field numbers follow baton-sdk v0.3.12. Tests in this crate decode the messages the Go
//! SDK serialises and encode ours back to the same bytes, so a wrong field number or wire
//! type cannot pass. Nested protobuf types are flattened to top-level Rust names
//! (`BatonServiceHelloRequest.BuildInfo` is [`baton::BuildInfo`]), as in `c1z`.
//!
//! ```
//! use c1_proto::baton::{BatonServiceGetTaskResponse, TaskType};
//! use prost::Message;
//!
//! // A `sync_full` task as ConductorOne sends it: task {id, status PENDING, sync_full {}}.
//! let bytes = [0x0a, 0x0a, 0x0a, 0x03, b'a', b'b', b'c', 0x10, 0x01, 0xb2, 0x06, 0x00];
//! let response = BatonServiceGetTaskResponse::decode(&bytes[..])?;
//! let task = response.task.unwrap_or_default();
//! assert_eq!(task.id, "abc");
//! assert!(matches!(task.task_type, Some(TaskType::SyncFull(_))));
//! # Ok::<(), prost::DecodeError>(())
//! ```

#![warn(missing_docs)]

pub mod baton;
pub mod connector;
pub mod rpc;
