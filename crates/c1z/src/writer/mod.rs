//! The writer: one owner of the SQLite connection that records sync runs and publishes
//! them as a `.c1z`.
//!
//! Life of a sync:
//! 1. [`Writer::open`] prepares a working database beside the target (`<file>.partial`):
//!    either an interrupted run's working file, offered through [`Writer::resumable`], or a
//!    fresh copy of the existing `.c1z` (earlier syncs are kept), or an empty database.
//! 2. [`Writer::start_sync`] or [`Writer::resume_sync`] picks the run to write into.
//! 3. [`Writer::write_batch`] commits rows plus an optional checkpoint token in one
//!    transaction, so after a crash the rows and the token always agree.
//! 4. [`Writer::finish`] ends the run, prunes old syncs, builds the indexes (deferred while
//!    rows stream in; see `indexes.rs`), compresses the database into a temp file in the
//!    target's folder, fsyncs it and renames it over the target.
//!
//! The `.c1z` itself is replaced only by that final rename, so no failure or kill at any
//! earlier point can damage the previous file. A run that stored nothing worth resuming
//! can be abandoned with [`Writer::discard`], which deletes the working file. From async code, [`Writer::spawn`] moves
//! the writer to its own thread and hands out a cloneable [`WriterHandle`].

mod cleanup;
mod handle;
mod indexes;
mod publish;
mod workfile;

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use time::PrimitiveDateTime;

use crate::container::Limits;
use crate::error::{Error, Result};
use crate::model::{Entitlement, Grant, Resource, ResourceType};
use crate::record::{Record, insert_sql};
use crate::sync_run::{SyncId, SyncType};
use crate::wall_clock;

pub use handle::WriterHandle;

/// How many finished full syncs to keep after a sync (baton's `Cleanup`).
///
/// The library never reads the environment; the binary maps `BATON_SKIP_CLEANUP` and
/// `BATON_KEEP_SYNC_COUNT` through [`Cleanup::from_baton_settings`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cleanup {
    /// Keep every sync.
    Skip,
    /// Keep the newest N finished full syncs and delete older ones.
    KeepNewest(NonZeroUsize),
}

impl Default for Cleanup {
    fn default() -> Self {
        Cleanup::KeepNewest(NonZeroUsize::new(2).expect("2 is non-zero"))
    }
}

impl Cleanup {
    /// Baton's reading of the two settings: a Go-true `skip_cleanup` (`1`, `t`, `true`,
    /// ...) disables cleanup; a positive integer `keep_sync_count` replaces the default 2;
    /// anything else is ignored.
    pub fn from_baton_settings(skip_cleanup: Option<&str>, keep_sync_count: Option<&str>) -> Self {
        if matches!(
            skip_cleanup,
            Some("1" | "t" | "T" | "TRUE" | "true" | "True")
        ) {
            return Cleanup::Skip;
        }
        keep_sync_count
            .and_then(|count| count.parse::<usize>().ok())
            .and_then(NonZeroUsize::new)
            .map_or_else(Cleanup::default, Cleanup::KeepNewest)
    }
}

/// Settings of a [`Writer`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriterConfig {
    /// What to prune after a sync.
    pub cleanup: Cleanup,
    /// Limits for decompressing the existing `.c1z`.
    pub limits: Limits,
}

/// An unfinished sync that can be continued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResumePoint {
    /// The run's id.
    pub sync_id: SyncId,
    /// The last checkpoint token saved with a batch (empty if none was saved).
    pub token: String,
    /// The run's kind.
    pub sync_type: SyncType,
    /// When it started (local wall clock).
    pub started_at: PrimitiveDateTime,
}

/// The kind of run to start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncKind {
    /// A complete snapshot.
    Full,
    /// A targeted run based on the given full sync.
    Partial {
        /// The full sync this run refines.
        parent: SyncId,
    },
}

/// Rows to commit together, with an optional new checkpoint token for the run.
///
/// A batch is one transaction: either all of its rows and its token are stored, or none.
/// Rows already written in the same run (same id) are replaced, so re-sending a page
/// after a resume is harmless.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Batch {
    /// Resource types to store.
    pub resource_types: Vec<ResourceType>,
    /// Resources to store.
    pub resources: Vec<Resource>,
    /// Entitlements to store.
    pub entitlements: Vec<Entitlement>,
    /// Grants to store.
    pub grants: Vec<Grant>,
    /// The run's new checkpoint token, saved in the same transaction as the rows.
    pub checkpoint: Option<String>,
}

