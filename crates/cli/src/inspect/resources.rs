//! `resources`: the resources of a sync (users, groups, roles, ...), optionally of one type.

use std::rc::Rc;

use c1z::{Resource, ResourceId, ResourceType};
use serde::Serialize;

use super::lookup::Lookup;
use super::output::Row;
use super::source::C1zFile;
use super::{Out, ViewArgs};
use crate::protojson;

/// Flags of `resources`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Only resources of this type, e.g. user or group
    #[arg(short = 't', long)]
    resource_type: Option<String>,
    #[command(flatten)]
    view: ViewArgs,
}

/// Lists the resources of the chosen sync.
pub fn run(file: &C1zFile, args: &Args, out: Out<'_>) -> anyhow::Result<()> {
    let view = args.view.open(file, args.resource_type.as_deref())?;
    let mut lookup = Lookup::new(&view);
    let mut listing = out.listing::<ResourceRow>(args.view.format())?;
    for resource in view.resources(args.resource_type.as_deref()) {
        listing.push(&ResourceRow::resolve(&mut lookup, Rc::new(resource?))?)?;
    }
    Ok(listing.finish()?)
}

/// baton's `ResourceOutput`: a resource with its type and parent.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceRow {
    #[serde(serialize_with = "protojson::message")]
    resource: Rc<Resource>,
    #[serde(serialize_with = "protojson::message")]
    resource_type: Rc<ResourceType>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "protojson::optional_message"
    )]
    parent: Option<Rc<Resource>>,
}

impl ResourceRow {
    /// Looks up the resource's type and parent.
    pub fn resolve(lookup: &mut Lookup<'_, '_>, resource: Rc<Resource>) -> c1z::Result<Self> {
        let id = resource_id(&resource);
        let resource_type = lookup.resource_type(&id.resource_type)?;
        let parent = match &resource.parent_resource_id {
            Some(parent) => Some(lookup.resource(parent)?),
            None => None,
        };
        Ok(ResourceRow {
            resource,
            resource_type,
            parent,
        })
    }
}

/// The resource's id; an id-less blob (which baton itself cannot read) shows as empty.
pub fn resource_id(resource: &Resource) -> ResourceId {
    resource.id.clone().unwrap_or_default()
}

impl Row for ResourceRow {
    const LIST_KEY: &'static str = "resources";
    const COLUMNS: &'static [&'static str] =
        &["ID", "Display Name", "Resource Type", "Parent Resource"];
    const CSV_COLUMNS: &'static [&'static str] = &[
        "Resource Type ID",
        "ID",
        "Display Name",
        "Resource Type",
        "Parent Resource Type ID",
        "Parent Resource ID",
        "Parent Resource",
    ];

    fn cells(&self) -> Vec<String> {
        let parent = match &self.parent {
            Some(parent) => format!(
                "{} ({})",
                parent.display_name,
                resource_id(parent).resource_type
            ),
            None => "-".to_owned(),
        };
        vec![
            resource_id(&self.resource).resource,
            self.resource.display_name.clone(),
            self.resource_type.display_name.clone(),
            parent,
        ]
    }

    fn csv_cells(&self) -> Vec<String> {
        let id = resource_id(&self.resource);
        let parent_id = self.parent.as_deref().map(resource_id).unwrap_or_default();
        vec![
            id.resource_type,
            id.resource,
            self.resource.display_name.clone(),
            self.resource_type.display_name.clone(),
            parent_id.resource_type,
            parent_id.resource,
            self.parent
                .as_ref()
                .map(|p| p.display_name.clone())
                .unwrap_or_default(),
        ]
    }
}
