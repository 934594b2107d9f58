//! Pruning old syncs after a run, as baton's `Cleanup` does: keep the newest N finished
//! full syncs, delete older ones and the partial syncs that ended before the oldest kept
//! full sync started.
//!
//! Beyond baton, unfinished runs other than the one just ended are deleted too: the only
//! writer of the file has just completed a newer run, so they can never be resumed.

use std::num::NonZeroUsize;

use rusqlite::Connection;

use crate::error::Result;
use crate::schema::SYNC_SCOPED_TABLES;
use crate::sync_run::{self, SyncId, SyncType};

/// Deletes the runs that fall outside the policy; returns their ids.
pub(super) fn prune(
    conn: &mut Connection,
    keep: NonZeroUsize,
    current: &SyncId,
) -> Result<Vec<SyncId>> {
    let runs = sync_run::read_runs(conn, "1 = 1", "id asc", &[])?;
    let full: Vec<_> = runs
        .iter()
        .filter(|run| run.finished && run.sync_type != SyncType::Partial)
        .collect();
    let mut doomed: Vec<SyncId> = Vec::new();
    if let Some(cut) = full.len().checked_sub(keep.get()).filter(|cut| *cut > 0) {
        doomed.extend(full[..cut].iter().map(|run| run.id.clone()));
        let oldest_kept_start = full[cut].started_at;
        doomed.extend(
            runs.iter()
                .filter(|run| run.finished && run.sync_type == SyncType::Partial)
                .filter(|run| match (run.ended_at, oldest_kept_start) {
                    (Some(ended), Some(start)) => ended < start,
                    _ => false,
                })
                .map(|run| run.id.clone()),
        );
    }
    doomed.extend(
        runs.iter()
            .filter(|run| !run.finished && run.id != *current)
            .map(|run| run.id.clone()),
    );
    if doomed.is_empty() {
        return Ok(doomed);
    }
    let tx = conn.transaction()?;
    for id in &doomed {
        for table in SYNC_SCOPED_TABLES {
            tx.execute(
                &format!("delete from {table} where sync_id = ?1"),
                [id.as_str()],
            )?;
        }
        tx.execute("delete from v1_sync_runs where sync_id = ?1", [id.as_str()])?;
    }
    tx.commit()?;
    Ok(doomed)
}
