//! The id formats baton-sdk's helpers build; they are the contract between syncs, the
//! `baton` CLI and provisioning requests, so they never change shape.

use crate::model::ResourceId;

/// `<resource_type>:<resource>:<slug>`, the SDK's entitlement id (no escaping).
pub fn entitlement_id(resource: &ResourceId, slug: &str) -> String {
    format!("{}:{}:{slug}", resource.resource_type, resource.resource)
}

/// `<entitlement id>:<principal type>:<principal id>`, the SDK's grant id.
pub fn grant_id(entitlement_id: &str, principal: &ResourceId) -> String {
    format!(
        "{entitlement_id}:{}:{}",
        principal.resource_type, principal.resource
    )
}

/// `<resource_type>:<resource>`, the `external_id` column of `v1_resources`.
pub fn resource_external_id(resource: &ResourceId) -> String {
    format!("{}:{}", resource.resource_type, resource.resource)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_sdk_formats() {
        let group = ResourceId::new("group", "g1");
        let user = ResourceId::new("user", "u:2");
        let ent = entitlement_id(&group, "member");
        assert_eq!(ent, "group:g1:member");
        assert_eq!(grant_id(&ent, &user), "group:g1:member:user:u:2");
        assert_eq!(resource_external_id(&user), "user:u:2");
    }
}
