//! The working database beside the target: where a sync is written before publishing.
//!
//! Journal choice: WAL with `synchronous=NORMAL`. Each committed batch is appended to the
//! WAL in the OS page cache, so it survives the process being killed at any instant (the
//! case that matters for a resumable sync: SIGKILL, OOM, Ctrl-C); only an OS crash or
//! power loss can drop the last few commits, and even then the database stays consistent.
//! `synchronous=FULL` would fsync every batch for protection the `.c1z` does not need, as
//! the previous `.c1z` is never touched before the final rename.
//!
//! `locking_mode=EXCLUSIVE` keeps the database locked for the life of the connection, so
//! a second process syncing into the same file gets [`Error::Busy`] instead of sharing
//! (and corrupting) the run; it also keeps the WAL index in memory, with no `-shm` file.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

use rusqlite::{Connection, ErrorCode};

use super::{Paths, ResumePoint, indexes};
use crate::container::{self, Limits};
use crate::error::{Error, Result};
use crate::schema::schema_without_record_indexes;
use crate::sync_run;

/// Helper threads for the final index build's sorter. One measured 5–10% faster than none
/// on a 2-core machine (1M grants), for about 20 MiB more peak memory; two were no faster
/// and cost 40 MiB more.
const SORTER_HELPER_THREADS: i64 = 1;

/// SQLite's auxiliary files next to a database.
const SIDE_FILE_SUFFIXES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Opens the working database for `paths.target`, with the resumable run if there is one.
pub(super) fn open(paths: &Paths, limits: Limits) -> Result<(Connection, Option<ResumePoint>)> {
    // SQLite's own error for a missing folder names no path; report it here instead.
    let dir = super::publish::folder_of(&paths.target);
    fs::metadata(dir).map_err(|e| Error::io(dir, e))?;
    // Even with a run to resume, never go on to publish over a file that is not a c1z.
    crate::container::check_existing(&paths.target)?;
    if paths.working.exists() {
        match open_db(&paths.working).and_then(|conn| {
            let point = resume_point(&conn)?;
            Ok((conn, point))
        }) {
            Ok((conn, Some(point))) => return Ok((conn, Some(point))),
            Err(Error::Sqlite(e)) if is_busy(&e) => {
                return Err(Error::Busy {
                    path: paths.working.clone(),
                });
            }
            // Nothing to resume, or a leftover that is not a usable database (for
            // example a copy cut short by a kill): start again from the target.
            Ok(_) | Err(_) => {}
        }
        remove(paths)?;
    }
    seed(paths, limits)?;
    let conn = match open_db(&paths.working) {
        Ok(conn) => conn,
        // The target decompressed, but not into a usable database.
        Err(Error::Sqlite(e)) if !is_busy(&e) => {
            remove(paths)?;
            return Err(Error::Corrupt {
                path: paths.target.clone(),
                reason: e.to_string(),
            });
        }
        Err(e) => return Err(e),
    };
    let point = resume_point(&conn)?;
    Ok((conn, point))
}

/// Copies the existing `.c1z`'s database into place as the working file. The copy goes to
/// a temp file first, so a kill mid-copy never leaves a half database under the working
/// name.
fn seed(paths: &Paths, limits: Limits) -> Result<()> {
    let has_content = match fs::metadata(&paths.target) {
        Ok(meta) => meta.len() > 0,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(Error::io(&paths.target, e)),
    };
    if !has_content {
        return Ok(());
    }
    let dir = super::publish::folder_of(&paths.target);
    let mut temp = tempfile::Builder::new()
        .prefix(&super::publish::temp_prefix(&paths.target, "seed"))
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    let temp_path = temp.path().to_path_buf();
    {
        let mut out = BufWriter::with_capacity(1 << 20, temp.as_file_mut());
        container::decompress(&paths.target, &mut out, &temp_path, limits)?;
        out.flush().map_err(|e| Error::io(&temp_path, e))?;
    }
    temp.persist(&paths.working)
        .map_err(|e| Error::io(&paths.working, e.error))?;
    Ok(())
}

/// Opens a database for writing with the journal settings above and the schema applied.
fn open_db(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path)?;
    // A locked file means another sync owns it: report that at once instead of waiting.
    conn.busy_timeout(std::time::Duration::ZERO)?;
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    let mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Corrupt {
            path: path.into(),
            reason: format!("cannot switch the working database to WAL (got {mode})"),
        });
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // 32 MiB page cache: rows are appended (indexes are deferred), so a small cache suffices;
    // it also bounds the sorter memory of the final index build.
    conn.pragma_update(None, "cache_size", -32_768)?;
    // Take the exclusive lock now, not at the first batch.
    // Tables only: building the record indexes here would undo their deferral (and, on a
    // resumed run, fail on rows sent twice).
    conn.execute_batch(&format!(
        "begin exclusive; {}",
        schema_without_record_indexes()
    ))?;
    indexes::defer(&conn)?;
    conn.execute_batch("commit")?;
    Ok(conn)
}

fn resume_point(conn: &Connection) -> Result<Option<ResumePoint>> {
    Ok(sync_run::latest_unfinished(conn)?.and_then(|run| {
        Some(ResumePoint {
            started_at: run.started_at?,
            sync_id: run.id,
            token: run.sync_token,
            sync_type: run.sync_type,
        })
    }))
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

/// Settles the working database for the finish, once its run has ended: checkpoints the WAL
/// into the database and switches to a rollback journal, so the database file alone is
/// complete (readers must never need a `-wal` file).
///
/// From here on the working file is disposable: it holds no unfinished run, so a kill makes
/// the next open discard it and the sync runs again. That makes durability pointless for the
/// rest of the finish, and the settings say so: no fsync (`synchronous=OFF`; the published
/// `.c1z` is fsynced on its own) and no WAL, which would write every page of the index
/// build twice (once to the log, once at the checkpoint). `threads` lets SQLite's sorter
/// sort and write its runs on a helper thread while the main one scans the table.
pub(super) fn settle_for_finish(conn: &Connection, path: &Path) -> Result<()> {
    conn.query_row("pragma wal_checkpoint(truncate)", [], |_| Ok(()))?;
    let mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "DELETE", |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(Error::Corrupt {
            path: path.into(),
            reason: format!("cannot leave WAL mode before publishing (got {mode})"),
        });
    }
    conn.pragma_update(None, "synchronous", "OFF")?;
    conn.pragma_update(None, "threads", SORTER_HELPER_THREADS)?;
    Ok(())
}

/// Deletes the working database and its side files.
pub(super) fn remove(paths: &Paths) -> Result<()> {
    remove_if_present(&paths.working)?;
    for suffix in SIDE_FILE_SUFFIXES {
        let mut side = paths.working.clone().into_os_string();
        side.push(suffix);
        remove_if_present(Path::new(&side))?;
    }
    Ok(())
}

fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}
