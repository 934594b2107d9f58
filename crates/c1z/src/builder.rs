//! Typed constructors that build messages the way baton-sdk's helpers do, so callers never
//! assemble ids or trait annotations by hand.

use prost_types::{Struct, Timestamp};

use crate::ids;
use crate::model::{
    AccountType, CreationSource, Entitlement, Grant, GroupTrait, Purpose, Resource, ResourceId,
    ResourceType, RoleTrait, Trait, UserEmail, UserStatus, UserStatusKind, UserTrait,
};

impl ResourceType {
    /// A resource type with its traits, e.g. `ResourceType::new("user", "User", &[Trait::User])`.
    pub fn new(id: impl Into<String>, display_name: impl Into<String>, traits: &[Trait]) -> Self {
        ResourceType {
            id: id.into(),
            display_name: display_name.into(),
            traits: traits.iter().map(|t| *t as i32).collect(),
            ..ResourceType::default()
        }
    }

    /// Sets the description.
    #[must_use]
    pub fn with_description(mut self, description: impl Into<String>) -> Self {
        self.description = description.into();
        self
    }

    /// A copy carrying only the id, the form the SDK stores in `grantable_to`.
    pub fn reference(&self) -> ResourceType {
        ResourceType {
            id: self.id.clone(),
            ..ResourceType::default()
        }
    }
}

impl ResourceId {
    /// The id of object `resource` of type `resource_type`.
    pub fn new(resource_type: impl Into<String>, resource: impl Into<String>) -> Self {
        ResourceId {
            resource_type: resource_type.into(),
            resource: resource.into(),
            baton_resource: false,
        }
    }
}

impl Resource {
    /// A listed resource; `creation_source` is set to `CONNECTOR_LIST_RESOURCES` as the
    /// v0.3.12 syncer does for every listed resource. Add its trait with
    /// [`crate::Annotated::annotate`].
    pub fn new(id: ResourceId, display_name: impl Into<String>) -> Self {
        Resource {
            id: Some(id),
            display_name: display_name.into(),
            creation_source: CreationSource::ConnectorListResources as i32,
            ..Resource::default()
        }
    }

    /// Sets the parent resource, for types listed under another resource.
    #[must_use]
    pub fn with_parent(mut self, parent: ResourceId) -> Self {
        self.parent_resource_id = Some(parent);
        self
    }

    /// Sets the description.
    #[must_use]
    pub fn with_description(mut self, description: impl Into<String>) -> Self {
        self.description = description.into();
        self
    }

    /// A copy carrying only the id, the form the SDK stores as a grant's principal.
    pub fn reference(id: ResourceId) -> Resource {
        Resource {
            id: Some(id),
            ..Resource::default()
        }
    }
}

impl UserTrait {
    /// A user trait with the SDK's `NewUserTrait` defaults: status ENABLED, account HUMAN.
    pub fn new() -> Self {
        UserTrait {
            status: Some(UserStatus {
                status: UserStatusKind::Enabled as i32,
                details: String::new(),
            }),
            account_type: AccountType::Human as i32,
            ..UserTrait::default()
        }
    }

    /// Adds an email address.
    #[must_use]
    pub fn with_email(mut self, address: impl Into<String>, is_primary: bool) -> Self {
        self.emails.push(UserEmail {
            address: address.into(),
            is_primary,
        });
        self
    }

    /// Sets the account status and its source-specific detail.
    #[must_use]
    pub fn with_status(mut self, status: UserStatusKind, details: impl Into<String>) -> Self {
        self.status = Some(UserStatus {
            status: status as i32,
            details: details.into(),
        });
        self
    }

    /// Sets the account type.
    #[must_use]
    pub fn with_account_type(mut self, account_type: AccountType) -> Self {
        self.account_type = account_type as i32;
        self
    }

    /// Sets the sign-in name.
    #[must_use]
    pub fn with_login(mut self, login: impl Into<String>) -> Self {
        self.login = login.into();
        self
    }

    /// Sets the profile (see [`crate::struct_from_json`]).
    #[must_use]
    pub fn with_profile(mut self, profile: Struct) -> Self {
        self.profile = Some(profile);
        self
    }

    /// Sets the creation time.
    #[must_use]
    pub fn with_created_at(mut self, created_at: Timestamp) -> Self {
        self.created_at = Some(created_at);
        self
    }

    /// Sets the last sign-in time.
    #[must_use]
    pub fn with_last_login(mut self, last_login: Timestamp) -> Self {
        self.last_login = Some(last_login);
        self
    }

    /// Adds an employee number.
    #[must_use]
    pub fn with_employee_id(mut self, employee_id: impl Into<String>) -> Self {
        self.employee_ids.push(employee_id.into());
        self
    }
}

