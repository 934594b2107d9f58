//! A running simulator: the handle a test starts, scripts, observes and steers.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use c1_proto::baton::{Task, TaskType};
use tokio::sync::oneshot;

use crate::config::C1SimConfig;
use crate::counters::Counters;
use crate::credentials::{ClientCredentials, host_without_port};
use crate::error::{SimError, WaitTimeout};
use crate::record::{Hello, Poll, Refusal, TokenRequest, Upload};
use crate::server::{self, Command, Outage, Server};
use crate::state::{Controls, State};
use crate::tasks::{Finish, TaskState, task};
use crate::{service, tls, token_endpoint};

/// How often a waiter looks again even without a recorded change (counters change without
/// notifying).
const WAIT_RECHECK: Duration = Duration::from_millis(50);

/// ConductorOne's control plane for one self-hosted connector, served with TLS on
/// 127.0.0.1. Dropping it stops the server.
pub struct C1Sim {
    state: Arc<State>,
    addr: SocketAddr,
    ca_pem: String,
    ca_path: PathBuf,
    /// Holds the CA file when no path was configured.
    _ca_dir: Option<tempfile::TempDir>,
    server: Option<Server>,
}

impl C1Sim {
    /// Makes a CA, a server certificate and client credentials, and starts serving.
    pub async fn start(config: C1SimConfig) -> Result<C1Sim, SimError> {
        let bind_error = |error| SimError::Bind {
            addr: config.addr,
            error,
        };
        let listener = server::bind(config.addr).map_err(bind_error)?;
        let addr = listener.local_addr().map_err(bind_error)?;
        let tls = tls::generate()?;
        let (ca_path, ca_dir) = write_ca(config.ca_file.as_deref(), &tls.ca_pem)?;
        let host = addr.to_string();
        let client = ClientCredentials::generate(&config.client_name, &host)?;
        let state = Arc::new(State::new(
            client,
            host_without_port(&host).to_owned(),
            Controls {
                token_ttl: config.token_ttl,
                token_status: None,
                next_poll: config.next_poll,
                next_heartbeat: config.next_heartbeat,
                unavailable_until: None,
            },
        ));
        state.write_board(|board| {
            for task in config.tasks {
                board.push(task);
            }
        });
        let router = service::router(Arc::clone(&state));
        let server = server::spawn(listener, tls.server_config, router, Arc::clone(&state));
        Ok(C1Sim {
            state,
            addr,
            ca_pem: tls.ca_pem,
            ca_path,
            _ca_dir: ca_dir,
            server: Some(server),
        })
    }

    /// The listening address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `https://127.0.0.1:PORT`, the gRPC endpoint.
    pub fn url(&self) -> String {
        format!("https://{}", self.addr)
    }

    /// `https://127.0.0.1:PORT/auth/v1/token`.
    pub fn token_url(&self) -> String {
        format!("{}{}", self.url(), token_endpoint::PATH)
    }

    /// The client id, `c1-sim@127.0.0.1:PORT/pcc`.
    pub fn client_id(&self) -> &str {
        &self.state.client.client_id
    }

    /// The client secret, `secret-token:127.0.0.1:v1:<JWK>`. A test credential, so a plain
    /// string.
    pub fn client_secret(&self) -> String {
        self.state.client.client_secret.clone()
    }

    /// The CA certificate (PEM) the server's certificate chains to.
    pub fn ca_pem(&self) -> &str {
        &self.ca_pem
    }

    /// The file holding [`C1Sim::ca_pem`], for `SSL_CERT_FILE`.
    pub fn ca_pem_path(&self) -> &Path {
        &self.ca_path
    }

    /// Time since start: the clock of every `at` in the record.
    pub fn elapsed(&self) -> Duration {
        self.state.elapsed()
    }

    // --- the task script -------------------------------------------------------------

    /// Queues `task` (a fresh id when it has none); returns its id. Pushing a known id
    /// again replaces it and queues it again.
    pub fn push(&self, task: Task) -> String {
        self.state.write_board(|board| board.push(task))
    }

    /// Queues a pending task of this kind with a fresh id; returns the id.
    pub fn push_task(&self, task_type: TaskType) -> String {
        self.push(task(task_type))
    }

    /// Queues a task that was handed out at the front again, as ConductorOne does when its
    /// connector went away; false for an unknown id.
    pub fn hand_out_again(&self, task_id: &str) -> bool {
        self.state
            .write_board(|board| board.hand_out_again(task_id))
    }

    /// Heartbeat replies for `task_id` after its first `heartbeats` say `cancelled: true`
    /// (0: the very first reply does); false for an unknown id.
    pub fn cancel_after_heartbeats(&self, task_id: &str, heartbeats: usize) -> bool {
        self.state
            .write_board(|board| board.cancel_after(task_id, heartbeats))
    }

