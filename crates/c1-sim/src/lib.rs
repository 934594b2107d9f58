//! A simulated ConductorOne control plane for a self-hosted connector, for tests, demos and
//! benchmarks that must not need a ConductorOne tenant.
//!
//! [`C1Sim::start`] serves, on one TLS port of 127.0.0.1, the token endpoint
//! (`POST /auth/v1/token`, OAuth client credentials with an Ed25519-signed JWT assertion)
//! and the gRPC `c1.connectorapi.baton.v1.BatonService` (Hello, GetTask, Heartbeat,
//! FinishTask, UploadAsset). It makes its own CA ([`C1Sim::ca_pem_path`], for
//! `SSL_CERT_FILE`) and client credentials ([`C1Sim::client_id`],
//! [`C1Sim::client_secret`]); it checks every assertion, every bearer token and every
//! message against the protocol's validation rules; it hands out a scripted list of tasks
//! ([`C1Sim::push_task`]); and it records what the connector did — hellos, polls,
//! heartbeats, finishes, uploads (checksum and c1z header verified, bytes kept) and every
//! refusal — for tests to compare exactly, with wait helpers so they never poll by hand.
//! Controls make it refuse tokens, revoke them, answer UNAVAILABLE, or go away and come
//! back on the same port.
//!
//! Main types: [`C1Sim`], [`C1SimConfig`], [`Finish`], [`Upload`], [`Counters`],
//! [`TaskSpec`] (tasks written as JSON, for `c1-sim serve --tasks`).
//!
//! This crate shares the protobuf messages of `c1-proto` (pinned byte for byte by the Go
//! SDK's fixtures) but none of the client's logic: it is an independent reading of the
//! protocol, so a misreading on one side shows up as a failing test.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use std::time::Duration;
//! use c1_proto::baton::{SyncFullTask, TaskType};
//! use c1_sim::{C1Sim, C1SimConfig};
//!
//! let sim = C1Sim::start(C1SimConfig::default().token_ttl(Duration::from_secs(5))).await?;
//! let task_id = sim.push_task(TaskType::SyncFull(SyncFullTask::default()));
//! // Run the connector with BATON_CLIENT_ID = sim.client_id(), BATON_CLIENT_SECRET =
//! // sim.client_secret() and SSL_CERT_FILE = sim.ca_pem_path(), then:
//! let finish = sim.wait_finished(&task_id, Duration::from_secs(60)).await?;
//! assert!(finish.is_success());
//! assert_eq!(sim.uploads().len(), 1);
//! assert!(sim.invalid_requests().is_empty());
//! sim.shutdown().await;
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

mod assertion;
mod config;
mod control;
mod counters;
mod credentials;
mod error;
mod record;
pub mod script;
mod server;
mod service;
mod simulator;
mod state;
mod tasks;
mod tls;
mod token_endpoint;
mod tokens;
mod upload;
mod validate;

pub use assertion::AssertionError;
pub use config::C1SimConfig;
pub use counters::Counters;
pub use error::{SimError, WaitTimeout};
pub use record::{Hello, Poll, Refusal, Rpc, TokenOutcome, TokenRequest, Upload};
pub use script::TaskSpec;
pub use simulator::C1Sim;
pub use tasks::{Finish, TaskState, kind, new_task_id, task};
