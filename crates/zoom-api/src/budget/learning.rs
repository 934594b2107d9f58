//! Auto pacing: learning a category's per-second limit from how Zoom answers, for accounts
//! whose plan the caller does not know (or whose limits Zoom raised by agreement).
//!
//! It works as TCP's congestion control does. The budget starts at Pro's documented rate
//! (every account that may call the group and role APIs has at least Pro's limits) and,
//! while requests queue in it, raises its rate (TCP's slow start). The first per-second 429
//! ends the probe: the requests this client sent in the second before the refused one were
//! all admitted, so their count is what Zoom allows per second, and the budget drops to the
//! configured share of that limit (the multiplicative decrease) and stays there. A probe
//! only learns by going past the limit: other apps on the account may see a few 429s of
//! ours while it does, so callers whose other apps must never be crowded out name the plan
//! instead.
//!
//! Zoom also announces the limit in `X-RateLimit-Limit` on some answers (whether on every
//! answer is not documented). When it does, the announced value is taken as it is, at once
//! and without a probe.
//!
//! What keeps the 429s to a handful per run:
//! - Zoom counts requests over a one-second window, so it refuses only once the window is
//!   full, while the requests sent after the first refused one are still on their way: each
//!   refusal costs about (growth per second × latency) more. The rate therefore grows by a
//!   fixed [`ADDITIVE_GROWTH`] per second up to the limits of Zoom's plans, and only beyond
//!   them by a share of itself ([`MULTIPLICATIVE_GROWTH`]), for accounts with raised limits;
//! - the rate grows only while requests wait for the budget, so a category that idles does
//!   not accumulate a rate it never tried (TCP's congestion-window validation);
//! - after the drop, Zoom's window still holds the probe's last second: the budget sends no
//!   request that would put more than the new rate into any one second of its own sends;
//! - a learned limit that still meets 429s later (counting was off by one, another app took
//!   its share) is lowered by [`RELEARN_FACTOR`] each time, besides the temporary slowdown
//!   every budget makes.

use std::collections::VecDeque;
use std::time::Duration;

use tokio::time::Instant;

/// The probe's rate grows by this many requests per second, per second of waiting requests...
const ADDITIVE_GROWTH: f64 = 40.0;
/// ...or by this share of itself per second, when that is more (above 160 per second).
const MULTIPLICATIVE_GROWTH: f64 = 0.25;
/// The probe never paces faster than this, whatever the account allows.
pub(super) const MAX_PROBE_RATE: f64 = 2_000.0;
/// At most this much waiting counts towards one growth step: a request arriving after a
/// quiet spell does not turn the spell into growth.
const MAX_GROWTH_STEP: Duration = Duration::from_millis(100);
/// How long send times are kept for counting (answers can come back seconds late).
const SEND_MEMORY: Duration = Duration::from_secs(10);
/// Zoom counts its per-second limit over this window.
const LIMIT_WINDOW: Duration = Duration::from_secs(1);
/// A 429 met with a limit already learned from a 429 lowers that limit by this factor.
const RELEARN_FACTOR: f64 = 0.97;

/// Where a budget's limit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitSource {
    /// The documented limit of the plan tier the caller named.
    Plan,
    /// Zoom's `X-RateLimit-Limit` answer header.
    Header,
    /// Counted from the requests sent in the second before Zoom's first per-second 429.
    RateLimited,
}

impl std::fmt::Display for LimitSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            LimitSource::Plan => "the plan's",
            LimitSource::Header => "announced by Zoom",
            LimitSource::RateLimited => "learned from a 429",
        })
    }
}

/// What auto pacing knows of one category's limit.
#[derive(Debug)]
pub(super) struct Learning {
    /// The account's per-second limit and where it came from; `None` while probing.
    pub(super) learned: Option<(f64, LimitSource)>,
    /// When the probe's rate was last brought up to date.
    grown_at: Instant,
    /// Send times of this category's requests over the last [`SEND_MEMORY`].
    sent: VecDeque<Instant>,
}

/// What the budget should do after Zoom said something about the limit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Verdict {
    /// Pace at share × this limit from now on.
    Limit(f64),
    /// Nothing new.
    Unchanged,
}

