//! The sync engine: lists a Zoom account and streams it into a `.c1z`, resuming an
//! interrupted run left in the same file.
//!
//! Strategy (where the speed comes from): users are listed once per status at 300 per
//! page, and their rows carry `group_ids`, `role_id` and `type`, so group membership, role
//! and licence grants need no call of their own; per-group calls are made only where no
//! other listing has the data (group admins, contact-group members). Independent listings
//! run concurrently and the client paces them within Zoom's per-category budgets. Rows go
//! to the c1z writer page by page, so memory does not grow with the tenant, apart from an
//! email → user id map for the admin mapping.
//!
//! Every stored page carries a checkpoint (see `checkpoint.rs`), so a run that is killed,
//! cancelled or fails resumes where it stopped when [`sync`] is called again on the same
//! file; the previous `.c1z` stays intact until a run finishes and replaces it atomically.

mod admins;
mod checkpoint;
mod error;
mod fan_out;
mod listing;
mod optional;
mod progress;
mod recorder;
mod report;
mod roles;
mod schedule;
mod users;

use std::path::PathBuf;
use std::time::Instant;

use c1z::{ReadOptions, Reader, SyncKind, SyncType, Writer, WriterConfig, WriterHandle};
use zoom_api::{Client, Endpoint};

pub use crate::kinds::resource_types;
pub use error::SyncError;
pub use optional::OptionalListing;
pub use progress::{NoProgress, Progress};
pub use report::{Skipped, SyncReport};

use checkpoint::Checkpoint;
use listing::ListingCtx;
use schedule::Work;

/// The Zoom operations a sync cannot do without: the user listing. Every other listing is
/// optional ([`OptionalListing`]): the sync goes on without it when Zoom refuses it for a
/// missing scope.
pub const REQUIRED_ENDPOINTS: &[Endpoint] = &[Endpoint::Users];

/// Batches that may wait for the writer thread.
const WRITER_QUEUE: usize = 4;

/// Where and how to write a sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncOptions {
    /// The `.c1z` to write (`--file`). Earlier syncs in it are kept as the cleanup allows;
    /// an unfinished run in its working file is resumed.
    pub file: PathBuf,
    /// Where to decompress the finished file to count what it holds (`--c1z-temp-dir`);
    /// the system temp folder when `None`. The working file is not put there: it stays
    /// beside `file`, where the next run finds it to resume and whence it is renamed.
    pub temp_dir: Option<PathBuf>,
    /// Which earlier syncs to keep (baton's `BATON_SKIP_CLEANUP` / `BATON_KEEP_SYNC_COUNT`).
    pub cleanup: c1z::Cleanup,
}

impl SyncOptions {
    /// Options for syncing into `file` with baton's default cleanup (keep two syncs).
    pub fn new(file: impl Into<PathBuf>) -> SyncOptions {
        SyncOptions {
            file: file.into(),
            temp_dir: None,
            cleanup: c1z::Cleanup::default(),
        }
    }

    /// Sets the cleanup policy.
    #[must_use]
    pub fn with_cleanup(mut self, cleanup: c1z::Cleanup) -> SyncOptions {
        self.cleanup = cleanup;
        self
    }
}

/// Syncs the Zoom account behind `client` into `options.file`, resuming the unfinished run
/// left there if there is one, and reports what was stored.
///
/// Dropping the returned future (Ctrl-C, a timeout) stops the run after its last stored
/// batch; calling `sync` again on the same file continues it.
pub async fn sync(
    client: &Client,
    options: &SyncOptions,
    progress: &dyn Progress,
) -> Result<SyncReport, SyncError> {
    let started = Instant::now();
    let (writer, resumed, mut checkpoint) = open(options).await?;
    if resumed {
        tracing::info!(sync_id = %writer.sync_id(), "resuming the unfinished sync");
    }
    let work = Work::after(&checkpoint);
    let (updates, receiver) = recorder::channel();
    let ctx = ListingCtx {
        client,
        progress,
        updates,
    };
    let producing = async move {
        let result = schedule::run(&ctx, &work).await;
        // Hanging up lets the recorder finish once it has stored everything.
        drop(ctx);
        result
    };
    // The recorder goes first: if it fails, its error (not a producer's "stopped") is the
    // one reported.
    let recording = recorder::record(&writer, receiver, &mut checkpoint);
    if let Err(error) = tokio::try_join!(recording, producing) {
        // Everything stored so far stays resumable. A new run that failed before storing
        // anything from Zoom (unreachable, bad credentials) leaves no working file instead:
        // it would only hold a copy of the previous sync.
        let stopped = if resumed || checkpoint.has_zoom_progress() {
            writer.close().await
        } else {
            writer.discard().await
        };
        if let Err(stop) = stopped {
            tracing::warn!(error = %stop, "closing the sync file after a failure");
        }
        return Err(error);
    }
    let finished = writer.finish().await?;
    let stats = read_back(options, finished.sync_id.to_string()).await?;
    Ok(SyncReport {
        sync_id: finished.sync_id.to_string(),
        resumed,
        resources: stats.resources_by_type.into_iter().collect(),
        entitlements: stats.entitlements,
        grants: stats.grants,
        skipped: checkpoint.skipped,
        omitted: checkpoint.omitted,
        api: client.stats(),
        elapsed: started.elapsed(),
        file_size: finished.file_size,
        pacing: client.pacing(),
    })
}

/// Opens the file for writing and picks the run: the unfinished full sync if its checkpoint
/// is readable, otherwise a new one.
async fn open(options: &SyncOptions) -> Result<(WriterHandle, bool, Checkpoint), SyncError> {
    let file = options.file.clone();
    let config = WriterConfig {
        cleanup: options.cleanup,
        ..WriterConfig::default()
    };
    blocking(move || {
        let mut writer = Writer::open(&file, config)?;
        let saved = writer
            .resumable()
            .filter(|point| point.sync_type == SyncType::Full)
            .map(|point| Checkpoint::decode(&point.token));
        let (resumed, checkpoint) = match saved {
            Some(Ok(checkpoint)) => {
                writer.resume_sync()?;
                (true, checkpoint)
            }
            other => {
                if let Some(Err(unreadable)) = other {
                    tracing::warn!(%unreadable, "starting a new sync instead of resuming");
                }
                writer.start_sync(SyncKind::Full)?;
                (false, Checkpoint::new())
            }
        };
        Ok((writer.spawn(WRITER_QUEUE)?, resumed, checkpoint))
    })
    .await
}

/// Counts what the published file holds for the run.
async fn read_back(options: &SyncOptions, sync_id: String) -> Result<c1z::Stats, SyncError> {
    let file = options.file.clone();
    let read_options = ReadOptions {
        temp_dir: options.temp_dir.clone(),
        ..ReadOptions::default()
    };
    blocking(move || {
        let reader = Reader::open(&file, &read_options)?;
        Ok(reader.view(Some(&sync_id))?.stats()?)
    })
    .await
}

/// Runs file work (SQLite, zstd) off the async runtime.
async fn blocking<T, F>(work: F) -> Result<T, SyncError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, SyncError> + Send + 'static,
{
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result,
        Err(join) if join.is_panic() => std::panic::resume_unwind(join.into_panic()),
        Err(_) => Err(SyncError::Stopped),
    }
}
