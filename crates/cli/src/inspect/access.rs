//! `access`: everything one principal holds, grouped by the resource it is held on — the
//! auditor's "what can this person do"; or, with `--privilege`, who holds a Zoom privilege
//! through their role (see `holders.rs`).

use std::collections::BTreeMap;
use std::rc::Rc;

use anyhow::Context;
use c1z::{Entitlement, GrantFilter, Resource, ResourceId, ResourceType};
use serde::Serialize;

use super::holders;
use super::lookup::Lookup;
use super::output::{Format, printable, write_csv, write_json};
use super::source::C1zFile;
use super::{Out, ViewArgs};
use crate::protojson;

/// Flags of `access`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Type of the principal, e.g. user
    #[arg(short = 't', long, required_unless_present = "privilege")]
    resource_type: Option<String>,
    /// Id of the principal, e.g. a Zoom user id (which may start with '-')
    #[arg(
        short = 'r',
        long,
        allow_hyphen_values = true,
        required_unless_present = "privilege"
    )]
    resource: Option<String>,
    /// Instead of one principal's access: who holds this Zoom privilege through their role,
    /// e.g. User:Edit (case does not matter)
    #[arg(long, conflicts_with_all = ["resource_type", "resource"])]
    privilege: Option<String>,
    #[command(flatten)]
    view: ViewArgs,
}

/// baton's `ResourceAccessListOutput`: the principal and its access per resource.
#[derive(Serialize)]
struct Access {
    #[serde(serialize_with = "protojson::message")]
    principal: Resource,
    #[serde(rename = "access", skip_serializing_if = "Vec::is_empty")]
    resources: Vec<ResourceAccess>,
}

/// baton's `ResourceAccessOutput`: the entitlements held on one resource.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResourceAccess {
    #[serde(serialize_with = "protojson::message")]
    resource_type: Rc<ResourceType>,
    #[serde(serialize_with = "protojson::message")]
    resource: Rc<Resource>,
    #[serde(serialize_with = "protojson::messages")]
    entitlements: Vec<Rc<Entitlement>>,
}

/// Shows the principal's access in the chosen sync, or the holders of `--privilege`.
pub fn run(file: &C1zFile, args: &Args, out: Out<'_>) -> anyhow::Result<()> {
    let (resource_type, resource) = match (&args.privilege, &args.resource_type, &args.resource) {
        (Some(privilege), _, _) => return holders::run(file, privilege, &args.view, out),
        (None, Some(resource_type), Some(resource)) => (resource_type, resource),
        // clap requires both without --privilege.
        _ => {
            anyhow::bail!("name the principal with -t TYPE -r ID, or a privilege with --privilege")
        }
    };
    let view = args.view.open(file, Some(resource_type))?;
    let principal_id = ResourceId::new(resource_type, resource);
    let principal = view.resource(&principal_id)?.with_context(|| {
        format!(
            "no {resource_type} {resource:?} in this sync; `baton-zoom resources -t {resource_type}` lists them"
        )
    })?;
    let mut lookup = Lookup::new(&view);
    let mut by_resource: BTreeMap<ResourceId, Vec<Rc<Entitlement>>> = BTreeMap::new();
    for grant in view.grants(GrantFilter::Principal(&principal_id)) {
        let grant = grant?;
        let entitlement_id = grant.entitlement.as_ref().map_or("", |e| e.id.as_str());
        let entitlement = lookup.entitlement(entitlement_id)?;
        let resource = grant.entitled_resource().cloned().unwrap_or_default();
        by_resource.entry(resource).or_default().push(entitlement);
    }
    let mut resources = Vec::with_capacity(by_resource.len());
    for (id, mut entitlements) in by_resource {
        entitlements.sort_by(|a, b| (&a.slug, &a.id).cmp(&(&b.slug, &b.id)));
        resources.push(ResourceAccess {
            resource_type: lookup.resource_type(&id.resource_type)?,
            resource: lookup.resource(&id)?,
            entitlements,
        });
    }
    resources.sort_by(|a, b| {
        (
            &a.resource_type.id,
            &a.resource.display_name,
            &a.resource.id,
        )
            .cmp(&(
                &b.resource_type.id,
                &b.resource.display_name,
                &b.resource.id,
            ))
    });
    let access = Access {
        principal,
        resources,
    };
    match args.view.format() {
        Format::Json => write_json(out.writer, &access)?,
        Format::Csv => write_csv(out.writer, CSV_COLUMNS, access.csv_rows())?,
        Format::Console => access.write_tree(out)?,
    }
    Ok(())
}

const CSV_COLUMNS: &[&str] = &[
    "Resource Type ID",
    "Resource Type",
    "Resource ID",
    "Resource",
    "Entitlement ID",
    "Entitlement",
    "Permission",
];

impl Access {
    fn csv_rows(&self) -> impl Iterator<Item = Vec<String>> + '_ {
        self.resources.iter().flat_map(|access| {
            let id = access.resource.id.clone().unwrap_or_default();
            access.entitlements.iter().map(move |e| {
                vec![
                    id.resource_type.clone(),
                    access.resource_type.display_name.clone(),
                    id.resource.clone(),
                    access.resource.display_name.clone(),
                    e.id.clone(),
                    e.display_name.clone(),
                    e.slug.clone(),
                ]
            })
        })
    }

    /// A tree: the principal, each resource, and the slugs held on it.
    fn write_tree(&self, out: Out<'_>) -> std::io::Result<()> {
        let Out {
            writer: out,
            terminal,
        } = out;
        let id = self.principal.id.clone().unwrap_or_default();
        let name = printable(&self.principal.display_name);
        if terminal.styled {
            write!(out, "\x1b[1m{name}\x1b[0m")?;
        } else {
            write!(out, "{name}")?;
        }
        writeln!(out, " ({} {})", id.resource_type, printable(&id.resource))?;
        if self.resources.is_empty() {
            writeln!(out, "└── no access")?;
        }
        let last_resource = self.resources.len().saturating_sub(1);
        for (i, access) in self.resources.iter().enumerate() {
            let (branch, indent) = if i == last_resource {
                ("└── ", "    ")
            } else {
                ("├── ", "│   ")
            };
            let resource_id = access.resource.id.clone().unwrap_or_default();
            writeln!(
                out,
                "{branch}{}: {} ({})",
                printable(&access.resource_type.display_name),
                printable(&access.resource.display_name),
                printable(&resource_id.resource)
            )?;
            let last = access.entitlements.len().saturating_sub(1);
            for (j, entitlement) in access.entitlements.iter().enumerate() {
                let leaf = if j == last {
                    "└── "
                } else {
                    "├── "
                };
                let slug = if entitlement.slug.is_empty() {
                    &entitlement.id
                } else {
                    &entitlement.slug
                };
                writeln!(out, "{indent}{leaf}{}", printable(slug))?;
            }
        }
        out.flush()
    }
}
