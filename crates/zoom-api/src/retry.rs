//! When and how long to wait before trying a failed request again.
//!
//! Backoff is exponential with jitter, so that many tasks failing together (a Zoom blip)
//! do not come back together. A `Retry-After` from Zoom is a floor, never shortened.

use std::time::Duration;

use time::OffsetDateTime;
use time::format_description::well_known::{Rfc2822, Rfc3339};

use crate::error::Error;
use crate::stats::Stats;

/// How many times a request is retried and how long the waits between tries grow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (so `max_retries + 1` attempts at most).
    pub max_retries: u32,
    /// Wait ceiling before the first retry; doubles with every retry.
    pub initial_backoff: Duration,
    /// Upper bound of a single backoff wait (a longer `Retry-After` is still honoured).
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 6,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(20),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `retry` (0-based): uniformly drawn from the upper half of
    /// `initial_backoff * 2^retry` (capped at `max_backoff`), raised to `retry_after` if Zoom
    /// asked for longer. The lower half is left out so a retry never comes back at once.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        let ceiling = self
            .initial_backoff
            .saturating_mul(1u32.checked_shl(retry.min(31)).unwrap_or(u32::MAX))
            .min(self.max_backoff);
        let half = ceiling / 2;
        let jitter = if half.is_zero() {
            Duration::ZERO
        } else {
            Duration::from_secs_f64(rand::random_range(0.0..=half.as_secs_f64()))
        };
        (half + jitter).max(retry_after.unwrap_or(Duration::ZERO))
    }
}

/// What one try of a request came to, as the retry loops of the API and OAuth requests see it.
pub(crate) enum Attempt<T> {
    /// Finished, successfully or with an error that retrying will not change.
    Done(Result<T, Error>),
    /// A retryable failure (429, 5xx, timeout, connection error): try again after a backoff
    /// of at least `retry_after`, if retries are left.
    Failed {
        error: Error,
        retry_after: Option<Duration>,
    },
    /// Try again at once without spending a retry: the cause was fixed in between (a fresh
    /// token after a 401, a wait for a daily-limit reset).
    Again,
}

/// Counts the retries of one request against the policy.
pub(crate) struct Retries<'a> {
    policy: &'a RetryPolicy,
    stats: &'a Stats,
    done: u32,
}

impl<'a> Retries<'a> {
    pub(crate) fn new(policy: &'a RetryPolicy, stats: &'a Stats) -> Retries<'a> {
        Retries {
            policy,
            stats,
            done: 0,
        }
    }

    /// After a retryable failure: the wait before the next try, or the failure itself once
    /// the retry limit is reached.
    pub(crate) fn next_wait(
        &mut self,
        error: Error,
        retry_after: Option<Duration>,
    ) -> Result<Duration, Error> {
        if self.done >= self.policy.max_retries {
            return Err(error);
        }
        let wait = self.policy.delay(self.done, retry_after);
        self.done += 1;
        self.stats.retry();
        tracing::debug!(retry = self.done, wait_ms = wait.as_millis() as u64, %error, "retrying");
        Ok(wait)
    }
}

/// A parsed `Retry-After` header: Zoom sends seconds on per-second 429s and an ISO date-time
/// (the next 00:00 UTC) on daily-limit 429s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RetryAfter {
    /// Wait this long.
    Delay(Duration),
    /// Wait until this instant.
    At(OffsetDateTime),
}

impl RetryAfter {
    /// Parses the header. Accepts integer or fractional seconds, RFC 3339 date-times (Zoom's
    /// form) and the HTTP-date form of RFC 9110 (for proxies in front of Zoom).
    pub(crate) fn parse(value: &str) -> Option<RetryAfter> {
        let value = value.trim();
        if let Ok(secs) = value.parse::<f64>() {
            return (secs.is_finite() && secs >= 0.0)
                .then(|| RetryAfter::Delay(Duration::from_secs_f64(secs)));
        }
        OffsetDateTime::parse(value, &Rfc3339)
            .or_else(|_| OffsetDateTime::parse(value, &Rfc2822))
            .ok()
            .map(RetryAfter::At)
    }

