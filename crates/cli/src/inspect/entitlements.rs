//! `entitlements`: what can be granted, on which resource.

use std::rc::Rc;

use c1z::{Entitlement, Resource, ResourceType};
use serde::Serialize;

use super::lookup::Lookup;
use super::output::Row;
use super::resources::resource_id;
use super::source::C1zFile;
use super::{Out, ViewArgs};
use crate::protojson;

/// Flags of `entitlements`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Only entitlements on resources of this type, e.g. group
    #[arg(short = 't', long)]
    resource_type: Option<String>,
    #[command(flatten)]
    view: ViewArgs,
}

/// Lists the entitlements of the chosen sync.
pub fn run(file: &C1zFile, args: &Args, out: Out<'_>) -> anyhow::Result<()> {
    let view = args.view.open(file, args.resource_type.as_deref())?;
    let mut lookup = Lookup::new(&view);
    let mut listing = out.listing::<EntitlementRow>(args.view.format())?;
    for entitlement in view.entitlements(None) {
        let entitlement = entitlement?;
        let id = entitlement.resource_id().cloned().unwrap_or_default();
        // baton filters by type on the client too: the table is indexed by resource only.
        if args
            .resource_type
            .as_ref()
            .is_some_and(|t| *t != id.resource_type)
        {
            continue;
        }
        let row = EntitlementRow {
            resource: lookup.resource(&id)?,
            resource_type: lookup.resource_type(&id.resource_type)?,
            entitlement,
        };
        listing.push(&row)?;
    }
    Ok(listing.finish()?)
}

/// baton's `EntitlementOutput`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EntitlementRow {
    #[serde(serialize_with = "protojson::message")]
    entitlement: Entitlement,
    #[serde(serialize_with = "protojson::message")]
    resource: Rc<Resource>,
    #[serde(serialize_with = "protojson::message")]
    resource_type: Rc<ResourceType>,
}

impl Row for EntitlementRow {
    const LIST_KEY: &'static str = "entitlements";
    const COLUMNS: &'static [&'static str] = &[
        "ID",
        "Display Name",
        "Resource Type",
        "Resource",
        "Permission",
    ];
    const CSV_COLUMNS: &'static [&'static str] = &[
        "ID",
        "Display Name",
        "Resource Type ID",
        "Resource Type",
        "Resource ID",
        "Resource",
        "Permission",
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.entitlement.id.clone(),
            self.entitlement.display_name.clone(),
            self.resource_type.display_name.clone(),
            self.resource.display_name.clone(),
            self.entitlement.slug.clone(),
        ]
    }

    fn csv_cells(&self) -> Vec<String> {
        let id = resource_id(&self.resource);
        vec![
            self.entitlement.id.clone(),
            self.entitlement.display_name.clone(),
            id.resource_type,
            self.resource_type.display_name.clone(),
            id.resource,
            self.resource.display_name.clone(),
            self.entitlement.slug.clone(),
        ]
    }
}
