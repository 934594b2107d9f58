//! The waits of the task loop, with the Go SDK's clamps.

use std::time::Duration;

/// The longest wait between polls and between heartbeats.
const MAX_WAIT: Duration = Duration::from_secs(300);
/// The heartbeat interval when the server names none.
const DEFAULT_HEARTBEAT: Duration = Duration::from_secs(30);
/// The shortest heartbeat interval.
const MIN_HEARTBEAT: Duration = Duration::from_secs(1);
/// The longest backoff after failed polls.
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// The wait before the next poll: the server's `next_poll` within [0, 5 min]; none means
/// poll again at once.
pub(crate) fn next_poll(next_poll: Option<&prost_types::Duration>) -> Duration {
    next_poll.map_or(Duration::ZERO, to_std).min(MAX_WAIT)
}

/// The wait before the next heartbeat: the server's `next_heartbeat` within [1 s, 5 min];
/// none or zero means 30 s.
pub(crate) fn heartbeat_interval(next_heartbeat: Option<&prost_types::Duration>) -> Duration {
    match next_heartbeat.map(to_std) {
        None | Some(Duration::ZERO) => DEFAULT_HEARTBEAT,
        Some(interval) => interval.clamp(MIN_HEARTBEAT, MAX_WAIT),
    }
}

/// The wait after `errors` consecutive failed polls: errors² seconds, at most 60 (1, 4, 9,
/// 16 ...), so a server that is away is asked a handful of times a minute, never in a loop.
pub(crate) fn backoff(errors: u32) -> Duration {
    Duration::from_secs(u64::from(errors).saturating_pow(2)).min(MAX_BACKOFF)
}

fn to_std(duration: &prost_types::Duration) -> Duration {
    let seconds = u64::try_from(duration.seconds).unwrap_or(0);
    let nanos = u32::try_from(duration.nanos).unwrap_or(0);
    if duration.seconds < 0 {
        Duration::ZERO
    } else {
        Duration::new(seconds, nanos.min(999_999_999))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proto(seconds: i64, nanos: i32) -> prost_types::Duration {
        prost_types::Duration { seconds, nanos }
    }

    #[test]
    fn poll_wait_is_clamped_to_five_minutes_and_missing_means_now() {
        assert_eq!(next_poll(None), Duration::ZERO);
        assert_eq!(
            next_poll(Some(&proto(1, 500_000_000))),
            Duration::from_millis(1500)
        );
        assert_eq!(next_poll(Some(&proto(3600, 0))), Duration::from_secs(300));
        assert_eq!(next_poll(Some(&proto(-5, 0))), Duration::ZERO);
    }

    #[test]
    fn heartbeat_interval_defaults_to_30s_within_1s_and_5min() {
        assert_eq!(heartbeat_interval(None), Duration::from_secs(30));
        assert_eq!(
            heartbeat_interval(Some(&proto(0, 0))),
            Duration::from_secs(30)
        );
        assert_eq!(
            heartbeat_interval(Some(&proto(0, 1_000))),
            Duration::from_secs(1)
        );
        assert_eq!(
            heartbeat_interval(Some(&proto(2, 0))),
            Duration::from_secs(2)
        );
        assert_eq!(
            heartbeat_interval(Some(&proto(900, 0))),
            Duration::from_secs(300)
        );
    }

    #[test]
    fn backoff_is_errors_squared_up_to_a_minute() {
        let waits: Vec<u64> = (1..=9).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(waits, [1, 4, 9, 16, 25, 36, 49, 60, 60]);
        assert_eq!(backoff(u32::MAX), Duration::from_secs(60));
    }
}
