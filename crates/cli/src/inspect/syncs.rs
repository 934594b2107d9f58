//! `syncs`: the sync runs a file holds, oldest first.

use c1z::SyncRun;
use c1z::wall_clock::instant;
use serde::Serialize;
use time::PrimitiveDateTime;

use super::output::Row;
use super::source::C1zFile;
use super::{Out, OutputArg};
use crate::protojson::rfc3339_utc;

/// Flags of `syncs`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    #[command(flatten)]
    output: OutputArg,
}

/// Lists every sync run in file order.
pub fn run(file: &C1zFile, args: &Args, out: Out<'_>) -> anyhow::Result<()> {
    let mut listing = out.listing::<SyncRow>(args.output.format)?;
    for run in file.sync_runs()? {
        listing.push(&SyncRow::new(run))?;
    }
    Ok(listing.finish()?)
}

/// RFC 3339 with the local offset, to the second, for people.
pub fn local_text(at: Option<PrimitiveDateTime>) -> String {
    at.and_then(instant)
        .map(|z| z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
        .unwrap_or_default()
}

/// baton's `SyncOutput`, and the run it shows.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SyncRow {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    started_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ended_at: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    sync_token: String,
    sync_type: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    parent_sync_id: String,
    #[serde(skip)]
    run: SyncRun,
}

impl SyncRow {
    fn new(run: SyncRun) -> SyncRow {
        SyncRow {
            id: run.id.to_string(),
            started_at: utc_text(run.started_at),
            ended_at: utc_text(run.ended_at),
            sync_token: run.sync_token.clone(),
            sync_type: run.sync_type.as_str().to_owned(),
            parent_sync_id: run.parent_sync_id.clone(),
            run,
        }
    }

    /// The cells for people, with `token` in the last column.
    fn cells_with(&self, token: String) -> Vec<String> {
        let run = &self.run;
        let ended = if run.finished {
            local_text(run.ended_at)
        } else {
            "(unfinished)".to_owned()
        };
        vec![
            run.id.to_string(),
            local_text(run.started_at),
            ended,
            run.sync_type.as_str().to_owned(),
            run.parent_sync_id.clone(),
            token,
        ]
    }
}

fn utc_text(at: Option<PrimitiveDateTime>) -> Option<String> {
    let ts = instant(at?)?.timestamp();
    rfc3339_utc(ts.as_second(), ts.subsec_nanosecond())
}

impl Row for SyncRow {
    const LIST_KEY: &'static str = "syncs";
    const COLUMNS: &'static [&'static str] =
        &["ID", "Started At", "Ended At", "Type", "Parent ID", "Token"];

    fn cells(&self) -> Vec<String> {
        self.cells_with(short_token(&self.run.sync_token))
    }

    /// Spreadsheets get the whole token, as JSON does.
    fn csv_cells(&self) -> Vec<String> {
        self.cells_with(self.run.sync_token.clone())
    }
}

/// Characters of a checkpoint token a console row shows.
const TOKEN_PREFIX_CHARS: usize = 12;

/// A token as a console cell: its first characters and its length. A token is the run's
/// whole checkpoint (hundreds of characters), which would push every other column off the
/// screen; `-o json` and `-o csv` keep it whole.
fn short_token(token: &str) -> String {
    let length = token.chars().count();
    if length <= TOKEN_PREFIX_CHARS {
        return token.to_owned();
    }
    let prefix: String = token.chars().take(TOKEN_PREFIX_CHARS).collect();
    format!("{prefix}… ({length} chars)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn console_tokens_are_cut_to_a_prefix_and_their_length() {
        assert_eq!(
            short_token(r#"{"version":1,"fixed":true}"#),
            r#"{"version":1… (26 chars)"#
        );
        assert_eq!(short_token("twelve chars"), "twelve chars");
        assert_eq!(short_token(""), "");
        assert_eq!(short_token("ééééééééééééé"), "éééééééééééé… (13 chars)");
    }
}
