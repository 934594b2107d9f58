//! Zoom's timestamp format: RFC 3339 in UTC with second precision (`2026-11-29T00:00:00Z`),
//! used for creation and login times, `added_at` and the daily-limit `Retry-After`.

use time::OffsetDateTime;
use time::macros::format_description;

/// Formats `at` as Zoom does.
pub fn zoom_time(at: OffsetDateTime) -> String {
    let format = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    at.to_offset(time::UtcOffset::UTC)
        .format(&format)
        .expect("a UTC date with a four-digit year always formats")
}

/// The current time in Zoom's format.
pub fn zoom_now() -> String {
    zoom_time(OffsetDateTime::now_utc())
}

/// The next 00:00 UTC after `at`, when Zoom's daily limits reset.
pub fn next_utc_midnight(at: OffsetDateTime) -> OffsetDateTime {
    let at = at.to_offset(time::UtcOffset::UTC);
    at.date()
        .next_day()
        .unwrap_or(at.date())
        .midnight()
        .assume_utc()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn formats_with_second_precision_and_z() {
        assert_eq!(
            zoom_time(datetime!(2026-03-04 05:06:07.891 UTC)),
            "2026-03-04T05:06:07Z"
        );
    }

    #[test]
    fn next_midnight_is_the_start_of_the_following_day() {
        assert_eq!(
            zoom_time(next_utc_midnight(datetime!(2026-11-28 23:59:59 UTC))),
            "2026-11-29T00:00:00Z"
        );
    }
}
