//! The rows a full sync of an account writes, built directly with the connector's resource
//! builders, for files too large to sync in a test.

use c1z::Batch;
use connector::kinds::license::License;
use connector::kinds::{contact_group, group, invite, role, user};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use zoom_sim::GroundTruth;
use zoom_sim::tenant::ContactMemberType;

/// A simulator record read as the connector's Zoom model, through Zoom's JSON shape.
fn zoom<T: DeserializeOwned>(record: &impl Serialize, extra: Value) -> T {
    let mut value = serde_json::to_value(record).expect("simulator records serialise");
    if let (Value::Object(object), Value::Object(extra)) = (&mut value, extra) {
        object.extend(extra);
    }
    serde_json::from_value(value).expect("simulator records read as Zoom payloads")
}

/// Every row a full sync of `truth` writes, built with the connector's resource builders.
pub fn rows(truth: &GroundTruth) -> Batch {
    let mut batch = Batch {
        resource_types: connector::kinds::resource_types(),
        ..Batch::default()
    };
    for u in &truth.users {
        let zoom_user: zoom_api::User = zoom(u, json!({}));
        batch.resources.extend(user::resource(&zoom_user));
        batch.grants.push(role::member_grant(&u.role_id, &u.id));
        if let Some(license) = License::of(zoom_user.user_type) {
            batch.grants.push(license.grant(&u.id));
        }
    }
    for pending in &truth.pending_users {
        let zoom_user: zoom_api::User = zoom(pending, json!({"status": "pending"}));
        batch.resources.push(invite::resource(&zoom_user));
    }
    for g in &truth.groups {
        let resource = group::resource(&zoom(g, json!({})));
        batch.entitlements.extend(group::entitlements(&resource));
        batch.resources.push(resource);
        for member in &g.member_ids {
            batch.grants.push(group::member_grant(&g.id, member));
        }
        for admin in &g.admin_ids {
            batch.grants.push(group::admin_grant(&g.id, admin));
        }
    }
    for r in &truth.roles {
        let resource = role::resource(&zoom(r, json!({})), Some(&r.privileges));
        batch.entitlements.push(role::entitlement(&resource));
        batch.resources.push(resource);
    }
    for c in &truth.contact_groups {
        let resource = contact_group::resource(&zoom(c, json!({})));
        batch
            .entitlements
            .push(contact_group::entitlement(&resource));
        batch.resources.push(resource);
        for member in &c.members {
            match member.member_type {
                ContactMemberType::User => batch
                    .grants
                    .push(contact_group::user_member_grant(&c.id, &member.id)),
                ContactMemberType::Group if !c.dangling_group_ids.contains(&member.id) => batch
                    .grants
                    .push(contact_group::group_member_grant(&c.id, &member.id)),
                ContactMemberType::Group => {}
            }
        }
    }
    for license in License::ALL {
        batch.entitlements.push(license.entitlement());
        batch.resources.push(license.resource());
    }
    batch
}
