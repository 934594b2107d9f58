//! `resource-types`: the kinds of resource a sync holds and their traits.

use c1z::ResourceType;
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::output::Row;
use super::protojson::{Pj, trait_name};
use super::source::C1zFile;
use super::{Out, ViewArgs};

/// Flags of `resource-types`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    #[command(flatten)]
    view: ViewArgs,
}

/// Lists the resource types of the chosen sync.
pub fn run(file: &C1zFile, args: &Args, out: Out<'_>) -> anyhow::Result<()> {
    let view = args.view.open(file, None)?;
    let mut listing = out.listing::<ResourceTypeRow>(args.view.format())?;
    for resource_type in view.resource_types() {
        listing.push(&ResourceTypeRow(resource_type?))?;
    }
    Ok(listing.finish()?)
}

/// baton's `ResourceTypeOutput`.
struct ResourceTypeRow(ResourceType);

impl Serialize for ResourceTypeRow {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("resourceType", &Pj(&self.0))?;
        map.end()
    }
}

impl Row for ResourceTypeRow {
    const LIST_KEY: &'static str = "resourceTypes";
    const COLUMNS: &'static [&'static str] = &["ID", "Display Name", "Traits"];

    fn cells(&self) -> Vec<String> {
        let traits: Vec<String> = self
            .0
            .traits
            .iter()
            .map(|t| trait_name(*t).map_or_else(|| t.to_string(), str::to_owned))
            .collect();
        vec![
            self.0.id.clone(),
            self.0.display_name.clone(),
            traits.join(", "),
        ]
    }
}