impl Learning {
    pub(super) fn new(now: Instant) -> Learning {
        Learning {
            learned: None,
            grown_at: now,
            sent: VecDeque::new(),
        }
    }

    /// The probe's rate at `now`, given its rate `rate` when last brought up to date and
    /// whether requests are waiting for the budget (`saturated`). A learned limit stops
    /// the growth.
    pub(super) fn grow(&mut self, rate: f64, now: Instant, saturated: bool) -> f64 {
        let step = now.saturating_duration_since(self.grown_at);
        self.grown_at = now;
        if self.learned.is_some() || !saturated {
            return rate;
        }
        let step = step.min(MAX_GROWTH_STEP).as_secs_f64();
        let growth = ADDITIVE_GROWTH.max(rate * MULTIPLICATIVE_GROWTH);
        (rate + growth * step).min(MAX_PROBE_RATE)
    }

    /// Once the limit is learned, the earliest time a request may be sent so that no
    /// one-second span holds more than `per_second` of this client's requests; `None` when
    /// nothing holds it back.
    pub(super) fn window_slot(&self, per_second: usize) -> Option<Instant> {
        if self.learned.is_none() || per_second == 0 || self.sent.len() < per_second {
            return None;
        }
        Some(self.sent[self.sent.len() - per_second] + LIMIT_WINDOW)
    }

    /// A request is sent at `at` (its reserved slot).
    pub(super) fn sent(&mut self, at: Instant) {
        while self
            .sent
            .front()
            .is_some_and(|&t| at.saturating_duration_since(t) > SEND_MEMORY)
        {
            self.sent.pop_front();
        }
        self.sent.push_back(at);
    }

    /// Requests sent in the second before `at`.
    fn sent_in_window_before(&self, at: Instant) -> usize {
        let from = at.checked_sub(LIMIT_WINDOW).unwrap_or(at);
        self.sent.iter().filter(|&&t| t >= from && t < at).count()
    }

    /// Zoom announced `limit` per second in an answer header.
    pub(super) fn announced(&mut self, limit: f64) -> Verdict {
        if self.learned == Some((limit, LimitSource::Header)) {
            return Verdict::Unchanged;
        }
        self.learned = Some((limit, LimitSource::Header));
        Verdict::Limit(limit)
    }