    /// Tasks still waiting to be handed out.
    pub fn queued_tasks(&self) -> usize {
        self.state.read_board(|board| board.queued())
    }

    /// All that is known about one task.
    pub fn task(&self, task_id: &str) -> Option<TaskState> {
        self.state.read_board(|board| board.get(task_id).cloned())
    }

    /// The `FinishTask`s received for a task, in order.
    pub fn finished(&self, task_id: &str) -> Vec<Finish> {
        self.task_field(task_id, |state| state.finishes.clone())
    }

    /// When the heartbeats of a task arrived.
    pub fn heartbeats(&self, task_id: &str) -> Vec<Duration> {
        self.task_field(task_id, |state| state.heartbeats.clone())
    }

    fn task_field<T: Default>(&self, task_id: &str, field: impl FnOnce(&TaskState) -> T) -> T {
        self.state
            .read_board(|board| board.get(task_id).map(field))
            .unwrap_or_default()
    }

    // --- the record ------------------------------------------------------------------

    /// Every `Hello` served.
    pub fn hellos(&self) -> Vec<Hello> {
        self.state.read_record(|record| record.hellos.clone())
    }

    /// Every `GetTask` served.
    pub fn polls(&self) -> Vec<Poll> {
        self.state.read_record(|record| record.polls.clone())
    }

    /// Every upload accepted (bad ones are in [`C1Sim::refusals`]).
    pub fn uploads(&self) -> Vec<Upload> {
        self.state.read_record(|record| record.uploads.clone())
    }

    /// Every call answered with an error status, and why.
    pub fn refusals(&self) -> Vec<Refusal> {
        self.state.read_record(|record| record.refusals.clone())
    }

    /// The calls refused INVALID_ARGUMENT: validation rules broken and bad uploads. A
    /// conformant client has none.
    pub fn invalid_requests(&self) -> Vec<Refusal> {
        let mut refusals = self.refusals();
        refusals.retain(|r| r.code() == tonic::Code::InvalidArgument);
        refusals
    }

    /// Every token request and how it ended.
    pub fn token_requests(&self) -> Vec<TokenRequest> {
        self.state
            .read_record(|record| record.token_requests.clone())
    }

    /// The call counters.
    pub fn counters(&self) -> Counters {
        self.state.counters.snapshot()
    }

    // --- controls --------------------------------------------------------------------

    /// Lifetime of tokens issued from now on.
    pub fn set_token_ttl(&self, ttl: Duration) {
        self.state.set_controls(|c| c.token_ttl = ttl);
    }

    /// `next_poll` of GetTask replies from now on.
    pub fn set_next_poll(&self, next_poll: Duration) {
        self.state.set_controls(|c| c.next_poll = next_poll);
    }

    /// `next_heartbeat` of replies from now on.
    pub fn set_next_heartbeat(&self, next_heartbeat: Duration) {
        self.state
            .set_controls(|c| c.next_heartbeat = next_heartbeat);
    }

    /// `Some(401)`: the token endpoint answers that status to every request from now on;
    /// `None`: it issues tokens again.
    pub fn set_token_endpoint_status(&self, status: Option<u16>) {
        self.state.set_controls(|c| c.token_status = status);
    }

    /// Invalidates every token issued so far; calls carrying one get UNAUTHENTICATED.
    pub fn revoke_tokens(&self) {
        self.state.tokens.revoke_all();
    }

    /// For `period` from now, every call is answered UNAVAILABLE and the token endpoint 503,
    /// while connections stay up.
    pub fn unavailable_for(&self, period: Duration) {
        let until = Instant::now() + period;
        self.state
            .set_controls(|c| c.unavailable_until = Some(until));
    }

    /// Goes away for `period`: the port stops listening and open connections are dropped
    /// (clients see broken connections, then refused ones), then it listens on the same
    /// port again. Returns once it is gone.
    pub async fn go_away(&self, period: Duration) {
        self.outage(period, Outage::ClosedPort).await;
    }

    /// For `period`, open connections are dropped and new ones are accepted and closed at
    /// once, each counted in [`Counters::reset_connections`] (so a test can count a
    /// client's attempts while the server is down); then it serves again. Returns once
    /// the period has begun.
    pub async fn reset_connections_for(&self, period: Duration) {
        self.outage(period, Outage::ResetConnections).await;
    }

    async fn outage(&self, period: Duration, outage: Outage) {
        let Some(server) = &self.server else { return };
        let (gone, is_gone) = oneshot::channel();
        let command = Command::GoAway {
            period,
            outage,
            gone,
        };
        if server.commands.send(command).is_ok() {
            let _ = is_gone.await;
        }
    }

