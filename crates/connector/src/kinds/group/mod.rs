//! The `group` resource kind: Zoom user groups, with a `member` and an `admin` entitlement
//! (both assignments, grantable to users).
//!
//! Member grants come from the `group_ids` of user rows; admin grants from each group's
//! admin listing, whose rows Zoom identifies by email only (mapped to user ids by the sync).

mod provision;

use c1z::{Annotated, Entitlement, Grant, GroupTrait, Resource, ResourceId, ResourceType, Trait};
use serde_json::Value;
use zoom_api::Group;

use super::{profile, user};
use crate::ids;

/// The `group` resource type.
pub fn resource_type() -> ResourceType {
    ResourceType::new(ids::GROUP, "Group", &[Trait::Group])
}

/// The resource id of the group with Zoom id `group_id`.
pub fn resource_id(group_id: &str) -> ResourceId {
    ResourceId::new(ids::GROUP, group_id)
}

/// The resource of a group row, with a group trait whose profile carries the name, id and
/// member count.
pub fn resource(group: &Group) -> Resource {
    let profile = profile([
        ("group_name", Some(Value::from(group.name.clone()))),
        ("group_id", Some(Value::from(group.id.clone()))),
        ("total_members", group.total_members.map(Value::from)),
    ]);
    Resource::new(resource_id(&group.id), group.name.clone())
        .annotate(&GroupTrait::with_profile(profile))
}

/// The `member` and `admin` entitlements of a group resource, named as the Go connector
/// names them ("Sales group member", "Zoom Sales group").
pub fn entitlements(group: &Resource) -> [Entitlement; 2] {
    [ids::MEMBER, ids::ADMIN].map(|slug| {
        Entitlement::assignment(group, slug)
            .with_display_name(format!("{} group {slug}", group.display_name))
            .with_description(format!("Zoom {} group", group.display_name))
            .with_grantable_to(&[&user::resource_type()])
    })
}

/// The grant of membership in group `group_id` to user `user_id`.
pub fn member_grant(group_id: &str, user_id: &str) -> Grant {
    Grant::new(
        &resource_id(group_id),
        ids::MEMBER,
        user::resource_id(user_id),
    )
}

/// The grant of administration of group `group_id` to user `user_id`.
pub fn admin_grant(group_id: &str, user_id: &str) -> Grant {
    Grant::new(
        &resource_id(group_id),
        ids::ADMIN,
        user::resource_id(user_id),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use c1z::{Purpose, json_from_struct};

    #[test]
    fn group_has_member_and_admin_assignments_for_users() {
        let group = resource(&Group {
            id: "g1".into(),
            name: "Sales".into(),
            total_members: Some(3),
        });
        assert_eq!(group.display_name, "Sales");
        let t: GroupTrait = group.annotation().expect("decodes").expect("present");
        let p = json_from_struct(t.profile.as_ref().expect("profile set"));
        assert_eq!(
            Value::Object(p),
            serde_json::json!({"group_name": "Sales", "group_id": "g1", "total_members": 3})
        );
        let [member, admin] = entitlements(&group);
        assert_eq!(member.id, "group:g1:member");
        assert_eq!(member.display_name, "Sales group member");
        assert_eq!(member.description, "Zoom Sales group");
        assert_eq!(member.purpose, Purpose::Assignment as i32);
        assert_eq!(member.grantable_to[0].id, "user");
        assert_eq!(admin.id, "group:g1:admin");
        assert_eq!(admin.display_name, "Sales group admin");
        assert_eq!(admin.purpose, Purpose::Assignment as i32);
    }

    #[test]
    fn grants_name_the_user_principal() {
        assert_eq!(member_grant("g1", "u1").id, "group:g1:member:user:u1");
        assert_eq!(admin_grant("g1", "u1").id, "group:g1:admin:user:u1");
    }
}
