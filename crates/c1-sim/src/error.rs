//! The simulator's own errors (starting it, waiting on it). Refusals of client calls are not
//! errors: they are answers, kept in the record.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Why the simulator cannot start.
///
/// Each message is whole: a wrapped error is part of it, and `source()` does not return it
/// again.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// The address cannot be listened on.
    #[error("cannot listen on {addr}: {error}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// What the OS said, part of the message.
        error: std::io::Error,
    },
    /// The CA or server certificate cannot be made.
    #[error("cannot make the TLS certificates: {0}")]
    Certificate(String),
    /// The CA file cannot be written.
    #[error("cannot write the CA certificate to {path}: {error}")]
    CaFile {
        /// The file.
        path: PathBuf,
        /// What the OS said, part of the message.
        error: std::io::Error,
    },
    /// The client's key pair cannot be made.
    #[error("cannot make the client's Ed25519 key pair")]
    KeyPair,
}

/// A wait helper gave up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("waited {timeout:?} for {what}, in vain")]
pub struct WaitTimeout {
    /// What was awaited.
    pub what: String,
    /// How long.
    pub timeout: Duration,
}
