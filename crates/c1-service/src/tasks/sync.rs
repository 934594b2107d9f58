//! Full-sync tasks: heartbeat, sync into this task's own file, upload, finish.
//!
//! Better than the Go SDK: the file is named after the task and kept until the task is done
//! with, so a sync interrupted by a restart, a shutdown or a failure resumes from its last
//! checkpoint when ConductorOne hands the same task out again (see `sync_files.rs` for how
//! long files are kept).

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use tonic::Code;

use super::{TaskContext, heartbeat, upload};
use crate::api::BatonApi;
use crate::connector::{Connector, TaskError};
use crate::daemon::timing::heartbeat_interval;
use crate::finish::Finish;
use crate::sync_files::SyncFiles;

/// How a sync task's work ended.
enum Ended {
    /// The sync failed; its file stays for a retry of the task to resume.
    SyncFailed(TaskError),
    /// Synced, and the upload ended this way; the file is done with either way (a complete
    /// file is not resumed: a retry would add a second sync to it).
    Uploaded(Result<(), TaskError>),
    /// The heartbeat loop stopped the task, for this reason.
    Stopped(String),
    /// The daemon is shutting down.
    Interrupted,
}

/// Runs a `sync_full` task.
pub(super) async fn run<A: BatonApi, C: Connector>(context: &TaskContext<A, C>, task_id: &str) {
    let config = &context.config;
    let api = context.api.as_ref();
    if *context.stopping.borrow() {
        tracing::info!(
            task_id,
            "sync not started: shutting down; ConductorOne hands it out again"
        );
        return;
    }
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
    let files = SyncFiles::new(&config.temp_dir);
    files.sweep(SystemTime::now());
    let file = files.file(task_id);
    let work = async {
        if let Err(error) = produce(context, &file).await {
            return Ended::SyncFailed(error);
        }
        Ended::Uploaded(upload::upload(api, &config.host_id, task_id, &file).await)
    };
    let mut stopping = context.stopping.clone();
    let ended = tokio::select! {
        ended = work => ended,
        reason = heartbeat::keep_alive(api, &config.host_id, task_id, interval) => Ended::Stopped(reason),
        _ = stopping.wait_for(|stop| *stop) => Ended::Interrupted,
    };
    let finish = match ended {
        Ended::Interrupted => {
            tracing::info!(
                task_id,
                file = %file.display(),
                "sync interrupted by shutdown; it resumes when ConductorOne hands the task out again"
            );
            return;
        }
        // Sync failures are retryable, as in the SDK; should ConductorOne hand the same
        // task out again, the sync resumes.
        Ended::SyncFailed(error) => {
            let error = TaskError {
                retryable: true,
                ..error
            };
            context.finish(task_id, Finish::Failure(error)).await;
            return;
        }
        Ended::Uploaded(Ok(())) => Finish::Success {
            response: None,
            annotations: Vec::new(),
        },
        Ended::Uploaded(Err(error)) => Finish::Failure(error),
        Ended::Stopped(reason) => {
            tracing::warn!(task_id, %reason, "sync stopped");
            Finish::Failure(TaskError::transient(Code::Cancelled, reason))
        }
    };
    files.remove(task_id);
    context.finish(task_id, finish).await;
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
        let config = c1z::WriterConfig {
            cleanup: c1z::Cleanup::KeepNewest(NonZeroUsize::MIN),
            ..c1z::WriterConfig::default()
        };
        let mut writer = c1z::Writer::open(&file, config)?;
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
