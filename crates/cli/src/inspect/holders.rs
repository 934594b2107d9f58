//! `access --privilege`: who holds a Zoom privilege (`User:Edit`, `Recording:Read`, ...)
//! through their role — the reviewer's "who can edit users?".
//!
//! A role's privileges are in its role trait's profile (see `connector::kinds::role`); the
//! holders are the principals of the role's `member` grants. A sync made without the
//! role-detail scope has no privileges to answer from, which is an error naming the scope.

use std::rc::Rc;

use anyhow::bail;
use c1z::{GrantFilter, Resource};
use connector::ids::{MEMBER, ROLE};
use connector::kinds::role;
use serde::Serialize;

use super::lookup::Lookup;
use super::output::Row;
use super::resources::resource_id;
use super::source::C1zFile;
use super::{Out, ViewArgs};
use crate::protojson;

/// One holder of the privilege: a principal and the role it holds the privilege through.
#[derive(Serialize)]
pub struct HolderRow {
    #[serde(serialize_with = "protojson::message")]
    principal: Rc<Resource>,
    #[serde(serialize_with = "protojson::message")]
    role: Rc<Resource>,
    #[serde(skip)]
    privilege: Rc<str>,
}

impl Row for HolderRow {
    const LIST_KEY: &'static str = "holders";
    const COLUMNS: &'static [&'static str] = &["Principal ID", "Principal", "Role", "Privilege"];
    const CSV_COLUMNS: &'static [&'static str] = &[
        "Principal Type ID",
        "Principal ID",
        "Principal",
        "Role ID",
        "Role",
        "Privilege",
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            resource_id(&self.principal).resource,
            self.principal.display_name.clone(),
            self.role.display_name.clone(),
            self.privilege.to_string(),
        ]
    }

    fn csv_cells(&self) -> Vec<String> {
        let principal = resource_id(&self.principal);
        vec![
            principal.resource_type,
            principal.resource,
            self.principal.display_name.clone(),
            resource_id(&self.role).resource,
            self.role.display_name.clone(),
            self.privilege.to_string(),
        ]
    }
}

/// Lists the principals holding `privilege` (matched without regard to case) through their
/// role, role by role in the file's order.
pub fn run(
    file: &C1zFile,
    privilege: &str,
    view_args: &ViewArgs,
    out: Out<'_>,
) -> anyhow::Result<()> {
    let view = view_args.open(file, Some(ROLE))?;
    let mut holding = Vec::new();
    let mut known: Vec<String> = Vec::new();
    let mut read = false;
    for resource in view.resources(Some(ROLE)) {
        let resource = resource?;
        let Some(privileges) = role::privileges(&resource) else {
            continue;
        };
        read = true;
        if let Some(held) = privileges
            .iter()
            .find(|p| p.eq_ignore_ascii_case(privilege))
        {
            holding.push((Rc::new(resource), Rc::<str>::from(held.as_str())));
        }
        for p in privileges {
            if !known.contains(&p) {
                known.push(p);
            }
        }
    }
    if !read {
        bail!(
            "this sync has no role privileges: the Zoom app lacked role:read:role:admin when it synced; add that scope to the app and sync again"
        );
    }
    if holding.is_empty() {
        known.sort();
        bail!(
            "no role in this sync holds privilege {privilege:?}; the roles hold {}",
            known.join(", ")
        );
    }
    let mut lookup = Lookup::new(&view);
    let mut listing = out.listing::<HolderRow>(view_args.format())?;
    for (role, held) in holding {
        let entitlement = format!("{ROLE}:{}:{MEMBER}", resource_id(&role).resource);
        for grant in view.grants(GrantFilter::Entitlement(&entitlement)) {
            let principal = grant?.principal_id().cloned().unwrap_or_default();
            listing.push(&HolderRow {
                principal: lookup.resource(&principal)?,
                role: Rc::clone(&role),
                privilege: Rc::clone(&held),
            })?;
        }
    }
    Ok(listing.finish()?)
}