    /// Stops serving: the port closes and connections are dropped.
    pub async fn shutdown(mut self) {
        if let Some(server) = self.server.take() {
            let _ = server.commands.send(Command::Stop);
            let mut task = server.task;
            if tokio::time::timeout(Duration::from_secs(1), &mut task)
                .await
                .is_err()
            {
                task.abort();
            }
        }
    }

    // --- waiting ---------------------------------------------------------------------

    /// Waits until `probe` finds what it looks for, at most `timeout`. The probe runs
    /// after every recorded change (and at least every 50 ms).
    pub async fn wait_until<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut probe: impl FnMut(&C1Sim) -> Option<T>,
    ) -> Result<T, WaitTimeout> {
        let deadline = tokio::time::Instant::now() + timeout;
        let mut changes = self.state.subscribe();
        loop {
            changes.borrow_and_update();
            if let Some(found) = probe(self) {
                return Ok(found);
            }
            let now = tokio::time::Instant::now();
            if now >= deadline {
                return Err(WaitTimeout {
                    what: what.to_owned(),
                    timeout,
                });
            }
            let pause = (deadline - now).min(WAIT_RECHECK);
            let _ = tokio::time::timeout(pause, changes.changed()).await;
        }
    }

    /// Waits for the first `FinishTask` of a task.
    pub async fn wait_finished(
        &self,
        task_id: &str,
        timeout: Duration,
    ) -> Result<Finish, WaitTimeout> {
        self.wait_until(&format!("task {task_id} to finish"), timeout, |sim| {
            sim.finished(task_id).into_iter().next()
        })
        .await
    }

    /// Waits until a task has had `count` heartbeats; returns their times.
    pub async fn wait_heartbeats(
        &self,
        task_id: &str,
        count: usize,
        timeout: Duration,
    ) -> Result<Vec<Duration>, WaitTimeout> {
        let what = format!("{count} heartbeats of task {task_id}");
        self.wait_for_count(&what, count, timeout, |sim| sim.heartbeats(task_id))
            .await
    }

    /// Waits until a task has been handed out `count` times; returns when.
    pub async fn wait_handed_out(
        &self,
        task_id: &str,
        count: usize,
        timeout: Duration,
    ) -> Result<Vec<Duration>, WaitTimeout> {
        let what = format!("task {task_id} handed out {count} times");
        self.wait_for_count(&what, count, timeout, |sim| {
            sim.task_field(task_id, |state| state.handed_out.clone())
        })
        .await
    }

    /// Waits until `count` hellos were served.
    pub async fn wait_hellos(
        &self,
        count: usize,
        timeout: Duration,
    ) -> Result<Vec<Hello>, WaitTimeout> {
        self.wait_for_count(&format!("{count} hellos"), count, timeout, C1Sim::hellos)
            .await
    }

    /// Waits until `count` GetTask calls were served.
    pub async fn wait_polls(
        &self,
        count: usize,
        timeout: Duration,
    ) -> Result<Vec<Poll>, WaitTimeout> {
        self.wait_for_count(&format!("{count} polls"), count, timeout, C1Sim::polls)
            .await
    }

    /// Waits until `count` uploads were accepted.
    pub async fn wait_uploads(
        &self,
        count: usize,
        timeout: Duration,
    ) -> Result<Vec<Upload>, WaitTimeout> {
        self.wait_for_count(&format!("{count} uploads"), count, timeout, C1Sim::uploads)
            .await
    }

    /// Waits until `list` has at least `count` items; returns them all.
    async fn wait_for_count<T>(
        &self,
        what: &str,
        count: usize,
        timeout: Duration,
        list: impl Fn(&C1Sim) -> Vec<T>,
    ) -> Result<Vec<T>, WaitTimeout> {
        self.wait_until(what, timeout, |sim| {
            Some(list(sim)).filter(|items| items.len() >= count)
        })
        .await
    }
}

impl Drop for C1Sim {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            let _ = server.commands.send(Command::Stop);
            server.task.abort();
        }
    }
}

/// Writes the CA to `path`, or to a fresh temporary folder kept with the simulator.
fn write_ca(
    path: Option<&Path>,
    pem: &str,
) -> Result<(PathBuf, Option<tempfile::TempDir>), SimError> {
    let (path, dir) = match path {
        Some(path) => (path.to_owned(), None),
        None => {
            let dir = tempfile::Builder::new()
                .prefix("c1-sim-")
                .tempdir()
                .map_err(|error| SimError::CaFile {
                    path: std::env::temp_dir(),
                    error,
                })?;
            (dir.path().join("ca.pem"), Some(dir))
        }
    };
    std::fs::write(&path, pem).map_err(|error| SimError::CaFile {
        path: path.clone(),
        error,
    })?;
    Ok((path, dir))
}
