//! Sync runs: their KSUID ids, types and the rows of `v1_sync_runs`.

use std::fmt;

use time::PrimitiveDateTime;

use crate::wall_clock;

/// Seconds between the Unix epoch and the KSUID epoch (2014-05-13 16:53:20 UTC).
const KSUID_EPOCH: i64 = 1_400_000_000;
/// KSUID's base62 alphabet, in value order.
const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/// Length of a KSUID's text form.
const KSUID_LEN: usize = 27;

/// The id of a sync run. New runs get a KSUID (27 base62 characters encoding a 4-byte
/// timestamp and 16 random bytes), as the Go SDK does; ids read from files are kept as
/// they are.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SyncId(String);

impl SyncId {
    /// A fresh KSUID for the current time.
    pub fn generate() -> Self {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let mut payload = [0u8; 16];
        rand::fill(&mut payload);
        SyncId(ksuid(now, payload))
    }

    /// The id text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<String> for SyncId {
    fn from(id: String) -> Self {
        SyncId(id)
    }
}

impl From<&str> for SyncId {
    fn from(id: &str) -> Self {
        SyncId(id.to_owned())
    }
}

impl fmt::Display for SyncId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Encodes a KSUID: big-endian seconds since the KSUID epoch, then the payload, in base62
/// left-padded with `0` to 27 characters.
fn ksuid(unix_seconds: i64, payload: [u8; 16]) -> String {
    // Times outside the 136-year KSUID range wrap as in Go's uint32 conversion.
    let seconds = (unix_seconds - KSUID_EPOCH) as u32;
    let mut number = [0u8; 20];
    number[..4].copy_from_slice(&seconds.to_be_bytes());
    number[4..].copy_from_slice(&payload);
    let mut digits = [b'0'; KSUID_LEN];
    for slot in digits.iter_mut().rev() {
        // Long division of the big-endian number by 62; the remainder is the next digit.
        let mut remainder = 0u32;
        for byte in number.iter_mut() {
            let value = (remainder << 8) | u32::from(*byte);
            *byte = (value / 62) as u8;
            remainder = value % 62;
        }
        *slot = BASE62[remainder as usize];
    }
    digits.iter().map(|&b| char::from(b)).collect()
}

/// The kind of a sync run (`v1_sync_runs.sync_type`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SyncType {
    /// `full`: a complete snapshot; the one readers pick by default.
    Full,
    /// `partial`: a targeted run of some resources, based on a full sync.
    Partial,
    /// A type written by newer SDKs (`resources_only`, `partial_upserts`, ...).
    Other(String),
}

impl SyncType {
    /// The column text.
    pub fn as_str(&self) -> &str {
        match self {
            SyncType::Full => "full",
            SyncType::Partial => "partial",
            SyncType::Other(other) => other,
        }
    }

    /// Reads the column text.
    pub fn parse(text: &str) -> Self {
        match text {
            "full" => SyncType::Full,
            "partial" => SyncType::Partial,
            other => SyncType::Other(other.to_owned()),
        }
    }
}

/// One row of `v1_sync_runs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncRun {
    /// The row id; runs are listed in this order.
    pub row_id: i64,
    /// The sync id.
    pub id: SyncId,
    /// Start, local wall clock; `None` when the stored text is not a time.
    pub started_at: Option<PrimitiveDateTime>,
    /// End, local wall clock; `None` while unfinished (or when the text is not a time).
    pub ended_at: Option<PrimitiveDateTime>,
    /// True once the run has an end time, even one that does not parse.
    pub finished: bool,
    /// The saved checkpoint token (opaque).
    pub sync_token: String,
    /// The kind of run.
    pub sync_type: SyncType,
    /// The full sync a partial sync is based on; empty otherwise.
    pub parent_sync_id: String,
}

/// The columns [`read_runs`] selects, in [`SyncRun`] field order.
const RUN_COLUMNS: &str =
    "id, sync_id, started_at, ended_at, sync_token, sync_type, parent_sync_id";

/// Reads the `v1_sync_runs` rows matching `filter` (a SQL fragment after `where`, with
/// `?1`.. placeholders bound to `params`), in the order `order` gives.
pub(crate) fn read_runs(
    conn: &rusqlite::Connection,
    filter: &str,
    order: &str,
    params: &[&dyn rusqlite::ToSql],
) -> rusqlite::Result<Vec<SyncRun>> {
    let sql = format!("select {RUN_COLUMNS} from v1_sync_runs where {filter} order by {order}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params, |row| {
        let started: String = row.get(2)?;
        let ended: Option<String> = row.get(3)?;
        let sync_type: String = row.get(5)?;
        Ok(SyncRun {
            row_id: row.get(0)?,
            id: SyncId(row.get(1)?),
            started_at: wall_clock::parse(&started),
            ended_at: ended.as_deref().and_then(wall_clock::parse),
            finished: ended.is_some(),
            sync_token: row.get(4)?,
            sync_type: SyncType::parse(&sync_type),
            parent_sync_id: row.get(6)?,
        })
    })?;
    rows.collect()
}

/// How long after its start an unfinished sync may be resumed (and counts as "latest" for
/// readers); an older one is started over.
pub const RESUME_WINDOW: time::Duration = time::Duration::days(7);

/// The newest unfinished run started within [`RESUME_WINDOW`], as baton picks it.
pub(crate) fn latest_unfinished(conn: &rusqlite::Connection) -> rusqlite::Result<Option<SyncRun>> {
    let now = wall_clock::now_local();
    let runs = read_runs(conn, "ended_at is null", "id desc", &[])?;
    Ok(runs.into_iter().find(|run| {
        run.started_at
            .is_some_and(|started| now - started < RESUME_WINDOW)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ksuid_matches_the_reference_encoding() {
        // segmentio/ksuid's documented example: timestamp 107608047, this payload.
        let payload = 0xB5A1CD34B5F99D1154FB6853345C9735u128.to_be_bytes();
        assert_eq!(
            ksuid(KSUID_EPOCH + 107_608_047, payload),
            "0ujtsYcgvSTl8PAuAdqWYSMnLOv"
        );
        assert_eq!(ksuid(KSUID_EPOCH, [0; 16]), "000000000000000000000000000");
        assert_eq!(
            ksuid(KSUID_EPOCH - 1, [0xff; 16]),
            "aWgEPTl1tmebfsQzFP4bxwgy80V"
        );
    }

    #[test]
    fn generated_ids_have_the_ksuid_shape_and_differ() {
        let a = SyncId::generate();
        let b = SyncId::generate();
        assert_eq!(a.as_str().len(), 27);
        assert!(a.as_str().bytes().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, b);
        // Ids made now start with the digits that encode a timestamp after 2024.
        assert!(a.as_str() > "2");
    }

    #[test]
    fn sync_types_round_trip_through_column_text() {
        for text in ["full", "partial", "resources_only"] {
            assert_eq!(SyncType::parse(text).as_str(), text);
        }
        assert_eq!(SyncType::parse("full"), SyncType::Full);
    }
}
