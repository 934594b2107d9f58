//! Zoom's per-account rate limits: a per-second (per-minute for Resource-intensive) budget for
//! each category, and daily caps.
//!
//! The per-second budget is a sliding window: a request is admitted when fewer than `limit`
//! requests were admitted in the last second. That is the strictest reading of "N per second"
//! (any one-second span holds at most N answers), so a client that paces itself evenly at the
//! documented rate is never refused, while a client that bursts is — and over any window the
//! admitted count stays within one second's budget of `rate × window`.
//!
//! Daily caps follow the plan: on Pro and Business, Heavy and Resource-intensive share one
//! daily pool (30,000 and 60,000); Light and Medium have none. Tests may give any category a
//! small cap of its own. Caps reset at 00:00 UTC.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::clock::{next_utc_midnight, zoom_time};
use crate::endpoint::Category;

/// The account's plan, which sets the rate limits. Zoom documents two tables: Pro, and one
/// shared by Business and every plan above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ZoomPlan {
    /// Pro: Light 30/s, Medium 20/s, Heavy 10/s, Resource-intensive 10/min.
    Pro,
    /// Business: Light 80/s, Medium 60/s, Heavy 40/s, Resource-intensive 20/min.
    #[default]
    Business,
    /// Business Plus: Business limits.
    BusinessPlus,
    /// Enterprise: Business limits.
    Enterprise,
}

impl ZoomPlan {
    /// Every plan, in tier order.
    pub const ALL: [ZoomPlan; 4] = [
        ZoomPlan::Pro,
        ZoomPlan::Business,
        ZoomPlan::BusinessPlus,
        ZoomPlan::Enterprise,
    ];

    /// Parses `pro`, `business`, `business-plus` or `enterprise`.
    pub fn parse(value: &str) -> Option<Self> {
        match value.to_ascii_lowercase().as_str() {
            "pro" => Some(ZoomPlan::Pro),
            "business" => Some(ZoomPlan::Business),
            "business-plus" | "businessplus" => Some(ZoomPlan::BusinessPlus),
            "enterprise" => Some(ZoomPlan::Enterprise),
            _ => None,
        }
    }

    /// The plan's name as [`ZoomPlan::parse`] reads it.
    pub fn name(self) -> &'static str {
        match self {
            ZoomPlan::Pro => "pro",
            ZoomPlan::Business => "business",
            ZoomPlan::BusinessPlus => "business-plus",
            ZoomPlan::Enterprise => "enterprise",
        }
    }

    /// Requests admitted per window in `category`, and the window.
    pub fn budget(self, category: Category) -> (u32, Duration) {
        let second = Duration::from_secs(1);
        let pro = self == ZoomPlan::Pro;
        match category {
            Category::Light => (if pro { 30 } else { 80 }, second),
            Category::Medium => (if pro { 20 } else { 60 }, second),
            Category::Heavy => (if pro { 10 } else { 40 }, second),
            Category::ResourceIntensive => (if pro { 10 } else { 20 }, Duration::from_secs(60)),
        }
    }

    /// How many users may be invited (`POST /users` with `action=create`) per day.
    pub fn daily_invites(self) -> u64 {
        match self {
            ZoomPlan::Pro => 1_500,
            _ => 10_000,
        }
    }

    /// The daily cap shared by Heavy and Resource-intensive requests.
    pub fn heavy_daily_cap(self) -> u64 {
        match self {
            ZoomPlan::Pro => 30_000,
            _ => 60_000,
        }
    }
}

/// Parses per-second limits agreed for an account, `light=N,medium=N,heavy=N` (any of them),
/// as `zoom-sim serve --rate-limits` takes them.
pub fn parse_agreed_limits(value: &str) -> Result<Vec<(Category, u32)>, String> {
    let mut limits = Vec::new();
    for pair in value.split(',').filter(|p| !p.trim().is_empty()) {
        let (name, limit) = pair
            .split_once('=')
            .ok_or_else(|| format!("{pair:?} is not category=N, e.g. medium=120"))?;
        let category = match Category::parse(name.trim()) {
            Some(c @ (Category::Light | Category::Medium | Category::Heavy)) => c,
            _ => {
                return Err(format!(
                    "unknown category {name:?}; use light, medium or heavy"
                ));
            }
        };
        let limit: u32 = limit
            .trim()
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("{limit:?} is not a positive number of requests per second"))?;
        limits.push((category, limit));
    }
    if limits.is_empty() {
        return Err("give at least one category=N, e.g. medium=120".into());
    }
    Ok(limits)
}