    /// Zoom answered a per-second 429 to a request sent at `sent_at`; `floor` is the lowest
    /// limit the account can have.
    pub(super) fn rate_limited(&mut self, sent_at: Instant, floor: f64) -> Verdict {
        match self.learned {
            None => {
                // Every request before the refused one was admitted (this is the first
                // refusal), so the second before it holds what Zoom allows; fewer means
                // another app on the account took the rest, and the floor still holds.
                let counted = self.sent_in_window_before(sent_at) as f64;
                let limit = counted.max(floor);
                self.learned = Some((limit, LimitSource::RateLimited));
                Verdict::Limit(limit)
            }
            Some((limit, LimitSource::RateLimited)) => {
                let limit = (limit * RELEARN_FACTOR).max(floor);
                self.learned = Some((limit, LimitSource::RateLimited));
                Verdict::Limit(limit)
            }
            // An announced limit is Zoom's own; the temporary slowdown covers the rest.
            Some(_) => Verdict::Unchanged,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::budget::{HEADROOM, Priority, RateBudget};
    use crate::endpoint::Category;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn the_probe_grows_per_second_of_waiting_only() {
        let t0 = Instant::now();
        let mut l = Learning::new(t0);
        let mut rate = 20.0;
        for i in 1..=10 {
            rate = l.grow(rate, t0 + ms(100 * i), true);
        }
        assert!((rate - 60.0).abs() < 1e-9, "{rate}");
        // Idle: no growth, and the idle time is not counted later.
        rate = l.grow(rate, t0 + ms(5_000), false);
        assert!((rate - 60.0).abs() < 1e-9, "{rate}");
        rate = l.grow(rate, t0 + ms(5_050), true);
        assert!((rate - 62.0).abs() < 1e-9, "{rate}");
        // A long gap counts as one bounded step.
        rate = l.grow(rate, t0 + ms(9_000), true);
        assert!((rate - 66.0).abs() < 1e-9, "{rate}");
        // Past the plans' limits, the growth is a share of the rate.
        let mut l = Learning::new(t0);
        let rate = l.grow(400.0, t0 + ms(100), true);
        assert!((rate - 410.0).abs() < 1e-9, "{rate}");
    }

    #[test]
    fn once_learned_no_second_holds_more_than_the_rate() {
        let t0 = Instant::now();
        let mut l = Learning::new(t0);
        for i in 0..10 {
            l.sent(t0 + ms(i * 10));
        }
        assert_eq!(l.window_slot(5), None, "probing is not held back");
        l.rate_limited(t0 + ms(100), 1.0);
        assert_eq!(l.window_slot(5), Some(t0 + ms(50) + LIMIT_WINDOW));
        assert_eq!(l.window_slot(20), None);
    }

    #[test]
    fn the_first_429_learns_the_requests_sent_in_the_second_before() {
        let t0 = Instant::now();
        let mut l = Learning::new(t0);
        // 60 requests in the second before t0 + 2 s, 20 earlier.
        for i in 0..20 {
            l.sent(t0 + ms(i * 50));
        }
        for i in 0..60 {
            l.sent(t0 + ms(1_000 + i * 16));
        }
        let refused_at = t0 + ms(2_000);
        l.sent(refused_at);
        assert_eq!(l.rate_limited(refused_at, 20.0), Verdict::Limit(60.0));
        assert_eq!(l.learned, Some((60.0, LimitSource::RateLimited)));
        // Once learned, the probe stops growing.
        assert_eq!(l.grow(50.0, t0 + ms(2_100), true), 50.0);
        // A later 429 lowers the counted limit a little, never below the floor.
        assert_eq!(
            l.rate_limited(t0 + ms(9_000), 20.0),
            Verdict::Limit(60.0 * RELEARN_FACTOR)
        );
    }

    #[test]
    fn a_429_with_few_of_our_requests_keeps_the_floor() {
        let t0 = Instant::now();
        let mut l = Learning::new(t0);
        l.sent(t0);
        assert_eq!(l.rate_limited(t0 + ms(500), 20.0), Verdict::Limit(20.0));
    }

    #[test]
    fn an_announced_limit_wins_and_is_not_lowered_by_429s() {
        let t0 = Instant::now();
        let mut l = Learning::new(t0);
        assert_eq!(l.announced(120.0), Verdict::Limit(120.0));
        assert_eq!(l.announced(120.0), Verdict::Unchanged);
        assert_eq!(l.rate_limited(t0, 20.0), Verdict::Unchanged);
        assert_eq!(l.learned, Some((120.0, LimitSource::Header)));
        // Zoom changed its mind (a new agreement): the new value is taken.
        assert_eq!(l.announced(80.0), Verdict::Limit(80.0));
    }

    #[test]
    fn old_send_times_are_forgotten() {
        let t0 = Instant::now();
        let mut l = Learning::new(t0);
        for i in 0..100 {
            l.sent(t0 + ms(i * 200));
        }
        assert!(l.sent.len() <= 51, "{}", l.sent.len());
    }

    /// Zoom's per-second limit as the simulator reads it: at most `limit` admitted requests
    /// in any one-second span, counted on arrival.
    struct Window {
        limit: usize,
        admitted: std::collections::VecDeque<Instant>,
    }

    impl Window {
        fn admit(&mut self, now: Instant) -> bool {
            while self
                .admitted
                .front()
                .is_some_and(|&t| now.duration_since(t) >= Duration::from_secs(1))
            {
                self.admitted.pop_front();
            }
            let admitted = self.admitted.len() < self.limit;
            if admitted {
                self.admitted.push_back(now);
            }
            admitted
        }
    }

    /// Runs `requests` through an auto budget (share 1.0, Pro's Medium rate to start) from
    /// `workers` yielding senders against a window of `limit` per second with 100 ms of
    /// latency and a one-second Retry-After; returns the 429 count, the time taken and the
    /// learned limit.
    async fn auto_run(
        limit: usize,
        requests: usize,
    ) -> (usize, Duration, Option<(f64, LimitSource)>) {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicUsize, Ordering};
        let budget = Arc::new(RateBudget::learning(
            Category::Medium,
            20.0,
            1.0,
            Duration::ZERO,
        ));
        let window = Arc::new(Mutex::new(Window {
            limit,
            admitted: Default::default(),
        }));
        let left = Arc::new(AtomicUsize::new(requests));
        let refused = Arc::new(AtomicUsize::new(0));
        let t0 = Instant::now();
        let workers: Vec<_> = (0..64)
            .map(|_| {
                let (budget, window) = (Arc::clone(&budget), Arc::clone(&window));
                let (left, refused) = (Arc::clone(&left), Arc::clone(&refused));
                tokio::spawn(async move {
                    while left
                        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                        .is_ok()
                    {
                        loop {
                            let slot = budget.acquire(Priority::Yielding).await.unwrap();
                            let admitted = window.lock().unwrap().admit(Instant::now());
                            tokio::time::sleep(ms(100)).await;
                            if admitted {
                                break;
                            }
                            refused.fetch_add(1, Ordering::SeqCst);
                            budget.rate_limited(Instant::now(), slot);
                            tokio::time::sleep(ms(1_000)).await;
                        }
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.await.unwrap();
        }
        let learned = budget.pacing().limit;
        (refused.load(Ordering::SeqCst), t0.elapsed(), learned)
    }

    #[tokio::test(start_paused = true)]
    async fn auto_pacing_learns_an_unannounced_limit_with_few_429s_and_settles_below_it() {
        for limit in [20, 60, 120] {
            let requests = limit * 20;
            let (refused, took, learned) = auto_run(limit, requests).await;
            assert!(refused <= 10, "limit {limit}: {refused} answers 429");
            let (learned, source) = learned.expect("a probe that met a 429 learned the limit");
            assert_eq!(source, LimitSource::RateLimited);
            assert!(
                (limit as f64 * 0.9..=limit as f64 + 1.0).contains(&learned),
                "limit {limit}: learned {learned}"
            );
            // 20 seconds of requests at the limit; the probe and the headroom cost the rest.
            let floor = requests as f64 / limit as f64;
            let ratio = took.as_secs_f64() / floor;
            assert!(
                ratio < 1.2,
                "limit {limit}: took {took:?}, {ratio:.2}x the floor"
            );
        }
    }

    #[tokio::test(start_paused = true)]
    async fn auto_pacing_takes_an_announced_limit_at_once_and_keeps_the_share() {
        let b = RateBudget::learning(Category::Medium, 20.0, 0.5, Duration::ZERO);
        assert_eq!(b.lock().full_rate, 20.0 * 0.5 * HEADROOM);
        assert_eq!(b.pacing().limit, None);
        b.limit_announced(120.0);
        assert_eq!(b.lock().full_rate, 120.0 * 0.5 * HEADROOM);
        assert_eq!(b.pacing().limit, Some((120.0, LimitSource::Header)));
        assert_eq!(
            b.pacing().to_string(),
            "medium 120/s (announced by Zoom), paced at 58/s"
        );
        // A fixed plan ignores what Zoom announces.
        let fixed = RateBudget::new(Category::Medium, 20.0, 1.0, Duration::ZERO);
        fixed.limit_announced(120.0);
        assert_eq!(fixed.lock().full_rate, 20.0 * HEADROOM);
        assert_eq!(fixed.pacing().limit, Some((20.0, LimitSource::Plan)));
    }

    #[tokio::test(start_paused = true)]
    async fn an_idle_auto_budget_does_not_grow() {
        let b = RateBudget::learning(Category::Medium, 20.0, 1.0, Duration::ZERO);
        for _ in 0..50 {
            b.acquire(Priority::Normal).await.unwrap();
            tokio::time::sleep(ms(200)).await;
        }
        assert_eq!(b.lock().full_rate, 20.0 * HEADROOM);
    }
}
