//! `syncs`: the sync runs a file holds, oldest first.

use c1z::SyncRun;
use c1z::wall_clock::instant;
use serde::ser::{Serialize, SerializeMap, Serializer};
use time::PrimitiveDateTime;

use super::output::Row;
use super::protojson::rfc3339_utc;
use super::source::C1zFile;
use super::{Out, OutputArg};

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
        listing.push(&SyncRow(run))?;
    }
    Ok(listing.finish()?)
}

/// RFC 3339 with the local offset, to the second, for people.
pub fn local_text(at: Option<PrimitiveDateTime>) -> String {
    at.and_then(instant)
        .map(|z| z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
        .unwrap_or_default()
}

/// baton's `SyncOutput`.
struct SyncRow(SyncRun);

fn utc_text(at: Option<PrimitiveDateTime>) -> Option<String> {
    let ts = instant(at?)?.timestamp();
    rfc3339_utc(ts.as_second(), ts.subsec_nanosecond())
}

impl Serialize for SyncRow {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let run = &self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", run.id.as_str())?;
        if let Some(started) = utc_text(run.started_at) {
            map.serialize_entry("startedAt", &started)?;
        }
        if let Some(ended) = utc_text(run.ended_at) {
            map.serialize_entry("endedAt", &ended)?;
        }
        if !run.sync_token.is_empty() {
            map.serialize_entry("syncToken", &run.sync_token)?;
        }
        map.serialize_entry("syncType", run.sync_type.as_str())?;
        if !run.parent_sync_id.is_empty() {
            map.serialize_entry("parentSyncId", &run.parent_sync_id)?;
        }
        map.end()
    }
}

impl Row for SyncRow {
    const LIST_KEY: &'static str = "syncs";
    const COLUMNS: &'static [&'static str] =
        &["ID", "Started At", "Ended At", "Type", "Parent ID", "Token"];

    fn cells(&self) -> Vec<String> {
        let run = &self.0;
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
            run.sync_token.clone(),
        ]
    }
}
