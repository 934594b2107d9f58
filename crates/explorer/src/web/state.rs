//! What every request handler shares: the sync being shown, its findings, the file's other
//! syncs (for diffs, read on demand) and the access token.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use c1z::{Reader, SyncRun, SyncType};

use crate::diff::{self, AccessDiff};
use crate::error::{Error, Result};
use crate::findings::{self, Finding, Settings};
use crate::snapshot::{self, Snapshot};

/// Shared state of the explorer's server.
pub struct AppState {
    /// The sync shown on every page.
    pub snapshot: Snapshot,
    /// Its findings.
    pub findings: Vec<Finding>,
    /// What the findings are relative to.
    pub settings: Settings,
    /// Finished full syncs of the file, newest first (the choices of the diff page).
    pub syncs: Vec<SyncRun>,
    /// The token every request must carry.
    pub token: String,
    /// The open file, for reading older syncs when a diff asks for one. Reads are blocking
    /// and rare: one at a time, off the runtime.
    reader: Mutex<Reader>,
    /// Diffs computed so far, by (base, applied) sync id.
    diffs: Mutex<HashMap<(String, String), Arc<AccessDiff>>>,
}

impl AppState {
    /// Reads the newest finished full sync (or `sync_id`) of `reader` and its findings.
    pub fn load(
        reader: Reader,
        sync_id: Option<&str>,
        inactive_days: u32,
        token: String,
    ) -> Result<AppState> {
        let snapshot = snapshot::load(&reader.view(sync_id)?)?;
        let settings = Settings::at_sync(&snapshot, inactive_days).ok_or(Error::NoSync)?;
        let findings = findings::evaluate(&snapshot, &settings);
        let mut syncs: Vec<SyncRun> = reader
            .sync_runs()?
            .into_iter()
            .filter(|run| run.finished && run.sync_type == SyncType::Full)
            .collect();
        syncs.sort_by(|a, b| (b.ended_at, &b.id).cmp(&(a.ended_at, &a.id)));
        Ok(AppState {
            snapshot,
            findings,
            settings,
            syncs,
            token,
            reader: Mutex::new(reader),
            diffs: Mutex::new(HashMap::new()),
        })
    }

    /// The changes from sync `base` to sync `applied` (ids of finished full syncs), computed
    /// once. Blocking: call it from a blocking task.
    pub fn diff(&self, base: &str, applied: &str) -> Result<Arc<AccessDiff>> {
        let key = (base.to_owned(), applied.to_owned());
        if let Some(found) = lock(&self.diffs).get(&key) {
            return Ok(Arc::clone(found));
        }
        let read = |id: &str| -> Result<Snapshot> {
            let reader = lock(&self.reader);
            snapshot::load(&reader.view(Some(id))?)
        };
        let in_memory = |id: &str| (self.snapshot.sync.id.as_str() == id).then_some(&self.snapshot);
        // Hold at most one extra sync in memory at a time.
        let computed = match (in_memory(base), in_memory(applied)) {
            (Some(b), Some(a)) => diff::compare(b, a),
            (Some(b), None) => diff::compare(b, &read(applied)?),
            (None, Some(a)) => diff::compare(&read(base)?, a),
            (None, None) => {
                let older = read(base)?;
                diff::compare(&older, &read(applied)?)
            }
        };
        let computed = Arc::new(computed);
        lock(&self.diffs).insert(key, Arc::clone(&computed));
        Ok(computed)
    }
}

/// Locks `mutex`, going on with the data if a panicking request poisoned it (the data are
/// read-only snapshots and a cache, which a panic cannot leave half-written).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
