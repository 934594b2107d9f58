//! Deferred indexing: the record tables' indexes are dropped while a sync streams in and
//! built once when it finishes.
//!
//! Maintaining the grant indexes row by row costs several times more than appending: each
//! batch dirties index pages all over the b-trees, and every commit writes them again.
//! Appending to unindexed tables keeps each commit small and sequential, and SQLite's
//! `create index` builds each index from one sort, several times faster in total.
//!
//! Without the unique `(external_id, sync_id)` indexes, a row sent twice in one run (a page
//! re-fetched after a resume) is stored twice until the end; [`build`] then keeps the
//! last copy, which gives the same result as the upsert the SDK performs.

use rusqlite::{Connection, ErrorCode};

use crate::error::Result;
use crate::schema::{SCHEMA, SYNC_SCOPED_TABLES, record_indexes};

/// Drops the record tables' indexes (idempotent).
pub(super) fn defer(conn: &Connection) -> rusqlite::Result<()> {
    for name in record_indexes() {
        conn.execute_batch(&format!("drop index if exists {name}"))?;
    }
    Ok(())
}

/// Builds every index; if a unique index meets repeated rows, keeps the last copy of each
/// `(external_id, sync_id)` and builds again. Repeats can only come from runs written while
/// the indexes were deferred: the current one, or one abandoned with cleanup disabled.
pub(super) fn build(conn: &Connection) -> Result<()> {
    match conn.execute_batch(SCHEMA) {
        Err(e) if e.sqlite_error_code() == Some(ErrorCode::ConstraintViolation) => {
            for table in SYNC_SCOPED_TABLES {
                conn.execute_batch(&format!(
                    "delete from {table} where id not in \
                     (select max(id) from {table} group by external_id, sync_id)"
                ))?;
            }
            conn.execute_batch(SCHEMA)?;
            Ok(())
        }
        other => Ok(other?),
    }
}
