//! `principals`: who holds an entitlement, or any access to a resource; each principal once.

use std::collections::HashSet;

use c1z::ids;

use super::grants::Selection;
use super::lookup::Lookup;
use super::resources::ResourceRow;
use super::source::C1zFile;
use super::{Out, ViewArgs};

/// Flags of `principals`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Principals holding this entitlement, e.g. group:abc:admin
    #[arg(short = 'e', long)]
    entitlement: Option<String>,
    /// Type of the resource given with -r
    #[arg(short = 't', long, requires = "resource")]
    resource_type: Option<String>,
    /// Principals holding any entitlement on this resource (needs -t)
    #[arg(
        short = 'r',
        long,
        allow_hyphen_values = true,
        requires = "resource_type",
        conflicts_with = "entitlement"
    )]
    resource: Option<String>,
    #[command(flatten)]
    view: ViewArgs,
}

/// Lists the distinct principals of the matching grants, in grant order.
pub fn run(file: &C1zFile, args: &Args, out: Out<'_>) -> anyhow::Result<()> {
    let view = args.view.open(file, args.resource_type.as_deref())?;
    let selection = Selection::check(
        &view,
        args.resource_type.as_deref(),
        args.resource.as_deref(),
        args.entitlement.as_deref(),
    )?;
    let mut lookup = Lookup::new(&view);
    let mut seen = HashSet::new();
    let mut listing = out.listing::<ResourceRow>(args.view.format())?;
    for grant in view.grants(selection.filter()) {
        let grant = grant?;
        let principal = grant.principal_id().cloned().unwrap_or_default();
        if !seen.insert(ids::resource_external_id(&principal)) {
            continue;
        }
        let resource = lookup.resource(&principal)?;
        listing.push(&ResourceRow::resolve(&mut lookup, resource)?)?;
    }
    Ok(listing.finish()?)
}
