//! Fault injection: the failures a long sync meets on the real network, on demand and
//! reproducibly. Each API request rolls the dice once, in a fixed order, from a seeded RNG;
//! the same seed and the same sequence of requests give the same faults.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::latency::millis;

/// Which failures to inject, as shares of API requests. The default injects none.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Faults {
    /// Seed of the dice.
    pub seed: u64,
    /// Share answered 500, 502 or 503 (before the request takes effect).
    pub server_error_rate: f64,
    /// Share whose connection breaks mid-answer: status and headers arrive, then the body
    /// stream fails, as when a proxy resets the connection.
    pub reset_rate: f64,
    /// Share answered late by `slow_by`.
    pub slow_rate: f64,
    /// Extra delay of a slow answer.
    #[serde(rename = "slow_by_ms", with = "millis")]
    pub slow_by: Duration,
    /// Share of requests that start a burst of per-second 429s.
    pub burst_429_rate: f64,
    /// How many consecutive requests a 429 burst refuses.
    pub burst_429_len: u32,
    /// Share of requests whose access token is revoked just before they arrive (401, 124).
    pub token_revoke_rate: f64,
    /// Share of requests carrying a `next_page_token` that find it expired (400, 300).
    pub page_token_expiry_rate: f64,
}

/// The faults drawn for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct FaultPlan {
    pub revoke_token: bool,
    pub burst_429: bool,
    pub server_error: Option<u16>,
    pub expire_page_token: bool,
    pub reset: bool,
    pub slow_by: Option<Duration>,
}

struct State {
    faults: Faults,
    rng: ChaCha8Rng,
    burst_left: u32,
}

/// Rolls the dice for each request.
pub(crate) struct FaultInjector {
    state: Mutex<State>,
}

impl FaultInjector {
    pub(crate) fn new(faults: Faults) -> Self {
        FaultInjector {
            state: Mutex::new(State::from(faults)),
        }
    }

    /// Replaces the fault settings and reseeds the dice.
    pub(crate) fn set(&self, faults: Faults) {
        *self.state.lock().unwrap_or_else(PoisonError::into_inner) = State::from(faults);
    }

    /// The current settings.
    pub(crate) fn get(&self) -> Faults {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .faults
            .clone()
    }

    /// Draws the faults of one request.
    pub(crate) fn draw(&self) -> FaultPlan {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if state.faults == Faults::default() {
            return FaultPlan::default();
        }
        let State {
            faults,
            rng,
            burst_left,
        } = &mut *state;
        let mut roll = |rate: f64| rate > 0.0 && rng.random::<f64>() < rate;
        let revoke_token = roll(faults.token_revoke_rate);
        let starts_burst = roll(faults.burst_429_rate);
        let server_error = roll(faults.server_error_rate);
        let expire_page_token = roll(faults.page_token_expiry_rate);
        let reset = roll(faults.reset_rate);
        let slow = roll(faults.slow_rate);
        if starts_burst && *burst_left == 0 {
            *burst_left = faults.burst_429_len.max(1);
        }
        let burst_429 = *burst_left > 0;
        *burst_left = burst_left.saturating_sub(1);
        let server_error = server_error.then(|| [500, 502, 503][rng.random_range(0..3)]);
        FaultPlan {
            revoke_token,
            burst_429,
            server_error,
            expire_page_token,
            reset,
            slow_by: slow.then_some(faults.slow_by),
        }
    }
}

impl From<Faults> for State {
    fn from(faults: Faults) -> Self {
        State {
            rng: ChaCha8Rng::seed_from_u64(faults.seed),
            faults,
            burst_left: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_faults_by_default() {
        let injector = FaultInjector::new(Faults::default());
        assert!((0..1000).all(|_| injector.draw() == FaultPlan::default()));
    }

    #[test]
    fn shares_are_roughly_honoured_and_reproducible() {
        let faults = Faults {
            seed: 9,
            server_error_rate: 0.1,
            reset_rate: 0.02,
            ..Faults::default()
        };
        let a = FaultInjector::new(faults.clone());
        let b = FaultInjector::new(faults);
        let draws: Vec<FaultPlan> = (0..10_000).map(|_| a.draw()).collect();
        assert!(
            draws
                .iter()
                .zip((0..10_000).map(|_| b.draw()))
                .all(|(x, y)| *x == y)
        );
        let errors = draws.iter().filter(|d| d.server_error.is_some()).count();
        let resets = draws.iter().filter(|d| d.reset).count();
        assert!((800..1200).contains(&errors), "{errors}");
        assert!((120..280).contains(&resets), "{resets}");
    }

    #[test]
    fn a_burst_refuses_consecutive_requests() {
        let injector = FaultInjector::new(Faults {
            burst_429_rate: 1.0,
            burst_429_len: 3,
            ..Faults::default()
        });
        assert!((0..10).all(|_| injector.draw().burst_429));
        injector.set(Faults {
            seed: 1,
            burst_429_rate: 0.001,
            burst_429_len: 5,
            ..Faults::default()
        });
        let plans: Vec<bool> = (0..20_000).map(|_| injector.draw().burst_429).collect();
        let start = plans
            .iter()
            .position(|b| *b)
            .expect("a burst starts within 20,000 draws");
        assert!(plans[start..start + 5].iter().all(|b| *b));
    }
}
