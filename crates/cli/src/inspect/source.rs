//! Opening `--file` and choosing the sync to read, with errors that say what to do.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use c1z::{ReadOptions, Reader, SyncRun, SyncType, SyncView};

/// A `.c1z` opened for reading, remembering its path for messages.
pub struct C1zFile {
    path: PathBuf,
    reader: Reader,
}

impl C1zFile {
    /// Opens `path`; a missing file or one that is not a `.c1z` is a one-line error.
    pub fn open(path: &Path, options: &ReadOptions) -> anyhow::Result<C1zFile> {
        if !path.exists() {
            bail!(
                "{} does not exist: run a sync first, or point --file at a .c1z file",
                path.display()
            );
        }
        let reader = Reader::open(path, options)
            .with_context(|| format!("cannot read {}", path.display()))?;
        Ok(C1zFile {
            path: path.to_owned(),
            reader,
        })
    }

    /// The sync to read: `sync_id` when given (it must exist), else baton's latest-sync rule.
    pub fn view(&self, sync_id: Option<&str>) -> anyhow::Result<SyncView<'_>> {
        match self.reader.view(sync_id) {
            Err(c1z::Error::SyncNotFound(id)) => Err(self.unknown_sync(&id)),
            other => Ok(other?),
        }
    }

    /// The named sync run; an unknown id is an error naming the way to list them.
    pub fn sync_run(&self, id: &str) -> anyhow::Result<SyncRun> {
        self.reader
            .sync_run(id)?
            .ok_or_else(|| self.unknown_sync(id))
    }

    /// Every sync run, in file order.
    pub fn sync_runs(&self) -> anyhow::Result<Vec<SyncRun>> {
        Ok(self.reader.sync_runs()?)
    }

    /// Finished full syncs, newest first (by end time, then id, as baton orders them).
    pub fn finished_full_syncs(&self) -> anyhow::Result<Vec<SyncRun>> {
        let mut runs: Vec<SyncRun> = self
            .sync_runs()?
            .into_iter()
            .filter(|run| run.finished && run.sync_type == SyncType::Full)
            .collect();
        runs.sort_by(|a, b| (b.ended_at, &b.id).cmp(&(a.ended_at, &a.id)));
        Ok(runs)
    }

    /// The file's path, for messages.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn unknown_sync(&self, id: &str) -> anyhow::Error {
        anyhow::anyhow!(
            "sync {id:?} is not in {}; `baton-zoom syncs --file {}` lists the syncs it holds",
            self.path.display(),
            self.path.display()
        )
    }
}

/// Fails unless `resource_type` is a resource type of the sync `view` reads, naming the
/// known ones.
pub fn require_resource_type(view: &SyncView<'_>, resource_type: &str) -> anyhow::Result<()> {
    let mut known = Vec::new();
    for rt in view.resource_types() {
        let rt = rt?;
        if rt.id == resource_type {
            return Ok(());
        }
        known.push(rt.id);
    }
    known.sort();
    bail!(
        "unknown resource type {resource_type:?}; this sync has: {}",
        if known.is_empty() {
            "none".to_owned()
        } else {
            known.join(", ")
        }
    )
}
