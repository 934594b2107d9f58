//! The `contactGroup` resource kind: Zoom contact groups, with a `member` assignment
//! grantable to users and to groups.
//!
//! A contact group lists users (type 1) and whole user groups (type 2). A group member is
//! granted to the `group` principal with a `GrantExpandable` annotation naming that group's
//! `member` entitlement, so baton extends the grant to the group's members. Zoom keeps
//! listing groups that were deleted; the sync drops those (a grant to a missing principal
//! breaks baton's expansion), so [`group_member_grant`] is only called for existing groups.

mod provision;

use c1z::{
    Annotated, Entitlement, Grant, GrantExpandable, GroupTrait, Resource, ResourceId, ResourceType,
    Trait,
};
use serde_json::Value;
use zoom_api::ContactGroup;

use super::{group, profile, user};
use crate::ids;

/// The `contactGroup` resource type.
pub fn resource_type() -> ResourceType {
    ResourceType::new(ids::CONTACT_GROUP, "Contact Group", &[Trait::Group])
}

/// The resource id of the contact group with Zoom id `contact_group_id`.
pub fn resource_id(contact_group_id: &str) -> ResourceId {
    ResourceId::new(ids::CONTACT_GROUP, contact_group_id)
}

/// The resource of a contact-group row, with a group trait whose profile carries the name,
/// id, privacy and description.
pub fn resource(contact_group: &ContactGroup) -> Resource {
    let profile = profile([
        ("group_name", Some(Value::from(contact_group.name.clone()))),
        ("group_id", Some(Value::from(contact_group.id.clone()))),
        ("group_privacy", contact_group.privacy.map(Value::from)),
        (
            "description",
            contact_group.description.clone().map(Value::from),
        ),
    ]);
    Resource::new(resource_id(&contact_group.id), contact_group.name.clone())
        .annotate(&GroupTrait::with_profile(profile))
}

/// The `member` entitlement of a contact-group resource, named as the Go connector names it.
pub fn entitlement(contact_group: &Resource) -> Entitlement {
    Entitlement::assignment(contact_group, ids::MEMBER)
        .with_display_name(format!("{} group member", contact_group.display_name))
        .with_description(format!("Zoom {} group", contact_group.display_name))
        .with_grantable_to(&[&user::resource_type(), &group::resource_type()])
}

/// The grant of membership in contact group `contact_group_id` to user `user_id`.
pub fn user_member_grant(contact_group_id: &str, user_id: &str) -> Grant {
    Grant::new(
        &resource_id(contact_group_id),
        ids::MEMBER,
        user::resource_id(user_id),
    )
}

/// The grant of membership in contact group `contact_group_id` to the user group
/// `group_id`, expandable to that group's members.
pub fn group_member_grant(contact_group_id: &str, group_id: &str) -> Grant {
    let group_member = c1z::ids::entitlement_id(&group::resource_id(group_id), ids::MEMBER);
    Grant::new(
        &resource_id(contact_group_id),
        ids::MEMBER,
        group::resource_id(group_id),
    )
    .annotate(&GrantExpandable {
        entitlement_ids: vec![group_member],
        shallow: false,
        resource_type_ids: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use c1z::Purpose;

    #[test]
    fn contact_group_member_is_grantable_to_users_and_groups() {
        let cg = resource(&ContactGroup {
            id: "dir.x".into(),
            name: "Sales Contacts".into(),
            privacy: Some(2),
            description: Some("Directory".into()),
        });
        assert_eq!(cg.display_name, "Sales Contacts");
        assert!(cg.has_annotation::<GroupTrait>());
        let ent = entitlement(&cg);
        assert_eq!(ent.id, "contactGroup:dir.x:member");
        assert_eq!(ent.display_name, "Sales Contacts group member");
        assert_eq!(ent.description, "Zoom Sales Contacts group");
        assert_eq!(ent.purpose, Purpose::Assignment as i32);
        let grantable: Vec<&str> = ent.grantable_to.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(grantable, ["user", "group"]);
    }

    #[test]
    fn group_member_grant_expands_to_the_group_members() {
        assert_eq!(
            user_member_grant("dir.x", "u1").id,
            "contactGroup:dir.x:member:user:u1"
        );
        assert!(!user_member_grant("dir.x", "u1").has_annotation::<GrantExpandable>());
        let grant = group_member_grant("dir.x", "g1");
        assert_eq!(grant.id, "contactGroup:dir.x:member:group:g1");
        let expandable: GrantExpandable = grant
            .annotation()
            .expect("decodes")
            .expect("group grants are expandable");
        assert_eq!(expandable.entitlement_ids, ["group:g1:member"]);
    }
}
