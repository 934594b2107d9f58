//! The task loop: Hello, then poll for tasks and run up to three at once, until shutdown.

pub(crate) mod timing;

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use c1_proto::baton::{BatonServiceGetTaskRequest, Task};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio::task::JoinSet;

use crate::DaemonConfig;
use crate::api::{BatonApi, RpcError};
use crate::connector::Connector;
use crate::sync_files::SyncFiles;
use crate::tasks::{self, TaskContext};

/// Tasks that may run at once, as in the SDK.
const MAX_RUNNING: usize = 3;
/// How long a poll under way at shutdown may still take to answer.
const IN_FLIGHT_POLL: Duration = Duration::from_secs(5);

/// Why the daemon stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum DaemonError {
    /// ConductorOne refused the credentials, or its certificate is not trusted: retrying
    /// cannot help.
    #[error(transparent)]
    Rejected(RpcError),
}

/// Runs the daemon until `shutdown` resolves.
///
/// Startup sends a Hello first (unlike the SDK, which sends it beside the first poll): if
/// ConductorOne refuses the credentials or its certificate is not trusted, that is an
/// error to fix, returned at once. Transient failures there and later are logged and
/// retried with backoff.
///
/// On shutdown the loop stops polling (a poll under way gets a few seconds to answer, so a
/// task it hands out is not lost); running provisioning tasks get [`DaemonConfig::grace`]
/// to finish, running syncs stop at once and stay resumable (no FinishTask, so
/// ConductorOne hands them out again).
pub async fn run<A, C>(
    api: Arc<A>,
    connector: Arc<C>,
    config: DaemonConfig,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), DaemonError>
where
    A: BatonApi,
    C: Connector,
{
    let swept = SyncFiles::new(&config.temp_dir).sweep(SystemTime::now());
    if swept > 0 {
        tracing::info!(
            files = swept,
            dir = %config.temp_dir.display(),
            "removed sync files of tasks that never came back"
        );
    }
    let (stop, stopping) = watch::channel(false);
    let context = TaskContext {
        api,
        connector,
        config: Arc::new(config),
        stopping,
    };
    tokio::pin!(shutdown);
    let hello = tokio::select! {
        result = context.hello("") => result,
        () = &mut shutdown => return Ok(()),
    };
    match hello {
        Ok(()) => tracing::info!(host_id = %context.config.host_id, "connected to ConductorOne"),
        Err(error) if error.is_permanent() => return Err(DaemonError::Rejected(error)),
        Err(error) => tracing::warn!(%error, "Hello failed; polling anyway"),
    }
    let mut running = JoinSet::new();
    let in_flight = poll(&context, &mut running, shutdown).await;
    let _ = stop.send(true);
    if let Some(work) = in_flight {
        work.spawn(&context, &mut running);
    }
    drain(running, context.config.grace).await;
    Ok(())
}

/// A task handed out, with the slot it runs in.
struct Work {
    task: Task,
    slot: OwnedSemaphorePermit,
}

impl Work {
    fn spawn<A: BatonApi, C: Connector>(
        self,
        context: &TaskContext<A, C>,
        running: &mut JoinSet<()>,
    ) {
        let context = context.clone();
        running.spawn(async move {
            tasks::run(context, self.task).await;
            drop(self.slot);
        });
    }
}

/// Polls until `shutdown` resolves, spawning a task for every piece of work. Returns the
/// task of a poll that was under way at shutdown: ConductorOne counts it as handed out, so
/// it is not dropped (a grant then still runs in the grace period; a sync is left for
/// ConductorOne to hand out again).
async fn poll<A: BatonApi, C: Connector>(
    context: &TaskContext<A, C>,
    running: &mut JoinSet<()>,
    shutdown: impl Future<Output = ()>,
) -> Option<Work> {
    tokio::pin!(shutdown);
    let slots = Arc::new(Semaphore::new(MAX_RUNNING));
    let request = BatonServiceGetTaskRequest {
        host_id: context.config.host_id.clone(),
    };
    let mut wait = Duration::ZERO;
    let mut errors = 0;
    loop {
        // Reap finished tasks so the set does not grow with the daemon's age.
        while running.try_join_next().is_some() {}
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = &mut shutdown => return None,
        }
        // A slot is taken before polling: with three tasks running, nothing is asked for.
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => slot.expect("the semaphore is never closed"),
            () = &mut shutdown => return None,
        };
        let call = context.api.get_task(request.clone());
        tokio::pin!(call);
        let (reply, shutting_down) = tokio::select! {
            reply = &mut call => (reply, false),
            () = &mut shutdown => match tokio::time::timeout(IN_FLIGHT_POLL, call).await {
                Ok(reply) => (reply, true),
                Err(_) => return None,
            },
        };
        match reply {
            Ok(reply) => {
                errors = 0;
                wait = timing::next_poll(reply.next_poll.as_ref());
                let work = reply
                    .task
                    .filter(tasks::is_work)
                    .map(|task| Work { task, slot });
                match work {
                    Some(work) if shutting_down => return Some(work),
                    Some(work) => work.spawn(context, running),
                    None if shutting_down => return None,
                    None => {}
                }
            }
            Err(_) if shutting_down => return None,
            Err(error) => {
                errors += 1;
                wait = timing::backoff(errors);
                tracing::warn!(%error, retry_in = ?wait, "GetTask failed");
            }
        }
    }
}

/// Waits up to `grace` for running tasks, then abandons the rest.
async fn drain(mut running: JoinSet<()>, grace: Duration) {
    if running.is_empty() {
        return;
    }
    tracing::info!(tasks = running.len(), ?grace, "waiting for running tasks");
    let finished = tokio::time::timeout(grace, async {
        while running.join_next().await.is_some() {}
    })
    .await;
    if finished.is_err() {
        tracing::warn!(
            tasks = running.len(),
            "tasks still running after the grace period were stopped"
        );
        running.shutdown().await;
    }
}
