//! How to start a simulator: where it listens, token lifetime, polling and heartbeat
//! intervals, and the tasks it starts with.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use c1_proto::baton::Task;

/// Everything [`crate::C1Sim::start`] needs, refined with the builder methods.
#[derive(Debug, Clone, PartialEq)]
pub struct C1SimConfig {
    pub(crate) addr: SocketAddr,
    pub(crate) client_name: String,
    pub(crate) token_ttl: Duration,
    pub(crate) next_poll: Duration,
    pub(crate) next_heartbeat: Duration,
    pub(crate) ca_file: Option<PathBuf>,
    pub(crate) tasks: Vec<Task>,
}

impl Default for C1SimConfig {
    /// A random 127.0.0.1 port, client `c1-sim`, one-hour tokens, `next_poll` 1 s and
    /// `next_heartbeat` 30 s (the values the Go SDK's fixtures carry), the CA in a temporary
    /// folder, no tasks.
    fn default() -> Self {
        C1SimConfig {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            client_name: "c1-sim".into(),
            token_ttl: Duration::from_secs(3600),
            next_poll: Duration::from_secs(1),
            next_heartbeat: Duration::from_secs(30),
            ca_file: None,
            tasks: Vec::new(),
        }
    }
}

impl C1SimConfig {
    /// The listening address (port 0: a random free port).
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// The name before `@` in the client id.
    pub fn client_name(mut self, name: impl Into<String>) -> Self {
        self.client_name = name.into();
        self
    }

    /// Lifetime of issued bearer tokens (`expires_in`, whole seconds).
    pub fn token_ttl(mut self, ttl: Duration) -> Self {
        self.token_ttl = ttl;
        self
    }

    /// `next_poll` in GetTask replies.
    pub fn next_poll(mut self, next_poll: Duration) -> Self {
        self.next_poll = next_poll;
        self
    }

    /// `next_heartbeat` in heartbeat replies (and GetTask replies carrying a task).
    pub fn next_heartbeat(mut self, next_heartbeat: Duration) -> Self {
        self.next_heartbeat = next_heartbeat;
        self
    }

    /// Where to write the CA certificate (PEM); by default a file in a temporary folder
    /// removed with the simulator.
    pub fn ca_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.ca_file = Some(path.into());
        self
    }

    /// Tasks queued at start, handed out in this order.
    pub fn tasks(mut self, tasks: impl IntoIterator<Item = Task>) -> Self {
        self.tasks.extend(tasks);
        self
    }
}