impl GroupTrait {
    /// A group trait with the given profile.
    pub fn with_profile(profile: Struct) -> Self {
        GroupTrait {
            icon: None,
            profile: Some(profile),
        }
    }
}

impl RoleTrait {
    /// A role trait with the given profile.
    pub fn with_profile(profile: Struct) -> Self {
        RoleTrait {
            profile: Some(profile),
        }
    }
}

impl Entitlement {
    /// The SDK's `NewAssignmentEntitlement`: membership-like access to `resource`.
    pub fn assignment(resource: &Resource, slug: &str) -> Self {
        Self::with_purpose(resource, slug, Purpose::Assignment)
    }

    /// The SDK's `NewPermissionEntitlement`: a permission on `resource`.
    pub fn permission(resource: &Resource, slug: &str) -> Self {
        Self::with_purpose(resource, slug, Purpose::Permission)
    }

    /// Id `<type>:<id>:<slug>`, display name and slug both `slug`, the full resource
    /// embedded, as the SDK helpers build it.
    fn with_purpose(resource: &Resource, slug: &str, purpose: Purpose) -> Self {
        let resource_id = resource.id.clone().unwrap_or_default();
        Entitlement {
            resource: Some(resource.clone()),
            id: ids::entitlement_id(&resource_id, slug),
            display_name: slug.to_owned(),
            slug: slug.to_owned(),
            purpose: purpose as i32,
            ..Entitlement::default()
        }
    }

    /// The entitled resource's id, if the entitlement carries it.
    pub fn resource_id(&self) -> Option<&ResourceId> {
        self.resource.as_ref()?.id.as_ref()
    }

    /// Sets the display name.
    #[must_use]
    pub fn with_display_name(mut self, display_name: impl Into<String>) -> Self {
        self.display_name = display_name.into();
        self
    }

    /// Sets the description.
    #[must_use]
    pub fn with_description(mut self, description: impl Into<String>) -> Self {
        self.description = description.into();
        self
    }

    /// Sets the resource types that may receive this entitlement (stored as id-only copies).
    #[must_use]
    pub fn with_grantable_to(mut self, types: &[&ResourceType]) -> Self {
        self.grantable_to = types.iter().map(|t| t.reference()).collect();
        self
    }
}

impl Grant {
    /// The grant of entitlement `slug` on `resource` to `principal`, in the compact form
    /// baton readers need: `entitlement {id, resource {id}}`, `principal {id}`, and id
    /// `<type>:<id>:<slug>:<principal type>:<principal id>`.
    pub fn new(resource: &ResourceId, slug: &str, principal: ResourceId) -> Self {
        let entitlement_id = ids::entitlement_id(resource, slug);
        Grant {
            id: ids::grant_id(&entitlement_id, &principal),
            entitlement: Some(Entitlement {
                id: entitlement_id,
                resource: Some(Resource::reference(resource.clone())),
                ..Entitlement::default()
            }),
            principal: Some(Resource::reference(principal)),
            ..Grant::default()
        }
    }

    /// The entitled resource's id (`entitlement.resource.id`), if the grant carries it.
    pub fn entitled_resource(&self) -> Option<&ResourceId> {
        self.entitlement.as_ref()?.resource.as_ref()?.id.as_ref()
    }

    /// The principal's id, if the grant carries it.
    pub fn principal_id(&self) -> Option<&ResourceId> {
        self.principal.as_ref()?.id.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entitlement_and_grant_follow_the_sdk_helpers() {
        let role = Resource::new(ResourceId::new("role", "r1"), "Admin");
        let user_type = ResourceType::new("user", "User", &[Trait::User]);
        let ent = Entitlement::permission(&role, "member").with_grantable_to(&[&user_type]);
        assert_eq!(ent.id, "role:r1:member");
        assert_eq!(
            (ent.display_name.as_str(), ent.slug.as_str()),
            ("member", "member")
        );
        assert_eq!(ent.purpose, Purpose::Permission as i32);
        assert_eq!(ent.resource.as_ref(), Some(&role));
        assert_eq!(
            ent.grantable_to,
            [ResourceType {
                id: "user".into(),
                ..ResourceType::default()
            }]
        );

        let grant = Grant::new(
            &ResourceId::new("role", "r1"),
            "member",
            ResourceId::new("user", "u1"),
        );
        let entitlement = grant
            .entitlement
            .as_ref()
            .expect("grant carries its entitlement");
        assert_eq!(entitlement.id, "role:r1:member");
        assert_eq!(
            grant.entitled_resource(),
            Some(&ResourceId::new("role", "r1"))
        );
        assert_eq!(entitlement.display_name, "");
        assert_eq!(grant.principal_id(), Some(&ResourceId::new("user", "u1")));
        assert_eq!(
            grant.principal.as_ref().map(|p| p.display_name.as_str()),
            Some("")
        );
    }
}