impl Batch {
    /// Number of rows in the batch.
    pub fn len(&self) -> usize {
        self.resource_types.len()
            + self.resources.len()
            + self.entitlements.len()
            + self.grants.len()
    }

    /// True when the batch has no rows (it may still carry a checkpoint).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What [`Writer::finish`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FinishReport {
    /// The run that was ended.
    pub sync_id: SyncId,
    /// Syncs deleted by cleanup.
    pub removed_syncs: Vec<SyncId>,
    /// Size of the published `.c1z`.
    pub file_size: u64,
}

/// Paths of the target `.c1z` and its working database.
#[derive(Clone, Debug)]
struct Paths {
    target: PathBuf,
    working: PathBuf,
}

/// Insert statements, built once per writer.
struct InsertSql {
    resource_types: String,
    resources: String,
    entitlements: String,
    grants: String,
}

/// The single owner of a sync's SQLite connection; see the module docs for its life cycle.
pub struct Writer {
    conn: Connection,
    paths: Paths,
    config: WriterConfig,
    resumable: Option<ResumePoint>,
    current: Option<SyncId>,
    sql: InsertSql,
}

impl Writer {
    /// Opens `target` for writing a sync: reuses an interrupted run's working file when it
    /// holds an unfinished sync younger than 7 days, otherwise copies the existing `.c1z`
    /// (or starts empty). The target itself is not modified until [`Writer::finish`].
    pub fn open(target: impl AsRef<Path>, config: WriterConfig) -> Result<Writer> {
        let target = target.as_ref().to_path_buf();
        let mut working = target.clone().into_os_string();
        working.push(".partial");
        let paths = Paths {
            target,
            working: working.into(),
        };
        let (conn, resumable) = workfile::open(&paths, config.limits)?;
        Ok(Writer {
            conn,
            paths,
            config,
            resumable,
            current: None,
            sql: InsertSql {
                resource_types: insert_sql::<ResourceType>(),
                resources: insert_sql::<Resource>(),
                entitlements: insert_sql::<Entitlement>(),
                grants: insert_sql::<Grant>(),
            },
        })
    }

    /// The unfinished sync that [`Writer::resume_sync`] would continue, if any.
    pub fn resumable(&self) -> Option<&ResumePoint> {
        self.resumable.as_ref()
    }

    /// Continues the unfinished sync offered by [`Writer::resumable`]; the caller restarts
    /// from the returned token.
    pub fn resume_sync(&mut self) -> Result<ResumePoint> {
        if let Some(current) = &self.current {
            return Err(Error::SyncInProgress(current.clone()));
        }
        let point = self.resumable.take().ok_or(Error::NothingToResume)?;
        self.current = Some(point.sync_id.clone());
        Ok(point)
    }

    /// Starts a new run. An unfinished run that is not resumed is abandoned and deleted by
    /// the cleanup at [`Writer::finish`].
    pub fn start_sync(&mut self, kind: SyncKind) -> Result<SyncId> {
        if let Some(current) = &self.current {
            return Err(Error::SyncInProgress(current.clone()));
        }
        let id = SyncId::generate();
        let (sync_type, parent) = match &kind {
            SyncKind::Full => (SyncType::Full, String::new()),
            SyncKind::Partial { parent } => (SyncType::Partial, parent.to_string()),
        };
        self.conn.execute(
            "insert into v1_sync_runs (sync_id, started_at, sync_token, sync_type, parent_sync_id) \
             values (?1, ?2, '', ?3, ?4)",
            (
                id.as_str(),
                wall_clock::format(wall_clock::now_local()),
                sync_type.as_str(),
                parent,
            ),
        )?;
        self.resumable = None;
        self.current = Some(id.clone());
        Ok(id)
    }

