//! Per-category request budgets: how fast this client may call Zoom.
//!
//! Zoom limits each account per rate-limit category and per second, and every app on the
//! account shares that quota. Each category gets one budget, sized plan limit × share, that
//! every request of the category draws from, whichever task sends it.
//!
//! The budget is a small token bucket of our own (no burst: requests are spaced evenly at the
//! current rate) rather than `governor`: governor's quota is fixed when it is built, and here
//! the rate has to change at run time (slow down on a per-second 429, recover afterwards) and
//! the whole category has to pause until a daily-limit reset. Spacing instead of bursting
//! keeps us under Zoom's limit whether Zoom counts in fixed one-second windows, sliding
//! windows or a bucket.
//!
//! Spacing alone is not enough at the exact limit: Zoom counts requests when they arrive,
//! after a network delay that varies, so requests sent exactly `1/limit` apart arrive some a
//! little closer, and a strict counter (at most N in any one-second span) refuses them. The
//! budget therefore paces at [`HEADROOM`] of its share, which absorbs about 30 ms of jitter
//! per second.
//!
//! A caller reserves a send time under a mutex held for a few arithmetic steps, then sleeps
//! until that time with the mutex released: requests wait on the budget, never on a lock held
//! across I/O.
//!
//! With [`Pacing::Auto`] the limit is not known in advance but learned from Zoom's answers;
//! `learning.rs` says how.
//!
//! Requests come in two [`Priority`] classes. Normal requests reserve the next slot at once,
//! first come first served. Yielding requests take only slots nobody reserved: they queue
//! among themselves and the first of them takes the next slot once its time has come, if it
//! is still free. A caller can thus keep many yielding requests waiting, enough to use every
//! slot, while a normal request still waits at most about one slot: what a sync needs to
//! run its chains of pages (each page's token comes with the page before) at full speed
//! alongside hundreds of independent per-group listings.

mod learning;

use std::sync::Mutex;
use std::time::Duration;

use time::OffsetDateTime;
use tokio::time::Instant;

use crate::config::{Pacing, ZoomPlan};
use crate::endpoint::Category;
use crate::error::Error;
use learning::{Learning, Verdict};

pub use learning::LimitSource;

/// Fraction of the budget actually paced at, so that arrival jitter at Zoom does not turn
/// evenly spaced requests into a burst over the limit.
const HEADROOM: f64 = 0.97;
/// On a per-second 429 the rate drops to this fraction of what it was.
const SLOWDOWN_FACTOR: f64 = 0.75;
/// After a slowdown the rate climbs back linearly to the full budget over this time.
const RECOVERY: Duration = Duration::from_secs(5);
/// 429s this soon after another belong to the same overshoot (requests already in flight)
/// and do not slow the rate again.
const SAME_OVERSHOOT: Duration = Duration::from_secs(1);

/// A request that waited this long for its slot found the budget busy.
const WAITED: Duration = Duration::from_millis(1);

/// Which slots of a budget a request may take; see the module docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Priority {
    /// Reserves the next slot, first come first served.
    Normal,
    /// Takes only slots no normal request reserved, so it never delays one.
    Yielding,
}

/// What [`RateBudget::reserve`] gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reservation {
    /// Send at this time.
    At(Instant),
    /// (Yielding requests) No slot is free before this time: look again then.
    NotBefore(Instant),
}

/// The budgets of all categories, shared by every request of a client.
#[derive(Debug)]
pub(crate) struct Budgets {
    buckets: [RateBudget; 3],
}

impl Budgets {
    /// One budget per category at the plan's limit × `share` requests per second, or
    /// learning the limit from Pro's upwards (auto pacing); a daily-limit reset is waited
    /// for only if it is at most `max_daily_wait` away.
    pub(crate) fn new(pacing: Pacing, share: f64, max_daily_wait: Duration) -> Budgets {
        Budgets {
            buckets: Category::ALL.map(|c| match pacing {
                Pacing::Plan(plan) => RateBudget::new(c, plan.per_second(c), share, max_daily_wait),
                Pacing::Auto => {
                    RateBudget::learning(c, ZoomPlan::Pro.per_second(c), share, max_daily_wait)
                }
            }),
        }
    }

    /// The budget requests of `category` draw from.
    pub(crate) fn of(&self, category: Category) -> &RateBudget {
        &self.buckets[category.index()]
    }

