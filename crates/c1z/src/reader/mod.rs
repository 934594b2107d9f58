//! The reader: opens a `.c1z` read-only and serves its syncs' rows.
//!
//! The database is decompressed (within [`Limits`]) into a private temp directory that is
//! deleted when the [`Reader`] is dropped. Like the Go SDK, the schema's
//! `create ... if not exists` statements are applied to that copy, so files written by
//! older or newer SDKs read alike; the connection is then switched to `query_only`.

mod query;
mod view;

use std::fs::File;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::container::{self, Limits};
use crate::error::{Error, Result};
use crate::schema::SCHEMA;
use crate::sync_run::{self, SyncRun, SyncType};

pub use query::{MAX_PAGE_SIZE, Page, Query, Rows};
pub use view::{GrantFilter, GrantKey, ParallelView, Stats, SyncView};

/// Settings of a [`Reader`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Decompression limits.
    pub limits: Limits,
    /// Where to decompress (`--c1z-temp-dir`); the system temp dir when `None`.
    pub temp_dir: Option<PathBuf>,
}

/// File name of the decompressed database inside the reader's temp directory.
const DB_FILE: &str = "db";

/// A `.c1z` opened for reading.
pub struct Reader {
    conn: Connection,
    /// The decompressed database, inside `_temp`.
    db: PathBuf,
    /// Holds the decompressed database; deleted on drop (after `conn`, by field order).
    _temp: tempfile::TempDir,
}

impl Reader {
    /// Opens the `.c1z` at `path`. A 0-byte file reads as an empty file with no syncs.
    pub fn open(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Reader> {
        let path = path.as_ref();
        let mut builder = tempfile::Builder::new();
        builder.prefix("c1z");
        let temp = match &options.temp_dir {
            Some(dir) => builder.tempdir_in(dir).map_err(|e| Error::io(dir, e))?,
            None => builder
                .tempdir()
                .map_err(|e| Error::io(std::env::temp_dir(), e))?,
        };
        let db = temp.path().join(DB_FILE);
        {
            // Unbuffered: decompression hands over chunks of 128 KiB, and copying them
            // through a buffer costs more than the system calls it saves.
            let mut out = File::create(&db).map_err(|e| Error::io(&db, e))?;
            container::decompress(path, &mut out, &db, options.limits)?;
        }
        let conn = open_copy(&db).map_err(|e| Error::Corrupt {
            path: path.into(),
            reason: e.to_string(),
        })?;
        Ok(Reader {
            conn,
            db,
            _temp: temp,
        })
    }

    /// Every sync run in the file, in row order.
    pub fn sync_runs(&self) -> Result<Vec<SyncRun>> {
        Ok(sync_run::read_runs(&self.conn, "1 = 1", "id asc", &[])?)
    }

    /// The run with this id.
    pub fn sync_run(&self, id: &str) -> Result<Option<SyncRun>> {
        Ok(
            sync_run::read_runs(&self.conn, "sync_id = ?1", "id asc", &[&id])?
                .into_iter()
                .next(),
        )
    }

    /// The finished run with the latest `ended_at` (of the given type, or any type).
    pub fn latest_finished_sync(&self, sync_type: Option<&SyncType>) -> Result<Option<SyncRun>> {
        let runs = match sync_type {
            Some(t) => sync_run::read_runs(
                &self.conn,
                "ended_at is not null and sync_type = ?1",
                "ended_at desc, sync_id desc limit 1",
                &[&t.as_str()],
            )?,
            None => sync_run::read_runs(
                &self.conn,
                "ended_at is not null",
                "ended_at desc, sync_id desc limit 1",
                &[],
            )?,
        };
        Ok(runs.into_iter().next())
    }

    /// The rows of a sync, chosen as baton chooses: the given id (which must exist); else
    /// the newest finished full sync; else the newest unfinished sync started in the last 7
    /// days; else no sync filter at all. With no id given, lookups of resource types,
    /// entitlements and grants by id use the newest finished sync of any type instead.
    pub fn view(&self, sync_id: Option<&str>) -> Result<SyncView<'_>> {
        if let Some(id) = sync_id {
            let run = self
                .sync_run(id)?
                .ok_or_else(|| Error::SyncNotFound(id.to_owned()))?;
            return Ok(SyncView {
                conn: &self.conn,
                db: &self.db,
                sync: Some(run.clone()),
                lookup_sync: Some(run),
            });
        }
        let unfinished = || sync_run::latest_unfinished(&self.conn);
        let sync = match self.latest_finished_sync(Some(&SyncType::Full))? {
            Some(run) => Some(run),
            None => unfinished()?,
        };
        let lookup_sync = match self.latest_finished_sync(None)? {
            Some(run) => Some(run),
            None => unfinished()?,
        };
        Ok(SyncView {
            conn: &self.conn,
            db: &self.db,
            sync,
            lookup_sync,
        })
    }
}

/// Opens the private copy, applies the schema as the Go SDK does, then forbids writes.
fn open_copy(db: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(db)?;
    conn.execute_batch(SCHEMA)?;
    conn.pragma_update(None, "query_only", true)?;
    Ok(conn)
}
