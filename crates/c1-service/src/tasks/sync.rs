//! Full-sync tasks: heartbeat, sync into this task's own file, upload, finish.
//!
//! Better than the Go SDK: the file is named after the task and kept until it has been
//! uploaded, so a sync interrupted by a restart, a shutdown or a failure resumes from its
//! last checkpoint when ConductorOne hands the same task out again.

use std::path::{Path, PathBuf};

use tonic::Code;

use super::{TaskContext, heartbeat, upload};
use crate::api::BatonApi;
use crate::connector::{Connector, TaskError};
use crate::daemon::timing::heartbeat_interval;
use crate::finish::Finish;

/// How a sync task's work ended.
enum Ended {
    /// Synced and uploaded, or failed.
    Done(Result<(), TaskError>),
    /// The heartbeat loop stopped the task, for this reason.
    Stopped(String),
    /// The daemon is shutting down.
    Interrupted,
}

/// Runs a `sync_full` task.
pub(super) async fn run<A: BatonApi, C: Connector>(context: &TaskContext<A, C>, task_id: &str) {
    let config = &context.config;
    let api = context.api.as_ref();
    // A first heartbeat says the task is taken; if it fails or cancels, the task is left
    // to the server without a FinishTask, as in the SDK.
    let interval = match heartbeat::beat(api, &config.host_id, task_id).await {
        Ok(reply) if reply.cancelled => {
            tracing::info!(task_id, "sync cancelled before it started");
            return;
        }
        Ok(reply) => heartbeat_interval(reply.next_heartbeat.as_ref()),
        Err(error) => {
            tracing::warn!(task_id, %error, "first heartbeat failed; leaving the task");
            return;
        }
    };
    let file = config.sync_file(task_id);
    let work = async {
        produce(context, &file).await?;
        let uploaded = upload::upload(api, &config.host_id, task_id, &file).await;
        // An uploaded file, or one whose upload failed, is not resumed: the next run of the
        // task starts afresh rather than adding a second sync to it.
        remove(&file);
        uploaded
    };
    let mut stopping = context.stopping.clone();
    let ended = tokio::select! {
        result = work => Ended::Done(result),
        reason = heartbeat::keep_alive(api, &config.host_id, task_id, interval) => Ended::Stopped(reason),
        _ = stopping.wait_for(|stop| *stop) => Ended::Interrupted,
    };
    match ended {
        Ended::Done(Ok(())) => {
            let done = Finish::Success {
                response: None,
                annotations: Vec::new(),
            };
            context.finish(task_id, done).await;
        }
        // Sync failures are retryable, as in the SDK: the next run resumes the file.
        Ended::Done(Err(error)) => {
            let error = TaskError {
                retryable: true,
                ..error
            };
            context.finish(task_id, Finish::Failure(error)).await;
        }
        Ended::Stopped(reason) => {
            tracing::warn!(task_id, %reason, "sync stopped");
            let error = TaskError::transient(Code::Cancelled, reason);
            context.finish(task_id, Finish::Failure(error)).await;
        }
        Ended::Interrupted => tracing::info!(
            task_id,
            file = %file.display(),
            "sync interrupted by shutdown; it resumes when ConductorOne hands the task out again"
        ),
    }
}

/// Writes the sync file: the connector's sync, or with `--skip-full-sync` one empty sync run.
async fn produce<A: BatonApi, C: Connector>(
    context: &TaskContext<A, C>,
    file: &Path,
) -> Result<(), TaskError> {
    if context.config.skip_full_sync {
        return empty_sync(file.to_owned()).await;
    }
    context.connector.sync(file, &context.config.temp_dir).await
}

/// Records a sync run with nothing in it, as the SDK does for `--skip-full-sync`.
async fn empty_sync(file: PathBuf) -> Result<(), TaskError> {
    tokio::task::spawn_blocking(move || {
        let mut writer = c1z::Writer::open(&file, c1z::WriterConfig::default())?;
        writer.start_sync(c1z::SyncKind::Full)?;
        writer.finish().map(drop)
    })
    .await
    .unwrap_or_else(|join| std::panic::resume_unwind(join.into_panic()))
    .map_err(|error| {
        TaskError::transient(
            Code::Internal,
            format!("writing the empty sync failed: {error}"),
        )
    })
}

fn remove(file: &Path) {
    if let Err(error) = std::fs::remove_file(file)
        && error.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!(file = %file.display(), %error, "cannot remove the uploaded sync file");
    }
}