    /// How each category is paced now, in [`Category::ALL`] order.
    pub(crate) fn pacing(&self) -> Vec<CategoryPacing> {
        self.buckets.iter().map(RateBudget::pacing).collect()
    }
}

/// How one category is paced: the limit the client works to, where it comes from, and the
/// rate it sends at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CategoryPacing {
    /// The rate-limit category.
    pub category: Category,
    /// Zoom's per-second limit for the account as the client knows it, and where that
    /// knowledge comes from; `None` when auto pacing never reached the limit (the account
    /// allows at least [`CategoryPacing::rate`]).
    pub limit: Option<(f64, LimitSource)>,
    /// Requests per second the client paces at now (a share of the limit, with headroom).
    pub rate: f64,
}

impl std::fmt::Display for CategoryPacing {
    /// "medium 60/s (learned from a 429), paced at 58/s", or "light not reached, paced at
    /// 24/s" when auto pacing never met the limit.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let category = self.category.to_string().to_ascii_lowercase();
        match self.limit {
            Some((limit, source)) => write!(f, "{category} {limit:.0}/s ({source})")?,
            None => write!(f, "{category} not reached")?,
        }
        write!(f, ", paced at {:.0}/s", self.rate)
    }
}

/// One category's budget.
#[derive(Debug)]
pub(crate) struct RateBudget {
    category: Category,
    /// Share of Zoom's limit this client may use.
    share: f64,
    /// The plan's limit (fixed pacing), or the lowest limit the account can have (auto).
    base_limit: f64,
    max_daily_wait: Duration,
    state: Mutex<BucketState>,
    /// Yielding requests wait here in turn (tokio's mutex is fair): only the first one
    /// watches the budget for a free slot.
    yielding_turn: tokio::sync::Mutex<()>,
}

#[derive(Debug)]
struct BucketState {
    /// The earliest time the next request may be sent.
    next_slot: Instant,
    /// Requests per second when not slowed down: share × limit with headroom, or the
    /// probe's rate while auto pacing is still looking for the limit.
    full_rate: f64,
    slowdown: Option<Slowdown>,
    /// The last per-second 429 that counted (not one of an overshoot already seen).
    last_429: Option<Instant>,
    daily_reset: Option<DailyReset>,
    /// Auto pacing's knowledge of the limit; `None` with a fixed plan.
    learning: Option<Learning>,
}

#[derive(Debug, Clone, Copy)]
struct Slowdown {
    at: Instant,
    rate: f64,
}

#[derive(Debug, Clone, Copy)]
struct DailyReset {
    until: Instant,
    at: OffsetDateTime,
}

impl RateBudget {
    /// A budget paced at `share` of the fixed `limit`.
    pub(crate) fn new(
        category: Category,
        limit: f64,
        share: f64,
        max_daily_wait: Duration,
    ) -> RateBudget {
        RateBudget::with_state(category, limit, share, max_daily_wait, None)
    }

    /// A budget that starts at `share` of `floor` and learns the limit (auto pacing).
    pub(crate) fn learning(
        category: Category,
        floor: f64,
        share: f64,
        max_daily_wait: Duration,
    ) -> RateBudget {
        let learning = Learning::new(Instant::now());
        RateBudget::with_state(category, floor, share, max_daily_wait, Some(learning))
    }

