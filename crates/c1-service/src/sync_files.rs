//! The daemon's files in `--c1z-temp-dir`: one sync file per `sync_full` task, with the
//! c1z writer's working files beside it (`<file>.partial`, its `-wal`, a hidden
//! `.<file>.publish.*.tmp` while publishing).
//!
//! They are kept while the task may come back, so its sync resumes: when the daemon stopped
//! (shutdown, crash) before finishing it, or the sync failed and ConductorOne may retry the
//! task. They go once the task is done with (uploaded, cancelled, or the upload failed), and
//! files of tasks that never came back are swept once they are older than the writer's
//! resume window: a run that old would be started over anyway. The sweep runs when the
//! daemon starts and before every sync, so a long-running daemon stays bounded too.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Every file name of the daemon's sync files starts with this (after a `.` for hidden
/// temp files).
const PREFIX: &str = "baton-sync-";

/// The sync files in one folder.
#[derive(Debug, Clone)]
pub(crate) struct SyncFiles {
    dir: PathBuf,
}

impl SyncFiles {
    pub(crate) fn new(dir: impl Into<PathBuf>) -> SyncFiles {
        SyncFiles { dir: dir.into() }
    }

    /// The sync file of a task: one per task id, so a task handed out again resumes it.
    pub(crate) fn file(&self, task_id: &str) -> PathBuf {
        self.dir.join(file_name(task_id))
    }

    /// Removes the task's sync file and every working file of it.
    pub(crate) fn remove(&self, task_id: &str) {
        let name = file_name(task_id);
        self.remove_where(|_, file| file.strip_prefix('.').unwrap_or(file).starts_with(&name));
    }

    /// Removes the sync files of any task last written to more than the resume window ago
    /// (by `now`); returns how many files went.
    pub(crate) fn sweep(&self, now: SystemTime) -> usize {
        let window = Duration::from_secs(c1z::RESUME_WINDOW.whole_seconds().unsigned_abs());
        self.remove_where(|entry, file| {
            let modified = entry.metadata().and_then(|m| m.modified());
            file.strip_prefix('.').unwrap_or(file).starts_with(PREFIX)
                && modified.is_ok_and(|at| now.duration_since(at).is_ok_and(|age| age > window))
        })
    }

    /// Removes the regular files of the folder that `pick` chooses; returns how many.
    fn remove_where(&self, pick: impl Fn(&std::fs::DirEntry, &str) -> bool) -> usize {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(error) => {
                tracing::warn!(dir = %self.dir.display(), %error, "cannot list the sync files");
                return 0;
            }
        };
        let mut removed = 0;
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
            if is_file && pick(&entry, name) && remove_file(&entry.path()) {
                removed += 1;
            }
        }
        removed
    }
}

fn file_name(task_id: &str) -> String {
    let safe: String = task_id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("{PREFIX}{safe}.c1z")
}

fn remove_file(path: &Path) -> bool {
    match std::fs::remove_file(path) {
        Ok(()) => true,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => false,
        Err(error) => {
            tracing::warn!(file = %path.display(), %error, "cannot remove a sync file");
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: Duration = Duration::from_secs(24 * 3600);

    fn touch(dir: &Path, name: &str, age: Duration) {
        let file = std::fs::File::create(dir.join(name)).unwrap();
        file.set_modified(SystemTime::now() - age).unwrap();
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_finished_task_takes_all_its_files_and_only_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let files = SyncFiles::new(dir.path());
        assert_eq!(files.file("Task1"), dir.path().join("baton-sync-Task1.c1z"));
        for name in [
            "baton-sync-Task1.c1z",
            "baton-sync-Task1.c1z.partial",
            "baton-sync-Task1.c1z.partial-wal",
            ".baton-sync-Task1.c1z.publish.x1.tmp",
            "baton-sync-Task2.c1z.partial",
            "other.c1z",
        ] {
            touch(dir.path(), name, Duration::ZERO);
        }
        files.remove("Task1");
        assert_eq!(
            names(dir.path()),
            ["baton-sync-Task2.c1z.partial", "other.c1z"]
        );
    }

    #[test]
    fn the_sweep_takes_sync_files_older_than_the_resume_window_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        touch(dir.path(), "baton-sync-Old.c1z.partial", 8 * DAY);
        touch(dir.path(), ".baton-sync-Old.c1z.publish.x.tmp", 8 * DAY);
        touch(dir.path(), "baton-sync-Recent.c1z.partial", 6 * DAY);
        touch(dir.path(), "someone-elses.c1z", 30 * DAY);
        std::fs::create_dir(dir.path().join("baton-sync-folder")).unwrap();
        let removed = SyncFiles::new(dir.path()).sweep(SystemTime::now());
        assert_eq!(removed, 2);
        assert_eq!(
            names(dir.path()),
            [
                "baton-sync-Recent.c1z.partial",
                "baton-sync-folder",
                "someone-elses.c1z"
            ]
        );
    }

    #[test]
    fn a_missing_folder_sweeps_nothing() {
        let files = SyncFiles::new("/no/such/folder");
        assert_eq!(files.sweep(SystemTime::now()), 0);
    }
}
