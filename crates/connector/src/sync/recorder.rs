//! The recorder: the one task that stores what the listings produce.
//!
//! ListingCtx send [`Update`]s (rows plus the [`Change`]s they complete) over a bounded
//! channel; the recorder applies each change to the checkpoint in arrival order and writes
//! the rows with the checkpoint as it stands after them, in one transaction. The token in
//! the file therefore never claims a page whose rows are not stored, whatever the order in
//! which concurrent listings finish their pages. Updates that queue up while a write is in
//! flight are merged into the next batch, so a fast tenant costs fewer transactions.

use c1z::{Batch, WriterHandle};
use tokio::sync::mpsc;

use super::checkpoint::{Change, Checkpoint};
use super::error::SyncError;
use super::report::Skipped;

/// Most rows merged into one batch.
const MAX_BATCH_ROWS: usize = 10_000;
/// Updates that may wait for the recorder before ctx wait too.
const QUEUE: usize = 32;

/// Rows from one page, what they complete, and what the page left out.
#[derive(Debug, Default)]
pub(super) struct Update {
    /// The rows (the batch's checkpoint is set by the recorder).
    pub rows: Batch,
    /// What storing the rows completes, in order.
    pub changes: Vec<Change>,
    /// What the page left out.
    pub skipped: Skipped,
}

/// The ctx' side of the channel to the recorder.
#[derive(Clone)]
pub(super) struct Updates(mpsc::Sender<Update>);

impl Updates {
    /// Queues `update` for storing; waits while the recorder is behind.
    pub(super) async fn send(&self, update: Update) -> Result<(), SyncError> {
        self.0.send(update).await.map_err(|_| SyncError::Stopped)
    }
}

/// A channel to a recorder.
pub(super) fn channel() -> (Updates, mpsc::Receiver<Update>) {
    let (sender, receiver) = mpsc::channel(QUEUE);
    (Updates(sender), receiver)
}

/// Stores updates until every producer has hung up, advancing `checkpoint` as it goes.
///
/// `checkpoint` moves on just before its batch is sent to the writer, so if the recording
/// stops early it holds at least what the file holds.
pub(super) async fn record(
    writer: &WriterHandle,
    mut updates: mpsc::Receiver<Update>,
    checkpoint: &mut Checkpoint,
) -> Result<(), SyncError> {
    while let Some(first) = updates.recv().await {
        let mut batch = absorb(checkpoint, Batch::default(), first);
        while batch.len() < MAX_BATCH_ROWS {
            match updates.try_recv() {
                Ok(update) => batch = absorb(checkpoint, batch, update),
                Err(_) => break,
            }
        }
        batch.checkpoint = Some(checkpoint.encode());
        writer.write(batch).await?;
    }
    Ok(())
}

/// Adds an update's rows to `batch` and its change and omissions to the checkpoint.
fn absorb(checkpoint: &mut Checkpoint, mut batch: Batch, update: Update) -> Batch {
    let Update {
        rows,
        changes,
        skipped,
    } = update;
    for change in changes {
        checkpoint.apply(change);
    }
    checkpoint.skipped.merge(skipped);
    if batch.is_empty() {
        return rows;
    }
    batch.resource_types.extend(rows.resource_types);
    batch.resources.extend(rows.resources);
    batch.entitlements.extend(rows.entitlements);
    batch.grants.extend(rows.grants);
    batch
}
