//! `stats`: how many resource types, resources (per type), entitlements and grants a sync
//! holds.

use anyhow::bail;
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::output::{Format, Table, write_csv, write_json};
use super::source::C1zFile;
use super::{Out, ViewArgs};

/// Flags of `stats`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    #[command(flatten)]
    view: ViewArgs,
}

/// Counts the rows of the chosen sync.
pub fn run(file: &C1zFile, args: &Args, out: Out<'_>) -> anyhow::Result<()> {
    let view = args.view.open(file, None)?;
    let Some(sync) = view.sync() else {
        bail!("{} holds no sync to count", file.path().display());
    };
    let counts = Counts {
        sync_id: sync.id.to_string(),
        stats: view.stats()?,
    };
    match args.view.format() {
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

/// The counts of one sync.
struct Counts {
    sync_id: String,
    stats: c1z::Stats,
}

impl Counts {
    /// baton's rows: `resource_types`, one per resource type id, `entitlements`, `grants`.
    fn rows(&self) -> Vec<Vec<String>> {
        let mut rows = vec![vec![
            "resource_types".to_owned(),
            self.stats.resource_types.to_string(),
        ]];
        for (resource_type, count) in &self.stats.resources_by_type {
            rows.push(vec![resource_type.clone(), count.to_string()]);
        }
        rows.push(vec![
            "entitlements".to_owned(),
            self.stats.entitlements.to_string(),
        ]);
        rows.push(vec!["grants".to_owned(), self.stats.grants.to_string()]);
        rows
    }
}

/// `baton stats` has no JSON form; this one follows protojson's habits (camelCase keys,
/// 64-bit counts as strings).
impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let resources: std::collections::BTreeMap<&str, String> = self
            .stats
            .resources_by_type
            .iter()
            .map(|(t, n)| (t.as_str(), n.to_string()))
            .collect();
        let mut map = serializer.serialize_map(Some(5))?;
        map.serialize_entry("syncId", &self.sync_id)?;
        map.serialize_entry("resourceTypes", &self.stats.resource_types.to_string())?;
        map.serialize_entry("resources", &resources)?;
        map.serialize_entry("entitlements", &self.stats.entitlements.to_string())?;
        map.serialize_entry("grants", &self.stats.grants.to_string())?;
        map.end()
    }
}
