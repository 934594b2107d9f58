//! `stats`: how many resource types, resources (per type), entitlements and grants a sync
//! holds.

use std::collections::BTreeMap;

use anyhow::bail;
use serde::Serialize;

use super::output::{Format, Table, write_csv, write_json};
use super::source::C1zFile;
use super::{Out, ViewArgs};
use crate::protojson::Int64;

/// Counts the rows of the chosen sync.
pub fn run(file: &C1zFile, view_args: &ViewArgs, out: Out<'_>) -> anyhow::Result<()> {
    let view = view_args.open(file, None)?;
    let Some(sync) = view.sync() else {
        bail!("{} holds no sync to count", file.path().display());
    };
    let counts = Counts::new(sync.id.to_string(), view.stats()?);
    match view_args.format() {
        Format::Json => write_json(out.writer, &counts)?,
        Format::Csv => write_csv(out.writer, COLUMNS, counts.rows())?,
        Format::Console => {
            let mut table = Table::new(out.writer, COLUMNS, out.terminal);
            for row in counts.rows() {
                table.row(row)?;
            }
            table.finish()?;
        }
    }
    Ok(())
}

const COLUMNS: &[&str] = &["Type", "Count"];

/// The counts of one sync. `baton stats` has no JSON form; this one follows protojson's
/// habits (camelCase keys, 64-bit counts as strings).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Counts {
    sync_id: String,
    resource_types: Int64,
    resources: BTreeMap<String, Int64>,
    entitlements: Int64,
    grants: Int64,
}

impl Counts {
    fn new(sync_id: String, stats: c1z::Stats) -> Counts {
        Counts {
            sync_id,
            resource_types: Int64(stats.resource_types),
            resources: stats
                .resources_by_type
                .into_iter()
                .map(|(resource_type, count)| (resource_type, Int64(count)))
                .collect(),
            entitlements: Int64(stats.entitlements),
            grants: Int64(stats.grants),
        }
    }

    /// baton's rows: `resource_types`, one per resource type id, `entitlements`, `grants`.
    fn rows(&self) -> Vec<Vec<String>> {
        let mut rows = vec![vec![
            "resource_types".to_owned(),
            self.resource_types.0.to_string(),
        ]];
        for (resource_type, count) in &self.resources {
            rows.push(vec![resource_type.clone(), count.0.to_string()]);
        }
        rows.push(vec![
            "entitlements".to_owned(),
            self.entitlements.0.to_string(),
        ]);
        rows.push(vec!["grants".to_owned(), self.grants.0.to_string()]);
        rows
    }
}