/// Whether limits are enforced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RateLimitMode {
    /// Zoom's limits apply.
    #[default]
    Enforced,
    /// Nothing is refused (headers are still sent); for benchmarks of other parts.
    Off,
}

/// The outcome of asking for one request's budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Admission {
    /// Go ahead; `limit` and `remaining` describe the per-second window.
    Admitted { limit: u32, remaining: u32 },
    /// Over the per-second (or per-minute) budget; retry after this many seconds.
    OverRate { limit: u32, retry_after_secs: u64 },
    /// Over the daily cap; retry at this date-time (next 00:00 UTC).
    OverDaily { limit: u64, retry_at: String },
}

struct Window {
    limit: u32,
    period: Duration,
    admitted: VecDeque<Instant>,
}

struct DailyPool {
    categories: Vec<Category>,
    cap: u64,
    used: u64,
    day: Date,
}

/// The account's budgets.
pub(crate) struct RateLimiter {
    mode: RateLimitMode,
    windows: [Mutex<Window>; 4],
    daily: Mutex<Vec<DailyPool>>,
}

impl RateLimiter {
    /// Budgets for `plan`, with the per-second limits of `per_second_overrides` instead of the
    /// plan's (Zoom raises limits for some accounts by agreement); each daily override gives a
    /// category a daily cap of its own.
    pub(crate) fn new(
        plan: ZoomPlan,
        mode: RateLimitMode,
        per_second_overrides: &[(Category, u32)],
        daily_overrides: &[(Category, u64)],
    ) -> Self {
        let windows = Category::ALL.map(|category| {
            let (planned, period) = plan.budget(category);
            let limit = per_second_overrides
                .iter()
                .find(|(c, _)| *c == category)
                .map_or(planned, |(_, limit)| *limit);
            Mutex::new(Window {
                limit,
                period,
                admitted: VecDeque::with_capacity(limit as usize),
            })
        });
        let today = OffsetDateTime::now_utc().date();
        let overridden: Vec<Category> = daily_overrides.iter().map(|(c, _)| *c).collect();
        let mut pools = vec![DailyPool {
            categories: [Category::Heavy, Category::ResourceIntensive]
                .into_iter()
                .filter(|c| !overridden.contains(c))
                .collect(),
            cap: plan.heavy_daily_cap(),
            used: 0,
            day: today,
        }];
        pools.extend(daily_overrides.iter().map(|&(category, cap)| DailyPool {
            categories: vec![category],
            cap,
            used: 0,
            day: today,
        }));
        RateLimiter {
            mode,
            windows,
            daily: Mutex::new(pools),
        }
    }

    /// Takes one request's budget in `category`, or says when to come back.
    pub(crate) fn admit(&self, category: Category) -> Admission {
        let now = Instant::now();
        let wall = OffsetDateTime::now_utc();
        let mut pools = lock(&self.daily);
        let pool = pools.iter_mut().find(|p| p.categories.contains(&category));
        if let Some(pool) = &pool
            && self.mode == RateLimitMode::Enforced
            && pool.day == wall.date()
            && pool.used >= pool.cap
        {
            return Admission::OverDaily {
                limit: pool.cap,
                retry_at: zoom_time(next_utc_midnight(wall)),
            };
        }
        let mut window = lock(&self.windows[category.index()]);
        while window
            .admitted
            .front()
            .is_some_and(|&t| now.duration_since(t) >= window.period)
        {
            window.admitted.pop_front();
        }
        let in_window = window.admitted.len() as u32;
        if self.mode == RateLimitMode::Enforced && in_window >= window.limit {
            let oldest = *window
                .admitted
                .front()
                .expect("a full window holds requests");
            let wait = window.period.saturating_sub(now.duration_since(oldest));
            return Admission::OverRate {
                limit: window.limit,
                retry_after_secs: wait.as_secs_f64().ceil().max(1.0) as u64,
            };
        }
        if in_window < window.limit {
            window.admitted.push_back(now);
        }
        if let Some(pool) = pool {
            if pool.day != wall.date() {
                pool.day = wall.date();
                pool.used = 0;
            }
            pool.used += 1;
        }
        Admission::Admitted {
            limit: window.limit,
            remaining: window.limit.saturating_sub(in_window + 1),
        }
    }

    /// The per-window budget of a category, for headers on answers that did not reach the
    /// limiter.
    pub(crate) fn limit(&self, category: Category) -> u32 {
        lock(&self.windows[category.index()]).limit
    }
}