    fn with_state(
        category: Category,
        base_limit: f64,
        share: f64,
        max_daily_wait: Duration,
        learning: Option<Learning>,
    ) -> RateBudget {
        RateBudget {
            category,
            share,
            base_limit,
            max_daily_wait,
            state: Mutex::new(BucketState {
                next_slot: Instant::now(),
                full_rate: base_limit * share * HEADROOM,
                slowdown: None,
                last_429: None,
                daily_reset: None,
                learning,
            }),
            yielding_turn: tokio::sync::Mutex::new(()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BucketState> {
        // The state is a few numbers updated in single assignments; a panic elsewhere while
        // holding the lock cannot leave it inconsistent, so a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits until this request may be sent and returns its slot (the time it is counted as
    /// sent). Fails at once if the category's daily limit is spent and its reset is further
    /// away than the allowed wait.
    pub(crate) async fn acquire(&self, priority: Priority) -> Result<Instant, Error> {
        let asked = Instant::now();
        let _turn = match priority {
            Priority::Normal => None,
            Priority::Yielding => Some(self.yielding_turn.lock().await),
        };
        loop {
            match self.reserve(Instant::now(), priority, asked)? {
                Reservation::At(slot) => {
                    tokio::time::sleep_until(slot).await;
                    return Ok(slot);
                }
                Reservation::NotBefore(at) => tokio::time::sleep_until(at).await,
            }
        }
    }

    /// Reserves the next send time at or after `now`; for a yielding request, only a slot
    /// that is due. `asked` is when the request started waiting for the budget.
    fn reserve(
        &self,
        now: Instant,
        priority: Priority,
        asked: Instant,
    ) -> Result<Reservation, Error> {
        let mut s = self.lock();
        // Requests wait for the budget: it, not the callers, sets the pace.
        let saturated = s.next_slot > now || now.saturating_duration_since(asked) >= WAITED;
        let rate = s.full_rate;
        if let Some(learning) = &mut s.learning {
            s.full_rate = learning.grow(rate, now, saturated);
        }
        let mut slot = match priority {
            Priority::Normal => s.next_slot.max(now),
            // A yielding request wakes a little after the slot it waited for (timers fire
            // late); taking the slot at its own time keeps that lateness from stretching
            // every interval. A quarter of an interval bounds the catch-up.
            Priority::Yielding => s
                .next_slot
                .max(now.checked_sub(self.interval(&s, now) / 4).unwrap_or(now)),
        };
        if let Some(held) = s
            .learning
            .as_ref()
            .and_then(|learning| learning.window_slot(s.full_rate as usize))
        {
            slot = slot.max(held);
        }
        if let Some(reset) = s.daily_reset {
            if reset.until <= now {
                s.daily_reset = None;
            } else if reset.until - now > self.max_daily_wait {
                return Err(Error::RateLimited {
                    category: self.category,
                    retry_at: Some(reset.at),
                    daily: true,
                });
            } else {
                slot = slot.max(reset.until);
            }
        }
        if priority == Priority::Yielding && slot > now {
            return Ok(Reservation::NotBefore(slot));
        }
        s.next_slot = slot + self.interval(&s, slot);
        if let Some(learning) = &mut s.learning {
            learning.sent(slot);
        }
        Ok(Reservation::At(slot))
    }

    /// The time between two slots at `at`.
    fn interval(&self, s: &BucketState, at: Instant) -> Duration {
        Duration::from_secs_f64(1.0 / self.rate(s, at))
    }

    /// The rate at `now`: full, or climbing back linearly from the last slowdown.
    fn rate(&self, s: &BucketState, now: Instant) -> f64 {
        match s.slowdown {
            Some(sd) if now < sd.at + RECOVERY => {
                let progress = (now - sd.at).as_secs_f64() / RECOVERY.as_secs_f64();
                sd.rate + (s.full_rate - sd.rate).max(0.0) * progress
            }
            _ => s.full_rate,
        }
    }

    /// The full rate for a learned `limit`.
    fn rate_for(&self, limit: f64) -> f64 {
        limit * self.share * HEADROOM
    }

    /// Zoom answered a per-second 429 to a request sent at `sent_at`. Auto pacing that was
    /// still probing has found the limit and settles below it; otherwise someone (maybe
    /// another app on the account) is using the quota, and this category sends slower for
    /// a while.
    pub(crate) fn rate_limited(&self, now: Instant, sent_at: Instant) {
        let mut s = self.lock();
        if s.last_429.is_some_and(|at| now < at + SAME_OVERSHOOT) {
            return;
        }
        s.last_429 = Some(now);
        let mut probing = false;
        if let Some(learning) = &mut s.learning {
            probing = learning.learned.is_none();
            if let Verdict::Limit(limit) = learning.rate_limited(sent_at, self.base_limit) {
                s.full_rate = self.rate_for(limit);
                tracing::debug!(category = %self.category, limit, "per-second limit learned from a 429");
            }
        }
        if probing {
            // The drop from the probe's rate to the share of the limit is the back-off.
            s.slowdown = None;
            return;
        }
        // No floor is needed: a slowdown is at most one per second and the rate recovers
        // by a fifth of the gap per second, so it settles well above zero.
        let rate = self.rate(&s, now) * SLOWDOWN_FACTOR;
        s.slowdown = Some(Slowdown { at: now, rate });
    }

    /// Zoom announced this category's per-second limit in an answer. Only auto pacing
    /// takes it; a named plan paces at its documented limits whatever Zoom says.
    pub(crate) fn limit_announced(&self, limit: f64) {
        let mut s = self.lock();
        let Some(learning) = &mut s.learning else {
            return;
        };
        if let Verdict::Limit(limit) = learning.announced(limit) {
            s.full_rate = self.rate_for(limit);
            tracing::debug!(category = %self.category, limit, "per-second limit announced by Zoom");
        }
    }

    /// Zoom answered a daily-limit 429 that resets at `at` (`until` on the monotonic clock):
    /// every request of the category waits for the reset, or fails if it is too far away.
    pub(crate) fn daily_limit_reached(&self, until: Instant, at: OffsetDateTime) {
        self.lock().daily_reset = Some(DailyReset { until, at });
    }

    /// Current rate in requests per second (for logs).
    pub(crate) fn current_rate(&self) -> f64 {
        let s = self.lock();
        self.rate(&s, Instant::now())
    }

    /// How this category is paced now.
    fn pacing(&self) -> CategoryPacing {
        let s = self.lock();
        let limit = match &s.learning {
            None => Some((self.base_limit, LimitSource::Plan)),
            Some(learning) => learning.learned,
        };
        CategoryPacing {
            category: self.category,
            limit,
            rate: self.rate(&s, Instant::now()),
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    /// A fixed budget pacing at exactly `rate` (no share, no headroom).
    fn paced_at(category: Category, rate: f64, max_daily_wait: Duration) -> RateBudget {
        let b = RateBudget::new(category, rate, 1.0, max_daily_wait);
        b.lock().full_rate = rate;
        b
    }

    fn full_rate(b: &RateBudget) -> f64 {
        b.lock().full_rate
    }

    /// The slot a normal request reserves at `now`.
    fn reserve(b: &RateBudget, now: Instant) -> Result<Instant, Error> {
        match b.reserve(now, Priority::Normal, now)? {
            Reservation::At(slot) => Ok(slot),
            other => panic!("normal requests always get a slot: {other:?}"),
        }
    }

    #[test]
    fn budget_is_plan_limit_times_share() {
        let b = Budgets::new(Pacing::Plan(ZoomPlan::Business), 0.5, Duration::ZERO);
        assert_eq!(full_rate(b.of(Category::Medium)), 30.0 * HEADROOM);
        assert_eq!(full_rate(b.of(Category::Light)), 40.0 * HEADROOM);
        let b = Budgets::new(Pacing::Plan(ZoomPlan::Pro), 0.8, Duration::ZERO);
        assert_eq!(full_rate(b.of(Category::Heavy)), 10.0 * 0.8 * HEADROOM);
    }

    #[test]
    fn slots_are_spaced_at_the_rate() {
        let b = paced_at(Category::Medium, 50.0, Duration::ZERO);
        let t0 = Instant::now();
        let slots: Vec<Instant> = (0..100).map(|_| reserve(&b, t0).unwrap()).collect();
        assert_eq!(slots[0], t0);
        assert_eq!(slots[1] - slots[0], ms(20));
        // 100 requests at 50/s: the last one 99 intervals after the first.
        let span = (slots[99] - slots[0]).as_secs_f64();
        assert!((span - 1.98).abs() < 1e-6, "{span}");
    }

    #[test]
    fn idle_time_is_not_saved_up_as_a_burst() {
        let b = paced_at(Category::Medium, 10.0, Duration::ZERO);
        let t0 = Instant::now();
        reserve(&b, t0).unwrap();
        let later = t0 + Duration::from_secs(5);
        assert_eq!(reserve(&b, later).unwrap(), later);
        assert_eq!(reserve(&b, later).unwrap(), later + ms(100));
    }

    #[test]
    fn slowdown_lowers_the_rate_then_recovers() {
        let b = paced_at(Category::Medium, 60.0, Duration::ZERO);
        let t0 = Instant::now();
        b.rate_limited(t0, t0);
        let s = b.lock();
        assert!((b.rate(&s, t0) - 45.0).abs() < 1e-9);
        let half = t0 + RECOVERY / 2;
        assert!((b.rate(&s, half) - 52.5).abs() < 1e-6);
        assert_eq!(b.rate(&s, t0 + RECOVERY), 60.0);
    }

    #[test]
    fn many_429s_of_one_overshoot_slow_down_once() {
        let b = paced_at(Category::Medium, 60.0, Duration::ZERO);
        let t0 = Instant::now();
        for i in 0..10 {
            b.rate_limited(t0 + ms(i * 50), t0);
        }
        {
            let s = b.lock();
            assert!((b.rate(&s, t0) - 45.0).abs() < 1e-9);
        }
        // Overshoots that keep coming push the rate far down, but not to zero.
        for i in 1..40 {
            b.rate_limited(t0 + ms(i * 1100), t0);
        }
        let s = b.lock();
        let rate = b.rate(&s, t0 + ms(39 * 1100));
        assert!((20.0..28.0).contains(&rate), "{rate}");
    }

    #[test]
    fn daily_reset_within_max_wait_holds_requests_until_reset() {
        let b = paced_at(Category::Medium, 60.0, Duration::from_secs(60));
        let t0 = Instant::now();
        let until = t0 + Duration::from_secs(30);
        b.daily_limit_reached(until, datetime!(2026-11-29 00:00 UTC));
        assert_eq!(reserve(&b, t0).unwrap(), until);
        assert!(reserve(&b, t0).unwrap() > until);
        // After the reset the hold is gone.
        let after = until + Duration::from_secs(5);
        assert_eq!(reserve(&b, after).unwrap(), after);
        assert!(b.lock().daily_reset.is_none());
    }

    #[test]
    fn daily_reset_beyond_max_wait_fails_fast_naming_the_reset() {
        let b = paced_at(Category::Light, 60.0, Duration::from_secs(60));
        let t0 = Instant::now();
        b.daily_limit_reached(
            t0 + Duration::from_secs(3600),
            datetime!(2026-11-29 00:00 UTC),
        );
        match reserve(&b, t0) {
            Err(Error::RateLimited {
                category: Category::Light,
                retry_at: Some(at),
                daily: true,
            }) => assert_eq!(at, datetime!(2026-11-29 00:00 UTC)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_yielding_request_takes_only_a_due_slot_nobody_reserved() {
        let b = paced_at(Category::Medium, 10.0, Duration::ZERO);
        let t0 = b.lock().next_slot;
        let yielding = |now| b.reserve(now, Priority::Yielding, now).unwrap();
        assert_eq!(yielding(t0), Reservation::At(t0));
        // The next slot is 100 ms away: nothing now, and nothing reserved by asking.
        assert_eq!(yielding(t0 + ms(10)), Reservation::NotBefore(t0 + ms(100)));
        assert_eq!(yielding(t0 + ms(10)), Reservation::NotBefore(t0 + ms(100)));
        // A normal request takes that slot; the yielding one is pushed to the next.
        assert_eq!(reserve(&b, t0 + ms(20)).unwrap(), t0 + ms(100));
        assert_eq!(yielding(t0 + ms(100)), Reservation::NotBefore(t0 + ms(200)));
        // Woken a little late, it still takes the slot at the slot's time.
        assert_eq!(yielding(t0 + ms(203)), Reservation::At(t0 + ms(200)));
        assert_eq!(reserve(&b, t0 + ms(203)).unwrap(), t0 + ms(300));
    }

    #[tokio::test(start_paused = true)]
    async fn yielding_requests_fill_every_slot_and_never_delay_a_normal_one() {
        let b = std::sync::Arc::new(paced_at(Category::Medium, 10.0, Duration::ZERO));
        let t0 = Instant::now();
        let waiters: Vec<_> = (0..20)
            .map(|_| {
                let b = std::sync::Arc::clone(&b);
                tokio::spawn(async move {
                    b.acquire(Priority::Yielding).await.unwrap();
                    Instant::now() - t0
                })
            })
            .collect();
        tokio::time::sleep(ms(550)).await;
        b.acquire(Priority::Normal).await.unwrap();
        let normal = Instant::now() - t0;
        let mut sends = vec![normal];
        for waiter in waiters {
            sends.push(waiter.await.unwrap());
        }
        sends.sort();
        // 21 requests at 10/s take 21 consecutive slots: none lost, none doubled.
        let expected: Vec<Duration> = (0..21).map(|i| ms(100 * i)).collect();
        assert_eq!(sends, expected);
        // The normal request waited only for the next slot.
        assert_eq!(normal, ms(600));
    }
}
