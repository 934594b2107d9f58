//! The `role` resource kind: Zoom roles, each with a `member` permission grantable to
//! users. Every user holds exactly one role (`role_id` on the user row), so role grants
//! come from the user rows: one per user.

mod provision;

use c1z::{Annotated, Entitlement, Grant, Resource, ResourceId, ResourceType, RoleTrait, Trait};
use serde_json::Value;
use zoom_api::Role;

use super::{profile, user};
use crate::ids;

/// The `role` resource type.
pub fn resource_type() -> ResourceType {
    ResourceType::new(ids::ROLE, "Role", &[Trait::Role])
}

/// The resource id of the role with Zoom id `role_id`.
pub fn resource_id(role_id: &str) -> ResourceId {
    ResourceId::new(ids::ROLE, role_id)
}

/// The resource of a role row, with a role trait whose profile carries name, id, type and
/// description.
pub fn resource(role: &Role) -> Resource {
    let profile = profile([
        ("role_name", Some(Value::from(role.name.clone()))),
        ("role_id", Some(Value::from(role.id.clone()))),
        ("type", role.role_type.clone().map(Value::from)),
        ("description", role.description.clone().map(Value::from)),
    ]);
    Resource::new(resource_id(&role.id), role.name.clone())
        .annotate(&RoleTrait::with_profile(profile))
}

/// The `member` permission of a role resource, named as the Go connector names it.
pub fn entitlement(role: &Resource) -> Entitlement {
    Entitlement::permission(role, ids::MEMBER)
        .with_display_name(format!("{} role member", role.display_name))
        .with_description(format!("Role {} in zoom", role.display_name))
        .with_grantable_to(&[&user::resource_type()])
}

/// The grant of role `role_id` to user `user_id`.
pub fn member_grant(role_id: &str, user_id: &str) -> Grant {
    Grant::new(
        &resource_id(role_id),
        ids::MEMBER,
        user::resource_id(user_id),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use c1z::{Purpose, json_from_struct};

    #[test]
    fn role_has_a_member_permission() {
        let role: Role = serde_json::from_str(
            r#"{"id":"1","name":"Admin","description":"Admins","type":"common","total_members":4}"#,
        )
        .expect("valid row");
        let resource = resource(&role);
        assert_eq!(resource.id, Some(ResourceId::new("role", "1")));
        let t: RoleTrait = resource.annotation().expect("decodes").expect("present");
        let p = json_from_struct(t.profile.as_ref().expect("profile set"));
        assert_eq!(p["role_name"], "Admin");
        assert_eq!(p["role_id"], "1");
        let ent = entitlement(&resource);
        assert_eq!(ent.id, "role:1:member");
        assert_eq!(ent.display_name, "Admin role member");
        assert_eq!(ent.description, "Role Admin in zoom");
        assert_eq!(ent.purpose, Purpose::Permission as i32);
        assert_eq!(member_grant("1", "u1").id, "role:1:member:user:u1");
    }
}
