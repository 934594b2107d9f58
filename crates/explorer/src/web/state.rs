//! What every request handler shares: the sync being shown, its findings, the file's other
//! syncs (for diffs, read on demand) and the access token.
//!
//! The findings themselves are built on a thread of their own once the sync is read: the
//! overview needs only their numbers ([`AppState::tally`], counted by the same rules in a
//! few milliseconds), so the explorer answers while tens of thousands of findings are still
//! being written out; the pages that list them wait for them ([`AppState::findings`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use c1z::{Reader, SyncRun, SyncType};

use crate::diff::{self, AccessDiff};
use crate::error::{Error, Result};
use tokio::sync::SetOnce;

use crate::findings::{self, Finding, Kind, Settings, Tally};
use crate::snapshot::{self, Snapshot};

/// Shared state of the explorer's server.
pub struct AppState {
    /// The sync shown on every page.
    pub snapshot: Snapshot,
    /// How many findings of each kind, and the worst severity.
    pub tally: Vec<(Kind, Tally)>,
    /// The findings, once built.
    findings: SetOnce<Vec<Finding>>,
    /// What the findings are relative to.
    pub settings: Settings,
    /// Finished full syncs of the file, newest first (the choices of the diff page).
    pub syncs: Vec<SyncRun>,
    /// The token every request must carry.
    pub token: String,
    /// The open file, for reading older syncs when a diff asks for one. Reads are blocking
    /// and rare: one at a time, off the runtime. `None` once [`AppState::close`]d.
    reader: Mutex<Option<Reader>>,
    /// Diffs computed so far, by (base, applied) sync id.
    diffs: Mutex<HashMap<(String, String), Arc<AccessDiff>>>,
}

impl AppState {
    /// Reads the newest finished full sync (or `sync_id`) of `reader` and counts its
    /// findings; a thread builds the findings themselves.
    pub fn load(
        reader: Reader,
        sync_id: Option<&str>,
        inactive_days: u32,
        token: String,
    ) -> Result<Arc<AppState>> {
        let snapshot = snapshot::load(&reader.view(sync_id)?)?;
        let settings = Settings::at_sync(&snapshot, inactive_days).ok_or(Error::NoSync)?;
        let tally = findings::tally(&snapshot, &settings);
        let mut syncs: Vec<SyncRun> = reader
            .sync_runs()?
            .into_iter()
            .filter(|run| run.finished && run.sync_type == SyncType::Full)
            .collect();
        syncs.sort_by(|a, b| (b.ended_at, &b.id).cmp(&(a.ended_at, &a.id)));
        let state = Arc::new(AppState {
            snapshot,
            tally,
            findings: SetOnce::new(),
            settings,
            syncs,
            token,
            reader: Mutex::new(Some(reader)),
            diffs: Mutex::new(HashMap::new()),
        });
        let building = Arc::clone(&state);
        std::thread::spawn(move || {
            let found = findings::evaluate(&building.snapshot, &building.settings);
            // Only this thread sets them.
            let _ = building.findings.set(found);
        });
        Ok(state)
    }

    /// The findings, waiting until they are built.
    pub async fn findings(&self) -> &[Finding] {
        self.findings.wait().await
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
            let reader = reader.as_ref().ok_or(Error::Closed)?;
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

impl AppState {
    /// Closes the file, which deletes its decompressed copy, whoever still holds the state
    /// (the thread building the findings, a request being answered): the process may end
    /// before they let go of it.
    pub fn close(&self) {
        lock(&self.reader).take();
    }
}

/// Locks `mutex`, going on with the data if a panicking request poisoned it (the data are
/// read-only snapshots and a cache, which a panic cannot leave half-written).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
