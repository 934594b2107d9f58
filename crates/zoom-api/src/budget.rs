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
//! Requests come in two [`Priority`] classes. Normal requests reserve the next slot at once,
//! first come first served. Yielding requests take only slots nobody reserved: they queue
//! among themselves and the first of them takes the next slot once its time has come, if it
//! is still free. A caller can thus keep many yielding requests waiting, enough to use every
//! slot, while a normal request still waits at most about one slot: what a sync needs to
//! run its chains of pages (each page's token comes with the page before) at full speed
//! alongside hundreds of independent per-group listings.

use std::sync::Mutex;
use std::time::Duration;

use time::OffsetDateTime;
use tokio::time::Instant;

use crate::config::ZoomPlan;
use crate::endpoint::Category;
use crate::error::Error;

/// Fraction of the budget actually paced at, so that arrival jitter at Zoom does not turn
/// evenly spaced requests into a burst over the limit.
const HEADROOM: f64 = 0.97;
/// On a per-second 429 the rate drops to this fraction of what it was.
const SLOWDOWN_FACTOR: f64 = 0.75;
/// After a slowdown the rate climbs back linearly to the full budget over this time.
const RECOVERY: Duration = Duration::from_secs(5);
/// 429s this soon after a slowdown belong to the same overshoot (requests already in flight)
/// and do not slow the rate again.
const SAME_OVERSHOOT: Duration = Duration::from_secs(1);

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
    /// One budget per category at `plan` limit × `share` requests per second; a daily-limit
    /// reset is waited for only if it is at most `max_daily_wait` away.
    pub(crate) fn new(plan: ZoomPlan, share: f64, max_daily_wait: Duration) -> Budgets {
        Budgets {
            buckets: Category::ALL
                .map(|c| RateBudget::new(c, plan.per_second(c) * share * HEADROOM, max_daily_wait)),
        }
    }

    /// The budget requests of `category` draw from.
    pub(crate) fn of(&self, category: Category) -> &RateBudget {
        &self.buckets[category.index()]
    }
}