    /// How long to wait from `now`; a date in the past means no wait.
    pub(crate) fn delay_from(self, now: OffsetDateTime) -> Duration {
        match self {
            RetryAfter::Delay(d) => d,
            RetryAfter::At(at) => Duration::try_from(at - now).unwrap_or(Duration::ZERO),
        }
    }

    /// The wall-clock instant the wait ends, seen from `now`.
    pub(crate) fn instant_from(self, now: OffsetDateTime) -> OffsetDateTime {
        match self {
            RetryAfter::Delay(d) => now + d,
            RetryAfter::At(at) => at,
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn retry_after_seconds() {
        assert_eq!(
            RetryAfter::parse("1"),
            Some(RetryAfter::Delay(Duration::from_secs(1)))
        );
        assert_eq!(
            RetryAfter::parse(" 2.5 "),
            Some(RetryAfter::Delay(Duration::from_millis(2500)))
        );
        assert_eq!(RetryAfter::parse("-3"), None);
        assert_eq!(RetryAfter::parse("soon"), None);
    }

    #[test]
    fn retry_after_iso_date_time() {
        let parsed = RetryAfter::parse("2026-11-29T00:00:00Z");
        assert_eq!(
            parsed,
            Some(RetryAfter::At(datetime!(2026-11-29 00:00 UTC)))
        );
        let now = datetime!(2026-11-28 23:59:30 UTC);
        let parsed = parsed.unwrap();
        assert_eq!(parsed.delay_from(now), Duration::from_secs(30));
        assert_eq!(parsed.instant_from(now), datetime!(2026-11-29 00:00 UTC));
        assert_eq!(
            parsed.delay_from(datetime!(2026-11-29 01:00 UTC)),
            Duration::ZERO
        );
    }

    #[test]
    fn retry_after_http_date() {
        assert_eq!(
            RetryAfter::parse("Sun, 29 Nov 2026 00:00:00 GMT"),
            Some(RetryAfter::At(datetime!(2026-11-29 00:00 UTC)))
        );
    }

    #[test]
    fn backoff_grows_stays_in_upper_half_and_is_capped() {
        let p = RetryPolicy {
            max_retries: 10,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(1),
        };
        for _ in 0..200 {
            let d0 = p.delay(0, None);
            assert!(d0 >= Duration::from_millis(50) && d0 <= Duration::from_millis(100));
            let d3 = p.delay(3, None);
            assert!(d3 >= Duration::from_millis(400) && d3 <= Duration::from_millis(800));
            let d9 = p.delay(9, None);
            assert!(d9 >= Duration::from_millis(500) && d9 <= Duration::from_secs(1));
            assert!(p.delay(60, None) <= Duration::from_secs(1));
        }
    }

    #[test]
    fn backoff_is_jittered() {
        let p = RetryPolicy::default();
        let draws: std::collections::HashSet<Duration> =
            (0..50).map(|_| p.delay(2, None)).collect();
        assert!(draws.len() > 10, "only {} distinct delays", draws.len());
    }

    #[test]
    fn retries_stop_at_the_limit_and_are_counted() {
        let p = RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(10),
        };
        let stats = Stats::default();
        let mut r = Retries::new(&p, &stats);
        let err = || Error::Server {
            status: 503,
            code: None,
            message: "down".into(),
        };
        assert!(r.next_wait(err(), None).unwrap() <= Duration::from_millis(10));
        assert_eq!(
            r.next_wait(err(), Some(Duration::from_secs(1))).unwrap(),
            Duration::from_secs(1)
        );
        assert!(matches!(
            r.next_wait(err(), None),
            Err(Error::Server { status: 503, .. })
        ));
        assert_eq!(stats.snapshot().retries, 2);
    }

    #[test]
    fn retry_after_is_a_floor() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.delay(0, Some(Duration::from_secs(5))),
            Duration::from_secs(5)
        );
        assert!(p.delay(10, Some(Duration::from_millis(1))) >= Duration::from_secs(10));
    }
}
