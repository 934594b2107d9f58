//! `grants`: who holds which entitlement, streamed row by row with names looked up.

use std::rc::Rc;

use anyhow::bail;
use c1z::{Entitlement, Grant, GrantFilter, Resource, ResourceId, ResourceType, SyncView};
use serde::Serialize;

use super::lookup::Lookup;
use super::output::{Format, Row};
use super::source::C1zFile;
use super::{Out, ViewArgs};
use crate::protojson;

/// Flags of `grants`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Only grants on resources of this type (with -r: the type of that resource)
    #[arg(short = 't', long)]
    resource_type: Option<String>,
    /// Only grants on this resource (needs -t)
    #[arg(
        short = 'r',
        long,
        allow_hyphen_values = true,
        requires = "resource_type",
        conflicts_with = "entitlement"
    )]
    resource: Option<String>,
    /// Only grants of this entitlement, e.g. group:abc:admin
    #[arg(short = 'e', long)]
    entitlement: Option<String>,
    #[command(flatten)]
    view: ViewArgs,
}

/// Lists the grants of the chosen sync that match the flags.
pub fn run(file: &C1zFile, args: &Args, out: Out<'_>) -> anyhow::Result<()> {
    let view = args.view.open(file, args.resource_type.as_deref())?;
    let selection = Selection::check(
        &view,
        args.resource_type.as_deref(),
        args.resource.as_deref(),
        args.entitlement.as_deref(),
    )?;
    let mut lookup = Lookup::new(&view);
    // Tables and CSV show the principal's name only; JSON carries the whole resource.
    let full_principal = args.view.format() == Format::Json;
    let mut listing = out.listing::<GrantRow>(args.view.format())?;
    for grant in view.grants(selection.filter()) {
        let grant = grant?;
        // -t alone, or next to -e, keeps the grants on resources of that type.
        let resource_type = grant.entitled_resource().map(|r| r.resource_type.as_str());
        if args
            .resource_type
            .as_deref()
            .is_some_and(|t| Some(t) != resource_type)
        {
            continue;
        }
        listing.push(&GrantRow::resolve(&mut lookup, grant, full_principal)?)?;
    }
    Ok(listing.finish()?)
}

/// What `-t/-r/-e` of `grants` and `principals` select, checked against the sync.
pub struct Selection<'a> {
    /// The resource `-t` and `-r` name together.
    resource: Option<ResourceId>,
    /// The entitlement `-e` names.
    entitlement: Option<&'a str>,
}

impl<'a> Selection<'a> {
    /// Checks the selection against the sync: the resource (when `-t` and `-r` name one)
    /// and the entitlement must exist.
    pub fn check(
        view: &SyncView<'_>,
        resource_type: Option<&str>,
        resource: Option<&str>,
        entitlement: Option<&'a str>,
    ) -> anyhow::Result<Self> {
        if let Some(id) = entitlement
            && view.entitlement(id)?.is_none()
        {
            bail!("no entitlement {id:?} in this sync; `baton-zoom entitlements` lists them");
        }
        let resource = match (resource_type, resource) {
            (Some(resource_type), Some(resource)) => {
                let id = ResourceId::new(resource_type, resource);
                if view.resource(&id)?.is_none() {
                    bail!(
                        "no resource {resource_type}:{resource} in this sync; `baton-zoom resources -t {resource_type}` lists them"
                    );
                }
                Some(id)
            }
            _ => None,
        };
        Ok(Selection {
            resource,
            entitlement,
        })
    }

    /// The grants to read: those on the resource, else those of the entitlement, else all.
    /// `-t` alone reads all too: the file's index on the grants' resource type does not
    /// follow row order, so a type-filtered listing pages by sorting every match again;
    /// reading all grants in row order and keeping those of the type is linear instead.
    pub fn filter(&self) -> GrantFilter<'_> {
        match (&self.resource, self.entitlement) {
            (Some(resource), _) => GrantFilter::Resource(resource),
            (None, Some(entitlement)) => GrantFilter::Entitlement(entitlement),
            (None, None) => GrantFilter::All,
        }
    }
}

/// baton's `GrantOutput`: a grant with its entitlement, resource and principal.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GrantRow {
    #[serde(serialize_with = "protojson::message")]
    grant: Grant,
    #[serde(serialize_with = "protojson::message")]
    entitlement: Rc<Entitlement>,
    #[serde(serialize_with = "protojson::message")]
    resource: Rc<Resource>,
    #[serde(serialize_with = "protojson::message")]
    resource_type: Rc<ResourceType>,
    #[serde(serialize_with = "protojson::message")]
    principal: Rc<Resource>,
}

impl GrantRow {
    fn resolve(
        lookup: &mut Lookup<'_, '_>,
        grant: Grant,
        full_principal: bool,
    ) -> c1z::Result<Self> {
        let entitlement_id = grant.entitlement.as_ref().map_or("", |e| e.id.as_str());
        let entitlement = lookup.entitlement(entitlement_id)?;
        let resource_id = grant.entitled_resource().cloned().unwrap_or_default();
        let principal_id = grant.principal_id().cloned().unwrap_or_default();
        Ok(GrantRow {
            entitlement,
            resource: lookup.resource(&resource_id)?,
            resource_type: lookup.resource_type(&resource_id.resource_type)?,
            principal: if full_principal {
                lookup.resource(&principal_id)?
            } else {
                lookup.resource_name(&principal_id)?
            },
            grant,
        })
    }

    fn resource_id(&self) -> ResourceId {
        self.grant.entitled_resource().cloned().unwrap_or_default()
    }
}

impl Row for GrantRow {
    const LIST_KEY: &'static str = "grants";
    const COLUMNS: &'static [&'static str] = &[
        "ID",
        "Resource Type",
        "Resource",
        "Entitlement",
        "Principal",
    ];
    const CSV_COLUMNS: &'static [&'static str] = &[
        "ID",
        "Resource Type ID",
        "Resource Type",
        "Resource ID",
        "Resource",
        "Entitlement ID",
        "Entitlement",
        "Principal Type",
        "Principal ID",
        "Principal",
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.grant.id.clone(),
            self.resource_type.display_name.clone(),
            self.resource.display_name.clone(),
            self.entitlement.display_name.clone(),
            self.principal.display_name.clone(),
        ]
    }

    fn csv_cells(&self) -> Vec<String> {
        let resource = self.resource_id();
        let principal = self.grant.principal_id().cloned().unwrap_or_default();
        vec![
            self.grant.id.clone(),
            resource.resource_type,
            self.resource_type.display_name.clone(),
            resource.resource,
            self.resource.display_name.clone(),
            self.entitlement.id.clone(),
            self.entitlement.display_name.clone(),
            principal.resource_type,
            principal.resource,
            self.principal.display_name.clone(),
        ]
    }
}
