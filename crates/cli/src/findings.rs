//! `findings`: access-hygiene findings over a sync (owners and admins, idle or orphaned paid
//! seats, stale invites, groups without admins, ...), as console text, JSON or CSV.

use std::io::{self, BufWriter, Write};

use anyhow::{Context, anyhow};
use explorer::findings::{self, Settings, report::Report};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

use crate::common::CommonArgs;
use crate::inspect::{C1zFile, Format, OutputArg};

/// Flags of `findings`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Days without a sign-in (or pending, for invites) after which a user is reported
    #[arg(long, default_value_t = findings::DEFAULT_INACTIVE_DAYS)]
    inactive_days: u32,
    /// The moment the review is relative to, RFC 3339 or YYYY-MM-DD (UTC)
    /// [default: when the sync ended]
    #[arg(long, value_parser = parse_as_of)]
    as_of: Option<OffsetDateTime>,
    /// Sync to review [default: the newest finished full sync]
    #[arg(long)]
    sync_id: Option<String>,
    #[command(flatten)]
    output: OutputArg,
}

/// Reviews the chosen sync of `--file` and writes the findings to stdout.
pub fn run(args: &Args, common: &CommonArgs) -> anyhow::Result<()> {
    let file = C1zFile::open(&common.file, &common.read_options()?)?;
    let view = file.view(args.sync_id.as_deref())?;
    let snapshot = explorer::snapshot::load(&view)
        .with_context(|| format!("cannot review {}", file.path().display()))?;
    let settings = match args.as_of {
        Some(at) => Settings {
            as_of: at.unix_timestamp(),
            inactive_days: args.inactive_days,
        },
        None => Settings::at_sync(&snapshot, args.inactive_days)
            .ok_or_else(|| anyhow!("the sync records no time: pass --as-of"))?,
    };
    let found = findings::evaluate(&snapshot, &settings);
    let report = Report {
        sync_id: snapshot.sync.id.as_str(),
        settings,
        findings: &found,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    match args.output.format {
        Format::Console => report.write_console(&mut out)?,
        Format::Json => report.write_json(&mut out)?,
        Format::Csv => report.write_csv(&mut out)?,
    }
    out.flush()?;
    Ok(())
}

/// `--as-of`: RFC 3339, or a date meaning its midnight UTC.
fn parse_as_of(text: &str) -> Result<OffsetDateTime, String> {
    if let Ok(at) = OffsetDateTime::parse(text, &Rfc3339) {
        return Ok(at);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text, &format)
        .map(|day| day.midnight().assume_utc())
        .map_err(|_| format!("{text:?} is not a date: use 2026-03-01 or 2026-03-01T12:00:00Z"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_takes_rfc3339_or_a_utc_date() {
        assert_eq!(
            parse_as_of("2026-03-01").map(|t| t.unix_timestamp()),
            Ok(1_772_323_200)
        );
        assert_eq!(
            parse_as_of("2026-03-01T01:00:00+01:00").map(|t| t.unix_timestamp()),
            Ok(1_772_323_200)
        );
        assert!(parse_as_of("March").is_err());
    }
}
