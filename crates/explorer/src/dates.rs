//! How times are shown: the UTC day for people, RFC 3339 for programs.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The UTC day of a Unix time, `YYYY-MM-DD`.
pub fn day(unix: i64) -> String {
    match OffsetDateTime::from_unix_timestamp(unix) {
        Ok(at) => format!(
            "{:04}-{:02}-{:02}",
            at.year(),
            u8::from(at.month()),
            at.day()
        ),
        Err(_) => unix.to_string(),
    }
}

/// `2026-03-01T00:00:00Z`.
pub fn rfc3339(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|at| at.format(&Rfc3339).ok())
        .unwrap_or_else(|| unix.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_instants_are_utc() {
        assert_eq!(day(1_772_323_199), "2026-02-28");
        assert_eq!(rfc3339(1_772_323_200), "2026-03-01T00:00:00Z");
    }
}
