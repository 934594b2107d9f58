//! Request counters, so tests can assert how a client used the API: calls per operation, per
//! rate-limit category and per answered status, and how many writes it attempted.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};

use crate::endpoint::{Category, Endpoint};

/// A snapshot of the counters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counters {
    /// Every request to a served operation (API and OAuth).
    pub total: u64,
    /// Requests to operations that change the account, whatever their answer.
    pub writes: u64,
    /// Requests per `operationId` (`users`, `groupMembersCreate`, …, `oauthToken`).
    pub by_endpoint: BTreeMap<String, u64>,
    /// Requests per rate-limit category label (`Light`, `Medium`, `Heavy`, `Resource-intensive`).
    pub by_category: BTreeMap<String, u64>,
    /// Answers per `operationId`, then per HTTP status.
    pub by_status: BTreeMap<String, BTreeMap<u16, u64>>,
}

impl Counters {
    /// Requests to one operation.
    pub fn endpoint(&self, endpoint: Endpoint) -> u64 {
        self.by_endpoint
            .get(endpoint.operation_id())
            .copied()
            .unwrap_or(0)
    }

    /// Requests in one category.
    pub fn category(&self, category: Category) -> u64 {
        self.by_category.get(category.label()).copied().unwrap_or(0)
    }

    /// Answers of one operation with one status.
    pub fn status(&self, endpoint: Endpoint, status: u16) -> u64 {
        self.by_status
            .get(endpoint.operation_id())
            .and_then(|s| s.get(&status))
            .copied()
            .unwrap_or(0)
    }

    /// Answers with one status, over all operations.
    pub fn status_total(&self, status: u16) -> u64 {
        self.by_status.values().filter_map(|s| s.get(&status)).sum()
    }
}

#[derive(Default)]
struct Tally {
    total: u64,
    writes: u64,
    by_endpoint: [u64; Endpoint::ALL.len()],
    by_category: [u64; Category::ALL.len()],
    by_status: BTreeMap<(Endpoint, u16), u64>,
}

/// The live counters behind [`Counters`] snapshots.
#[derive(Default)]
pub(crate) struct CounterSet {
    tally: Mutex<Tally>,
}

impl CounterSet {
    /// Counts an arriving request.
    pub(crate) fn request(&self, endpoint: Endpoint) {
        let info = endpoint.info();
        let mut tally = self.lock();
        tally.total += 1;
        tally.writes += u64::from(info.write);
        tally.by_endpoint[endpoint.index()] += 1;
        if let Some(category) = info.category {
            tally.by_category[category.index()] += 1;
        }
    }

    /// Counts the status a request was answered with.
    pub(crate) fn answered(&self, endpoint: Endpoint, status: u16) {
        *self.lock().by_status.entry((endpoint, status)).or_default() += 1;
    }

    /// A consistent copy of every counter.
    pub(crate) fn snapshot(&self) -> Counters {
        let tally = self.lock();
        let mut by_status: BTreeMap<String, BTreeMap<u16, u64>> = BTreeMap::new();
        for ((endpoint, status), count) in &tally.by_status {
            by_status
                .entry(endpoint.operation_id().to_owned())
                .or_default()
                .insert(*status, *count);
        }
        Counters {
            total: tally.total,
            writes: tally.writes,
            by_endpoint: Endpoint::ALL
                .iter()
                .filter(|e| tally.by_endpoint[e.index()] > 0)
                .map(|e| (e.operation_id().to_owned(), tally.by_endpoint[e.index()]))
                .collect(),
            by_category: Category::ALL
                .iter()
                .filter(|c| tally.by_category[c.index()] > 0)
                .map(|c| (c.label().to_owned(), tally.by_category[c.index()]))
                .collect(),
            by_status,
        }
    }

    /// Sets every counter back to zero.
    pub(crate) fn reset(&self) {
        *self.lock() = Tally::default();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Tally> {
        self.tally.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_requests_writes_categories_and_statuses() {
        let counters = CounterSet::default();
        counters.request(Endpoint::Users);
        counters.answered(Endpoint::Users, 200);
        counters.request(Endpoint::GroupMembersCreate);
        counters.answered(Endpoint::GroupMembersCreate, 429);
        let snapshot = counters.snapshot();
        assert_eq!(snapshot.total, 2);
        assert_eq!(snapshot.writes, 1);
        assert_eq!(snapshot.endpoint(Endpoint::Users), 1);
        assert_eq!(snapshot.category(Category::Medium), 2);
        assert_eq!(snapshot.status(Endpoint::GroupMembersCreate, 429), 1);
        assert_eq!(snapshot.status_total(200), 1);
        counters.reset();
        assert_eq!(counters.snapshot(), Counters::default());
    }
}
