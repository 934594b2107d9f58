//! The `role` resource kind: Zoom roles, each with a `member` permission grantable to
//! users. Every user holds exactly one role (`role_id` on the user row), so role grants
//! come from the user rows: one per user.
//!
//! A role resource says what the role allows, read from `GET /roles/{roleId}`:
//!
//! - its role trait's profile has the key `privileges`, a list of strings: Zoom's privileges
//!   as Zoom lists them, in `Area:Action` notation (`User:Read`, `User:Edit`, `Group:Edit`,
//!   `AccountSetting:Edit`, `Recording:Read`, ...); an empty list for a role that allows
//!   nothing (Member);
//! - its description is Zoom's description of the role, then (on a line of its own when
//!   there is one) `Privileges: ` and the privileges joined by `, `, or `Privileges: none`.
//!
//! When the sync could not read them (the app lacks the role-detail scope), the profile has
//! no `privileges` key and the description is Zoom's alone: an absent key means "not
//! known", an empty list "none".
//!
//! The other profile keys are `role_name`, `role_id`, `type` and `description` (Zoom's).

mod provision;

use c1z::{Annotated, Entitlement, Grant, Resource, ResourceId, ResourceType, RoleTrait, Trait};
use prost_types::value::Kind;
use serde_json::Value;
use zoom_api::Role;

use super::{profile, user};
use crate::ids;

/// The role trait's profile key holding the role's privileges.
pub const PRIVILEGES: &str = "privileges";

/// The `role` resource type.
pub fn resource_type() -> ResourceType {
    ResourceType::new(ids::ROLE, "Role", &[Trait::Role])
}

/// The resource id of the role with Zoom id `role_id`.
pub fn resource_id(role_id: &str) -> ResourceId {
    ResourceId::new(ids::ROLE, role_id)
}

/// The resource of a role row, with a role trait whose profile carries name, id, type and
/// description, and the role's `privileges` when they were read (see the module docs).
pub fn resource(role: &Role, privileges: Option<&[String]>) -> Resource {
    let profile = profile([
        ("role_name", Some(Value::from(role.name.clone()))),
        ("role_id", Some(Value::from(role.id.clone()))),
        ("type", role.role_type.clone().map(Value::from)),
        ("description", role.description.clone().map(Value::from)),
        (PRIVILEGES, privileges.map(Value::from)),
    ]);
    Resource::new(resource_id(&role.id), role.name.clone())
        .with_description(description(role.description.as_deref(), privileges))
        .annotate(&RoleTrait::with_profile(profile))
}

/// The privileges a synced role resource carries (its role trait's `privileges`), for
/// readers of a sync file; `None` when the sync could not read them, or the resource is
/// no role.
pub fn privileges(resource: &Resource) -> Option<Vec<String>> {
    let role: RoleTrait = resource.annotation().ok().flatten()?;
    let list = role.profile?.fields.remove(PRIVILEGES)?;
    match list.kind? {
        Kind::ListValue(list) => list
            .values
            .into_iter()
            .map(|v| match v.kind {
                Some(Kind::StringValue(s)) => Some(s),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// Zoom's description of a role followed by its privileges, when they were read.
fn description(zoom: Option<&str>, privileges: Option<&[String]>) -> String {
    let zoom = zoom.map(str::trim).unwrap_or_default();
    let Some(privileges) = privileges else {
        return zoom.to_owned();
    };
    let list = if privileges.is_empty() {
        "none".to_owned()
    } else {
        privileges.join(", ")
    };
    match zoom {
        "" => format!("Privileges: {list}"),
        zoom => format!("{zoom}\nPrivileges: {list}"),
    }
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
        let resource = resource(&role, None);
        assert_eq!(resource.id, Some(ResourceId::new("role", "1")));
        assert_eq!(resource.description, "Admins");
        let t: RoleTrait = resource.annotation().expect("decodes").expect("present");
        let p = json_from_struct(t.profile.as_ref().expect("profile set"));
        assert_eq!(p["role_name"], "Admin");
        assert_eq!(p["role_id"], "1");
        assert!(!p.contains_key("privileges"), "not read: no key");
        let ent = entitlement(&resource);
        assert_eq!(ent.id, "role:1:member");
        assert_eq!(ent.display_name, "Admin role member");
        assert_eq!(ent.description, "Role Admin in zoom");
        assert_eq!(ent.purpose, Purpose::Permission as i32);
        assert_eq!(member_grant("1", "u1").id, "role:1:member:user:u1");
    }

    #[test]
    fn privileges_go_into_the_profile_and_the_description() {
        let role: Role = serde_json::from_str(
            r#"{"id":"h1","name":"Help Desk","description":"Front line.","type":"common"}"#,
        )
        .expect("valid row");
        let privileges = ["User:Read".to_owned(), "User:Edit".to_owned()];
        let resource = resource(&role, Some(&privileges));
        assert_eq!(
            resource.description,
            "Front line.\nPrivileges: User:Read, User:Edit"
        );
        let t: RoleTrait = resource.annotation().expect("decodes").expect("present");
        let p = json_from_struct(t.profile.as_ref().expect("profile set"));
        assert_eq!(
            p["privileges"],
            serde_json::json!(["User:Read", "User:Edit"])
        );
        assert_eq!(p["description"], "Front line.");
        assert_eq!(super::privileges(&resource), Some(privileges.to_vec()));
        // A role that allows nothing says so; one without a description shows the list alone.
        let member: Role =
            serde_json::from_str(r#"{"id":"2","name":"Member"}"#).expect("valid row");
        let resource = super::resource(&member, Some(&[]));
        assert_eq!(resource.description, "Privileges: none");
        let t: RoleTrait = resource.annotation().expect("decodes").expect("present");
        let p = json_from_struct(t.profile.as_ref().expect("profile set"));
        assert_eq!(p["privileges"], serde_json::json!([]));
        assert_eq!(super::privileges(&resource), Some(vec![]));
        assert_eq!(super::privileges(&super::resource(&member, None)), None);
    }
}
