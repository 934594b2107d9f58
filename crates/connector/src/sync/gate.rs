//! An adaptive bound on the requests the per-parent listings keep in flight, so that the
//! user listings are not starved.
//!
//! Every request waits for its turn in the client's rate budget, first come first served.
//! The user listings are chains (each page's token comes with the page before), and the
//! longest chain (the active users: one page per 300 users) sets a lower bound on the
//! sync's duration. If the per-group listings kept many requests queued in the budget,
//! every page of that chain would wait behind them all, and the chain, not the rate limit,
//! would decide when the sync ends.
//!
//! The gate therefore keeps just enough per-group requests in flight to keep the budget
//! busy, in the manner of TCP Vegas: the shortest call seen estimates the round trip
//! without queueing; calls taking clearly longer mean requests are queueing in the budget,
//! so the bound shrinks; calls about as fast as the shortest mean there is room, so it
//! grows. The budget stays saturated (a short queue remains) while a chain's page waits
//! only for that short queue.

use std::future::Future;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::time::Instant;

/// Requests in flight at the start.
const INITIAL: usize = 8;
/// Fewest requests in flight: enough to keep a budget busy at local latencies.
const MIN: usize = 4;
/// Most requests in flight.
pub(super) const MAX: usize = 64;
/// A call this much slower than the shortest one means requests are queueing.
const QUEUEING: f64 = 1.5;
/// A call at most this much slower than the shortest one means there is room for more.
const ROOM: f64 = 1.25;
/// Differences below this are noise (timer and scheduling granularity), not queueing.
const NOISE: Duration = Duration::from_millis(5);

/// The shared bound; see the module docs.
pub(super) struct Gate {
    permits: Semaphore,
    state: Mutex<State>,
}

struct State {
    /// Permits in circulation (a shrink retires the permit of the call that saw it).
    limit: usize,
    /// Shortest call seen.
    shortest: Option<Duration>,
}

/// What a finished call does to the bound.
enum Adjust {
    Grow,
    Shrink,
    Keep,
}

impl Gate {
    pub(super) fn new() -> Gate {
        Gate {
            permits: Semaphore::new(INITIAL),
            state: Mutex::new(State {
                limit: INITIAL,
                shortest: None,
            }),
        }
    }

    /// Runs `call` when the bound allows, and adjusts the bound by how long it took.
    pub(super) async fn pass<T>(&self, call: impl Future<Output = T>) -> T {
        // The semaphore is never closed.
        let permit = self.permits.acquire().await.ok();
        let started = Instant::now();
        let output = call.await;
        let adjust = self.observe(started.elapsed());
        match (permit, adjust) {
            (Some(permit), Adjust::Shrink) => permit.forget(),
            (Some(permit), Adjust::Grow) => {
                drop(permit);
                self.permits.add_permits(1);
            }
            (permit, _) => drop(permit),
        }
        output
    }

    /// The current bound (for tests and logs).
    #[cfg(test)]
    fn limit(&self) -> usize {
        self.lock().limit
    }

    fn observe(&self, took: Duration) -> Adjust {
        let mut state = self.lock();
        let shortest = state.shortest.map_or(took, |s| s.min(took));
        state.shortest = Some(shortest);
        let queueing = shortest.mul_f64(QUEUEING) + NOISE;
        let room = shortest.mul_f64(ROOM) + NOISE / 2;
        if took > queueing && state.limit > MIN {
            state.limit -= 1;
            Adjust::Shrink
        } else if took <= room && state.limit < MAX {
            state.limit += 1;
            Adjust::Grow
        } else {
            Adjust::Keep
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // Every update leaves the state consistent; a panic elsewhere cannot break it.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn call_taking(gate: &Gate, took: Duration) {
        gate.pass(tokio::time::sleep(took)).await;
    }

    #[tokio::test(start_paused = true)]
    async fn bound_grows_while_calls_are_quick_and_shrinks_when_they_queue() {
        let gate = Gate::new();
        for _ in 0..10 {
            call_taking(&gate, Duration::from_millis(100)).await;
        }
        assert_eq!(gate.limit(), INITIAL + 10);
        for _ in 0..100 {
            call_taking(&gate, Duration::from_millis(300)).await;
        }
        assert_eq!(gate.limit(), MIN);
        assert_eq!(gate.permits.available_permits(), MIN);
        for _ in 0..3 {
            call_taking(&gate, Duration::from_millis(130)).await;
        }
        assert_eq!(gate.limit(), MIN, "between the thresholds nothing changes");
    }
}
