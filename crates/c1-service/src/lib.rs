//! Self-hosted mode: the connector as a ConductorOne daemon.
//!
//! The daemon authenticates with ConductorOne client credentials ([`ClientId`],
//! [`ClientSecret`]: an Ed25519 key that signs a JWT client assertion, exchanged for
//! short-lived access tokens), connects to `c1.connectorapi.baton.v1.BatonService` over
//! gRPC/TLS ([`GrpcBaton`]), and runs the task loop ([`run`]): Hello, poll for tasks, run up
//! to three at once (full syncs with heartbeats and an upload of the sync file;
//! grants, revokes, account creation and deletion), and end each with one FinishTask.
//!
//! It knows baton's messages but nothing of the system it governs: the connector is
//! reached through the [`Connector`] trait.
//!
//! ```no_run
//! # async fn start(connector: std::sync::Arc<impl c1_service::Connector>) -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! use c1_service::{ClientId, ClientSecret, DaemonConfig, GrpcBaton, Trust, build_info};
//!
//! let client_id = ClientId::parse("my-connector@tenant.conductor.one/pcc")?;
//! let secret = ClientSecret::parse(&std::env::var("BATON_CLIENT_SECRET")?)?;
//! let api = Arc::new(GrpcBaton::new(client_id, secret, None, &Trust::System)?);
//! let config = DaemonConfig::new("host-1", build_info("baton-zoom", "0.1.0"));
//! c1_service::run(api, connector, config, async {
//!     let _ = tokio::signal::ctrl_c().await;
//! })
//! .await?;
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

mod api;
mod assertion;
mod connector;
mod credentials;
mod daemon;
mod finish;
mod host;
mod sync_files;
mod tasks;
mod tls;
mod token;
mod transport;

use std::path::PathBuf;
use std::time::Duration;

use c1_proto::baton::BuildInfo;

pub use api::{BatonApi, RpcError};
pub use connector::{Code, Connector, TaskError};
pub use credentials::{ClientId, ClientSecret, CredentialsError};
pub use daemon::{DaemonError, run};
pub use host::{build_info, host_name, os_info};
pub use tasks::upload::upload;
pub use token::TokenError;
pub use transport::{GrpcBaton, SetupError, Trust};

/// The baton-sdk version the daemon speaks for, in user agents (the Go SDK v0.3.12 still
/// reports v0.3.11).
pub const SDK_VERSION: &str = "v0.3.11";

/// How long provisioning tasks may take to finish after a shutdown signal, by default.
pub const DEFAULT_GRACE: Duration = Duration::from_secs(10);

/// What the daemon needs besides its connection and connector.
#[derive(Debug, Clone)]
pub struct DaemonConfig {
    /// The host id in every request (`BATON_HOST_ID`, else the host name).
    pub host_id: String,
    /// The build, for Hello.
    pub build_info: BuildInfo,
    /// Whether grant, revoke, create and delete tasks may change anything (`--provisioning`).
    pub provisioning: bool,
    /// Whether full syncs upload an empty sync run instead (`--skip-full-sync`).
    pub skip_full_sync: bool,
    /// Where sync files and scratch go (`--c1z-temp-dir`).
    pub temp_dir: PathBuf,
    /// How long provisioning tasks may finish after shutdown is asked for.
    pub grace: Duration,
}

impl DaemonConfig {
    /// A configuration with provisioning off, full syncs, the system temp folder and the
    /// default grace period.
    pub fn new(host_id: impl Into<String>, build_info: BuildInfo) -> DaemonConfig {
        DaemonConfig {
            host_id: host_id.into(),
            build_info,
            provisioning: false,
            skip_full_sync: false,
            temp_dir: std::env::temp_dir(),
            grace: DEFAULT_GRACE,
        }
    }
}

/// The host id as the SDK picks it: `BATON_HOST_ID` when set (`baton-sdk` when set but
/// empty), else the host name (`baton-sdk` when that is empty).
pub fn host_id(from_env: Option<&str>) -> String {
    let id = match from_env {
        Some(value) => value.to_owned(),
        None => host_name(),
    };
    if id.trim().is_empty() {
        "baton-sdk".to_owned()
    } else {
        id
    }
}
