//! Progress reports from the listings, for a progress display (the CLI's bars) or a test.

/// Receives progress from a running sync. Called from the sync's task between requests, so
/// implementations must be quick and must not block.
///
/// Streams are named for what they list: `users (active)`, `users (inactive)`, `invites`,
/// `groups`, `roles`, `contact groups`, and the per-parent streams `group admins` and
/// `contact group members`. For the per-parent streams the unit is a parent (one group's
/// listing finished), so their totals are known from the start and a display can show an
/// ETA; for the others it is a row.
pub trait Progress: Send + Sync {
    /// A stream starts (or starts again after a page token expired); `total` in the
    /// stream's unit, when known.
    fn stream_started(&self, stream: &str, total: Option<u64>);
    /// A page (or a parent, for per-parent streams) was taken: `rows` units, and the
    /// stream's total when Zoom said it.
    fn page_done(&self, stream: &str, rows: u64, total: Option<u64>);
    /// A stream took its last page.
    fn stream_finished(&self, stream: &str);
}

/// Progress that goes nowhere, for callers without a display.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn stream_started(&self, _stream: &str, _total: Option<u64>) {}
    fn page_done(&self, _stream: &str, _rows: u64, _total: Option<u64>) {}
    fn stream_finished(&self, _stream: &str) {}
}
