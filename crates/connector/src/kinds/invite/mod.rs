//! The `invite` resource kind: pending users (invited, not yet activated). Zoom lists them
//! without an id, so the email is the resource id; they hold nothing yet, so the type
//! skips entitlements and grants.

mod provision;

use c1z::{Annotated, Resource, ResourceId, ResourceType, SkipEntitlementsAndGrants, Trait};
use zoom_api::User;

use super::user;
use crate::ids;

/// The `invite` resource type.
pub fn resource_type() -> ResourceType {
    ResourceType::new(ids::INVITE, "Invite", &[Trait::User]).annotate(&SkipEntitlementsAndGrants {})
}

/// The resource id of the invitation sent to `email`.
pub fn resource_id(email: &str) -> ResourceId {
    ResourceId::new(ids::INVITE, email)
}

/// The resource of a pending user row: keyed by email, with a user trait whose status is
/// UNSPECIFIED ("pending" in the details) and a profile of the fields Zoom gives.
pub fn resource(user: &User) -> Resource {
    Resource::new(resource_id(&user.email), user::display_name(user))
        .annotate(&user::user_trait(user))
}

#[cfg(test)]
mod tests {
    use super::*;
    use c1z::{UserStatusKind, UserTrait, json_from_struct};

    #[test]
    fn pending_user_is_an_invite_keyed_by_email() {
        let row: User = serde_json::from_str(
            r#"{"email":"new@example.com","first_name":"New","last_name":"Hire","type":2,
                "status":"pending","role_id":"2","user_created_at":"2024-05-01T00:00:00Z"}"#,
        )
        .expect("valid row");
        let invite = resource(&row);
        assert_eq!(
            invite.id,
            Some(ResourceId::new("invite", "new@example.com"))
        );
        assert_eq!(invite.display_name, "New Hire");
        let t: UserTrait = invite
            .annotation()
            .expect("decodes")
            .expect("invites carry a user trait");
        assert_eq!(
            t.status.as_ref().map(|s| (s.status, s.details.as_str())),
            Some((UserStatusKind::Unspecified as i32, "pending"))
        );
        assert_eq!(t.emails[0].address, "new@example.com");
        let p = json_from_struct(t.profile.as_ref().expect("profile is set"));
        assert_eq!(p["type"], 2);
        assert!(!p.contains_key("user_id"));
        assert!(resource_type().has_annotation::<SkipEntitlementsAndGrants>());
    }
}
