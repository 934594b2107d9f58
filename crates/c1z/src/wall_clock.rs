//! Baton's timestamp text: Go layout `2006-01-02 15:04:05.999999999` in local wall-clock
//! time without a zone, trailing fractional zeros dropped and no dot for whole seconds.
//!
//! Go drivers parse this text back into times on scan, so the exact shape matters.

use jiff::Zoned;
use time::{Date, Month, PrimitiveDateTime, Time};

/// The current local wall-clock time.
///
/// The system time zone comes from jiff (TZ, then /etc/localtime); `time`'s own local
/// offset lookup refuses to work in multi-threaded processes on Unix.
pub fn now_local() -> PrimitiveDateTime {
    let now = Zoned::now().datetime();
    let date = Month::try_from(now.month() as u8)
        .ok()
        .and_then(|month| Date::from_calendar_date(now.year().into(), month, now.day() as u8).ok());
    let clock = Time::from_hms_nano(
        now.hour() as u8,
        now.minute() as u8,
        now.second() as u8,
        now.subsec_nanosecond() as u32,
    )
    .ok();
    match (date, clock) {
        (Some(date), Some(clock)) => PrimitiveDateTime::new(date, clock),
        // jiff's civil fields are always in range; fall back to UTC rather than panic.
        _ => {
            let utc = time::OffsetDateTime::now_utc();
            PrimitiveDateTime::new(utc.date(), utc.time())
        }
    }
}

/// The instant a stored wall-clock time names, read in this machine's time zone (the Go
/// SDK writes local time without a zone, so the reading machine's zone is the best guess).
pub fn instant(at: PrimitiveDateTime) -> Option<Zoned> {
    let civil = jiff::civil::DateTime::new(
        i16::try_from(at.year()).ok()?,
        i8::try_from(u8::from(at.month())).ok()?,
        i8::try_from(at.day()).ok()?,
        i8::try_from(at.hour()).ok()?,
        i8::try_from(at.minute()).ok()?,
        i8::try_from(at.second()).ok()?,
        i32::try_from(at.nanosecond()).ok()?,
    )
    .ok()?;
    civil.to_zoned(jiff::tz::TimeZone::system()).ok()
}

/// Formats a wall-clock time in Go's `2006-01-02 15:04:05.999999999` layout.
pub fn format(at: PrimitiveDateTime) -> String {
    let mut text = format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    );
    let nanos = at.nanosecond();
    if nanos != 0 {
        let fraction = format!("{nanos:09}");
        text.push('.');
        text.push_str(fraction.trim_end_matches('0'));
    }
    text
}

/// Parses the Go layout back; also accepts a `T` separator and ignores a trailing zone
/// (`Z`, `+hh:mm`), which other writers of the format produce. `None` when unparseable.
pub fn parse(text: &str) -> Option<PrimitiveDateTime> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    if bytes.len() < 19
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || !matches!(bytes[10], b' ' | b'T')
        || bytes[13] != b':'
        || bytes[16] != b':'
    {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    let month = Month::try_from(u8::try_from(digits(5..7)?).ok()?).ok()?;
    let date = Date::from_calendar_date(year, month, u8::try_from(digits(8..10)?).ok()?).ok()?;
    let mut nanos = 0u32;
    if bytes.get(19) == Some(&b'.') {
        let fraction: String = text[20..]
            .chars()
            .take_while(char::is_ascii_digit)
            .take(9)
            .collect();
        if fraction.is_empty() {
            return None;
        }
        nanos = format!("{fraction:0<9}").parse().ok()?;
    }
    let clock = Time::from_hms_nano(
        u8::try_from(digits(11..13)?).ok()?,
        u8::try_from(digits(14..16)?).ok()?,
        u8::try_from(digits(17..19)?).ok()?,
        nanos,
    )
    .ok()?;
    Some(PrimitiveDateTime::new(date, clock))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn fraction_drops_trailing_zeros_and_whole_seconds_have_no_dot() {
        for (at, text) in [
            (
                datetime!(2026-03-03 09:45:13.060060),
                "2026-03-03 09:45:13.06006",
            ),
            (datetime!(2026-03-03 09:45:13), "2026-03-03 09:45:13"),
            (
                datetime!(2026-01-02 03:04:05.000000001),
                "2026-01-02 03:04:05.000000001",
            ),
            (datetime!(2026-12-31 23:59:59.5), "2026-12-31 23:59:59.5"),
        ] {
            assert_eq!(format(at), text);
        }
    }

    #[test]
    fn parse_reverses_format_and_tolerates_zones() {
        for at in [
            datetime!(2026-03-03 09:45:13.060060),
            datetime!(2026-03-03 09:45:13),
            datetime!(1999-01-01 00:00:00.123456789),
        ] {
            assert_eq!(parse(&format(at)), Some(at));
        }
        for (text, at) in [
            (
                "2026-03-03T09:45:13.5Z",
                Some(datetime!(2026-03-03 09:45:13.5)),
            ),
            (
                "2026-03-03 09:45:13+02:00",
                Some(datetime!(2026-03-03 09:45:13)),
            ),
            ("2026-03-03 09:45", None),
            ("2026-13-03 09:45:13", None),
            ("2026-03-03 09:45:13.", None),
            ("not a time at all!!", None),
        ] {
            assert_eq!(parse(text), at, "{text}");
        }
    }

    #[test]
    fn now_is_rendered_in_the_go_shape() {
        let text = format(now_local());
        assert!(parse(&text).is_some(), "{text}");
        assert_eq!(&text[4..5], "-");
        assert_eq!(&text[10..11], " ");
    }
}