/// Zoom's separate daily cap on user invitations, counted per UTC day.
pub(crate) struct InviteBudget {
    mode: RateLimitMode,
    cap: u64,
    used: Mutex<(Date, u64)>,
}

impl InviteBudget {
    pub(crate) fn new(mode: RateLimitMode, cap: u64) -> Self {
        InviteBudget {
            mode,
            cap,
            used: Mutex::new((OffsetDateTime::now_utc().date(), 0)),
        }
    }

    /// Counts one invitation; `Err(cap)` when today's are used up.
    pub(crate) fn take(&self) -> Result<(), u64> {
        let today = OffsetDateTime::now_utc().date();
        let mut used = lock(&self.used);
        if used.0 != today {
            *used = (today, 0);
        }
        if self.mode == RateLimitMode::Enforced && used.1 >= self.cap {
            return Err(self.cap);
        }
        used.1 += 1;
        Ok(())
    }

    /// Gives back an invitation that was counted but not made.
    pub(crate) fn refund(&self) {
        let mut used = lock(&self.used);
        used.1 = used.1.saturating_sub(1);
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admits_the_per_second_budget_then_refuses_with_retry_after() {
        let limiter = RateLimiter::new(ZoomPlan::Pro, RateLimitMode::Enforced, &[], &[]);
        for expected_remaining in (0..20).rev() {
            assert_eq!(
                limiter.admit(Category::Medium),
                Admission::Admitted {
                    limit: 20,
                    remaining: expected_remaining
                }
            );
        }
        assert_eq!(
            limiter.admit(Category::Medium),
            Admission::OverRate {
                limit: 20,
                retry_after_secs: 1
            }
        );
        // Another category has its own budget.
        assert!(matches!(
            limiter.admit(Category::Light),
            Admission::Admitted { limit: 30, .. }
        ));
    }

    #[test]
    fn a_daily_override_caps_a_category_until_midnight_utc() {
        let limiter = RateLimiter::new(
            ZoomPlan::Business,
            RateLimitMode::Enforced,
            &[],
            &[(Category::Light, 2)],
        );
        assert!(matches!(
            limiter.admit(Category::Light),
            Admission::Admitted { .. }
        ));
        assert!(matches!(
            limiter.admit(Category::Light),
            Admission::Admitted { .. }
        ));
        match limiter.admit(Category::Light) {
            Admission::OverDaily { limit, retry_at } => {
                assert_eq!(limit, 2);
                assert!(retry_at.ends_with("T00:00:00Z"), "{retry_at}");
            }
            other => panic!("expected the daily limit, got {other:?}"),
        }
    }

    #[test]
    fn plans_above_business_share_its_limits_and_agreed_limits_replace_them() {
        for plan in [ZoomPlan::BusinessPlus, ZoomPlan::Enterprise] {
            for category in Category::ALL {
                assert_eq!(plan.budget(category), ZoomPlan::Business.budget(category));
            }
            assert_eq!(ZoomPlan::parse(plan.name()), Some(plan));
        }
        let limiter = RateLimiter::new(
            ZoomPlan::Pro,
            RateLimitMode::Enforced,
            &[(Category::Medium, 120)],
            &[],
        );
        for _ in 0..120 {
            assert!(matches!(
                limiter.admit(Category::Medium),
                Admission::Admitted { limit: 120, .. }
            ));
        }
        assert!(matches!(
            limiter.admit(Category::Medium),
            Admission::OverRate { limit: 120, .. }
        ));
        assert_eq!(limiter.limit(Category::Light), 30);
    }

    #[test]
    fn agreed_limits_parse_by_category() {
        assert_eq!(
            parse_agreed_limits("medium=120, heavy=50"),
            Ok(vec![(Category::Medium, 120), (Category::Heavy, 50)])
        );
        for bad in [
            "",
            "medium",
            "medium=0",
            "medium=lots",
            "resource-intensive=3",
        ] {
            assert!(parse_agreed_limits(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn invitations_have_their_own_daily_cap() {
        let budget = InviteBudget::new(RateLimitMode::Enforced, 2);
        assert_eq!(
            (budget.take(), budget.take(), budget.take()),
            (Ok(()), Ok(()), Err(2))
        );
        budget.refund();
        assert_eq!(budget.take(), Ok(()));
    }

    #[test]
    fn off_mode_never_refuses() {
        let limiter = RateLimiter::new(
            ZoomPlan::Pro,
            RateLimitMode::Off,
            &[],
            &[(Category::Light, 1)],
        );
        for _ in 0..100 {
            assert!(matches!(
                limiter.admit(Category::Light),
                Admission::Admitted { .. }
            ));
        }
    }
}
