//! Counters of what the client did, readable at any time (sync summaries, benchmarks).
//!
//! Plain relaxed atomics: each counter is independent, and a snapshot taken while requests
//! run may be off by the requests in flight, which is fine for reporting.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::endpoint::Category;

/// Live counters shared by every clone of a client.
#[derive(Debug, Default)]
pub(crate) struct Stats {
    calls: [AtomicU64; 3],
    retries: AtomicU64,
    rate_limited_per_second: AtomicU64,
    rate_limited_daily: AtomicU64,
    tokens_issued: AtomicU64,
    token_rejections: AtomicU64,
    errors: AtomicU64,
    listing_restarts: AtomicU64,
}

/// A point-in-time copy of the counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatsSnapshot {
    /// HTTP requests sent to the API, per category, in [`Category::ALL`] order (retries included).
    pub calls: [u64; 3],
    /// Requests sent again after a retryable failure (429, 5xx, timeout, connection error).
    pub retries: u64,
    /// Per-second (QPS) 429 answers.
    pub rate_limited_per_second: u64,
    /// Daily-limit 429 answers.
    pub rate_limited_daily: u64,
    /// Access tokens obtained, the first one included.
    pub tokens_issued: u64,
    /// Access tokens obtained to replace an earlier one (expiry ahead, or a 401 code 124).
    pub token_refreshes: u64,
    /// API answers 401 code 124 (each was followed by a refresh and a retry).
    pub token_rejections: u64,
    /// Requests that failed for good (after any retries). A listing that restarts because its
    /// page token expired recovers from one such failure; it is counted here too.
    pub errors: u64,
    /// Listings restarted from the first page because their page token had expired.
    pub listing_restarts: u64,
}

impl StatsSnapshot {
    /// API requests sent for one category.
    pub fn calls_in(&self, category: Category) -> u64 {
        self.calls[category.index()]
    }

    /// API requests sent in all categories.
    pub fn total_calls(&self) -> u64 {
        self.calls.iter().sum()
    }
}

fn bump(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}

impl Stats {
    pub(crate) fn call(&self, category: Category) {
        bump(&self.calls[category.index()]);
    }
    pub(crate) fn retry(&self) {
        bump(&self.retries);
    }
    pub(crate) fn rate_limited(&self, daily: bool) {
        bump(if daily {
            &self.rate_limited_daily
        } else {
            &self.rate_limited_per_second
        });
    }
    pub(crate) fn token_issued(&self) {
        bump(&self.tokens_issued);
    }
    pub(crate) fn token_rejected(&self) {
        bump(&self.token_rejections);
    }
    pub(crate) fn error(&self) {
        bump(&self.errors);
    }
    pub(crate) fn listing_restart(&self) {
        bump(&self.listing_restarts);
    }

    pub(crate) fn snapshot(&self) -> StatsSnapshot {
        let load = |c: &AtomicU64| c.load(Ordering::Relaxed);
        let tokens_issued = load(&self.tokens_issued);
        StatsSnapshot {
            calls: [
                load(&self.calls[0]),
                load(&self.calls[1]),
                load(&self.calls[2]),
            ],
            retries: load(&self.retries),
            rate_limited_per_second: load(&self.rate_limited_per_second),
            rate_limited_daily: load(&self.rate_limited_daily),
            tokens_issued,
            token_refreshes: tokens_issued.saturating_sub(1),
            token_rejections: load(&self.token_rejections),
            errors: load(&self.errors),
            listing_restarts: load(&self.listing_restarts),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_counts_each_event() {
        let s = Stats::default();
        s.call(Category::Medium);
        s.call(Category::Medium);
        s.call(Category::Heavy);
        s.retry();
        s.rate_limited(true);
        s.rate_limited(false);
        s.rate_limited(false);
        s.token_issued();
        s.token_issued();
        s.token_issued();
        s.error();
        let snap = s.snapshot();
        assert_eq!(snap.calls, [0, 2, 1]);
        assert_eq!(snap.calls_in(Category::Medium), 2);
        assert_eq!(snap.total_calls(), 3);
        assert_eq!(snap.retries, 1);
        assert_eq!(snap.rate_limited_daily, 1);
        assert_eq!(snap.rate_limited_per_second, 2);
        assert_eq!(snap.tokens_issued, 3);
        assert_eq!(snap.token_refreshes, 2);
        assert_eq!(snap.errors, 1);
        assert_eq!(snap.listing_restarts, 0);
    }
}
