//! `resources`: the resources of a sync (users, groups, roles, ...), optionally of one type.
//! With `-t role` the console table and CSV add each role's privileges (JSON carries them in
//! the role trait's profile either way).

use std::rc::Rc;

use c1z::{Resource, ResourceId, ResourceType};
use connector::ids::ROLE;
use connector::kinds::role;
use serde::{Serialize, Serializer};

use super::lookup::Lookup;
use super::output::{Format, Row};
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
    let resource_type = args.resource_type.as_deref();
    let format = args.view.format();
    match resource_type {
        Some(ROLE) => list(file, args, out, format, RoleRow::resolve),
        _ => list(file, args, out, format, ResourceRow::resolve),
    }
}

/// Lists the resources `args` select as `R` rows, made by `row`.
fn list<R: Row>(
    file: &C1zFile,
    args: &Args,
    out: Out<'_>,
    format: Format,
    row: impl Fn(&mut Lookup<'_, '_>, Rc<Resource>) -> c1z::Result<R>,
) -> anyhow::Result<()> {
    let view = args.view.open(file, args.resource_type.as_deref())?;
    let mut lookup = Lookup::new(&view);
    let mut listing = out.listing::<R>(format)?;
    for resource in view.resources(args.resource_type.as_deref()) {
        listing.push(&row(&mut lookup, Rc::new(resource?))?)?;
    }
    Ok(listing.finish()?)
}

/// Console columns of a resource.
const COLUMNS: [&str; 4] = ["ID", "Display Name", "Resource Type", "Parent Resource"];
/// CSV columns of a resource.
const CSV_COLUMNS: [&str; 7] = [
    "Resource Type ID",
    "ID",
    "Display Name",
    "Resource Type",
    "Parent Resource Type ID",
    "Parent Resource ID",
    "Parent Resource",
];

/// `columns` and a last one, "Privileges" (`M` must be `N + 1`, checked when compiling).
const fn with_privileges<const N: usize, const M: usize>(
    columns: [&'static str; N],
) -> [&'static str; M] {
    assert!(M == N + 1, "one more column");
    let mut out = [""; M];
    let mut i = 0;
    while i < N {
        out[i] = columns[i];
        i += 1;
    }
    out[N] = "Privileges";
    out
}

/// A role with its privileges: a [`ResourceRow`] with one more column.
pub struct RoleRow {
    row: ResourceRow,
    /// `None` when the sync could not read them.
    privileges: Option<Vec<String>>,
}

impl RoleRow {
    fn resolve(lookup: &mut Lookup<'_, '_>, resource: Rc<Resource>) -> c1z::Result<Self> {
        let privileges = role::privileges(&resource);
        Ok(RoleRow {
            row: ResourceRow::resolve(lookup, resource)?,
            privileges,
        })
    }

    fn privileges_cell(&self) -> String {
        match &self.privileges {
            None => "(not synced)".to_owned(),
            Some(privileges) if privileges.is_empty() => "none".to_owned(),
            Some(privileges) => privileges.join(", "),
        }
    }
}

/// The JSON of a role row is baton's `ResourceOutput`, whose resource carries the
/// privileges in its role trait.
impl Serialize for RoleRow {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.row.serialize(serializer)
    }
}

impl Row for RoleRow {
    const LIST_KEY: &'static str = ResourceRow::LIST_KEY;
    const COLUMNS: &'static [&'static str] = &with_privileges::<4, 5>(COLUMNS);
    const CSV_COLUMNS: &'static [&'static str] = &with_privileges::<7, 8>(CSV_COLUMNS);

    fn cells(&self) -> Vec<String> {
        let mut cells = self.row.cells();
        cells.push(self.privileges_cell());
        cells
    }

    fn csv_cells(&self) -> Vec<String> {
        let mut cells = self.row.csv_cells();
        cells.push(self.privileges_cell());
        cells
    }
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
    const COLUMNS: &'static [&'static str] = &COLUMNS;
    const CSV_COLUMNS: &'static [&'static str] = &CSV_COLUMNS;

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