/// One category's budget.
#[derive(Debug)]
pub(crate) struct RateBudget {
    category: Category,
    /// Requests per second when not slowed down.
    full_rate: f64,
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
    slowdown: Option<Slowdown>,
    daily_reset: Option<DailyReset>,
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
    pub(crate) fn new(category: Category, full_rate: f64, max_daily_wait: Duration) -> RateBudget {
        RateBudget {
            category,
            full_rate,
            max_daily_wait,
            state: Mutex::new(BucketState {
                next_slot: Instant::now(),
                slowdown: None,
                daily_reset: None,
            }),
            yielding_turn: tokio::sync::Mutex::new(()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BucketState> {
        // The state is a few numbers updated in single assignments; a panic elsewhere while
        // holding the lock cannot leave it inconsistent, so a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits until this request may be sent. Fails at once if the category's daily limit is
    /// spent and its reset is further away than the allowed wait.
    pub(crate) async fn acquire(&self, priority: Priority) -> Result<(), Error> {
        let _turn = match priority {
            Priority::Normal => None,
            Priority::Yielding => Some(self.yielding_turn.lock().await),
        };
        loop {
            match self.reserve(Instant::now(), priority)? {
                Reservation::At(slot) => {
                    tokio::time::sleep_until(slot).await;
                    return Ok(());
                }
                Reservation::NotBefore(at) => tokio::time::sleep_until(at).await,
            }
        }
    }

    /// Reserves the next send time at or after `now`; for a yielding request, only a slot
    /// that is due.
    fn reserve(&self, now: Instant, priority: Priority) -> Result<Reservation, Error> {
        let mut s = self.lock();
        let mut slot = match priority {
            Priority::Normal => s.next_slot.max(now),
            // A yielding request wakes a little after the slot it waited for (timers fire
            // late); taking the slot at its own time keeps that lateness from stretching
            // every interval. A quarter of an interval bounds the catch-up.
            Priority::Yielding => s
                .next_slot
                .max(now.checked_sub(self.interval(&s, now) / 4).unwrap_or(now)),
        };
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
                sd.rate + (self.full_rate - sd.rate) * progress
            }
            _ => self.full_rate,
        }
    }

    /// Zoom answered a per-second 429: someone (maybe another app on the account) is using
    /// the quota, so this category sends slower for a while.
    pub(crate) fn slow_down(&self, now: Instant) {
        let mut s = self.lock();
        if s.slowdown.is_some_and(|sd| now < sd.at + SAME_OVERSHOOT) {
            return;
        }
        // No floor is needed: a slowdown is at most one per second and the rate recovers
        // by a fifth of the gap per second, so it settles well above zero.
        let rate = self.rate(&s, now) * SLOWDOWN_FACTOR;
        s.slowdown = Some(Slowdown { at: now, rate });
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
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    /// The slot a normal request reserves at `now`.
    fn reserve(b: &RateBudget, now: Instant) -> Result<Instant, Error> {
        match b.reserve(now, Priority::Normal)? {
            Reservation::At(slot) => Ok(slot),
            other => panic!("normal requests always get a slot: {other:?}"),
        }
    }

    #[test]
    fn budget_is_plan_limit_times_share() {
        let b = Budgets::new(ZoomPlan::Business, 0.5, Duration::ZERO);
        assert_eq!(b.of(Category::Medium).full_rate, 30.0 * HEADROOM);
        assert_eq!(b.of(Category::Light).full_rate, 40.0 * HEADROOM);
        let b = Budgets::new(ZoomPlan::Pro, 0.8, Duration::ZERO);
        assert_eq!(b.of(Category::Heavy).full_rate, 8.0 * HEADROOM);
    }

    #[test]
    fn slots_are_spaced_at_the_rate() {
        let b = RateBudget::new(Category::Medium, 50.0, Duration::ZERO);
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
        let b = RateBudget::new(Category::Medium, 10.0, Duration::ZERO);
        let t0 = Instant::now();
        reserve(&b, t0).unwrap();
        let later = t0 + Duration::from_secs(5);
        assert_eq!(reserve(&b, later).unwrap(), later);
        assert_eq!(reserve(&b, later).unwrap(), later + ms(100));
    }

    #[test]
    fn slowdown_lowers_the_rate_then_recovers() {
        let b = RateBudget::new(Category::Medium, 60.0, Duration::ZERO);
        let t0 = Instant::now();
        b.slow_down(t0);
        let s = b.lock();
        assert!((b.rate(&s, t0) - 45.0).abs() < 1e-9);
        let half = t0 + RECOVERY / 2;
        assert!((b.rate(&s, half) - 52.5).abs() < 1e-6);
        assert_eq!(b.rate(&s, t0 + RECOVERY), 60.0);
    }

    #[test]
    fn many_429s_of_one_overshoot_slow_down_once() {
        let b = RateBudget::new(Category::Medium, 60.0, Duration::ZERO);
        let t0 = Instant::now();
        for i in 0..10 {
            b.slow_down(t0 + ms(i * 50));
        }
        {
            let s = b.lock();
            assert!((b.rate(&s, t0) - 45.0).abs() < 1e-9);
        }
        // Overshoots that keep coming push the rate far down, but not to zero.
        for i in 1..40 {
            b.slow_down(t0 + ms(i * 1100));
        }
        let s = b.lock();
        let rate = b.rate(&s, t0 + ms(39 * 1100));
        assert!((20.0..28.0).contains(&rate), "{rate}");
    }

    #[test]
    fn daily_reset_within_max_wait_holds_requests_until_reset() {
        let b = RateBudget::new(Category::Medium, 60.0, Duration::from_secs(60));
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
        let b = RateBudget::new(Category::Light, 60.0, Duration::from_secs(60));
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
        let b = RateBudget::new(Category::Medium, 10.0, Duration::ZERO);
        let t0 = b.lock().next_slot;
        let yielding = |now| b.reserve(now, Priority::Yielding).unwrap();
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
        let b = std::sync::Arc::new(RateBudget::new(Category::Medium, 10.0, Duration::ZERO));
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
