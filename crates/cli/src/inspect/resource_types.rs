//! `resource-types`: the kinds of resource a sync holds and their traits.

use c1z::{ResourceType, Trait};
use serde::Serialize;

use super::output::Row;
use super::source::C1zFile;
use super::{Out, ViewArgs};
use crate::protojson::{self, EnumName};

/// Lists the resource types of the chosen sync.
pub fn run(file: &C1zFile, view_args: &ViewArgs, out: Out<'_>) -> anyhow::Result<()> {
    let view = view_args.open(file, None)?;
    let mut listing = out.listing::<ResourceTypeRow>(view_args.format())?;
    for resource_type in view.resource_types() {
        listing.push(&ResourceTypeRow {
            resource_type: resource_type?,
        })?;
    }
    Ok(listing.finish()?)
}

/// baton's `ResourceTypeOutput`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResourceTypeRow {
    #[serde(serialize_with = "protojson::message")]
    resource_type: ResourceType,
}

impl Row for ResourceTypeRow {
    const LIST_KEY: &'static str = "resourceTypes";
    const COLUMNS: &'static [&'static str] = &["ID", "Display Name", "Traits"];

    fn cells(&self) -> Vec<String> {
        let resource_type = &self.resource_type;
        let traits: Vec<String> = resource_type
            .traits
            .iter()
            .map(|&t| EnumName::of(t, Trait::as_str_name).to_string())
            .collect();
        vec![
            resource_type.id.clone(),
            resource_type.display_name.clone(),
            traits.join(", "),
        ]
    }
}