    /// Commits `batch` into the current run in one transaction.
    pub fn write_batch(&mut self, batch: &Batch) -> Result<()> {
        let sync_id = self.current.as_ref().ok_or(Error::NoActiveSync)?;
        let discovered_at = wall_clock::format(wall_clock::now_local());
        let tx = self.conn.transaction()?;
        let mut buf = Vec::with_capacity(512);
        let mut rows = RowWriter {
            tx: &tx,
            sync_id: sync_id.as_str(),
            discovered_at: &discovered_at,
            buf: &mut buf,
        };
        rows.insert(&self.sql.resource_types, &batch.resource_types)?;
        rows.insert(&self.sql.resources, &batch.resources)?;
        rows.insert(&self.sql.entitlements, &batch.entitlements)?;
        rows.insert(&self.sql.grants, &batch.grants)?;
        if let Some(token) = &batch.checkpoint {
            tx.execute(
                "update v1_sync_runs set sync_token = ?1 where sync_id = ?2",
                (token, sync_id.as_str()),
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Ends the current run, applies the cleanup policy and publishes the `.c1z`.
    ///
    /// On error the previous `.c1z` is untouched. The ended run then stays only in the
    /// working file, which the next [`Writer::open`] discards (it has no unfinished sync),
    /// so the sync has to run again.
    pub fn finish(mut self) -> Result<FinishReport> {
        let sync_id = self.current.take().ok_or(Error::NoActiveSync)?;
        self.conn.execute(
            "update v1_sync_runs set ended_at = ?1 where sync_id = ?2",
            (
                wall_clock::format(wall_clock::now_local()),
                sync_id.as_str(),
            ),
        )?;
        workfile::settle_for_finish(&self.conn, &self.paths.working)?;
        let removed_syncs = match self.config.cleanup {
            Cleanup::Skip => Vec::new(),
            Cleanup::KeepNewest(keep) => cleanup::prune(&mut self.conn, keep, &sync_id)?,
        };
        // Vacuum before indexing, while the tables are smallest: after cleanup, or when the
        // dropped indexes of earlier syncs left many free pages (they would bloat the file).
        let (pages, free): (i64, i64) = self.conn.query_row(
            "select page_count, freelist_count from pragma_page_count, pragma_freelist_count",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        if !removed_syncs.is_empty() || free * 4 > pages {
            self.conn.execute_batch("vacuum")?;
        }
        indexes::build(&self.conn)?;
        self.conn.close().map_err(|(_, e)| Error::Sqlite(e))?;
        let file_size = publish::publish(&self.paths.working, &self.paths.target, |_| Ok(()))?;
        workfile::remove(&self.paths)?;
        Ok(FinishReport {
            sync_id,
            removed_syncs,
            file_size,
        })
    }
}

impl Writer {
    /// Abandons the run and deletes the working file, for a run that stored nothing worth
    /// resuming: a sync that failed before its first answer from the source should leave
    /// no working file behind (it can hold a whole copy of the previous sync). The `.c1z`
    /// itself is untouched. Dropping the writer instead keeps the run for resume.
    pub fn discard(self) -> Result<()> {
        let Writer { conn, paths, .. } = self;
        conn.close().map_err(|(_, e)| Error::Sqlite(e))?;
        workfile::remove(&paths)
    }
}

/// Writes rows of one transaction, reusing one encode buffer.
struct RowWriter<'a> {
    tx: &'a rusqlite::Transaction<'a>,
    sync_id: &'a str,
    discovered_at: &'a str,
    buf: &'a mut Vec<u8>,
}

impl RowWriter<'_> {
    fn insert<R: Record>(&mut self, sql: &str, rows: &[R]) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let mut stmt = self.tx.prepare_cached(sql)?;
        for row in rows {
            let values = row.column_values()?;
            self.buf.clear();
            row.encode(self.buf)
                .expect("encoding into a Vec cannot run out of space");
            let mut index = 1;
            for value in &values {
                stmt.raw_bind_parameter(index, value.as_deref())?;
                index += 1;
            }
            stmt.raw_bind_parameter(index, self.buf.as_slice())?;
            stmt.raw_bind_parameter(index + 1, self.sync_id)?;
            stmt.raw_bind_parameter(index + 2, self.discovered_at)?;
            stmt.raw_execute()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleanup_settings_follow_baton() {
        let keep = |n| Cleanup::KeepNewest(NonZeroUsize::new(n).expect("test counts are non-zero"));
        assert_eq!(Cleanup::from_baton_settings(None, None), keep(2));
        assert_eq!(
            Cleanup::from_baton_settings(Some("true"), Some("5")),
            Cleanup::Skip
        );
        assert_eq!(Cleanup::from_baton_settings(Some("1"), None), Cleanup::Skip);
        assert_eq!(Cleanup::from_baton_settings(Some("no"), Some("5")), keep(5));
        assert_eq!(Cleanup::from_baton_settings(None, Some("0")), keep(2));
        assert_eq!(Cleanup::from_baton_settings(None, Some("-3")), keep(2));
        assert_eq!(Cleanup::from_baton_settings(None, Some("x")), keep(2));
    }
}
